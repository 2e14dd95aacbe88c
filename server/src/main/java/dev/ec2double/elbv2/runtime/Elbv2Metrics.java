package dev.ec2double.elbv2.runtime;

import dev.ec2double.core.MetricSource;
import dev.ec2double.core.RegionState;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.TargetGroupRecord;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The proxy's own counts as CloudWatch's {@code AWS/ApplicationELB} metrics of a target group
 * (dimension {@code TargetGroup}: {@code targetgroup/NAME/ID}, the end of its ARN): {@code
 * RequestCount}, and {@code RequestCountPerTarget}, that divided by the group's healthy targets
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html).
 */
final class Elbv2Metrics implements MetricSource {
  static final String NAMESPACE = "AWS/ApplicationELB";

  @Override
  public OptionalDouble sum(
      RegionState region,
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      Instant from,
      Instant to) {
    String dimension = dimensions.get("TargetGroup");
    if (!NAMESPACE.equals(namespace) || dimension == null) {
      return OptionalDouble.empty();
    }
    Elbv2Store store = region.existingPart(Elbv2Store.class);
    if (store == null) {
      return OptionalDouble.empty();
    }
    for (TargetGroupRecord g : store.targetGroups.values()) {
      if (g.arn().endsWith(":" + dimension)) {
        long count = g.requests().sum(from, to);
        return switch (metricName) {
          case "RequestCount" -> OptionalDouble.of(count);
          case "RequestCountPerTarget" ->
              OptionalDouble.of(
                  (double) count
                      / Math.max(
                          1,
                          g.targets().stream()
                              .filter(t -> t.state() == TargetHealthStateEnum.HEALTHY)
                              .count()));
          default -> OptionalDouble.empty();
        };
      }
    }
    return OptionalDouble.empty();
  }
}
