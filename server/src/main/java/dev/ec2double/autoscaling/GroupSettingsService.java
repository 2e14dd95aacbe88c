package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.AccountSetting;
import software.amazon.awssdk.services.autoscaling.model.AttachLoadBalancersRequest;
import software.amazon.awssdk.services.autoscaling.model.AttachLoadBalancersResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAccountSettingsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAccountSettingsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeMetricCollectionTypesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeMetricCollectionTypesResponse;
import software.amazon.awssdk.services.autoscaling.model.DetachLoadBalancersRequest;
import software.amazon.awssdk.services.autoscaling.model.DetachLoadBalancersResponse;
import software.amazon.awssdk.services.autoscaling.model.DisableMetricsCollectionRequest;
import software.amazon.awssdk.services.autoscaling.model.DisableMetricsCollectionResponse;
import software.amazon.awssdk.services.autoscaling.model.EnableMetricsCollectionRequest;
import software.amazon.awssdk.services.autoscaling.model.EnableMetricsCollectionResponse;
import software.amazon.awssdk.services.autoscaling.model.MetricCollectionType;
import software.amazon.awssdk.services.autoscaling.model.MetricGranularityType;
import software.amazon.awssdk.services.autoscaling.model.PutAccountSettingRequest;
import software.amazon.awssdk.services.autoscaling.model.PutAccountSettingResponse;
import software.amazon.awssdk.services.autoscaling.model.SetInstanceHealthRequest;
import software.amazon.awssdk.services.autoscaling.model.SetInstanceHealthResponse;

/**
 * A group's smaller settings: which group metrics are collected, an instance's health as the user
 * sets it (an Unhealthy member is replaced), Classic Load Balancers (ec2-double serves none, so
 * none can be attached), and the account's settings.
 */
public final class GroupSettingsService {
  static final List<String> METRICS =
      List.of(
          "GroupMinSize",
          "GroupMaxSize",
          "GroupDesiredCapacity",
          "GroupInServiceInstances",
          "GroupPendingInstances",
          "GroupStandbyInstances",
          "GroupTerminatingInstances",
          "GroupTotalInstances",
          "GroupInServiceCapacity",
          "GroupPendingCapacity",
          "GroupStandbyCapacity",
          "GroupTerminatingCapacity",
          "GroupTotalCapacity",
          "WarmPoolDesiredCapacity",
          "WarmPoolWarmedCapacity",
          "WarmPoolPendingCapacity",
          "WarmPoolTerminatingCapacity",
          "WarmPoolTotalCapacity",
          "GroupAndWarmPoolDesiredCapacity",
          "GroupAndWarmPoolTotalCapacity");

  /** The account settings AWS has, with their default values. */
  static final java.util.Map<String, String> SETTINGS =
      java.util.Map.of("launchBeforeTerminate", "enabled");

  private final AutoScaling as;

  public GroupSettingsService(AutoScaling as) {
    this.as = as;
  }

  public EnableMetricsCollectionResponse enableMetricsCollection(
      RequestContext ctx, EnableMetricsCollectionRequest req) {
    granularity(req.granularity());
    metrics(req.metrics());
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      g.enabledMetrics.addAll(req.metrics().isEmpty() ? METRICS : req.metrics());
    }
    return EnableMetricsCollectionResponse.builder().build();
  }

  public DisableMetricsCollectionResponse disableMetricsCollection(
      RequestContext ctx, DisableMetricsCollectionRequest req) {
    metrics(req.metrics());
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      if (req.metrics().isEmpty()) {
        g.enabledMetrics.clear();
      } else {
        req.metrics().forEach(g.enabledMetrics::remove);
      }
    }
    return DisableMetricsCollectionResponse.builder().build();
  }

  public DescribeMetricCollectionTypesResponse describeMetricCollectionTypes(
      RequestContext ctx, DescribeMetricCollectionTypesRequest req) {
    return DescribeMetricCollectionTypesResponse.builder()
        .metrics(
            METRICS.stream().map(m -> MetricCollectionType.builder().metric(m).build()).toList())
        .granularities(MetricGranularityType.builder().granularity("1Minute").build())
        .build();
  }

  private static void granularity(String g) {
    if (g == null) {
      throw AutoScalingErrors.validation(
          "1 validation error detected: Value null at 'granularity' failed to satisfy constraint:"
              + " Member must not be null");
    }
    if (!g.equals("1Minute")) {
      throw AutoScalingErrors.validation("Valid granularity is 1Minute, not " + g + ".");
    }
  }

  private static void metrics(List<String> metrics) {
    for (String m : metrics) {
      if (!METRICS.contains(m)) {
        throw AutoScalingErrors.validation("Invalid metric name " + m + ".");
      }
    }
  }

  /**
   * Sets a member's health. Unhealthy is acted on as a failed health check is: the member is
   * replaced (unless ReplaceUnhealthy is suspended). With ShouldRespectGracePeriod, a member still
   * in its grace period keeps its health, as AWS ignores the call then.
   */
  public SetInstanceHealthResponse setInstanceHealth(
      RequestContext ctx, SetInstanceHealthRequest req) {
    String health = req.healthStatus();
    if (!"Healthy".equals(health) && !"Unhealthy".equals(health)) {
      throw AutoScalingErrors.validation(
          "Valid health status values are Healthy and Unhealthy, not " + health + ".");
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      Member m = null;
      GroupRecord owner = null;
      for (GroupRecord g : store.groups.values()) {
        if (g.members.containsKey(req.instanceId())) {
          owner = g;
          m = g.members.get(req.instanceId());
        }
      }
      if (m == null) {
        throw AutoScalingErrors.validation(
            "Instance Id not found - No managed instance found for instance ID "
                + req.instanceId()
                + ".");
      }
      boolean respect = req.shouldRespectGracePeriod() == null || req.shouldRespectGracePeriod();
      boolean inGrace =
          m.inServiceAt == null
              || m.inServiceAt.plusSeconds(owner.healthCheckGracePeriod).isAfter(AutoScaling.now());
      if (!(respect && inGrace && health.equals("Unhealthy"))) {
        m.health = health;
      }
    }
    as.changed();
    return SetInstanceHealthResponse.builder().build();
  }

  public AttachLoadBalancersResponse attachLoadBalancers(
      RequestContext ctx, AttachLoadBalancersRequest req) {
    requireGroup(ctx, req.autoScalingGroupName());
    if (!req.loadBalancerNames().isEmpty()) {
      throw AutoScalingErrors.validation(
          "Provided Load Balancers may not be valid. Please ensure they exist and try again."
              + " (ec2-double serves no Classic Load Balancers: attach a target group.)");
    }
    return AttachLoadBalancersResponse.builder().build();
  }

  public DetachLoadBalancersResponse detachLoadBalancers(
      RequestContext ctx, DetachLoadBalancersRequest req) {
    requireGroup(ctx, req.autoScalingGroupName());
    if (!req.loadBalancerNames().isEmpty()) {
      throw AutoScalingErrors.validation(
          "Trying to remove Load Balancers that are not part of the group: "
              + String.join(", ", req.loadBalancerNames()));
    }
    return DetachLoadBalancersResponse.builder().build();
  }

  public DescribeLoadBalancersResponse describeLoadBalancers(
      RequestContext ctx, DescribeLoadBalancersRequest req) {
    requireGroup(ctx, req.autoScalingGroupName());
    Paging.page(List.of(), req.maxRecords(), req.nextToken());
    return DescribeLoadBalancersResponse.builder().loadBalancers(List.of()).build();
  }

  private static void requireGroup(RequestContext ctx, String name) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      store.group(name);
    }
  }

  public DescribeAccountSettingsResponse describeAccountSettings(
      RequestContext ctx, DescribeAccountSettingsRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    List<AccountSetting> out = new ArrayList<>();
    synchronized (store) {
      for (String name : new java.util.TreeSet<>(SETTINGS.keySet())) {
        if (req.name() == null || req.name().equals(name)) {
          out.add(
              AccountSetting.builder()
                  .name(name)
                  .value(store.accountSettings.getOrDefault(name, SETTINGS.get(name)))
                  .enforcementType("none")
                  .build());
        }
      }
    }
    Paging.Page<AccountSetting> page = Paging.page(out, req.maxRecords(), req.nextToken());
    return DescribeAccountSettingsResponse.builder()
        .settings(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public PutAccountSettingResponse putAccountSetting(
      RequestContext ctx, PutAccountSettingRequest req) {
    if (!SETTINGS.containsKey(req.name())) {
      throw AutoScalingErrors.validation("Invalid account setting name " + req.name() + ".");
    }
    if (!"enabled".equals(req.value()) && !"disabled".equals(req.value())) {
      throw AutoScalingErrors.validation(
          "Valid values for " + req.name() + " are enabled and disabled, not " + req.value() + ".");
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      store.accountSettings.put(req.name(), req.value());
    }
    return PutAccountSettingResponse.builder().build();
  }
}
