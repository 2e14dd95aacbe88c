package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.time.Instant;
import java.util.List;

/**
 * The reconciler's step for an active instance refresh. Each pass it takes out as many of the
 * members still to replace as keep {@code MinHealthyPercentage} of the desired capacity healthy
 * (InService, past the instance warm-up, and healthy in every target group it is registered with),
 * at least one at a time; the capacity step launches their replacements from the group's (new)
 * launch source. With {@code MaxHealthyPercentage} above 100 the replacements are launched first
 * ({@link #surge}). Checkpoints pause it for their delay; cancelling stops it taking more out.
 */
final class Refreshes {
  private final GroupTargets targets;

  Refreshes(GroupTargets targets) {
    this.targets = targets;
  }

  /** How many instances beyond the desired capacity the active refresh launches first. */
  static int surge(GroupRecord g) {
    RefreshRecord r = InstanceRefreshService.active(g);
    if (r == null
        || !(r.status.equals("InProgress") || r.status.equals("RollbackInProgress"))
        || r.maxHealthy() <= 100) {
      return 0;
    }
    long old =
        g.members.values().stream()
            .filter(m -> m.counts() && r.toReplace.contains(m.instanceId))
            .count();
    return (int) Math.min(old, g.desired * r.maxHealthy() / 100 - g.desired);
  }

  /** Whether anything changed. */
  boolean step(RequestContext ctx, GroupRecord g) {
    RefreshRecord r = InstanceRefreshService.active(g);
    if (r == null) {
      return false;
    }
    Instant now = AutoScaling.now();
    r.toReplace.removeIf(id -> !g.members.containsKey(id) || !g.members.get(id).counts());
    boolean settled =
        g.counted().size() >= g.desired
            && g.counted().stream().allMatch(m -> m.lifecycle.equals("InService"))
            && g.members.values().stream().noneMatch(Member::leaving);
    if (r.status.equals("Pending")) {
      r.status = "InProgress";
    }
    if (r.status.equals("Cancelling")) {
      if (settled) {
        r.end("Cancelled", now);
      }
      return true;
    }
    if (!r.status.equals("RollbackInProgress")) {
      String failure = RefreshFailures.reason(ctx, g, r, now);
      if (failure != null) {
        RefreshFailures.fail(g, r, failure, now);
        return true;
      }
    }
    if (r.status.equals("Baking")) {
      if (r.bakeUntil.isAfter(now)) {
        return false;
      }
      r.end("Successful", now);
      return true;
    }
    if (r.checkpointUntil != null) {
      if (r.checkpointUntil.isAfter(now)) {
        return false;
      }
      r.checkpointUntil = null;
      r.statusReason = null;
    }
    List<Integer> checkpoints = r.preferences.checkpointPercentages();
    int last = checkpoints.isEmpty() ? 100 : checkpoints.get(checkpoints.size() - 1);
    if (settled
        && (r.toReplace.isEmpty() || r.percentage() >= last)
        && !RefreshFailures.standbyToReplace(g, r)) {
      Integer bake = r.preferences.bakeTime();
      if (r.status.equals("RollbackInProgress")) {
        r.end("RollbackSuccessful", now);
      } else if (bake != null && bake > 0) {
        r.status = "Baking";
        r.bakeUntil = now.plusSeconds(bake);
        r.statusReason = "Waiting for the bake time (" + bake + " seconds) to pass.";
      } else {
        r.end("Successful", now);
      }
      return true;
    }
    if (settled
        && !r.status.equals("RollbackInProgress")
        && r.checkpointsPassed < checkpoints.size()
        && r.percentage() >= checkpoints.get(r.checkpointsPassed)) {
      int delay = r.preferences.checkpointDelay() == null ? 3600 : r.preferences.checkpointDelay();
      r.checkpointsPassed++;
      r.checkpointUntil = now.plusSeconds(delay);
      r.statusReason =
          "Waiting for the checkpoint delay ("
              + delay
              + " seconds) after "
              + r.percentage()
              + "% of the instances were replaced.";
      return true;
    }
    int warmup = warmup(g, r);
    long healthy = g.counted().stream().filter(m -> healthy(ctx, m, now, warmup)).count();
    int minHealthy = (int) Math.ceil(g.desired * r.minHealthy() / 100.0);
    boolean inFlight =
        g.members.values().stream()
            .anyMatch(m -> m.leaving() || (m.counts() && !healthy(ctx, m, now, warmup)));
    long allowed = healthy - minHealthy;
    if (allowed <= 0 && !inFlight) {
      allowed = 1; // a minimum of 100% replaces one at a time
    }
    // a checkpoint stops a batch from passing it
    if (r.checkpointsPassed < checkpoints.size() && r.total > 0) {
      int stopAt = checkpoints.get(r.checkpointsPassed);
      int replaced = r.total - r.toReplace.size();
      int room = (int) Math.ceil(r.total * stopAt / 100.0) - replaced;
      allowed = Math.min(allowed, Math.max(0, room));
    }
    boolean changed = false;
    for (String id : List.copyOf(r.toReplace)) {
      if (allowed <= 0) {
        break;
      }
      Member m = g.members.get(id);
      if (RefreshFailures.waitsFor(r, m)) {
        continue;
      }
      if (m.lifecycle.equals("InService") || m.lifecycle.startsWith("Pending")) {
        MemberSteps.leave(
            g,
            m,
            "Terminating",
            Causes.at(now)
                + " an instance was taken out of service in response to an instance refresh."
                + "  At "
                + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " instance "
                + id
                + " was selected for termination.");
        r.toReplace.remove(id);
        allowed--;
        changed = true;
      }
    }
    return changed;
  }

  private static int warmup(GroupRecord g, RefreshRecord r) {
    if (r.preferences.instanceWarmup() != null) {
      return r.preferences.instanceWarmup();
    }
    return g.defaultInstanceWarmup != null ? g.defaultInstanceWarmup : g.healthCheckGracePeriod;
  }

  private boolean healthy(RequestContext ctx, Member m, Instant now, int warmup) {
    return m.lifecycle.equals("InService")
        && m.health.equals("Healthy")
        && m.inServiceAt != null
        && !m.inServiceAt.plusSeconds(warmup).isAfter(now)
        && m.registeredTo.stream()
            .allMatch(arn -> "healthy".equals(targets.health(ctx, arn, m.instanceId)));
  }
}
