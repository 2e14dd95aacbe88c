package dev.ec2double.ec2.mirroring;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorFilterRequest;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorFilterResponse;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorFilterRuleRequest;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorFilterRuleResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorFilterRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorFilterResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorFilterRuleRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorFilterRuleResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorFilterRulesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorFilterRulesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorFiltersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorFiltersResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorFilterNetworkServicesRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorFilterNetworkServicesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorFilterRuleRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorFilterRuleResponse;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorPortRangeRequest;

/**
 * Traffic mirror filters and their rules (records: no packet is mirrored). A rule has a direction
 * ({@code ingress}, {@code egress}), a number from 1 to 32766 unique in its filter and direction,
 * an action ({@code accept}, {@code reject}), source and destination CIDR blocks of one family, and
 * optionally a protocol (0-255) with port ranges (TCP and UDP only). A filter may also mirror the
 * network service {@code amazon-dns}. A filter a session uses cannot be deleted.
 */
public final class TrafficMirrorFiltersService {
  public TrafficMirrorFiltersService(Resources resources) {
    MirrorKinds.FILTERS.registerTaggable(resources);
    MirrorKinds.RULES.registerTaggable(resources);
    MirrorKinds.TARGETS.registerTaggable(resources);
    MirrorKinds.SESSIONS.registerTaggable(resources);
  }

  public CreateTrafficMirrorFilterResponse createTrafficMirrorFilter(
      RequestContext ctx, CreateTrafficMirrorFilterRequest req) {
    var tags = MirrorKinds.FILTERS.tags(req.tagSpecifications());
    var f =
        MirrorKinds.FILTERS.create(ctx, tags, id -> new MirrorStore.Filter(id, req.description()));
    return CreateTrafficMirrorFilterResponse.builder()
        .trafficMirrorFilter(MirrorKinds.FILTERS.view(ctx, f))
        .clientToken(req.clientToken())
        .build();
  }

  public DescribeTrafficMirrorFiltersResponse describeTrafficMirrorFilters(
      RequestContext ctx, DescribeTrafficMirrorFiltersRequest req) {
    var page =
        MirrorKinds.FILTERS.describe(
            ctx, req.trafficMirrorFilterIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeTrafficMirrorFiltersResponse.builder()
        .trafficMirrorFilters(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The filter goes with its rules, unless a session uses it ({@code DependencyViolation}). */
  public DeleteTrafficMirrorFilterResponse deleteTrafficMirrorFilter(
      RequestContext ctx, DeleteTrafficMirrorFilterRequest req) {
    if (req.trafficMirrorFilterId() == null) {
      throw AwsException.missingParameter("TrafficMirrorFilterId");
    }
    MirrorKinds.FILTERS.delete(ctx, req.trafficMirrorFilterId());
    for (MirrorStore.Rule r : MirrorKinds.RULES.all(ctx.state())) {
      if (r.filterId.equals(req.trafficMirrorFilterId())) {
        MirrorKinds.RULES.remove(ctx, r.id);
      }
    }
    return DeleteTrafficMirrorFilterResponse.builder()
        .trafficMirrorFilterId(req.trafficMirrorFilterId())
        .build();
  }

  public ModifyTrafficMirrorFilterNetworkServicesResponse modifyTrafficMirrorFilterNetworkServices(
      RequestContext ctx, ModifyTrafficMirrorFilterNetworkServicesRequest req) {
    if (req.trafficMirrorFilterId() == null) {
      throw AwsException.missingParameter("TrafficMirrorFilterId");
    }
    for (String s :
        concat(req.addNetworkServicesAsStrings(), req.removeNetworkServicesAsStrings())) {
      if (!s.equals("amazon-dns")) {
        throw AwsException.invalidParameterValue(
            "Invalid value '" + s + "' for NetworkService: amazon-dns is the only one");
      }
    }
    var f =
        MirrorKinds.FILTERS.modify(
            ctx,
            req.trafficMirrorFilterId(),
            x -> {
              x.networkServices.addAll(req.addNetworkServicesAsStrings());
              req.removeNetworkServicesAsStrings().forEach(x.networkServices::remove);
              return x;
            });
    return ModifyTrafficMirrorFilterNetworkServicesResponse.builder()
        .trafficMirrorFilter(MirrorKinds.FILTERS.view(ctx, f))
        .build();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  public CreateTrafficMirrorFilterRuleResponse createTrafficMirrorFilterRule(
      RequestContext ctx, CreateTrafficMirrorFilterRuleRequest req) {
    var tags = MirrorKinds.RULES.tags(req.tagSpecifications());
    if (req.trafficMirrorFilterId() == null) {
      throw AwsException.missingParameter("TrafficMirrorFilterId");
    }
    require(req.trafficDirectionAsString(), "TrafficDirection");
    require(req.ruleNumber(), "RuleNumber");
    require(req.ruleActionAsString(), "RuleAction");
    require(req.destinationCidrBlock(), "DestinationCidrBlock");
    require(req.sourceCidrBlock(), "SourceCidrBlock");
    MirrorStore.Rule made =
        MirrorKinds.RULES.create(
            ctx,
            tags,
            id -> {
              MirrorKinds.FILTERS.get(ctx.state(), req.trafficMirrorFilterId());
              MirrorStore.Rule r = new MirrorStore.Rule(id, req.trafficMirrorFilterId());
              r.direction = req.trafficDirectionAsString();
              r.number = req.ruleNumber();
              r.action = req.ruleActionAsString();
              r.protocol = req.protocol();
              r.destinationPorts = ports(req.destinationPortRange(), "DestinationPortRange");
              r.sourcePorts = ports(req.sourcePortRange(), "SourcePortRange");
              r.destinationCidr = req.destinationCidrBlock();
              r.sourceCidr = req.sourceCidrBlock();
              r.description = req.description();
              check(ctx, r);
              return r;
            });
    return CreateTrafficMirrorFilterRuleResponse.builder()
        .trafficMirrorFilterRule(MirrorKinds.RULES.view(ctx, made))
        .clientToken(req.clientToken())
        .build();
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw AwsException.missingParameter(name);
    }
  }

  private static int[] ports(TrafficMirrorPortRangeRequest r, String name) {
    if (r == null || (r.fromPort() == null && r.toPort() == null)) {
      return null;
    }
    int from = r.fromPort() == null ? r.toPort() : r.fromPort();
    int to = r.toPort() == null ? from : r.toPort();
    if (from < 0 || to > 65535 || from > to) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + from + "-" + to + "' for " + name + ": ports 0 to 65535, from <= to");
    }
    return new int[] {from, to};
  }

  /** The rule as a whole: its values, and its number free in its filter and direction. */
  private static void check(RequestContext ctx, MirrorStore.Rule r) {
    if (!r.direction.equals("ingress") && !r.direction.equals("egress")) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + r.direction + "' for TrafficDirection: ingress or egress");
    }
    if (!r.action.equals("accept") && !r.action.equals("reject")) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + r.action + "' for RuleAction: accept or reject");
    }
    if (r.number < 1 || r.number > 32766) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + r.number + "' for RuleNumber: 1 to 32766");
    }
    if (r.protocol != null && (r.protocol < 0 || r.protocol > 255)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + r.protocol + "' for Protocol: 0 to 255");
    }
    boolean tcpOrUdp = r.protocol != null && (r.protocol == 6 || r.protocol == 17);
    if (!tcpOrUdp && (r.sourcePorts != null || r.destinationPorts != null)) {
      throw AwsException.invalidParameterValue("Port ranges are for TCP (6) and UDP (17) only");
    }
    boolean v6 = family(r.destinationCidr, "DestinationCidrBlock");
    if (v6 != family(r.sourceCidr, "SourceCidrBlock")) {
      throw AwsException.invalidParameterValue(
          "SourceCidrBlock and DestinationCidrBlock must be of one address family");
    }
    for (MirrorStore.Rule o : MirrorStore.of(ctx.state()).rules.values()) {
      if (!o.id.equals(r.id)
          && o.filterId.equals(r.filterId)
          && o.direction.equals(r.direction)
          && o.number == r.number) {
        throw AwsException.invalidParameterValue(
            "Filter "
                + r.filterId
                + " already has an "
                + r.direction
                + " rule number "
                + r.number
                + ": "
                + o.id);
      }
    }
  }

  /** Whether a CIDR block is IPv6; throws for one that is neither family. */
  private static boolean family(String cidr, String name) {
    if (Cidr.parseOrNull(cidr) != null) {
      return false;
    }
    if (cidr.matches("[0-9a-fA-F:]+/(\\d|[1-9]\\d|1[01]\\d|12[0-8])") && cidr.contains(":")) {
      return true;
    }
    throw AwsException.invalidParameterValue(
        "Invalid value '" + cidr + "' for " + name + ": not a CIDR block");
  }

  public DescribeTrafficMirrorFilterRulesResponse describeTrafficMirrorFilterRules(
      RequestContext ctx, DescribeTrafficMirrorFilterRulesRequest req) {
    if (req.trafficMirrorFilterId() != null) {
      MirrorKinds.FILTERS.get(ctx.state(), req.trafficMirrorFilterId());
    }
    var page =
        MirrorKinds.RULES.describe(
            ctx,
            req.trafficMirrorFilterRuleIds(),
            req.trafficMirrorFilterId() == null ? req.filters() : concatFilters(req),
            req.maxResults(),
            req.nextToken());
    return DescribeTrafficMirrorFilterRulesResponse.builder()
        .trafficMirrorFilterRules(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static List<software.amazon.awssdk.services.ec2.model.Filter> concatFilters(
      DescribeTrafficMirrorFilterRulesRequest req) {
    var out = new java.util.ArrayList<>(req.filters());
    out.add(
        software.amazon.awssdk.services.ec2.model.Filter.builder()
            .name("traffic-mirror-filter-id")
            .values(req.trafficMirrorFilterId())
            .build());
    return out;
  }

  public ModifyTrafficMirrorFilterRuleResponse modifyTrafficMirrorFilterRule(
      RequestContext ctx, ModifyTrafficMirrorFilterRuleRequest req) {
    if (req.trafficMirrorFilterRuleId() == null) {
      throw AwsException.missingParameter("TrafficMirrorFilterRuleId");
    }
    List<String> remove = req.removeFieldsAsStrings();
    for (String f : remove) {
      if (!List.of("destination-port-range", "source-port-range", "protocol", "description")
          .contains(f)) {
        throw AwsException.invalidParameterValue("Invalid value '" + f + "' for RemoveField");
      }
    }
    MirrorStore.Rule changed =
        MirrorKinds.RULES.modify(
            ctx,
            req.trafficMirrorFilterRuleId(),
            r -> {
              MirrorStore.Rule next = copy(r);
              if (req.trafficDirectionAsString() != null) {
                next.direction = req.trafficDirectionAsString();
              }
              if (req.ruleNumber() != null) {
                next.number = req.ruleNumber();
              }
              if (req.ruleActionAsString() != null) {
                next.action = req.ruleActionAsString();
              }
              if (req.protocol() != null) {
                next.protocol = req.protocol();
              }
              if (req.destinationPortRange() != null) {
                next.destinationPorts = ports(req.destinationPortRange(), "DestinationPortRange");
              }
              if (req.sourcePortRange() != null) {
                next.sourcePorts = ports(req.sourcePortRange(), "SourcePortRange");
              }
              if (req.destinationCidrBlock() != null) {
                next.destinationCidr = req.destinationCidrBlock();
              }
              if (req.sourceCidrBlock() != null) {
                next.sourceCidr = req.sourceCidrBlock();
              }
              if (req.description() != null) {
                next.description = req.description();
              }
              next.protocol = remove.contains("protocol") ? null : next.protocol;
              next.destinationPorts =
                  remove.contains("destination-port-range") ? null : next.destinationPorts;
              next.sourcePorts = remove.contains("source-port-range") ? null : next.sourcePorts;
              next.description = remove.contains("description") ? null : next.description;
              check(ctx, next);
              MirrorStore.of(ctx.state()).rules.put(next.id, next);
              return next;
            });
    return ModifyTrafficMirrorFilterRuleResponse.builder()
        .trafficMirrorFilterRule(MirrorKinds.RULES.view(ctx, changed))
        .build();
  }

  private static MirrorStore.Rule copy(MirrorStore.Rule r) {
    MirrorStore.Rule c = new MirrorStore.Rule(r.id, r.filterId);
    c.direction = r.direction;
    c.number = r.number;
    c.action = r.action;
    c.protocol = r.protocol;
    c.destinationPorts = r.destinationPorts;
    c.sourcePorts = r.sourcePorts;
    c.destinationCidr = r.destinationCidr;
    c.sourceCidr = r.sourceCidr;
    c.description = r.description;
    return c;
  }

  public DeleteTrafficMirrorFilterRuleResponse deleteTrafficMirrorFilterRule(
      RequestContext ctx, DeleteTrafficMirrorFilterRuleRequest req) {
    if (req.trafficMirrorFilterRuleId() == null) {
      throw AwsException.missingParameter("TrafficMirrorFilterRuleId");
    }
    MirrorKinds.RULES.delete(ctx, req.trafficMirrorFilterRuleId());
    return DeleteTrafficMirrorFilterRuleResponse.builder()
        .trafficMirrorFilterRuleId(req.trafficMirrorFilterRuleId())
        .build();
  }
}
