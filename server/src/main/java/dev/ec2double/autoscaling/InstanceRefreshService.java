package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.CancelInstanceRefreshRequest;
import software.amazon.awssdk.services.autoscaling.model.CancelInstanceRefreshResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeInstanceRefreshesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeInstanceRefreshesResponse;
import software.amazon.awssdk.services.autoscaling.model.DesiredConfiguration;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefreshLivePoolProgress;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefreshProgressDetails;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;
import software.amazon.awssdk.services.autoscaling.model.RollbackDetails;
import software.amazon.awssdk.services.autoscaling.model.RollbackInstanceRefreshRequest;
import software.amazon.awssdk.services.autoscaling.model.RollbackInstanceRefreshResponse;
import software.amazon.awssdk.services.autoscaling.model.StartInstanceRefreshRequest;
import software.amazon.awssdk.services.autoscaling.model.StartInstanceRefreshResponse;

/**
 * Instance refresh: start (optionally with a desired configuration the group takes on at once),
 * cancel, roll back, describe. The {@link Refreshes} step of the reconciler replaces the members in
 * batches that keep the minimum healthy percentage in service.
 */
public final class InstanceRefreshService {
  private final AutoScaling as;

  public InstanceRefreshService(AutoScaling as) {
    this.as = as;
  }

  public StartInstanceRefreshResponse startInstanceRefresh(
      RequestContext ctx, StartInstanceRefreshRequest req) {
    String strategy = req.strategyAsString() == null ? "Rolling" : req.strategyAsString();
    if (!strategy.equals("Rolling") && !strategy.equals("ReplaceRootVolume")) {
      throw AutoScalingErrors.validation("Invalid strategy " + strategy + ".");
    }
    RefreshPreferences p =
        req.preferences() == null ? RefreshPreferences.builder().build() : req.preferences();
    preferences(p);
    DesiredConfiguration desired = req.desiredConfiguration();
    LaunchSource next = null;
    if (desired != null
        && (desired.launchTemplate() != null || desired.mixedInstancesPolicy() != null)) {
      next =
          LaunchSources.resolve(
              ctx, as.fleet, desired.launchTemplate(), null, desired.mixedInstancesPolicy());
    }
    if (Boolean.TRUE.equals(p.autoRollback()) && next == null) {
      throw AutoScalingErrors.validation(
          "AutoRollback requires a DesiredConfiguration with a launch template.");
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    RefreshRecord r;
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      if (active(g) != null) {
        throw new AwsException(
            "InstanceRefreshInProgress",
            "An Instance Refresh is already in progress and blocks the execution of this Instance"
                + " Refresh.");
      }
      if (g.status != null) {
        throw AutoScalingErrors.activityInProgress("The AutoScalingGroup is being deleted.");
      }
      r = new RefreshRecord(AutoScaling.now(), strategy, p, desired, g.source);
      if (next != null) {
        g.source = next;
      }
      boolean skip = Boolean.TRUE.equals(p.skipMatching());
      String protectedOnes =
          p.scaleInProtectedInstancesAsString() == null
              ? "Ignore"
              : p.scaleInProtectedInstancesAsString();
      for (Member m : g.counted()) {
        if (skip && m.source.equals(g.source)) {
          continue;
        }
        if (m.protectedFromScaleIn && protectedOnes.equals("Ignore")) {
          continue;
        }
        r.toReplace.add(m.instanceId);
      }
      r.total = r.toReplace.size();
      if (p.standbyInstances() != null && !p.standbyInstancesAsString().equals("Ignore")) {
        g.members.values().stream()
            .filter(m -> m.lifecycle.equals("Standby"))
            .forEach(m -> r.standby.add(m.instanceId));
      }
      g.refreshes.add(0, r);
    }
    as.changed();
    return StartInstanceRefreshResponse.builder().instanceRefreshId(r.id).build();
  }

  private static void preferences(RefreshPreferences p) {
    Integer min = p.minHealthyPercentage();
    Integer max = p.maxHealthyPercentage();
    if (min != null && (min < 0 || min > 100)) {
      throw AutoScalingErrors.validation(
          "MinHealthyPercentage must be between 0 and 100, not " + min + ".");
    }
    if (max != null) {
      if (max < 100 || max > 200) {
        throw AutoScalingErrors.validation(
            "MaxHealthyPercentage must be between 100 and 200, not " + max + ".");
      }
      if (min == null) {
        throw AutoScalingErrors.validation(
            "MinHealthyPercentage must be specified when MaxHealthyPercentage is.");
      }
      if (max - min > 100) {
        throw AutoScalingErrors.validation(
            "The difference between MaxHealthyPercentage and MinHealthyPercentage cannot be"
                + " greater than 100.");
      }
      if (min == 100 && max == 100) {
        throw AutoScalingErrors.validation(
            "MinHealthyPercentage and MaxHealthyPercentage cannot both be 100.");
      }
    }
    if (p.instanceWarmup() != null && p.instanceWarmup() < 0) {
      throw AutoScalingErrors.validation("InstanceWarmup must not be negative.");
    }
    if (p.checkpointDelay() != null && (p.checkpointDelay() < 0 || p.checkpointDelay() > 172800)) {
      throw AutoScalingErrors.validation("CheckpointDelay must be between 0 and 172800 seconds.");
    }
    if (p.bakeTime() != null && (p.bakeTime() < 0 || p.bakeTime() > 172800)) {
      throw AutoScalingErrors.validation("BakeTime must be between 0 and 172800 seconds.");
    }
    if (p.alarmSpecification() != null) {
      for (String alarm : p.alarmSpecification().alarms()) {
        if (alarm == null || alarm.isEmpty() || alarm.length() > 255) {
          throw AutoScalingErrors.validation("An alarm name must be 1 to 255 characters.");
        }
      }
    }
    int last = 0;
    for (Integer c : p.checkpointPercentages()) {
      if (c == null || c < 1 || c > 100 || c <= last) {
        throw AutoScalingErrors.validation(
            "CheckpointPercentages must be ascending values between 1 and 100.");
      }
      last = c;
    }
    if (p.checkpointDelay() != null && p.checkpointPercentages().isEmpty()) {
      throw AutoScalingErrors.validation(
          "CheckpointDelay can only be specified with CheckpointPercentages.");
    }
  }

  public CancelInstanceRefreshResponse cancelInstanceRefresh(
      RequestContext ctx, CancelInstanceRefreshRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    String id;
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      RefreshRecord r = active(g);
      if (r == null || r.status.equals("Cancelling")) {
        throw notFound(g);
      }
      r.status = "Cancelling";
      id = r.id;
    }
    as.changed();
    return CancelInstanceRefreshResponse.builder().instanceRefreshId(id).build();
  }

  /**
   * Rolls the active refresh back: the group takes its previous launch source again and the members
   * launched from the new one are replaced. Irreversible when the refresh was started without a
   * desired configuration, or the previous source names {@code $Latest} or {@code $Default} (what
   * they meant then is gone), as on AWS.
   */
  public RollbackInstanceRefreshResponse rollbackInstanceRefresh(
      RequestContext ctx, RollbackInstanceRefreshRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    String id;
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      RefreshRecord r = active(g);
      if (r == null || r.status.equals("Cancelling") || r.status.equals("RollbackInProgress")) {
        throw notFound(g);
      }
      rollback(g, r, "Rollback requested by user.");
      id = r.id;
    }
    as.changed();
    return RollbackInstanceRefreshResponse.builder().instanceRefreshId(id).build();
  }

  static void rollback(GroupRecord g, RefreshRecord r, String reason) {
    DesiredConfiguration d = r.desiredConfiguration;
    if (d == null || (d.launchTemplate() == null && d.mixedInstancesPolicy() == null)) {
      throw new AwsException(
          "IrreversibleInstanceRefresh",
          "The instance refresh cannot be rolled back: it was started without a desired"
              + " configuration.");
    }
    String v = r.previousSource.version();
    if (r.previousSource.template() && (v == null || v.startsWith("$"))) {
      throw new AwsException(
          "IrreversibleInstanceRefresh",
          "The instance refresh cannot be rolled back: the group's previous launch template"
              + " version is "
              + (v == null ? "$Default" : v)
              + ".");
    }
    r.rollbackReason = reason;
    r.rollbackStartTime = AutoScaling.now();
    r.percentageOnRollback = r.percentage();
    r.instancesToUpdateOnRollback = r.toReplace.size();
    r.status = "RollbackInProgress";
    r.statusReason = null;
    r.checkpointUntil = null;
    g.source = r.previousSource;
    r.toReplace.clear();
    for (Member m : g.counted()) {
      if (!m.source.equals(g.source)) {
        r.toReplace.add(m.instanceId);
      }
    }
    r.total = r.toReplace.size();
  }

  public DescribeInstanceRefreshesResponse describeInstanceRefreshes(
      RequestContext ctx, DescribeInstanceRefreshesRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    List<InstanceRefresh> out = new ArrayList<>();
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      for (RefreshRecord r : g.refreshes) {
        if (req.instanceRefreshIds().isEmpty() || req.instanceRefreshIds().contains(r.id)) {
          out.add(view(g, r));
        }
      }
    }
    Paging.Page<InstanceRefresh> page = Paging.page(out, req.maxRecords(), req.nextToken());
    return DescribeInstanceRefreshesResponse.builder()
        .instanceRefreshes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static InstanceRefresh view(GroupRecord g, RefreshRecord r) {
    InstanceRefresh.Builder b =
        InstanceRefresh.builder()
            .instanceRefreshId(r.id)
            .autoScalingGroupName(g.name)
            .status(r.status)
            .statusReason(r.statusReason)
            .startTime(r.startTime)
            .endTime(r.endTime)
            .percentageComplete(r.percentage())
            .instancesToUpdate(r.toReplace.size())
            .progressDetails(
                InstanceRefreshProgressDetails.builder()
                    .livePoolProgress(
                        InstanceRefreshLivePoolProgress.builder()
                            .percentageComplete(r.percentage())
                            .instancesToUpdate(r.toReplace.size())
                            .build())
                    .build())
            .preferences(withDefaults(g, r.preferences))
            .desiredConfiguration(r.desiredConfiguration)
            .strategy(r.strategy);
    if (r.rollbackReason != null) {
      b.rollbackDetails(
          RollbackDetails.builder()
              .rollbackReason(r.rollbackReason)
              .rollbackStartTime(r.rollbackStartTime)
              .percentageCompleteOnRollback(r.percentageOnRollback)
              .instancesToUpdateOnRollback(r.instancesToUpdateOnRollback)
              .build());
    }
    return b.build();
  }

  private static RefreshPreferences withDefaults(GroupRecord g, RefreshPreferences p) {
    RefreshPreferences.Builder b = p.toBuilder();
    if (p.minHealthyPercentage() == null) {
      b.minHealthyPercentage(90);
    }
    if (p.maxHealthyPercentage() == null) {
      b.maxHealthyPercentage(100);
    }
    if (p.skipMatching() == null) {
      b.skipMatching(false);
    }
    if (p.autoRollback() == null) {
      b.autoRollback(false);
    }
    if (p.scaleInProtectedInstances() == null) {
      b.scaleInProtectedInstances("Ignore");
    }
    if (p.standbyInstances() == null) {
      b.standbyInstances("Ignore");
    }
    if (p.checkpointDelay() == null && !p.checkpointPercentages().isEmpty()) {
      b.checkpointDelay(3600);
    }
    return b.build();
  }

  static RefreshRecord active(GroupRecord g) {
    return g.refreshes.stream().filter(RefreshRecord::active).findFirst().orElse(null);
  }

  private static AwsException notFound(GroupRecord g) {
    return new AwsException(
        "ActiveInstanceRefreshNotFound",
        "No in progress or pending Instance Refresh found for Auto Scaling group " + g.name);
  }
}
