package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.AttachLoadBalancerTargetGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.AttachLoadBalancerTargetGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.AttachTrafficSourcesRequest;
import software.amazon.awssdk.services.autoscaling.model.AttachTrafficSourcesResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLoadBalancerTargetGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLoadBalancerTargetGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeTrafficSourcesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeTrafficSourcesResponse;
import software.amazon.awssdk.services.autoscaling.model.DetachLoadBalancerTargetGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DetachLoadBalancerTargetGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.DetachTrafficSourcesRequest;
import software.amazon.awssdk.services.autoscaling.model.DetachTrafficSourcesResponse;
import software.amazon.awssdk.services.autoscaling.model.LoadBalancerTargetGroupState;
import software.amazon.awssdk.services.autoscaling.model.TrafficSourceIdentifier;
import software.amazon.awssdk.services.autoscaling.model.TrafficSourceState;

/**
 * A group's target groups (and the same as traffic sources of type {@code elbv2}): attached ones
 * get the group's InService instances registered by the reconciler; detached ones get them
 * deregistered.
 */
public final class LoadBalancerTargetGroupsService {
  static final int MAX_TARGET_GROUPS = 10;

  private final AutoScaling as;

  public LoadBalancerTargetGroupsService(AutoScaling as) {
    this.as = as;
  }

  public AttachLoadBalancerTargetGroupsResponse attachLoadBalancerTargetGroups(
      RequestContext ctx, AttachLoadBalancerTargetGroupsRequest req) {
    attach(ctx, req.autoScalingGroupName(), req.targetGroupARNs());
    return AttachLoadBalancerTargetGroupsResponse.builder().build();
  }

  public DetachLoadBalancerTargetGroupsResponse detachLoadBalancerTargetGroups(
      RequestContext ctx, DetachLoadBalancerTargetGroupsRequest req) {
    detach(ctx, req.autoScalingGroupName(), req.targetGroupARNs());
    return DetachLoadBalancerTargetGroupsResponse.builder().build();
  }

  public DescribeLoadBalancerTargetGroupsResponse describeLoadBalancerTargetGroups(
      RequestContext ctx, DescribeLoadBalancerTargetGroupsRequest req) {
    List<LoadBalancerTargetGroupState> out = new ArrayList<>();
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      for (String arn : g.targetGroupArns) {
        out.add(
            LoadBalancerTargetGroupState.builder()
                .loadBalancerTargetGroupARN(arn)
                .state(state(g, arn))
                .build());
      }
    }
    Paging.Page<LoadBalancerTargetGroupState> page =
        Paging.page(out, req.maxRecords(), req.nextToken());
    return DescribeLoadBalancerTargetGroupsResponse.builder()
        .loadBalancerTargetGroups(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public AttachTrafficSourcesResponse attachTrafficSources(
      RequestContext ctx, AttachTrafficSourcesRequest req) {
    attach(ctx, req.autoScalingGroupName(), identifiers(req.trafficSources()));
    return AttachTrafficSourcesResponse.builder().build();
  }

  public DetachTrafficSourcesResponse detachTrafficSources(
      RequestContext ctx, DetachTrafficSourcesRequest req) {
    detach(ctx, req.autoScalingGroupName(), identifiers(req.trafficSources()));
    return DetachTrafficSourcesResponse.builder().build();
  }

  public DescribeTrafficSourcesResponse describeTrafficSources(
      RequestContext ctx, DescribeTrafficSourcesRequest req) {
    List<TrafficSourceState> out = new ArrayList<>();
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      if (req.trafficSourceType() == null || req.trafficSourceType().equals("elbv2")) {
        for (String arn : g.targetGroupArns) {
          out.add(
              TrafficSourceState.builder()
                  .identifier(arn)
                  .type("elbv2")
                  .state(state(g, arn))
                  .build());
        }
      }
    }
    Paging.Page<TrafficSourceState> page = Paging.page(out, req.maxRecords(), req.nextToken());
    return DescribeTrafficSourcesResponse.builder()
        .trafficSources(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Added once any member is registered with it, InService once every InService one is. */
  private static String state(GroupRecord g, String arn) {
    List<Member> inService =
        g.members.values().stream().filter(m -> m.lifecycle.equals("InService")).toList();
    if (inService.isEmpty()) {
      return "Added";
    }
    return inService.stream().allMatch(m -> m.registeredTo.contains(arn)) ? "InService" : "Adding";
  }

  private static List<String> identifiers(List<TrafficSourceIdentifier> sources) {
    List<String> out = new ArrayList<>();
    for (TrafficSourceIdentifier t : sources) {
      if (t.type() != null && !t.type().equals("elbv2")) {
        throw AutoScalingErrors.validation(
            "ec2-double attaches traffic sources of type elbv2 (target groups) only, not "
                + t.type()
                + ".");
      }
      out.add(t.identifier());
    }
    return out;
  }

  private void attach(RequestContext ctx, String group, List<String> arns) {
    for (String arn : arns) {
      as.targets.require(ctx, arn);
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(group);
      long after =
          g.targetGroupArns.size()
              + arns.stream().filter(a -> !g.targetGroupArns.contains(a)).distinct().count();
      if (after > MAX_TARGET_GROUPS) {
        throw AutoScalingErrors.limitExceeded(
            "A group may have at most " + MAX_TARGET_GROUPS + " target groups attached.");
      }
      g.targetGroupArns.addAll(arns);
    }
    as.changed();
  }

  private void detach(RequestContext ctx, String group, List<String> arns) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(group);
      arns.forEach(g.targetGroupArns::remove);
    }
    as.changed();
  }
}
