package dev.ec2double.compute.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The DNAT rules that put the server's services (load balancer listeners, the name server) at
 * virtual addresses of the VPC networks, and their clean-up, checked on the commands iptables gets.
 */
class ServiceRoutesTest {
  private static final String CHAIN = "EC2D-0123456789ab";

  /** Every command and restore input, in order. */
  private final List<String> ran = new ArrayList<>();

  /** Jumps to the chain that are in PREROUTING now, as the fake iptables below keeps them. */
  private int jumps;

  /** Succeeds, except checking or deleting a jump that is not there. */
  private final Iptables recording =
      new Iptables(
          (cmd, input) -> {
            String c = String.join(" ", cmd);
            ran.add(c + (input == null ? "" : "\n" + input));
            if (c.contains("-I PREROUTING")) {
              jumps++;
            }
            boolean missing =
                (c.contains("-D PREROUTING") || c.contains("-C PREROUTING")) && jumps == 0;
            if (c.contains("-D PREROUTING") && jumps > 0) {
              jumps--;
            }
            return new Iptables.Result(missing ? 1 : 0, "");
          },
          "in a test");

  private final ServiceRoutes routes = new ServiceRoutes(CHAIN, recording, n -> "br-" + n);

  @Test
  void writesOneDnatPerRouteFromItsNetworksBridgeOnly() {
    Map<ServiceRoutes.Route, String> targets = new TreeMap<>();
    targets.put(new ServiceRoutes.Route("vpc-a", "198.18.7.9", "tcp", 80), "10.0.0.1:40001");
    targets.put(new ServiceRoutes.Route("vpc-a", "198.19.1.2", "udp", 53), "10.0.0.1:40002");

    assertThat(ServiceRoutes.rules(CHAIN + "-SV", targets, n -> "br-" + n))
        .isEqualTo(
            "*nat\n:EC2D-0123456789ab-SV - [0:0]\n"
                + "-A EC2D-0123456789ab-SV -i br-vpc-a -d 198.18.7.9/32 -p tcp -m tcp --dport 80"
                + " -j DNAT --to-destination 10.0.0.1:40001\n"
                + "-A EC2D-0123456789ab-SV -i br-vpc-a -d 198.19.1.2/32 -p udp -m udp --dport 53"
                + " -j DNAT --to-destination 10.0.0.1:40002\n"
                + "COMMIT\n");
  }

  @Test
  void installsItsOwnChainOnceAndRewritesOnlyItOnEachChange() {
    routes.put(new ServiceRoutes.Route("vpc-a", "198.18.7.9", "tcp", 80), "10.0.0.1", 40001);
    routes.put(new ServiceRoutes.Route("vpc-a", "198.18.7.9", "tcp", 443), "10.0.0.1", 40002);

    assertThat(ran)
        .filteredOn(c -> c.contains("-I PREROUTING"))
        .containsExactly("iptables --wait -t nat -I PREROUTING 1 -j " + CHAIN + "-SV");
    List<String> restores = ran.stream().filter(c -> c.startsWith("iptables-restore")).toList();
    assertThat(restores).allMatch(r -> r.contains("*nat\n") && !r.contains("*filter"));
    assertThat(restores.get(restores.size() - 1))
        .contains("--dport 80 -j DNAT --to-destination 10.0.0.1:40001")
        .contains("--dport 443 -j DNAT --to-destination 10.0.0.1:40002");
  }

  @Test
  void aChainClearedUnderItGetsItsJumpBackAtTheNextChange() {
    routes.put(new ServiceRoutes.Route("vpc-a", "198.18.7.9", "tcp", 80), "10.0.0.1", 40001);
    jumps = 0; // another process's clean-up of this server id's chains

    routes.put(new ServiceRoutes.Route("vpc-a", "198.18.7.9", "tcp", 443), "10.0.0.1", 40002);

    assertThat(jumps).isEqualTo(1);
    assertThat(ran).filteredOn(c -> c.contains("-I PREROUTING")).hasSize(2);
  }

  @Test
  void anUnchangedRouteWritesNothing() {
    ServiceRoutes.Route r = new ServiceRoutes.Route("vpc-a", "198.18.7.9", "tcp", 80);
    routes.put(r, "10.0.0.1", 40001);
    int before = ran.size();

    routes.put(r, "10.0.0.1", 40001);

    assertThat(ran).hasSize(before);
  }

  @Test
  void aRemovedRouteOrNetworkLeavesTheChainWithoutItsRules() {
    ServiceRoutes.Route lb = new ServiceRoutes.Route("vpc-a", "198.18.7.9", "tcp", 80);
    routes.put(lb, "10.0.0.1", 40001);
    routes.put(new ServiceRoutes.Route("vpc-b", "198.19.1.2", "udp", 53), "10.1.0.1", 40002);

    routes.remove(lb);
    assertThat(lastRestore()).doesNotContain("198.18.7.9").contains("198.19.1.2");
    routes.forgetNetwork("vpc-b");
    assertThat(lastRestore()).doesNotContain("-A ");
  }

  private String lastRestore() {
    List<String> restores = ran.stream().filter(c -> c.startsWith("iptables-restore")).toList();
    return restores.get(restores.size() - 1);
  }

  @Test
  void closingRemovesTheJumpAndTheChain() {
    routes.put(new ServiceRoutes.Route("vpc-a", "198.18.7.9", "tcp", 80), "10.0.0.1", 40001);
    ran.clear();

    routes.close();

    assertThat(ran)
        .contains(
            "iptables --wait -t nat -D PREROUTING -j " + CHAIN + "-SV",
            "iptables --wait -t nat -F " + CHAIN + "-SV",
            "iptables --wait -t nat -X " + CHAIN + "-SV");
  }

  @Test
  void theReaperOfADeadServersChainsRemovesItsServiceRoutesToo() {
    jumps = 1;

    HostPacketFilter.remove(recording, CHAIN);

    assertThat(ran)
        .contains(
            "iptables --wait -t nat -F " + CHAIN + "-SV",
            "iptables --wait -t nat -X " + CHAIN + "-SV");
  }

  @Test
  void tellsWhetherAnAddressIsInsideANetworksCidr() {
    assertThat(ServiceRoutes.contains("10.0.0.0/16", "10.0.255.254")).isTrue();
    assertThat(ServiceRoutes.contains("10.0.0.0/16", "10.1.0.1")).isFalse();
    assertThat(ServiceRoutes.contains("198.18.0.0/15", "198.19.3.4")).isTrue();
    assertThat(ServiceRoutes.contains("172.31.0.0/16", "198.18.3.4")).isFalse();
    assertThat(ServiceRoutes.contains("0.0.0.0/0", "198.18.3.4")).isTrue();
  }
}
