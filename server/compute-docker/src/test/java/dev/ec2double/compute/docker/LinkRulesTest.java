package dev.ec2double.compute.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.NetworkLink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Links between networks as iptables rules: both directions, exact blocks, exact bridges. */
class LinkRulesTest {
  private static final String CHAIN = "EC2D-0123456789ab";
  private static final List<NetworkLink> LINKS =
      List.of(new NetworkLink("a", "10.1.1.0/24", "b", "10.2.0.0/16"));

  @Test
  void eachLinkAcceptsBothDirectionsBetweenItsBridgesAndBlocks() {
    assertThat(LinkRules.accept(CHAIN, LINKS, n -> "br-" + n, "").split("\n"))
        .containsExactly(
            "-A EC2D-0123456789ab -i br-a -o br-b -s 10.1.1.0/24 -d 10.2.0.0/16 -j ACCEPT",
            "-A EC2D-0123456789ab -i br-b -o br-a -s 10.2.0.0/16 -d 10.1.1.0/24 -j ACCEPT");
    assertThat(
            LinkRules.accept(CHAIN, LINKS, n -> "br-" + n, " -m conntrack --ctstate ESTABLISHED")
                .split("\n")[0])
        .endsWith("-d 10.2.0.0/16 -m conntrack --ctstate ESTABLISHED -j ACCEPT");
    assertThat(LinkRules.accept(CHAIN, List.of(), n -> n, "")).isEmpty();
  }

  @Test
  void theLinksTrafficIsNotMasqueraded() {
    assertThat(LinkRules.keepAddresses(CHAIN, LINKS, n -> "br-" + n).split("\n"))
        .containsExactly(
            "-A EC2D-0123456789ab-PN -s 10.1.1.0/24 -d 10.2.0.0/16 -o br-b -j ACCEPT",
            "-A EC2D-0123456789ab-PN -s 10.2.0.0/16 -d 10.1.1.0/24 -o br-a -j ACCEPT");
  }
}
