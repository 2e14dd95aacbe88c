package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.autoscaling.model.Alarm;
import software.amazon.awssdk.services.autoscaling.model.DeletePolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.DeletePolicyResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAdjustmentTypesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAdjustmentTypesResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribePoliciesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribePoliciesResponse;
import software.amazon.awssdk.services.autoscaling.model.ExecutePolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.ExecutePolicyResponse;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.autoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.autoscaling.model.TargetTrackingConfiguration;

/**
 * Scaling policies: simple and step policies change the desired capacity when executed ({@code
 * ExecutePolicy}; no CloudWatch alarm triggers them here); target tracking on {@code
 * ALBRequestCountPerTarget} runs on the ALB proxy's own counts ({@link TargetTracking}); other
 * target tracking metrics and predictive policies are kept and described.
 */
public final class PoliciesService {
  static final List<String> TYPES =
      List.of("SimpleScaling", "StepScaling", "TargetTrackingScaling", "PredictiveScaling");
  static final List<String> PREDEFINED =
      List.of(
          "ASGAverageCPUUtilization",
          "ASGAverageNetworkIn",
          "ASGAverageNetworkOut",
          TargetTracking.ALB_REQUESTS);

  private final AutoScaling as;

  public PoliciesService(AutoScaling as) {
    this.as = as;
  }

  public PutScalingPolicyResponse putScalingPolicy(
      RequestContext ctx, PutScalingPolicyRequest req) {
    String type = req.policyType() == null ? "SimpleScaling" : req.policyType();
    GroupChecks.name("policyName", req.policyName());
    check(type, req);
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      PolicyRecord old = g.policies.get(req.policyName());
      String arn =
          old != null
              ? old.policy.policyARN()
              : "arn:aws:autoscaling:"
                  + ctx.region()
                  + ":"
                  + ctx.account()
                  + ":scalingPolicy:"
                  + UUID.randomUUID()
                  + ":autoScalingGroupName/"
                  + g.name
                  + ":policyName/"
                  + req.policyName();
      List<Alarm> alarms = new ArrayList<>();
      if (type.equals("TargetTrackingScaling")) {
        String id = UUID.randomUUID().toString();
        for (String side : List.of("AlarmHigh", "AlarmLow")) {
          String name = "TargetTracking-" + g.name + "-" + side + "-" + id;
          alarms.add(
              Alarm.builder()
                  .alarmName(name)
                  .alarmARN(
                      "arn:aws:cloudwatch:" + ctx.region() + ":" + ctx.account() + ":alarm:" + name)
                  .build());
        }
      }
      ScalingPolicy policy =
          ScalingPolicy.builder()
              .autoScalingGroupName(g.name)
              .policyName(req.policyName())
              .policyARN(arn)
              .policyType(type)
              .adjustmentType(req.adjustmentType())
              .minAdjustmentStep(req.minAdjustmentStep())
              .minAdjustmentMagnitude(req.minAdjustmentMagnitude())
              .scalingAdjustment(req.scalingAdjustment())
              .cooldown(req.cooldown())
              .stepAdjustments(req.stepAdjustments())
              .metricAggregationType(
                  type.equals("StepScaling")
                      ? req.metricAggregationType() == null
                          ? "Average"
                          : req.metricAggregationType()
                      : null)
              .estimatedInstanceWarmup(req.estimatedInstanceWarmup())
              .alarms(alarms)
              .targetTrackingConfiguration(req.targetTrackingConfiguration())
              .enabled(req.enabled() == null || req.enabled())
              .predictiveScalingConfiguration(req.predictiveScalingConfiguration())
              .build();
      g.policies.put(req.policyName(), new PolicyRecord(policy));
      as.changed();
      return PutScalingPolicyResponse.builder().policyARN(arn).alarms(alarms).build();
    }
  }

  private static void check(String type, PutScalingPolicyRequest req) {
    if (!TYPES.contains(type)) {
      throw AutoScalingErrors.validation("Invalid policy type " + type + ".");
    }
    if (req.adjustmentType() != null && !Adjustments.TYPES.contains(req.adjustmentType())) {
      throw AutoScalingErrors.validation("Invalid adjustment type " + req.adjustmentType() + ".");
    }
    switch (type) {
      case "SimpleScaling" -> {
        if (req.scalingAdjustment() == null) {
          throw AutoScalingErrors.validation(
              "ScalingAdjustment is required for a SimpleScaling policy.");
        }
        if (req.adjustmentType() == null) {
          throw AutoScalingErrors.validation(
              "AdjustmentType is required for a SimpleScaling policy.");
        }
      }
      case "StepScaling" -> {
        if (req.stepAdjustments().isEmpty()) {
          throw AutoScalingErrors.validation(
              "StepAdjustments are required for a StepScaling policy.");
        }
        if (req.adjustmentType() == null) {
          throw AutoScalingErrors.validation(
              "AdjustmentType is required for a StepScaling policy.");
        }
      }
      case "TargetTrackingScaling" -> trackingConfiguration(req.targetTrackingConfiguration());
      default -> {
        if (req.predictiveScalingConfiguration() == null) {
          throw AutoScalingErrors.validation(
              "PredictiveScalingConfiguration is required for a PredictiveScaling policy.");
        }
      }
    }
  }

  private static void trackingConfiguration(TargetTrackingConfiguration c) {
    if (c == null || c.targetValue() == null) {
      throw AutoScalingErrors.validation(
          "TargetTrackingConfiguration with a TargetValue is required for a TargetTrackingScaling"
              + " policy.");
    }
    if (c.targetValue() <= 0) {
      throw AutoScalingErrors.validation("TargetValue must be greater than 0.");
    }
    boolean predefined = c.predefinedMetricSpecification() != null;
    if (predefined == (c.customizedMetricSpecification() != null)) {
      throw AutoScalingErrors.validation(
          "Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be"
              + " given.");
    }
    if (!predefined) {
      return;
    }
    String metric = c.predefinedMetricSpecification().predefinedMetricTypeAsString();
    if (!PREDEFINED.contains(metric)) {
      throw AutoScalingErrors.validation("Invalid predefined metric type " + metric + ".");
    }
    String label = c.predefinedMetricSpecification().resourceLabel();
    if (metric.equals(TargetTracking.ALB_REQUESTS)
        && (label == null || !label.matches("app/[^/]+/[^/]+/targetgroup/[^/]+/[^/]+"))) {
      throw AutoScalingErrors.validation(
          "ResourceLabel must be app/<load-balancer-name>/<load-balancer-id>/targetgroup/"
              + "<target-group-name>/<target-group-id> for ALBRequestCountPerTarget, not "
              + label
              + ".");
    }
  }

  public DescribePoliciesResponse describePolicies(
      RequestContext ctx, DescribePoliciesRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    List<ScalingPolicy> out = new ArrayList<>();
    synchronized (store) {
      List<GroupRecord> groups =
          req.autoScalingGroupName() == null
              ? List.copyOf(store.groups.values())
              : List.of(store.group(req.autoScalingGroupName()));
      for (GroupRecord g : groups) {
        for (PolicyRecord p : g.policies.values()) {
          ScalingPolicy s = p.policy;
          if ((req.policyNames().isEmpty() || req.policyNames().contains(s.policyName()))
              && (req.policyTypes().isEmpty() || req.policyTypes().contains(s.policyType()))) {
            out.add(s);
          }
        }
      }
    }
    Paging.Page<ScalingPolicy> page = Paging.page(out, req.maxRecords(), req.nextToken());
    return DescribePoliciesResponse.builder()
        .scalingPolicies(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeletePolicyResponse deletePolicy(RequestContext ctx, DeletePolicyRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      Located l = locate(store, req.autoScalingGroupName(), req.policyName());
      l.group().policies.remove(l.name());
    }
    return DeletePolicyResponse.builder().build();
  }

  public ExecutePolicyResponse executePolicy(RequestContext ctx, ExecutePolicyRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      Located l = locate(store, req.autoScalingGroupName(), req.policyName());
      GroupRecord g = l.group();
      String name = l.name();
      PolicyRecord p = g.policies.get(name);
      ScalingPolicy s = p.policy;
      Instant now = AutoScaling.now();
      int next;
      switch (s.policyType()) {
        case "SimpleScaling" -> {
          int cooldown = s.cooldown() == null ? g.defaultCooldown : s.cooldown();
          if (Boolean.TRUE.equals(req.honorCooldown())
              && p.lastExecuted != null
              && p.lastExecuted.plusSeconds(cooldown).isAfter(now)) {
            throw AutoScalingErrors.activityInProgress(
                "Policy " + name + " is in its cooldown period.");
          }
          next =
              Adjustments.apply(
                  s.adjustmentType(),
                  s.scalingAdjustment(),
                  s.minAdjustmentMagnitude(),
                  g.desired,
                  g.min,
                  g.max);
        }
        case "StepScaling" -> {
          if (req.metricValue() == null || req.breachThreshold() == null) {
            throw AutoScalingErrors.validation(
                "MetricValue and BreachThreshold are required to execute a StepScaling policy.");
          }
          StepAdjustment step =
              Adjustments.step(s.stepAdjustments(), req.metricValue(), req.breachThreshold());
          if (step == null) {
            throw AutoScalingErrors.validation(
                "The metric value "
                    + req.metricValue()
                    + " falls in none of the policy's step adjustments.");
          }
          next =
              Adjustments.apply(
                  s.adjustmentType(),
                  step.scalingAdjustment(),
                  s.minAdjustmentMagnitude(),
                  g.desired,
                  g.min,
                  g.max);
        }
        default ->
            throw AutoScalingErrors.validation(
                "ExecutePolicy is not supported for a " + s.policyType() + " policy.");
      }
      p.lastExecuted = now;
      if (next != g.desired) {
        g.capacityCause =
            Causes.at(now)
                + " a user request executed policy "
                + name
                + " changing the desired capacity from "
                + g.desired
                + " to "
                + next
                + ".";
        g.desired = next;
      }
    }
    as.changed();
    return ExecutePolicyResponse.builder().build();
  }

  public DescribeAdjustmentTypesResponse describeAdjustmentTypes(
      RequestContext ctx, DescribeAdjustmentTypesRequest req) {
    return DescribeAdjustmentTypesResponse.builder()
        .adjustmentTypes(
            Adjustments.TYPES.stream()
                .map(
                    t ->
                        software.amazon.awssdk.services.autoscaling.model.AdjustmentType.builder()
                            .adjustmentType(t)
                            .build())
                .toList())
        .build();
  }

  private record Located(GroupRecord group, String name) {}

  /**
   * The policy a request names: by its name in the named group, or by its ARN alone (then the group
   * may be left out), as DeletePolicy and ExecutePolicy take it.
   */
  private static Located locate(AutoScalingStore store, String group, String policy) {
    GroupRecord g = group == null ? byArn(store, policy) : store.group(group);
    String name =
        policy.startsWith("arn:")
            ? policy.substring(policy.lastIndexOf("policyName/") + "policyName/".length())
            : policy;
    if (!g.policies.containsKey(name)) {
      throw AutoScalingErrors.validation("Policy " + policy + " not found.");
    }
    return new Located(g, name);
  }

  private static GroupRecord byArn(AutoScalingStore store, String arn) {
    for (GroupRecord g : store.groups.values()) {
      for (PolicyRecord p : g.policies.values()) {
        if (p.policy.policyARN().equals(arn)) {
          return g;
        }
      }
    }
    throw AutoScalingErrors.validation("Policy " + arn + " not found.");
  }
}
