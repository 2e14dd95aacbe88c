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
  static final String CPU = "ASGAverageCPUUtilization";

  private final MetricSource metrics;
  private final CpuSampler cpu;

  TargetTracking(MetricSource metrics, CpuSampler cpu) {
    this.metrics = metrics;
    this.cpu = cpu;
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

  /** The target group's requests over the last window, from the ALB proxy's counts. */
  private OptionalDouble requests(RequestContext ctx, TargetTrackingConfiguration c, Instant now) {
    String label = c.predefinedMetricSpecification().resourceLabel();
    return metrics.sum(
        ctx.state(),
        "AWS/ApplicationELB",
        "RequestCount",
        Map.of("TargetGroup", label.substring(label.indexOf("targetgroup/"))),
        now.minus(WINDOW),
        now);
  }

  /**
   * The group's CPU as a load to divide by the target: the average utilization of the InService
   * members past their warm-up, times how many there are (so {@code ceil(load / target)} is the
   * capacity that brings the average to the target). Empty until a member has two readings.
   */
  private OptionalDouble cpuLoad(RequestContext ctx, GroupRecord g, PolicyRecord p, Instant now) {
    Integer warm = p.policy.estimatedInstanceWarmup();
    int warmup =
        warm != null ? warm : g.defaultInstanceWarmup != null ? g.defaultInstanceWarmup : 0;
    double total = 0;
    int measured = 0;
    for (Member m : g.counted()) {
      if (!m.lifecycle.equals("InService")) {
        continue;
      }
      cpu.watch(ctx.state(), m.instanceId);
      if (m.inServiceAt.plusSeconds(warmup).isAfter(now)) {
        continue; // still warming up: its CPU is not counted yet, as on AWS
      }
      OptionalDouble u =
          cpu.average(
              ctx.state(),
              "AWS/EC2",
              "CPUUtilization",
              Map.of("InstanceId", m.instanceId),
              now.minus(WINDOW),
              now.plusSeconds(1));
      if (u.isPresent()) {
        total += u.getAsDouble();
        measured++;
      }
    }
    return measured == 0 ? OptionalDouble.empty() : OptionalDouble.of(total);
  }

  /** Evaluates the group's target tracking policies on what is measured; whether it changed. */
  boolean track(RequestContext ctx, GroupRecord g) {
    boolean changed = false;
    for (PolicyRecord p : g.policies.values()) {
      TargetTrackingConfiguration c = p.policy.targetTrackingConfiguration();
      if (c == null
          || Boolean.FALSE.equals(p.policy.enabled())
          || c.predefinedMetricSpecification() == null) {
        continue;
      }
      String metric = c.predefinedMetricSpecification().predefinedMetricTypeAsString();
      Instant now = AutoScaling.now();
      OptionalDouble requests =
          switch (metric) {
            case ALB_REQUESTS -> requests(ctx, c, now);
            case CPU -> cpuLoad(ctx, g, p, now);
            default -> OptionalDouble.empty(); // not measured: the policy is a record
          };
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
