package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.CapacityForecast;
import software.amazon.awssdk.services.autoscaling.model.GetPredictiveScalingForecastRequest;
import software.amazon.awssdk.services.autoscaling.model.GetPredictiveScalingForecastResponse;
import software.amazon.awssdk.services.autoscaling.model.LoadForecast;
import software.amazon.awssdk.services.autoscaling.model.PredictiveScalingMetricSpecification;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;

/**
 * The forecast of a predictive scaling policy. Predictive scaling needs at least a day of
 * CloudWatch history to forecast from, which ec2-double does not keep: the forecast is answered for
 * the policy's metrics with no data points, as AWS answers before it has the history.
 */
public final class ForecastService {
  /** The longest range one call may ask for. */
  static final Duration MAX_RANGE = Duration.ofDays(30);

  public GetPredictiveScalingForecastResponse getPredictiveScalingForecast(
      RequestContext ctx, GetPredictiveScalingForecastRequest req) {
    if (req.startTime() == null || req.endTime() == null) {
      throw AutoScalingErrors.validation("StartTime and EndTime are required.");
    }
    if (!req.endTime().isAfter(req.startTime())) {
      throw AutoScalingErrors.validation("The end time must be after the start time.");
    }
    if (Duration.between(req.startTime(), req.endTime()).compareTo(MAX_RANGE) > 0) {
      throw AutoScalingErrors.validation(
          "The time range between StartTime and EndTime cannot exceed 30 days.");
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    ScalingPolicy policy;
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      PolicyRecord p = g.policies.get(req.policyName());
      if (p == null) {
        throw AutoScalingErrors.validation("Policy " + req.policyName() + " not found.");
      }
      policy = p.policy;
    }
    if (!"PredictiveScaling".equals(policy.policyType())) {
      throw AutoScalingErrors.validation(
          "Policy " + req.policyName() + " is not a PredictiveScaling policy.");
    }
    List<PredictiveScalingMetricSpecification> specs =
        policy.predictiveScalingConfiguration() == null
            ? List.of()
            : policy.predictiveScalingConfiguration().metricSpecifications();
    return GetPredictiveScalingForecastResponse.builder()
        .loadForecast(
            specs.stream()
                .map(
                    s ->
                        LoadForecast.builder()
                            .metricSpecification(s)
                            .timestamps(List.of())
                            .values(List.of())
                            .build())
                .toList())
        .capacityForecast(
            CapacityForecast.builder().timestamps(List.of()).values(List.of()).build())
        .updateTime(AutoScaling.now())
        .build();
  }
}
