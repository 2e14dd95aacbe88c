package dev.ec2double.ec2.netperf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
  private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void latencyGrowsWithDistanceAndIsStableAndSymmetric() {
    float zone = LatencyModel.latencyMs(Locations.of("use1-az1", "use1-az1"), T);
    float region = LatencyModel.latencyMs(Locations.of("use1-az1", "use1-az2"), T);
    float far = LatencyModel.latencyMs(Locations.of("us-east-1", "ap-southeast-2"), T);
    assertThat(zone).isBetween(0.05f, 0.13f);
    assertThat(region).isBetween(0.45f, 1.6f);
    assertThat(far).isBetween(9f, 210f);
    assertThat(LatencyModel.latencyMs(Locations.of("ap-southeast-2", "us-east-1"), T))
        .isEqualTo(far);
    assertThat(LatencyModel.latencyMs(Locations.of("us-east-1", "ap-southeast-2"), T))
        .isEqualTo(far);
  }

  @Test
  void pointsVaryALittleAroundThePairsBase() {
    Locations pair = Locations.of("eu-west-1", "us-west-2");
    float first = LatencyModel.latencyMs(pair, T);
    for (int i = 1; i < 50; i++) {
      float v = LatencyModel.latencyMs(pair, T.plusSeconds(300L * i));
      assertThat(Math.abs(v - first) / first).isLessThan(0.07f);
    }
  }
}
