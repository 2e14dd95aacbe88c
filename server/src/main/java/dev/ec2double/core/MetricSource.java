package dev.ec2double.core;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Numbers the running parts measure, asked for as CloudWatch names them (namespace, metric name,
 * dimensions) so that a CloudWatch API can later answer GetMetricStatistics from the same sources
 * Auto Scaling's target tracking reads now. A source answers only the metrics it measures.
 */
public interface MetricSource {
  /**
   * CloudWatch's {@code Sum} statistic of the metric over {@code [from, to)}, or empty when this
   * source does not measure that metric (or those dimensions) in the region.
   */
  OptionalDouble sum(
      RegionState region,
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      Instant from,
      Instant to);

  /**
   * CloudWatch's {@code Average} statistic of the metric over {@code [from, to)}, or empty when
   * this source does not measure it. Sources of counts answer {@link #sum} only.
   */
  default OptionalDouble average(
      RegionState region,
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      Instant from,
      Instant to) {
    return OptionalDouble.empty();
  }

  /** Measures nothing. */
  MetricSource NONE = (region, namespace, name, dimensions, from, to) -> OptionalDouble.empty();
}
