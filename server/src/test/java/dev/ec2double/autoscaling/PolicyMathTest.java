package dev.ec2double.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.StepAdjustment;

/** Simple, step and target tracking arithmetic, on given numbers and instants. */
class PolicyMathTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Duration WARMUP = Duration.ofSeconds(30);

  @Test
  void adjustmentsStayWithinTheGroupsBounds() {
    assertThat(Adjustments.apply("ChangeInCapacity", 2, null, 1, 0, 5)).isEqualTo(3);
    assertThat(Adjustments.apply("ChangeInCapacity", 9, null, 1, 0, 5)).isEqualTo(5);
    assertThat(Adjustments.apply("ExactCapacity", 0, null, 4, 1, 5)).isEqualTo(1);
    assertThat(Adjustments.apply("PercentChangeInCapacity", 50, null, 4, 0, 10)).isEqualTo(6);
    // 10% of 3 rounds to 0: moves by one, or by MinAdjustmentMagnitude
    assertThat(Adjustments.apply("PercentChangeInCapacity", 10, null, 3, 0, 10)).isEqualTo(4);
    assertThat(Adjustments.apply("PercentChangeInCapacity", -10, 2, 3, 0, 10)).isEqualTo(1);
  }

  @Test
  void theStepHoldingTheBreachIsChosen() {
    List<StepAdjustment> steps =
        List.of(
            StepAdjustment.builder().metricIntervalUpperBound(10.0).scalingAdjustment(1).build(),
            StepAdjustment.builder()
                .metricIntervalLowerBound(10.0)
                .metricIntervalUpperBound(20.0)
                .scalingAdjustment(2)
                .build(),
            StepAdjustment.builder().metricIntervalLowerBound(20.0).scalingAdjustment(3).build());
    assertThat(Adjustments.step(steps, 55, 50).scalingAdjustment()).isEqualTo(1);
    assertThat(Adjustments.step(steps, 60, 50).scalingAdjustment()).isEqualTo(2);
    assertThat(Adjustments.step(steps, 90, 50).scalingAdjustment()).isEqualTo(3);
  }

  @Test
  void trackingScalesOutAtOnceToWhatTheLoadWantsWithinMax() {
    var d = TargetTracking.decide(1, 0, 4, 250, 100, T0, null, null, WARMUP, false);
    assertThat(d.desired()).isEqualTo(3);
    assertThat(d.scaledOut()).isTrue();
    assertThat(TargetTracking.decide(1, 0, 4, 900, 100, T0, null, null, WARMUP, false).desired())
        .isEqualTo(4);
  }

  @Test
  void trackingDoesNotScaleOutAgainDuringTheWarmUp() {
    Instant lastOut = T0.minusSeconds(10);
    assertThat(TargetTracking.decide(3, 0, 9, 500, 100, T0, null, lastOut, WARMUP, false).desired())
        .isEqualTo(3);
    assertThat(
            TargetTracking.decide(
                    3, 0, 9, 500, 100, T0.plusSeconds(25), null, lastOut, WARMUP, false)
                .desired())
        .isEqualTo(5);
  }

  @Test
  void trackingScalesInOnlyAfterAWholeWindowOfLessLoadAndNeverWhenDisabled() {
    var first = TargetTracking.decide(3, 1, 5, 0, 100, T0, null, null, WARMUP, false);
    assertThat(first.desired()).isEqualTo(3);
    assertThat(first.lowSince()).isEqualTo(T0);
    var later = TargetTracking.decide(3, 1, 5, 0, 100, T0.plusSeconds(59), T0, null, WARMUP, false);
    assertThat(later.desired()).isEqualTo(3);
    var after = TargetTracking.decide(3, 1, 5, 0, 100, T0.plusSeconds(60), T0, null, WARMUP, false);
    assertThat(after.desired()).isEqualTo(1);
    assertThat(
            TargetTracking.decide(3, 1, 5, 0, 100, T0.plusSeconds(600), T0, null, WARMUP, true)
                .desired())
        .isEqualTo(3);
    // load back at the target: the low period starts over
    assertThat(
            TargetTracking.decide(3, 1, 5, 300, 100, T0.plusSeconds(30), T0, null, WARMUP, false)
                .lowSince())
        .isNull();
  }
}
