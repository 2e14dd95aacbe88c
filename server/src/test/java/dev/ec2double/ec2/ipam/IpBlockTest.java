package dev.ec2double.ec2.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpBlockTest {
  private static IpBlock b(String text) {
    return IpBlock.parseOrNull(text);
  }

  @Test
  void parsesBothFamiliesAndRefusesHostBitsAndNonsense() {
    assertThat(b("10.0.0.0/8")).hasToString("10.0.0.0/8");
    assertThat(b("2600:1f14:0:0::/56")).hasToString("2600:1f14::/56");
    assertThat(b("2001:db8:0:1::/64")).hasToString("2001:db8:0:1::/64");
    assertThat(b("10.0.0.1/8")).isNull();
    assertThat(b("10.0.0.0/33")).isNull();
    assertThat(b("10.0.0/8")).isNull();
    assertThat(b("example.com/8")).isNull();
    assertThat(b("10.0.0.0")).isNull();
  }

  @Test
  void firstFreeSkipsTakenBlocksAndKeepsAlignment() {
    IpBlock pool = b("10.0.0.0/16");
    assertThat(pool.firstFree(24, List.of())).hasToString("10.0.0.0/24");
    assertThat(pool.firstFree(24, List.of(b("10.0.0.0/24")))).hasToString("10.0.1.0/24");
    // a /25 taken in the middle of the first /23 pushes a /23 to the next aligned place
    assertThat(pool.firstFree(23, List.of(b("10.0.1.0/25")))).hasToString("10.0.2.0/23");
    assertThat(pool.firstFree(25, List.of(b("10.0.0.0/25")))).hasToString("10.0.0.128/25");
    assertThat(pool.firstFree(15, List.of())).isNull();
    assertThat(pool.firstFree(16, List.of(b("10.0.255.0/24")))).isNull();
    assertThat(pool.firstFree(24, List.of(b("10.0.0.0/16")))).isNull();
  }

  @Test
  void firstFreeWorksInLargeIpv6Spaces() {
    IpBlock pool = b("2600:1f00::/24");
    assertThat(pool.firstFree(56, List.of(b("2600:1f00::/56"))))
        .hasToString("2600:1f00:0:100::/56");
    assertThat(pool.firstFree(64, List.of())).hasToString("2600:1f00::/64");
  }
}
