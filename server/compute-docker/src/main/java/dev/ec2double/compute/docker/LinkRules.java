package dev.ec2double.compute.docker;

import dev.ec2double.compute.NetworkLink;
import java.util.Collection;
import java.util.function.Function;

/**
 * Links between networks (VPC peering) as iptables rules. Docker isolates its bridges from each
 * other (DOCKER-ISOLATION) and masquerades what leaves a bridge; a link accepts, in the server's
 * main chain, the traffic between its two blocks on their two bridges, both ways, and exempts it
 * from masquerade in a nat chain of its own ({@code EC2D-<server>-PN}, jumped to first from {@code
 * POSTROUTING}), so the other side sees the sender's own address. Packets of a connection already
 * open are accepted right after the network ACLs and injected cuts; new ones only after the
 * security group chains let them through: the link opens the route, not the filters.
 */
final class LinkRules {
  private LinkRules() {}

  /** The nat chain that keeps the links' addresses. */
  static String natChain(String chain) {
    return chain + "-PN";
  }

  /**
   * One filter rule per direction of each link, in {@code chain}, with {@code extra} appended to
   * the match ({@code " -m conntrack --ctstate RELATED,ESTABLISHED"} or nothing).
   */
  static String accept(
      String chain, Collection<NetworkLink> links, Function<String, String> bridges, String extra) {
    StringBuilder f = new StringBuilder();
    for (NetworkLink l : links) {
      String a = bridges.apply(l.network());
      String b = bridges.apply(l.peerNetwork());
      f.append(rule(chain, a, l.cidr(), b, l.peerCidr(), extra, "ACCEPT"));
      f.append(rule(chain, b, l.peerCidr(), a, l.cidr(), extra, "ACCEPT"));
    }
    return f.toString();
  }

  /** The nat chain's rules: a link's traffic is accepted there, before Docker's masquerade. */
  static String keepAddresses(
      String chain, Collection<NetworkLink> links, Function<String, String> bridges) {
    StringBuilder f = new StringBuilder();
    String nat = natChain(chain);
    for (NetworkLink l : links) {
      String a = bridges.apply(l.network());
      String b = bridges.apply(l.peerNetwork());
      f.append("-A ").append(nat).append(" -s ").append(l.cidr()).append(" -d ");
      f.append(l.peerCidr()).append(" -o ").append(b).append(" -j ACCEPT\n");
      f.append("-A ").append(nat).append(" -s ").append(l.peerCidr()).append(" -d ");
      f.append(l.cidr()).append(" -o ").append(a).append(" -j ACCEPT\n");
    }
    return f.toString();
  }

  private static String rule(
      String chain, String in, String from, String out, String to, String extra, String target) {
    return "-A " + chain + " -i " + in + " -o " + out + " -s " + from + " -d " + to + extra + " -j "
        + target + "\n";
  }

  /** Removes the nat chain and its jump (a reaped server's, or ours at close). */
  static void remove(Iptables iptables, String chain) {
    String nat = natChain(chain);
    iptables.run("-t", "nat", "-D", "POSTROUTING", "-j", nat);
    iptables.run("-t", "nat", "-F", nat);
    iptables.run("-t", "nat", "-X", nat);
  }

  /**
   * Puts the jump to the nat chain first in {@code POSTROUTING} (again): Docker may have put a
   * network's masquerade rule before it since.
   */
  static void jumpFirst(Iptables iptables, String chain) {
    String nat = natChain(chain);
    iptables.run("-t", "nat", "-D", "POSTROUTING", "-j", nat);
    iptables.run("-t", "nat", "-I", "POSTROUTING", "1", "-j", nat);
  }
}
