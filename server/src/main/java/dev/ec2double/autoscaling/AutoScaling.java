package dev.ec2double.autoscaling;

import dev.ec2double.core.MetricSource;
import dev.ec2double.core.RequestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the Auto Scaling services share beyond one request: the seams to instances and target
 * groups, and the reconciler that keeps every group at its desired capacity. The server builds one.
 */
public final class AutoScaling implements AutoCloseable {
  final Fleet fleet;
  final GroupTargets targets;
  final Reconciler reconciler;

  /**
   * @param metrics what target tracking reads (the ALB proxies' request counts)
   */
  public AutoScaling(
      Fleet fleet, GroupTargets targets, MetricSource metrics, Reconciler.Regions regions) {
    this.fleet = fleet;
    this.targets = targets;
    this.reconciler = new Reconciler(fleet, targets, metrics, regions);
  }

  /**
   * After saved state was taken back: the reconciler's passes (one a second, and one right after
   * every change) start at once when a region has groups. Without groups they start with the first
   * change, so an idle server runs no Auto Scaling thread.
   */
  public void adopted(java.util.Collection<dev.ec2double.core.RegionState> regions) {
    for (dev.ec2double.core.RegionState state : regions) {
      AutoScalingStore store = state.existingPart(AutoScalingStore.class);
      if (store != null) {
        synchronized (store) {
          if (!store.groups.isEmpty()) {
            changed();
            return;
          }
        }
      }
    }
  }

  /**
   * CloudWatch's {@code AWS/EC2} {@code CPUUtilization} of the instances CPU target tracking
   * watches, for a CloudWatch API to answer from the same readings.
   */
  public MetricSource cpuMetrics() {
    return reconciler.cpu();
  }

  /** Whether the reconciler's thread runs. */
  public boolean reconciling() {
    return reconciler.running();
  }

  static AutoScalingStore store(RequestContext ctx) {
    return AutoScalingStore.of(ctx.state());
  }

  /** A change was made: reconcile soon rather than at the next tick. */
  void changed() {
    reconciler.nudge();
  }

  /**
   * An instance's state changed (a launch finished, a machine exited): when groups are being
   * reconciled, a pass runs now rather than at the next tick, so a member is InService as soon as
   * its instance runs. An idle server starts no thread for it.
   */
  public void instancesChanged() {
    if (reconciler.running()) {
      reconciler.nudge();
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  static String arn(RequestContext ctx, String kind, String name) {
    return "arn:aws:autoscaling:"
        + ctx.region()
        + ":"
        + ctx.account()
        + ":"
        + kind
        + ":"
        + java.util.UUID.randomUUID()
        + ":"
        + kind
        + "Name/"
        + name;
  }

  @Override
  public void close() {
    reconciler.close();
  }
}
