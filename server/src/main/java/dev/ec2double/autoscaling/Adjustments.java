package dev.ec2double.autoscaling;

import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.StepAdjustment;

/** How simple and step policies change a capacity, as the API reference defines them. */
final class Adjustments {
  static final List<String> TYPES =
      List.of("ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity");

  private Adjustments() {}

  /**
   * The new capacity, kept within [min, max]. A percentage rounds towards zero, but moves by at
   * least one (or MinAdjustmentMagnitude) when it is not zero.
   */
  static int apply(
      String type, int adjustment, Integer minMagnitude, int current, int min, int max) {
    int next =
        switch (type == null ? "ChangeInCapacity" : type) {
          case "ExactCapacity" -> adjustment;
          case "PercentChangeInCapacity" -> {
            int change = (int) (current * adjustment / 100.0);
            int floor = minMagnitude == null ? 1 : minMagnitude;
            if (adjustment != 0 && Math.abs(change) < floor) {
              change = Integer.signum(adjustment) * floor;
            }
            yield current + change;
          }
          default -> current + adjustment;
        };
    return Math.max(min, Math.min(max, next));
  }

  /**
   * The step whose bounds hold {@code metric - breach} (lower inclusive, upper exclusive; a missing
   * bound is infinite), or null when none does.
   */
  static StepAdjustment step(List<StepAdjustment> steps, double metric, double breach) {
    double d = metric - breach;
    for (StepAdjustment s : steps) {
      double lower =
          s.metricIntervalLowerBound() == null
              ? Double.NEGATIVE_INFINITY
              : s.metricIntervalLowerBound();
      double upper =
          s.metricIntervalUpperBound() == null
              ? Double.POSITIVE_INFINITY
              : s.metricIntervalUpperBound();
      if (d >= lower && d < upper) {
        return s;
      }
    }
    return null;
  }
}
