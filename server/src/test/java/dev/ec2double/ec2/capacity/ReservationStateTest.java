package dev.ec2double.ec2.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CapacityReservationSpecification;

class ReservationStateTest {
  private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");

  private static ReservationStore.Reservation reservation(Instant start) {
    var r =
        new ReservationStore.Reservation(
            "cr-0123456789abcdef0",
            "t3.micro",
            "Linux/UNIX",
            "us-east-1a",
            "use1-az1",
            "default",
            false,
            NOW.minusSeconds(3600),
            start,
            null);
    r.totalCount = 1;
    r.endDateType = "unlimited";
    r.matchCriteria = "open";
    return r;
  }

  @Test
  void aLimitedReservationIsExpiredFromItsEndDateOn() {
    var r = reservation(null);
    r.endDateType = "limited";
    r.endDate = NOW.plusSeconds(60);
    assertThat(r.stateAt(NOW)).isEqualTo("active");
    assertThat(r.stateAt(NOW.plusSeconds(60))).isEqualTo("expired");
  }

  @Test
  void anUnlimitedReservationStaysActiveAndACancelledOneCancelled() {
    var r = reservation(null);
    assertThat(r.stateAt(NOW.plusSeconds(100_000_000))).isEqualTo("active");
    r.state = "cancelled";
    assertThat(r.stateAt(NOW)).isEqualTo("cancelled");
  }

  @Test
  void aReservationWithAStartDateToComeIsScheduled() {
    var r = reservation(NOW.plusSeconds(10));
    assertThat(r.stateAt(NOW)).isEqualTo("scheduled");
    assertThat(r.stateAt(NOW.plusSeconds(10))).isEqualTo("active");
  }

  @Test
  void aLaunchTakesOpenByDefaultAndRefusesAPreferenceWithATarget() {
    assertThat(ReservationRules.choice(null)).isEqualTo(new ReservationRules.Choice("open", null));
    assertThat(
            ReservationRules.choice(
                CapacityReservationSpecification.builder()
                    .capacityReservationTarget(t -> t.capacityReservationId("cr-1"))
                    .build()))
        .isEqualTo(new ReservationRules.Choice(null, "cr-1"));
    assertThatThrownBy(
            () ->
                ReservationRules.choice(
                    CapacityReservationSpecification.builder()
                        .capacityReservationPreference("open")
                        .capacityReservationTarget(t -> t.capacityReservationId("cr-1"))
                        .build()))
        .isInstanceOf(AwsException.class)
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("InvalidParameterCombination");
    assertThatThrownBy(
            () ->
                ReservationRules.choice(
                    CapacityReservationSpecification.builder()
                        .capacityReservationPreference("sometimes")
                        .build()))
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("InvalidParameterValue");
  }
}
