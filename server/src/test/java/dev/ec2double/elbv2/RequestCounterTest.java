package dev.ec2double.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestCounterTest {
  @Test
  void sumsTheSecondsOfTheRangeAndForgetsABucketsOldSecond() {
    RequestCounter c = new RequestCounter();
    c.count(1000);
    c.count(1000);
    c.count(1001);
    c.count(1005);

    assertThat(c.sum(Instant.ofEpochSecond(1000), Instant.ofEpochSecond(1002))).isEqualTo(3);
    assertThat(c.sum(Instant.ofEpochSecond(1001), Instant.ofEpochSecond(1006))).isEqualTo(2);

    c.count(1000 + RequestCounter.SECONDS); // the same bucket, a later second
    assertThat(c.sum(Instant.ofEpochSecond(1000), Instant.ofEpochSecond(1001))).isZero();
    assertThat(
            c.sum(
                Instant.ofEpochSecond(1000 + RequestCounter.SECONDS),
                Instant.ofEpochSecond(1001 + RequestCounter.SECONDS)))
        .isEqualTo(1);
  }
}
