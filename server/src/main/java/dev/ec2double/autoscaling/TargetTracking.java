package dev.ec2double.autoscaling;

import dev.ec2double.core.MetricSource;
import dev.ec2double.core.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import software.amazon.awssdk.services.autoscaling.model.TargetTrackingConfiguration;

/**
 * Target tracking on {@code ALBRequestCountPerTarget}, from the ALB proxy's own counts: every pass
 * reads the target group's {@code RequestCount} over the last {@link #WINDOW} (one CloudWatch
 * minute, sliding) and wants {@code ceil(count / target)} instances. It scales out at once (then
 * not again until the warm-up has passed) and in once the load has wanted fewer for a whole window,
 * unless scale in is disabled. Other metrics are not measured yet: their policies are records.
 */
final class TargetTracking {
  static final Duration WINDOW = Duration.ofSeconds(60);
  static final String ALB_REQUESTS = "ALBRequestCountPerTarget";

  private final MetricSource metrics;

  TargetTracking(MetricSource metrics) {
    this.metrics = metrics;
  }

  /** What one evaluation decides: the desired capacity, and since when the load wanted less. */
  record Decision(int desired, Instant lowSince, boolean scaledOut) {}

  static Decision decide(
      int desired,
      int min,
      int max,
      double requests,
      double target,
      Instant now,
      Instant lowSince,
      Instant lastScaleOut,
      Duration warmup,
      boolean disableScaleIn) {
    int wanted = Math.max(min, Math.min(max, (int) Math.ceil(requests / target)));
    if (wanted > desired) {
      if (lastScaleOut != null && lastScaleOut.plus(warmup).isAfter(now)) {
        return new Decision(desired, null, false);
      }
      return new Decision(wanted, null, true);
    }
    if (wanted < desired && !disableScaleIn) {
      Instant since = lowSince == null ? now : lowSince;
      if (!since.plus(WINDOW).isAfter(now)) {
        return new Decision(wanted, null, false);
      }
      return new Decision(desired, since, false);
    }
    return new Decision(desired, null, false);
  }

  /** Evaluates the group's target tracking policies on what is measured; whether it changed. */
  boolean track(RequestContext ctx, GroupRecord g) {
    boolean changed = false;
    for (PolicyRecord p : g.policies.values()) {
      TargetTrackingConfiguration c = p.policy.targetTrackingConfiguration();
      if (c == null
          || Boolean.FALSE.equals(p.policy.enabled())
          || c.predefinedMetricSpecification() == null
          || !ALB_REQUESTS.equals(
              c.predefinedMetricSpecification().predefinedMetricTypeAsString())) {
        continue;
      }
      String label = c.predefinedMetricSpecification().resourceLabel();
      Instant now = AutoScaling.now();
      OptionalDouble requests =
          metrics.sum(
              ctx.state(),
              "AWS/ApplicationELB",
              "RequestCount",
              Map.of("TargetGroup", label.substring(label.indexOf("targetgroup/"))),
              now.minus(WINDOW),
              now);
      if (requests.isEmpty() || g.suspended("AlarmNotification")) {
        continue;
      }
      Integer warm = p.policy.estimatedInstanceWarmup();
      Duration warmup =
          Duration.ofSeconds(
              warm != null
                  ? warm
                  : g.defaultInstanceWarmup != null ? g.defaultInstanceWarmup : g.defaultCooldown);
      Decision d =
          decide(
              g.desired,
              g.min,
              g.max,
              requests.getAsDouble(),
              c.targetValue(),
              now,
              p.lowSince,
              p.lastScaleOut,
              warmup,
              Boolean.TRUE.equals(c.disableScaleIn()));
      p.lowSince = d.lowSince();
      if (d.desired() != g.desired) {
        String alarm = p.policy.alarms().get(d.scaledOut() ? 0 : 1).alarmName();
        g.capacityCause =
            Causes.at(now)
                + " a monitor alarm "
                + alarm
                + " in state ALARM triggered policy "
                + p.policy.policyName()
                + " changing the desired capacity from "
                + g.desired
                + " to "
                + d.desired()
                + ".";
        g.desired = d.desired();
        if (d.scaledOut()) {
          p.lastScaleOut = now;
        }
        changed = true;
      }
    }
    return changed;
  }
}
