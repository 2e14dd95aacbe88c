package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AttachInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.AttachInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.DetachInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DetachInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.EnterStandbyRequest;
import software.amazon.awssdk.services.autoscaling.model.EnterStandbyResponse;
import software.amazon.awssdk.services.autoscaling.model.ExitStandbyRequest;
import software.amazon.awssdk.services.autoscaling.model.ExitStandbyResponse;
import software.amazon.awssdk.services.autoscaling.model.SetInstanceProtectionRequest;
import software.amazon.awssdk.services.autoscaling.model.SetInstanceProtectionResponse;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupResponse;

/**
 * A group's instances one by one: describe, attach, detach, terminate, standby, protect from scale
 * in.
 */
public final class GroupInstancesService {
  private final AutoScaling as;

  public GroupInstancesService(AutoScaling as) {
    this.as = as;
  }

  public DescribeAutoScalingInstancesResponse describeAutoScalingInstances(
      RequestContext ctx, DescribeAutoScalingInstancesRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    List<AutoScalingInstanceDetails> out = new ArrayList<>();
    synchronized (store) {
      for (GroupRecord g : store.groups.values()) {
        for (Member m : g.members.values()) {
          if (req.instanceIds().isEmpty() || req.instanceIds().contains(m.instanceId)) {
            out.add(GroupViews.details(g, m));
          }
        }
      }
    }
    Paging.Page<AutoScalingInstanceDetails> page =
        Paging.page(out, req.maxRecords(), req.nextToken());
    return DescribeAutoScalingInstancesResponse.builder()
        .autoScalingInstances(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public TerminateInstanceInAutoScalingGroupResponse terminateInstanceInAutoScalingGroup(
      RequestContext ctx, TerminateInstanceInAutoScalingGroupRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    Activity activity;
    synchronized (store) {
      GroupRecord g = groupOf(store, req.instanceId());
      Member m = g.members.get(req.instanceId());
      boolean decrement = req.shouldDecrementDesiredCapacity();
      if (decrement) {
        shrink(g, 1);
      }
      if (!m.leaving()) {
        MemberSteps.leave(
            g, m, "Terminating", Causes.userTerminated(AutoScaling.now(), m.instanceId, decrement));
      }
      activity = GroupViews.activity(g, m.activity);
    }
    as.changed();
    return TerminateInstanceInAutoScalingGroupResponse.builder().activity(activity).build();
  }

  public AttachInstancesResponse attachInstances(RequestContext ctx, AttachInstancesRequest req) {
    List<Fleet.Instance> found = new ArrayList<>();
    for (String id : req.instanceIds()) {
      Fleet.Instance i = as.fleet.find(ctx.state(), id);
      if (i == null || !i.state().equals("running")) {
        throw AutoScalingErrors.validation(
            "Instance " + id + " is not in correct state: it must be running to be attached.");
      }
      found.add(i);
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      for (Fleet.Instance i : found) {
        for (GroupRecord other : store.groups.values()) {
          if (other.members.containsKey(i.id())) {
            throw AutoScalingErrors.validation(
                "The instance " + i.id() + " is already part of an Auto Scaling group.");
          }
        }
        if (!g.balancedZones().contains(i.zone())) {
          throw AutoScalingErrors.validation(
              "Instance " + i.id() + " is in zone " + i.zone() + ", which the group does not use.");
        }
      }
      if (g.desired + found.size() > g.max) {
        throw AutoScalingErrors.validation(
            "Attaching "
                + found.size()
                + " instance(s) to "
                + g.name
                + " would exceed its max size of "
                + g.max
                + ".");
      }
      Instant now = AutoScaling.now();
      for (Fleet.Instance i : found) {
        Member m = new Member(i.id(), i.zone(), i.instanceType(), g.source, now);
        m.lifecycle = "Pending";
        m.activity =
            new ActivityRecord(
                "Attaching an existing EC2 instance: " + i.id(),
                Causes.at(now)
                    + " an instance was added in response to a user request: attaching "
                    + i.id()
                    + ", increasing the capacity from "
                    + g.desired
                    + " to "
                    + (g.desired + 1)
                    + ".",
                now,
                Capacity.details(null, i.zone()),
                "InProgress");
        g.record(m.activity);
        g.members.put(i.id(), m);
        g.desired++;
        ctx.tags().addSystem(List.of(i.id()), List.of(Capacity.groupTag(g)));
      }
    }
    as.changed();
    return AttachInstancesResponse.builder().build();
  }

  public DetachInstancesResponse detachInstances(RequestContext ctx, DetachInstancesRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    List<Activity> activities = new ArrayList<>();
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      List<Member> found = members(g, req.instanceIds());
      boolean decrement = Boolean.TRUE.equals(req.shouldDecrementDesiredCapacity());
      if (decrement) {
        shrink(g, found.size());
      }
      for (Member m : found) {
        MemberSteps.leave(
            g,
            m,
            "Detaching",
            Causes.at(AutoScaling.now())
                + " instance "
                + m.instanceId
                + " was detached in response to a user request"
                + (decrement ? ", shrinking the capacity." : "."));
        activities.add(GroupViews.activity(g, m.activity));
      }
    }
    as.changed();
    return DetachInstancesResponse.builder().activities(activities).build();
  }

  /**
   * InService instances leave the group's capacity (deregistered from its target groups, never
   * replaced while there) and come back through Pending, as AWS moves them.
   */
  public EnterStandbyResponse enterStandby(RequestContext ctx, EnterStandbyRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    List<Activity> activities = new ArrayList<>();
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      List<Member> found = membersIn(g, req.instanceIds(), "InService");
      boolean decrement = Boolean.TRUE.equals(req.shouldDecrementDesiredCapacity());
      if (decrement) {
        shrink(g, found.size());
      }
      Instant now = AutoScaling.now();
      for (Member m : found) {
        for (String arn : m.registeredTo) {
          as.targets.deregister(ctx, arn, m.instanceId);
        }
        m.registeredTo.clear();
        m.lifecycle = "Standby";
        m.activity =
            new ActivityRecord(
                "Moving EC2 instance to Standby: " + m.instanceId,
                Causes.at(now)
                    + " instance "
                    + m.instanceId
                    + " was moved to standby in response to a user request"
                    + (decrement ? ", shrinking the capacity." : "."),
                now,
                Capacity.details(m.subnetId, m.zone),
                "Successful");
        m.activity.end("Successful", null, now);
        g.record(m.activity);
        activities.add(GroupViews.activity(g, m.activity));
      }
    }
    as.changed();
    return EnterStandbyResponse.builder().activities(activities).build();
  }

  /**
   * The members named, all in {@code lifecycle}, or AWS's ValidationError naming one that is not.
   */
  private static List<Member> membersIn(GroupRecord g, List<String> ids, String lifecycle) {
    List<Member> found = members(g, ids);
    for (Member m : found) {
      if (!m.lifecycle.equals(lifecycle)) {
        throw AutoScalingErrors.validation(
            "The instance " + m.instanceId + " is not in " + lifecycle + ".");
      }
    }
    return found;
  }

  public ExitStandbyResponse exitStandby(RequestContext ctx, ExitStandbyRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    List<Activity> activities = new ArrayList<>();
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      List<Member> found = membersIn(g, req.instanceIds(), "Standby");
      if (g.desired + found.size() > g.max) {
        throw AutoScalingErrors.validation(
            "Exiting standby would raise the desired capacity of "
                + g.name
                + " above its max size of "
                + g.max
                + ".");
      }
      Instant now = AutoScaling.now();
      for (Member m : found) {
        g.desired++;
        m.lifecycle = "Pending";
        m.activity =
            new ActivityRecord(
                "Moving EC2 instance out of Standby: " + m.instanceId,
                Causes.at(now)
                    + " instance "
                    + m.instanceId
                    + " was moved out of standby in response to a user request, increasing the"
                    + " capacity.",
                now,
                Capacity.details(m.subnetId, m.zone),
                "PreInService");
        g.record(m.activity);
        activities.add(GroupViews.activity(g, m.activity));
      }
    }
    as.changed();
    return ExitStandbyResponse.builder().activities(activities).build();
  }

  public SetInstanceProtectionResponse setInstanceProtection(
      RequestContext ctx, SetInstanceProtectionRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      for (Member m : members(g, req.instanceIds())) {
        m.protectedFromScaleIn = req.protectedFromScaleIn();
      }
    }
    return SetInstanceProtectionResponse.builder().build();
  }

  private static List<Member> members(GroupRecord g, List<String> ids) {
    List<Member> out = new ArrayList<>();
    for (String id : ids) {
      Member m = g.members.get(id);
      if (m == null) {
        throw AutoScalingErrors.validation(
            "The instance " + id + " is not part of Auto Scaling group " + g.name + ".");
      }
      out.add(m);
    }
    return out;
  }

  private static GroupRecord groupOf(AutoScalingStore store, String instanceId) {
    for (GroupRecord g : store.groups.values()) {
      if (g.members.containsKey(instanceId)) {
        return g;
      }
    }
    throw AutoScalingErrors.validation(
        "Instance Id not found - No managed instance found for instance ID: " + instanceId);
  }

  /** Lowers the desired capacity by n, which may not go below the minimum. */
  private static void shrink(GroupRecord g, int n) {
    if (g.desired - n < g.min) {
      throw AutoScalingErrors.validation(
          "Currently, desiredCapacity="
              + g.desired
              + " and minSize="
              + g.min
              + ". Decrementing desiredCapacity by "
              + n
              + " would result in a desiredCapacity lower than minSize.");
    }
    g.desired -= n;
  }
}
