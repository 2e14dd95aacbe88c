package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.SetDesiredCapacityRequest;
import software.amazon.awssdk.services.autoscaling.model.SetDesiredCapacityResponse;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupResponse;

/**
 * Auto Scaling groups: create, update, delete, describe, and their desired capacity. What a group
 * holds is made real by the {@link Reconciler}, which every change here nudges.
 */
public final class GroupsService {
  /** AWS's default quota of groups per region (DescribeAccountLimits says the same). */
  static final int MAX_GROUPS = 500;

  private final AutoScaling as;

  public GroupsService(AutoScaling as) {
    this.as = as;
  }

  public CreateAutoScalingGroupResponse createAutoScalingGroup(
      RequestContext ctx, CreateAutoScalingGroupRequest req) {
    GroupChecks.name("autoScalingGroupName", req.autoScalingGroupName());
    if (req.instanceId() != null) {
      throw AutoScalingErrors.validation(
          "ec2-double does not create a group from an instance (InstanceId); use a launch"
              + " template.");
    }
    LaunchSource source =
        LaunchSources.resolve(
            ctx,
            as.fleet,
            req.launchTemplate(),
            req.launchConfigurationName(),
            req.mixedInstancesPolicy());
    int min = req.minSize();
    int max = req.maxSize();
    int desired = req.desiredCapacity() == null ? min : req.desiredCapacity();
    GroupChecks.sizes(min, max, desired);
    GroupChecks.healthCheckType(req.healthCheckType());
    if (req.hasTerminationPolicies()) {
      GroupChecks.terminationPolicies(req.terminationPolicies());
    }
    List<String> subnets = GroupChecks.subnets(req.vpcZoneIdentifier());
    if (subnets.isEmpty() && !req.hasAvailabilityZones()) {
      throw AutoScalingErrors.validation(
          "At least one Availability Zone or VPC Subnet is required.");
    }
    List<String> zones = subnetZones(ctx, subnets);
    for (String arn : req.targetGroupARNs()) {
      as.targets.require(ctx, arn);
    }
    List<HookRecord> hooks = new ArrayList<>();
    for (LifecycleHookSpecification h : req.lifecycleHookSpecificationList()) {
      hooks.add(
          HooksService.hook(
              h.lifecycleHookName(),
              h.lifecycleTransition(),
              h.heartbeatTimeout(),
              h.defaultResult(),
              h.notificationMetadata(),
              h.notificationTargetARN(),
              h.roleARN()));
    }
    List<Tag> tags = req.tags();
    TagsService.check(tags, req.autoScalingGroupName());
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord existing = store.groups.get(req.autoScalingGroupName());
      if (existing != null) {
        throw AutoScalingErrors.alreadyExists(
            "AutoScalingGroup by this name already exists - A group with the name "
                + req.autoScalingGroupName()
                + " already exists");
      }
      if (store.groups.size() >= MAX_GROUPS) {
        throw AutoScalingErrors.limitExceeded(
            "You have reached your quota of " + MAX_GROUPS + " Auto Scaling groups.");
      }
      Instant now = AutoScaling.now();
      GroupRecord g =
          new GroupRecord(
              req.autoScalingGroupName(),
              AutoScaling.arn(ctx, "autoScalingGroup", req.autoScalingGroupName()),
              now);
      g.source = source;
      g.min = min;
      g.max = max;
      g.desired = desired;
      for (int i = 0; i < subnets.size(); i++) {
        g.subnetZones.put(subnets.get(i), zones.get(i));
      }
      g.vpcZoneIdentifier = subnets.isEmpty() ? null : String.join(",", subnets);
      if (subnets.isEmpty()) {
        g.zones = new ArrayList<>(req.availabilityZones());
      }
      apply(g, req.defaultCooldown(), req.healthCheckType(), req.healthCheckGracePeriod());
      g.targetGroupArns.addAll(req.targetGroupARNs());
      if (req.hasTerminationPolicies() && !req.terminationPolicies().isEmpty()) {
        g.terminationPolicies = new ArrayList<>(req.terminationPolicies());
      }
      g.newInstancesProtectedFromScaleIn =
          Boolean.TRUE.equals(req.newInstancesProtectedFromScaleIn());
      g.maxInstanceLifetime = req.maxInstanceLifetime();
      g.capacityRebalance = Boolean.TRUE.equals(req.capacityRebalance());
      g.defaultInstanceWarmup = req.defaultInstanceWarmup();
      g.placementGroup = req.placementGroup();
      hooks.forEach(h -> g.hooks.put(h.name(), h));
      for (Tag t : tags) {
        g.tags.put(
            t.key(),
            new GroupRecord.GroupTag(
                t.value() == null ? "" : t.value(), Boolean.TRUE.equals(t.propagateAtLaunch())));
      }
      g.capacityCause =
          Causes.at(now)
              + " a user request created an AutoScalingGroup changing the desired capacity from 0"
              + " to "
              + desired
              + ".";
      store.groups.put(g.name, g);
    }
    as.changed();
    return CreateAutoScalingGroupResponse.builder().build();
  }

  public UpdateAutoScalingGroupResponse updateAutoScalingGroup(
      RequestContext ctx, UpdateAutoScalingGroupRequest req) {
    boolean newSource =
        req.launchTemplate() != null
            || req.launchConfigurationName() != null
            || req.mixedInstancesPolicy() != null;
    LaunchSource source =
        newSource
            ? LaunchSources.resolve(
                ctx,
                as.fleet,
                req.launchTemplate(),
                req.launchConfigurationName(),
                req.mixedInstancesPolicy())
            : null;
    GroupChecks.healthCheckType(req.healthCheckType());
    if (req.hasTerminationPolicies()) {
      GroupChecks.terminationPolicies(req.terminationPolicies());
    }
    List<String> subnets = GroupChecks.subnets(req.vpcZoneIdentifier());
    List<String> zones = subnetZones(ctx, subnets);
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      int min = req.minSize() == null ? g.min : req.minSize();
      int max = req.maxSize() == null ? g.max : req.maxSize();
      int desired = g.desired;
      if (req.desiredCapacity() != null) {
        desired = req.desiredCapacity();
      } else if (desired < min) {
        desired = min; // a raised minimum raises the desired capacity with it
      } else if (desired > max) {
        desired = max;
      }
      GroupChecks.sizes(min, max, desired);
      if (source != null) {
        g.source = source;
      }
      if (!subnets.isEmpty()) {
        g.subnetZones.clear();
        for (int i = 0; i < subnets.size(); i++) {
          g.subnetZones.put(subnets.get(i), zones.get(i));
        }
        g.vpcZoneIdentifier = String.join(",", subnets);
      } else if (req.hasAvailabilityZones() && !req.availabilityZones().isEmpty()) {
        g.zones = new ArrayList<>(req.availabilityZones());
      }
      apply(g, req.defaultCooldown(), req.healthCheckType(), req.healthCheckGracePeriod());
      if (req.hasTerminationPolicies() && !req.terminationPolicies().isEmpty()) {
        g.terminationPolicies = new ArrayList<>(req.terminationPolicies());
      }
      if (req.newInstancesProtectedFromScaleIn() != null) {
        g.newInstancesProtectedFromScaleIn = req.newInstancesProtectedFromScaleIn();
      }
      if (req.maxInstanceLifetime() != null) {
        g.maxInstanceLifetime = req.maxInstanceLifetime();
      }
      if (req.capacityRebalance() != null) {
        g.capacityRebalance = req.capacityRebalance();
      }
      if (req.defaultInstanceWarmup() != null) {
        g.defaultInstanceWarmup = req.defaultInstanceWarmup();
      }
      if (desired != g.desired) {
        g.capacityCause =
            Causes.constraints(AutoScaling.now(), "a user request", min, max, g.desired, desired);
      }
      g.min = min;
      g.max = max;
      g.desired = desired;
    }
    as.changed();
    return UpdateAutoScalingGroupResponse.builder().build();
  }

  /**
   * Without ForceDelete, a group that still has instances is ResourceInUse and one with an activity
   * under way ScalingActivityInProgress, as AWS answers; with it, the group's instances are
   * terminated and the group goes once they are ("Delete in progress" meanwhile).
   */
  public DeleteAutoScalingGroupResponse deleteAutoScalingGroup(
      RequestContext ctx, DeleteAutoScalingGroupRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      boolean force = Boolean.TRUE.equals(req.forceDelete());
      if (!force && g.status == null) {
        if (g.activityInProgress()) {
          throw AutoScalingErrors.activityInProgress(
              "You cannot delete an AutoScalingGroup while there are scaling activities in"
                  + " progress for that group.");
        }
        if (!g.members.isEmpty() || g.warmPool != null) {
          throw AutoScalingErrors.inUse(
              "You cannot delete an AutoScalingGroup while there are instances or pending Spot"
                  + " instance request(s) still in the group.");
        }
      }
      if (g.warmPool != null) {
        g.warmPool.status = "PendingDelete";
      }
      if (g.members.isEmpty() && g.warmPool == null) {
        store.groups.remove(g.name);
      } else {
        g.status = "Delete in progress";
        g.min = 0;
        g.max = 0;
        g.desired = 0;
        g.capacityCause =
            Causes.at(AutoScaling.now())
                + " a user request deleted the AutoScalingGroup"
                + " changing the desired capacity to 0.";
      }
    }
    as.changed();
    return DeleteAutoScalingGroupResponse.builder().build();
  }

  public DescribeAutoScalingGroupsResponse describeAutoScalingGroups(
      RequestContext ctx, DescribeAutoScalingGroupsRequest req) {
    GroupFilters filters = GroupFilters.of(req.filters());
    AutoScalingStore store = AutoScaling.store(ctx);
    List<AutoScalingGroup> views = new ArrayList<>();
    synchronized (store) {
      for (GroupRecord g : store.groups.values()) {
        if ((req.autoScalingGroupNames().isEmpty() || req.autoScalingGroupNames().contains(g.name))
            && filters.test(g)) {
          views.add(GroupViews.group(g));
        }
      }
    }
    Paging.Page<AutoScalingGroup> page = Paging.page(views, req.maxRecords(), req.nextToken());
    return DescribeAutoScalingGroupsResponse.builder()
        .autoScalingGroups(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public SetDesiredCapacityResponse setDesiredCapacity(
      RequestContext ctx, SetDesiredCapacityRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      int desired = req.desiredCapacity();
      GroupChecks.newDesired(desired, g.min, g.max);
      if (Boolean.TRUE.equals(req.honorCooldown()) && g.activityInProgress()) {
        throw AutoScalingErrors.activityInProgress(
            "Scaling activity is in progress and blocks this action.");
      }
      if (desired != g.desired) {
        g.capacityCause =
            Causes.at(AutoScaling.now())
                + " a user request explicitly set group desired capacity changing the desired"
                + " capacity from "
                + g.desired
                + " to "
                + desired
                + ".";
        g.desired = desired;
      }
    }
    as.changed();
    return SetDesiredCapacityResponse.builder().build();
  }

  private List<String> subnetZones(RequestContext ctx, List<String> subnets) {
    List<String> zones = new ArrayList<>();
    for (String s : subnets) {
      String zone = as.fleet.subnetZone(ctx.state(), s);
      if (zone == null) {
        throw AutoScalingErrors.validation("The subnet ID '" + s + "' does not exist");
      }
      zones.add(zone);
    }
    return zones;
  }

  private static void apply(GroupRecord g, Integer cooldown, String healthType, Integer grace) {
    if (cooldown != null) {
      g.defaultCooldown = cooldown;
    }
    if (healthType != null) {
      g.healthCheckType = healthType;
    }
    if (grace != null) {
      g.healthCheckGracePeriod = grace;
    }
  }
}
