package dev.ec2double.compute.docker;

import dev.ec2double.compute.SubnetAcl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Network ACLs as iptables rules, in chains of their own ({@code EC2D-<server>-N}, reached first
 * from the server's main chain, before the conntrack shortcut, since ACLs are stateless). Per
 * subnet and direction, a jump for the packets that cross the subnet's boundary (one end in its
 * block, the other not) to a chain holding the entries in rule-number order: an allow returns, a
 * deny drops, and the end of the chain drops (AWS's {@code *} rule). A direction whose first entry
 * allows everything (the default ACL) gets no rules at all. Written only when ACLs, their entries
 * or associations change: nothing here depends on instances.
 */
final class NaclRules {
  private NaclRules() {}

  /** The chain the main chain jumps to. */
  static String top(String chain) {
    return chain + "-N";
  }

  /** The iptables-restore text and the per-subnet chains it declares. */
  record Text(String restore, List<String> chains) {}

  /**
   * The filter table's text that makes the NACL chains what {@code acls} say, and deletes the
   * chains of an earlier text that are no longer used.
   *
   * @param bridges the Linux bridge of a network, by network name
   * @param stale the per-subnet chains the previous text declared
   */
  static Text of(
      String chain,
      Collection<SubnetAcl> acls,
      Function<String, String> bridges,
      Collection<String> stale) {
    String top = top(chain);
    List<String> chains = new ArrayList<>();
    StringBuilder rules = new StringBuilder();
    // the metadata service is not filtered by ACLs on AWS (nor is anything link-local)
    rules.append("-A ").append(top).append(" -m conntrack --ctstate DNAT --ctorigdst ");
    rules.append(HostPacketFilter.METADATA_IP).append("/32 -j RETURN\n");
    int n = 0;
    for (SubnetAcl acl : acls) {
      String br = bridges.apply(acl.network());
      String cidr = acl.cidr();
      if (!allowsAll(acl.egress())) {
        String c = top + n + "E";
        chains.add(c);
        rules.append("-A ").append(top).append(" -i ").append(br).append(" -s ").append(cidr);
        rules.append(" ! -d ").append(cidr).append(" -j ").append(c).append('\n');
        entries(rules, c, " -d ", acl.egress());
      }
      if (!allowsAll(acl.ingress())) {
        String c = top + n + "I";
        chains.add(c);
        rules.append("-A ").append(top).append(" -o ").append(br).append(" -d ").append(cidr);
        rules.append(" ! -s ").append(cidr).append(" -j ").append(c).append('\n');
        entries(rules, c, " -s ", acl.ingress());
      }
      n++;
    }
    StringBuilder f = new StringBuilder("*filter\n:").append(top).append(" - [0:0]\n");
    for (String c : chains) {
      f.append(':').append(c).append(" - [0:0]\n");
    }
    List<String> gone = stale.stream().filter(c -> !chains.contains(c)).toList();
    for (String c : gone) {
      f.append(':').append(c).append(" - [0:0]\n");
    }
    f.append(rules);
    for (String c : gone) {
      f.append("-X ").append(c).append('\n');
    }
    f.append("COMMIT\n");
    return new Text(f.toString(), chains);
  }

  /** Whether the first entry decides for every packet, and allows it. */
  static boolean allowsAll(List<SubnetAcl.Rule> rules) {
    return !rules.isEmpty() && rules.get(0).matchesAll() && rules.get(0).allow();
  }

  /** The entries of one direction in order, then the drop of what none matched. */
  private static void entries(
      StringBuilder f, String chain, String peer, List<SubnetAcl.Rule> rules) {
    for (SubnetAcl.Rule r : rules) {
      f.append("-A ").append(chain).append(peer).append(r.cidr()).append(match(r));
      f.append(r.allow() ? " -j RETURN\n" : " -j DROP\n");
    }
    f.append("-A ").append(chain).append(" -j DROP\n");
  }

  /** The protocol and port (or ICMP type and code) part of an entry's match. */
  static String match(SubnetAcl.Rule r) {
    String p = r.protocol();
    switch (p) {
      case "-1":
        return "";
      case "6":
      case "17":
        {
          String m = " -p " + (p.equals("6") ? "tcp" : "udp");
          if (r.fromPort() < 0) {
            return m;
          }
          m += " --dport " + r.fromPort();
          return r.toPort() > r.fromPort() ? m + ":" + r.toPort() : m;
        }
      case "1":
        {
          String m = " -p icmp";
          if (r.fromPort() < 0) {
            return m;
          }
          m += " --icmp-type " + r.fromPort();
          return r.toPort() >= 0 ? m + "/" + r.toPort() : m;
        }
      default:
        return " -p " + p;
    }
  }

  /**
   * Removes the NACL chains of a server's chain prefix, whatever their number (a reaped server's,
   * or ours at close): the listing names them.
   */
  static void remove(Iptables iptables, String chain) {
    Iptables.Result listed = iptables.run("-S");
    if (!listed.ok()) {
      return;
    }
    String top = top(chain);
    List<String> found = new ArrayList<>();
    for (String line : listed.output().split("\n")) {
      String[] p = line.trim().split("\\s+");
      if (p.length == 2 && p[0].equals("-N") && p[1].startsWith(top)) {
        found.add(p[1]);
      }
    }
    found.forEach(c -> iptables.run("-F", c));
    found.forEach(c -> iptables.run("-X", c));
  }
}
