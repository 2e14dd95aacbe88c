package dev.ec2double.autoscaling;

import dev.ec2double.core.AlarmStates;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;

/**
 * Why an instance refresh fails, as Auto Scaling fails one: an alarm of its {@code
 * AlarmSpecification} in {@code ALARM} (while replacing or baking), replacements that keep failing
 * to launch, instances protected from scale in or in Standby when the preferences say {@code
 * Error}, or still there an hour after the refresh began to wait for them ({@code Wait}). A refresh
 * with {@code AutoRollback} rolls back instead of failing, when it can be rolled back.
 */
final class RefreshFailures {
  /** Launches failed in a row, since the refresh began, that fail it. */
  static final int LAUNCH_FAILURES = 3;

  /** How long {@code Wait} waits for protected or Standby instances. */
  static final Duration WAIT = Duration.ofHours(1);

  private RefreshFailures() {}

  /** The reason the active refresh fails now, or null. */
  static String reason(RequestContext ctx, GroupRecord g, RefreshRecord r, Instant now) {
    String alarm = alarm(ctx, r);
    if (alarm != null || r.status.equals("Baking")) {
      return alarm;
    }
    if (g.lastLaunchFailure != null
        && g.lastLaunchFailure.isAfter(r.startTime)
        && !g.lastLaunchFailure.equals(r.lastFailureSeen)) {
      r.lastFailureSeen = g.lastLaunchFailure;
      if (++r.failedLaunches >= LAUNCH_FAILURES) {
        return "Instance refresh failed: "
            + r.failedLaunches
            + " launches of replacement instances failed. The last: "
            + lastFailure(g);
      }
    }
    String protectedMode = mode(r.preferences.scaleInProtectedInstancesAsString(), "Ignore");
    String standbyMode = mode(r.preferences.standbyInstancesAsString(), "Ignore");
    boolean protectedLeft =
        r.toReplace.stream().map(g.members::get).anyMatch(m -> m != null && m.protectedFromScaleIn);
    boolean standbyLeft = standbyToReplace(g, r);
    if (protectedLeft && protectedMode.equals("Error")) {
      return "Instance refresh failed: found instances protected from scale in, and"
          + " ScaleInProtectedInstances is Error.";
    }
    if (standbyLeft && standbyMode.equals("Error")) {
      return "Instance refresh failed: found instances in Standby, and StandbyInstances is Error.";
    }
    boolean waiting =
        (protectedLeft && protectedMode.equals("Wait"))
            || (standbyLeft && standbyMode.equals("Wait"));
    if (waiting && !r.startTime.plus(WAIT).isAfter(now)) {
      return "Instance refresh failed: instances protected from scale in or in Standby were not"
          + " released within an hour.";
    }
    return null;
  }

  /** Fails the refresh, or rolls it back when it asked for AutoRollback and can be. */
  static void fail(GroupRecord g, RefreshRecord r, String reason, Instant now) {
    if (Boolean.TRUE.equals(r.preferences.autoRollback())) {
      try {
        InstanceRefreshService.rollback(g, r, reason);
        return;
      } catch (AwsException irreversible) {
        reason = reason + " It could not be rolled back: " + irreversible.getMessage();
      }
    }
    r.end("Failed", now);
    r.statusReason = reason;
  }

  /** Whether a protected member is left alone for now (ScaleInProtectedInstances Wait). */
  static boolean waitsFor(RefreshRecord r, Member m) {
    return m.protectedFromScaleIn
        && mode(r.preferences.scaleInProtectedInstancesAsString(), "Ignore").equals("Wait");
  }

  /**
   * Takes care of the members that were in Standby when the refresh began: one that left Standby
   * joins those to replace; with StandbyInstances Terminate each is terminated. Answers whether any
   * is still waited for.
   */
  static boolean standbyToReplace(GroupRecord g, RefreshRecord r) {
    String mode = mode(r.preferences.standbyInstancesAsString(), "Ignore");
    for (String id : java.util.List.copyOf(r.standby)) {
      Member m = g.members.get(id);
      if (m == null || m.leaving()) {
        r.standby.remove(id);
      } else if (!m.lifecycle.equals("Standby") && !m.lifecycle.startsWith("EnteringStandby")) {
        r.standby.remove(id);
        if (m.counts()) {
          r.toReplace.add(id);
          r.total++;
        }
      } else if (mode.equals("Terminate")) {
        r.standby.remove(id);
        MemberSteps.leave(
            g, m, "Terminating", "An instance in Standby was terminated by an instance refresh.");
      }
    }
    return !r.standby.isEmpty();
  }

  private static String alarm(RequestContext ctx, RefreshRecord r) {
    if (r.preferences.alarmSpecification() == null) {
      return null;
    }
    AlarmStates states = AlarmStates.of(ctx.state());
    for (String name : r.preferences.alarmSpecification().alarms()) {
      if (states.state(name).equals("ALARM")) {
        return "Instance refresh failed: the alarm " + name + " is in the ALARM state.";
      }
    }
    return null;
  }

  private static String lastFailure(GroupRecord g) {
    return g.activities.stream()
        .filter(a -> "Failed".equals(a.status))
        .map(a -> a.statusMessage)
        .findFirst()
        .orElse("unknown");
  }

  private static String mode(String given, String otherwise) {
    return given == null ? otherwise : given;
  }
}
