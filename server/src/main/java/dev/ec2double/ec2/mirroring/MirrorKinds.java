package dev.ec2double.ec2.mirroring;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorFilter;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorFilterRule;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorPortRange;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorSession;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorTarget;

/**
 * The four traffic mirroring kinds, with the filters their Describe calls list
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTrafficMirrorFilters.html and
 * its siblings). A filter in use by a session, or a target in use, cannot be deleted.
 */
final class MirrorKinds {
  private MirrorKinds() {}

  static final ResourceKind<MirrorStore.Filter, TrafficMirrorFilter> FILTERS =
      ResourceKind.<MirrorStore.Filter, TrafficMirrorFilter>of("tmf", "traffic-mirror-filter")
          .errors("InvalidTrafficMirrorFilterId.NotFound", "traffic mirror filter", null)
          .storedIn(MirrorStore::of, s -> s.filters)
          .id(f -> f.id)
          .view(MirrorKinds::filter, TrafficMirrorFilter::tags)
          .filter("description", TrafficMirrorFilter::description)
          .filter("traffic-mirror-filter-id", TrafficMirrorFilter::trafficMirrorFilterId)
          .inUseWhen((state, f) -> usedBySession(state, s -> s.filterId, f.id))
          .build();

  static final ResourceKind<MirrorStore.Rule, TrafficMirrorFilterRule> RULES =
      ResourceKind.<MirrorStore.Rule, TrafficMirrorFilterRule>of(
              "tmfr", "traffic-mirror-filter-rule")
          .errors("InvalidTrafficMirrorFilterRuleId.NotFound", "traffic mirror filter rule", null)
          .storedIn(MirrorStore::of, s -> s.rules)
          .id(r -> r.id)
          .view(MirrorKinds::rule, TrafficMirrorFilterRule::tags)
          .filter(
              "traffic-mirror-filter-rule-id", TrafficMirrorFilterRule::trafficMirrorFilterRuleId)
          .filter("traffic-mirror-filter-id", TrafficMirrorFilterRule::trafficMirrorFilterId)
          .filter("rule-number", TrafficMirrorFilterRule::ruleNumber)
          .filter("rule-action", TrafficMirrorFilterRule::ruleActionAsString)
          .filter("traffic-direction", TrafficMirrorFilterRule::trafficDirectionAsString)
          .filter("protocol", TrafficMirrorFilterRule::protocol)
          .filter("source-port-range", r -> range(r.sourcePortRange()))
          .filter("destination-port-range", r -> range(r.destinationPortRange()))
          .filter("source-cidr-block", TrafficMirrorFilterRule::sourceCidrBlock)
          .filter("destination-cidr-block", TrafficMirrorFilterRule::destinationCidrBlock)
          .filter("description", TrafficMirrorFilterRule::description)
          .build();

  static final ResourceKind<MirrorStore.Target, TrafficMirrorTarget> TARGETS =
      ResourceKind.<MirrorStore.Target, TrafficMirrorTarget>of("tmt", "traffic-mirror-target")
          .errors("InvalidTrafficMirrorTargetId.NotFound", "traffic mirror target", null)
          .storedIn(MirrorStore::of, s -> s.targets)
          .id(t -> t.id)
          .view(MirrorKinds::target, TrafficMirrorTarget::tags)
          .filter("description", TrafficMirrorTarget::description)
          .filter("network-interface-id", TrafficMirrorTarget::networkInterfaceId)
          .filter("network-load-balancer-arn", TrafficMirrorTarget::networkLoadBalancerArn)
          .filter("owner-id", TrafficMirrorTarget::ownerId)
          .filter("traffic-mirror-target-id", TrafficMirrorTarget::trafficMirrorTargetId)
          .inUseWhen((state, t) -> usedBySession(state, s -> s.targetId, t.id))
          .build();

  static final ResourceKind<MirrorStore.Session, TrafficMirrorSession> SESSIONS =
      ResourceKind.<MirrorStore.Session, TrafficMirrorSession>of("tms", "traffic-mirror-session")
          .errors("InvalidTrafficMirrorSessionId.NotFound", "traffic mirror session", null)
          .storedIn(MirrorStore::of, s -> s.sessions)
          .id(s -> s.id)
          .view(MirrorKinds::session, TrafficMirrorSession::tags)
          .filter("description", TrafficMirrorSession::description)
          .filter("network-interface-id", TrafficMirrorSession::networkInterfaceId)
          .filter("owner-id", TrafficMirrorSession::ownerId)
          .filter("packet-length", TrafficMirrorSession::packetLength)
          .filter("session-number", TrafficMirrorSession::sessionNumber)
          .filter("traffic-mirror-filter-id", TrafficMirrorSession::trafficMirrorFilterId)
          .filter("traffic-mirror-session-id", TrafficMirrorSession::trafficMirrorSessionId)
          .filter("traffic-mirror-target-id", TrafficMirrorSession::trafficMirrorTargetId)
          .filter("virtual-network-id", TrafficMirrorSession::virtualNetworkId)
          .build();

  /** Whether a session names this filter or target. */
  private static boolean usedBySession(
      dev.ec2double.core.RegionState state,
      java.util.function.Function<MirrorStore.Session, String> field,
      String id) {
    return MirrorStore.of(state).sessions.values().stream()
        .anyMatch(s -> id.equals(field.apply(s)));
  }

  private static String range(TrafficMirrorPortRange r) {
    return r == null ? null : r.fromPort() + "-" + r.toPort();
  }

  private static TrafficMirrorPortRange ports(int[] r) {
    return r == null ? null : TrafficMirrorPortRange.builder().fromPort(r[0]).toPort(r[1]).build();
  }

  private static TrafficMirrorFilter filter(RequestContext ctx, MirrorStore.Filter f) {
    List<TrafficMirrorFilterRule> rules =
        MirrorStore.of(ctx.state()).rules.values().stream()
            .filter(r -> r.filterId.equals(f.id))
            .sorted(Comparator.comparingInt(r -> r.number))
            .map(r -> rule(ctx, r))
            .toList();
    return TrafficMirrorFilter.builder()
        .trafficMirrorFilterId(f.id)
        .description(f.description)
        .ingressFilterRules(
            rules.stream().filter(r -> r.trafficDirectionAsString().equals("ingress")).toList())
        .egressFilterRules(
            rules.stream().filter(r -> r.trafficDirectionAsString().equals("egress")).toList())
        .networkServicesWithStrings(List.copyOf(f.networkServices))
        .tags(ctx.tags().sdkTags(f.id))
        .build();
  }

  static TrafficMirrorFilterRule rule(RequestContext ctx, MirrorStore.Rule r) {
    return TrafficMirrorFilterRule.builder()
        .trafficMirrorFilterRuleId(r.id)
        .trafficMirrorFilterId(r.filterId)
        .trafficDirection(r.direction)
        .ruleNumber(r.number)
        .ruleAction(r.action)
        .protocol(r.protocol)
        .destinationPortRange(ports(r.destinationPorts))
        .sourcePortRange(ports(r.sourcePorts))
        .destinationCidrBlock(r.destinationCidr)
        .sourceCidrBlock(r.sourceCidr)
        .description(r.description)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  private static TrafficMirrorTarget target(RequestContext ctx, MirrorStore.Target t) {
    return TrafficMirrorTarget.builder()
        .trafficMirrorTargetId(t.id)
        .type(t.type)
        .networkInterfaceId(t.networkInterfaceId)
        .networkLoadBalancerArn(t.networkLoadBalancerArn)
        .gatewayLoadBalancerEndpointId(t.gatewayLoadBalancerEndpointId)
        .description(t.description)
        .ownerId(ctx.account())
        .tags(ctx.tags().sdkTags(t.id))
        .build();
  }

  static TrafficMirrorSession session(RequestContext ctx, MirrorStore.Session s) {
    return TrafficMirrorSession.builder()
        .trafficMirrorSessionId(s.id)
        .trafficMirrorTargetId(s.targetId)
        .trafficMirrorFilterId(s.filterId)
        .networkInterfaceId(s.networkInterfaceId)
        .ownerId(ctx.account())
        .packetLength(s.packetLength)
        .sessionNumber(s.sessionNumber)
        .virtualNetworkId(s.virtualNetworkId)
        .description(s.description)
        .tags(ctx.tags().sdkTags(s.id))
        .build();
  }
}
