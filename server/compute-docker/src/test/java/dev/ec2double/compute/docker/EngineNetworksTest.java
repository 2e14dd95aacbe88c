package dev.ec2double.compute.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineNetworksTest {
  @Test
  void findsBlocksThatShareAnAddress() {
    assertThat(EngineNetworks.overlap("10.0.0.0/16", "10.0.5.0/24")).isTrue();
    assertThat(EngineNetworks.overlap("10.0.5.0/24", "10.0.0.0/16")).isTrue();
    assertThat(EngineNetworks.overlap("0.0.0.0/0", "192.168.1.0/24")).isTrue();
    assertThat(EngineNetworks.overlap("172.17.0.0/16", "172.17.0.0/16")).isTrue();
  }

  @Test
  void tellsDisjointBlocksApart() {
    assertThat(EngineNetworks.overlap("10.0.0.0/16", "10.1.0.0/16")).isFalse();
    assertThat(EngineNetworks.overlap("10.0.0.0/25", "10.0.0.128/25")).isFalse();
  }

  @Test
  void ignoresWhatIsNotAnIpv4Block() {
    assertThat(EngineNetworks.overlap("fd00::/64", "10.0.0.0/8")).isFalse();
    assertThat(EngineNetworks.overlap("10.0.0.0/33", "10.0.0.0/8")).isFalse();
    assertThat(EngineNetworks.overlap("10.0.0.300/24", "10.0.0.0/8")).isFalse();
    assertThat(EngineNetworks.overlap("10.0.0.0", "10.0.0.0/8")).isFalse();
  }
}
