package dev.ec2double.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void parsesBlocksAndRefusesHostBitsOrNonsense() {
    assertThat(Cidr.parseOrNull("10.0.0.0/16")).hasToString("10.0.0.0/16");
    assertThat(Cidr.parseOrNull("10.0.0.1/16")).isNull();
    assertThat(Cidr.parseOrNull("10.0.0/16")).isNull();
    assertThat(Cidr.parseOrNull("10.0.0.256/32")).isNull();
    assertThat(Cidr.parseOrNull("10.0.0.0/33")).isNull();
    assertThat(Cidr.parseOrNull("0.0.0.0/0").size()).isEqualTo(1L << 32);
  }

  @Test
  void tellsContainmentAndOverlap() {
    Cidr vpc = Cidr.parseOrNull("172.31.0.0/16");
    assertThat(vpc.contains(Cidr.parseOrNull("172.31.16.0/20"))).isTrue();
    assertThat(vpc.contains(Cidr.parseOrNull("172.30.0.0/20"))).isFalse();
    assertThat(vpc.overlaps(Cidr.parseOrNull("172.0.0.0/8"))).isTrue();
    assertThat(vpc.overlaps(Cidr.parseOrNull("172.32.0.0/16"))).isFalse();
    assertThat(vpc.address(1)).isEqualTo("172.31.0.1");
    assertThat(Cidr.parseOrNull("0.0.0.0/0").contains(Cidr.ip("255.255.255.255"))).isTrue();
  }
}
