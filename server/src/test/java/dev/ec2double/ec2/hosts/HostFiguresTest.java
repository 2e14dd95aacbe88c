package dev.ec2double.ec2.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostFiguresTest {
  @Test
  void hostsHaveTheirFamilysSocketsCoresAndVcpus() {
    assertThat(HostSizes.of("m5")).isEqualTo(new HostSizes.Size(2, 48, 96));
    assertThat(HostSizes.of("c5").vcpus()).isEqualTo(72);
    assertThat(HostSizes.of("m7g")).isEqualTo(new HostSizes.Size(1, 64, 64));
    assertThat(HostSizes.of("x2iezn").vcpus()).isEqualTo(96);
    assertThat(HostSizes.family("m5.xlarge")).isEqualTo("m5");
  }

  @Test
  void offeringsAreTheSameOnEveryServerAndCheaperForLongerTerms() {
    var noUpfront1 =
        HostReservationsService.offering("m5", HostReservationsService.ONE_YEAR, "NoUpfront");
    var noUpfront3 =
        HostReservationsService.offering("m5", HostReservationsService.THREE_YEARS, "NoUpfront");
    var allUpfront =
        HostReservationsService.offering("m5", HostReservationsService.ONE_YEAR, "AllUpfront");
    assertThat(noUpfront1.offeringId())
        .matches("hro-[0-9a-f]{17}")
        .isEqualTo(
            HostReservationsService.offering("m5", HostReservationsService.ONE_YEAR, "NoUpfront")
                .offeringId())
        .isNotEqualTo(noUpfront3.offeringId())
        .isNotEqualTo(allUpfront.offeringId());
    assertThat(Double.parseDouble(noUpfront3.hourlyPrice()))
        .isLessThan(Double.parseDouble(noUpfront1.hourlyPrice()));
    assertThat(noUpfront1.upfrontPrice()).isEqualTo("0.000");
    assertThat(allUpfront.hourlyPrice()).isEqualTo("0.000");
    assertThat(Double.parseDouble(allUpfront.upfrontPrice())).isPositive();
  }
}
