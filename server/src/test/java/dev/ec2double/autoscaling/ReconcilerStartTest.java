package dev.ec2double.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.core.MetricSource;
import dev.ec2double.core.RegionState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciler's thread starts with the first change, so an idle server runs none. */
class ReconcilerStartTest {
  @Test
  void noThreadUntilTheFirstGroupThenOneUntilClosed() {
    RegionState empty = new RegionState("123456789012", "us-east-1");
    try (AutoScaling as = new AutoScaling(null, null, MetricSource.NONE, () -> List.of(empty))) {
      as.adopted(List.of(empty)); // saved state without groups
      assertThat(as.reconciling()).isFalse();

      as.changed(); // what the first CreateAutoScalingGroup does
      assertThat(as.reconciling()).isTrue();
    }
  }

  @Test
  void savedGroupsStartItAtOnce() {
    RegionState saved = new RegionState("123456789012", "us-east-1");
    AutoScalingStore.of(saved).groups.put("web", new GroupRecord("web", "arn", null));
    try (AutoScaling as = new AutoScaling(null, null, MetricSource.NONE, () -> List.of())) {
      as.adopted(List.of(saved));
      assertThat(as.reconciling()).isTrue();
    }
  }
}
