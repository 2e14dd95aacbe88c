package dev.ec2double.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoadBalancerCapacityTest {
  private static final Instant MORNING = Instant.parse("2026-01-05T08:00:00Z");
  private static final Instant EVENING = Instant.parse("2026-01-05T20:00:00Z");
  private static final Instant NEXT_DAY = Instant.parse("2026-01-06T00:30:00Z");

  @Test
  void increasesAreFreeAndTwoDecreasesADayAreAllowed() {
    LoadBalancerCapacity c = LoadBalancerCapacity.NONE.change(500, MORNING);
    assertThat(c.decreasesRemaining(MORNING)).isEqualTo(2);
    c = c.change(800, MORNING).change(400, MORNING);
    assertThat(c.units()).isEqualTo(400);
    assertThat(c.decreasesRemaining(EVENING)).isEqualTo(1);
    assertThat(c.isDecrease(null)).isTrue();
    c = c.change(null, EVENING);
    assertThat(c.units()).isNull();
    assertThat(c.modified()).isEqualTo(EVENING);
    assertThat(c.decreasesRemaining(EVENING)).isZero();
    assertThat(c.isDecrease(100)).isFalse();
  }

  @Test
  void theDecreasesComeBackOnTheNextUtcDay() {
    LoadBalancerCapacity c =
        LoadBalancerCapacity.NONE.change(500, MORNING).change(300, MORNING).change(200, EVENING);
    assertThat(c.decreasesRemaining(EVENING)).isZero();
    assertThat(c.decreasesRemaining(NEXT_DAY)).isEqualTo(2);
    assertThat(c.change(100, NEXT_DAY).decreasesRemaining(NEXT_DAY)).isEqualTo(1);
  }
}
