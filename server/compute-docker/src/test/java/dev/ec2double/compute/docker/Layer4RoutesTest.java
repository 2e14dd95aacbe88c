package dev.ec2double.compute.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.Layer4Forward;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The network load balancers' kernel forwards, checked on the commands iptables gets: the spread of
 * new flows over the targets, masquerading, the chains' jumps, and their removal.
 */
class Layer4RoutesTest {
  private static final String CHAIN = "EC2D-0123456789ab";

  private final List<String> ran = new ArrayList<>();

  /** Succeeds, except checking a jump (so that each is inserted). */
  private final Iptables recording =
      new Iptables(
          (cmd, input) -> {
            String c = String.join(" ", cmd);
            ran.add(c + (input == null ? "" : "\n" + input));
            return new Iptables.Result(c.contains(" -C ") ? 1 : 0, "");
          },
          "in a test");

  private final Layer4Routes routes =
      new Layer4Routes(CHAIN, recording, a -> a.startsWith("10.0.") ? "br-vpc" : null);

  private static Layer4Forward tcp(boolean preserve, Layer4Forward.Target... targets) {
    return new Layer4Forward(
        "tcp", List.of("127.100.1.2", "198.19.130.7"), 80, List.of(targets), preserve);
  }

  @Test
  void spreadsNewFlowsOverTheTargetsOneInNThenOneInNMinusOne() {
    String rules =
        Layer4Routes.rules(
            CHAIN + "-NL",
            CHAIN + "-NS",
            List.of(
                tcp(
                    true,
                    new Layer4Forward.Target("10.0.1.5", 8080),
                    new Layer4Forward.Target("10.0.2.6", 8080),
                    new Layer4Forward.Target("10.0.3.7", 8080))));

    assertThat(rules)
        .startsWith(
            "*nat\n:EC2D-0123456789ab-NL - [0:0]\n:EC2D-0123456789ab-NS - [0:0]\n"
                + "-A EC2D-0123456789ab-NS -s 127.0.0.0/8 -m conntrack --ctstate DNAT -j"
                + " MASQUERADE\n")
        .contains(
            "-A EC2D-0123456789ab-NL -d 127.100.1.2/32 -p tcp -m tcp --dport 80 -m statistic"
                + " --mode nth --every 3 --packet 0 -j DNAT --to-destination 10.0.1.5:8080\n"
                + "-A EC2D-0123456789ab-NL -d 127.100.1.2/32 -p tcp -m tcp --dport 80 -m statistic"
                + " --mode nth --every 2 --packet 0 -j DNAT --to-destination 10.0.2.6:8080\n"
                + "-A EC2D-0123456789ab-NL -d 127.100.1.2/32 -p tcp -m tcp --dport 80"
                + " -j DNAT --to-destination 10.0.3.7:8080\n")
        .contains("-d 198.19.130.7/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.3.7")
        .endsWith("COMMIT\n")
        .doesNotContain("--ctorigdst");
  }

  @Test
  void masqueradesTheListenersFlowsWhenClientAddressesAreNotPreserved() {
    String rules =
        Layer4Routes.rules(
            CHAIN + "-NL",
            CHAIN + "-NS",
            List.of(tcp(false, new Layer4Forward.Target("10.0.1.5", 8080))));

    assertThat(rules)
        .contains(
            "-A EC2D-0123456789ab-NS -p tcp -m conntrack --ctstate DNAT --ctorigdst"
                + " 198.19.130.7/32 --ctorigdstport 80 -j MASQUERADE\n");
  }

  @Test
  void aZonesForwardTakesOnlyItsClientsFlowsBeforeTheForwardForEveryoneElse() {
    Layer4Forward.Target a = new Layer4Forward.Target("10.0.1.5", 8080);
    Layer4Forward.Target b = new Layer4Forward.Target("10.0.2.5", 8080);
    String rules =
        Layer4Routes.rules(
            CHAIN + "-NL",
            CHAIN + "-NS",
            List.of(
                tcp(false, a).from(List.of("10.0.1.0/24", "10.0.3.0/24")),
                tcp(false, b).from(List.of("10.0.2.0/24")),
                tcp(false, a, b)));

    assertThat(rules)
        .contains(
            "-A EC2D-0123456789ab-NL -s 10.0.1.0/24 -d 198.19.130.7/32 -p tcp -m tcp --dport 80"
                + " -j DNAT --to-destination 10.0.1.5:8080\n"
                + "-A EC2D-0123456789ab-NL -s 10.0.3.0/24 -d 198.19.130.7/32 -p tcp -m tcp"
                + " --dport 80 -j DNAT --to-destination 10.0.1.5:8080\n")
        .contains(
            "-A EC2D-0123456789ab-NL -s 10.0.2.0/24 -d 198.19.130.7/32 -p tcp -m tcp --dport 80"
                + " -j DNAT --to-destination 10.0.2.5:8080\n")
        .contains(
            "-A EC2D-0123456789ab-NL -d 198.19.130.7/32 -p tcp -m tcp --dport 80 -m statistic"
                + " --mode nth --every 2 --packet 0 -j DNAT --to-destination 10.0.1.5:8080\n");
    assertThat(rules.indexOf("-s 10.0.2.0/24 -d 198.19.130.7"))
        .isLessThan(rules.indexOf("-NL -d 198.19.130.7/32"));
    assertThat(rules.split("--ctorigdst 198.19.130.7/32", -1)).hasSize(2); // masqueraded once
  }

  @Test
  void writesOnlyOnChangeJumpsFromThreeHooksAndRemovesEverythingOnClose() {
    routes.apply(List.of()); // nothing installed, nothing to write
    assertThat(ran).isEmpty();

    List<Layer4Forward> one = List.of(tcp(true, new Layer4Forward.Target("10.0.1.5", 80)));
    routes.apply(one);
    routes.apply(one);

    assertThat(ran.stream().filter(c -> c.startsWith("iptables-restore"))).hasSize(1);
    assertThat(ran)
        .contains("sh -c echo 1 > /proc/sys/net/ipv4/conf/br-vpc/route_localnet")
        .contains("iptables --wait -t nat -I PREROUTING 1 -j " + CHAIN + "-NL")
        .contains("iptables --wait -t nat -I OUTPUT 1 -j " + CHAIN + "-NL")
        .contains("iptables --wait -t nat -I POSTROUTING 1 -j " + CHAIN + "-NS");

    ran.clear();
    routes.close();
    assertThat(ran)
        .contains("iptables --wait -t nat -D OUTPUT -j " + CHAIN + "-NL")
        .contains("iptables --wait -t nat -X " + CHAIN + "-NL")
        .contains("iptables --wait -t nat -X " + CHAIN + "-NS");
  }

  @Test
  void aRedirectedPortGoesToTheHostsOwnPortAtEveryAddressWithoutMasquerade() {
    String rules =
        Layer4Routes.rules(
            CHAIN + "-NL",
            CHAIN + "-NS",
            List.of(
                Layer4Forward.redirect("tcp", List.of("127.100.1.2", "198.19.130.7"), 443, 41234)));

    assertThat(rules)
        .contains(
            "-A EC2D-0123456789ab-NL -d 127.100.1.2/32 -p tcp -m tcp --dport 443 -j REDIRECT"
                + " --to-ports 41234\n"
                + "-A EC2D-0123456789ab-NL -d 198.19.130.7/32 -p tcp -m tcp --dport 443 -j REDIRECT"
                + " --to-ports 41234\n")
        .contains("-A EC2D-0123456789ab-NS -o lo -p tcp -m tcp --dport 41234 -j RETURN\n")
        .doesNotContain("DNAT --to")
        .doesNotContain("--ctorigdst");
  }

  @Test
  void cuttingATargetsFlowsDeletesTheirConnectionTrackingAtEachAddress() {
    boolean cut =
        routes.cut(
            tcp(true, new Layer4Forward.Target("10.0.1.5", 8080)),
            new Layer4Forward.Target("10.0.1.5", 8080));

    assertThat(cut).isTrue();
    assertThat(ran)
        .containsExactly(
            "conntrack -D -p tcp --orig-dst 127.100.1.2 --orig-port-dst 80 --reply-src 10.0.1.5"
                + " --reply-port-src 8080",
            "conntrack -D -p tcp --orig-dst 198.19.130.7 --orig-port-dst 80 --reply-src 10.0.1.5"
                + " --reply-port-src 8080");
  }
}
