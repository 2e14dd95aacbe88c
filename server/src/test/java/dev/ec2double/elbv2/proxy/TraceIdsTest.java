package dev.ec2double.elbv2.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceIdsTest {
  @Test
  void startsARootWithTheEpochSecondsAndTwentyFourRandomHexDigits() {
    long before = System.currentTimeMillis() / 1000;
    String header = TraceIds.forward(null);
    long after = System.currentTimeMillis() / 1000;

    assertThat(header).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
    long seconds = Long.parseLong(header.substring(7, 15), 16);
    assertThat(seconds).isBetween(before, after);
    assertThat(TraceIds.forward(null)).isNotEqualTo(header);
  }

  @Test
  void putsItsOwnIdInFrontOfAClientsRoot() {
    String header = TraceIds.forward("Root=1-67891233-abcdef012345678912345678;Sampled=1");

    assertThat(header)
        .matches(
            "Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-67891233-abcdef012345678912345678;Sampled=1");
  }
}
