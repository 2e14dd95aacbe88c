package dev.ec2double.compute.docker;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The server's own services on the VPC networks at addresses of their own: traffic from a network's
 * bridge to a virtual address and port (a load balancer's listener, the name server) is DNATed to
 * where the service listens (the network's gateway, or the server's own address on the network when
 * it runs in a container), the way the metadata address is. The rules live in a nat chain of this
 * server's own ({@code EC2D-<server>-SV}), reached from one jump in {@code nat PREROUTING}, apart
 * from the security groups' chains; each change rewrites that chain alone in one {@code
 * iptables-restore} commit, and {@link #close()} (or the reaper of a dead server's chains, through
 * {@link HostPacketFilter#remove}) removes it.
 */
final class ServiceRoutes implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ServiceRoutes.class);

  /** One virtual address and port on one network. */
  record Route(String network, String virtualAddress, String protocol, int port)
      implements Comparable<Route> {
    @Override
    public int compareTo(Route o) {
      return key().compareTo(o.key());
    }

    private String key() {
      return network + " " + virtualAddress + " " + protocol + " " + String.format("%05d", port);
    }
  }

  private final String chain;
  private final Iptables iptables;
  private final Function<String, String> bridges;
  private final Map<Route, String> targets = new TreeMap<>();
  private boolean installed;

  /**
   * @param filterChain the server's chain name ({@link HostPacketFilter#chainOf})
   * @param bridges the Linux bridge interface of a network, by network name
   */
  ServiceRoutes(String filterChain, Iptables iptables, Function<String, String> bridges) {
    this.chain = chainOf(filterChain);
    this.iptables = iptables;
    this.bridges = bridges;
  }

  static String chainOf(String filterChain) {
    return filterChain + "-SV";
  }

  /** Routes {@code route} to {@code address:port}, replacing an earlier target. */
  synchronized void put(Route route, String address, int port) {
    String target = address + ":" + port;
    if (!target.equals(targets.put(route, target))) {
      write();
    }
  }

  synchronized void remove(Route route) {
    if (targets.remove(route) != null) {
      write();
    }
  }

  /** Drops the routes of a network that is gone. */
  synchronized void forgetNetwork(String network) {
    if (targets.keySet().removeIf(r -> r.network().equals(network)) && installed) {
      write();
    }
  }

  synchronized void clear() {
    if (!targets.isEmpty()) {
      targets.clear();
      if (installed) {
        write();
      }
    }
  }

  /**
   * Declaring the chain in the restore creates or empties it; the jump is added when missing (the
   * first write, or after an earlier process's chains were cleared): two commands per change.
   */
  private void write() {
    check(iptables.restore(rules(chain, targets, bridges)), "write " + chain);
    if (!iptables.run("-t", "nat", "-C", "PREROUTING", "-j", chain).ok()) {
      check(iptables.run("-t", "nat", "-I", "PREROUTING", "1", "-j", chain), "jump to " + chain);
    }
    installed = true;
  }

  /** The whole chain as {@code iptables-restore} input: one DNAT per route. */
  static String rules(String chain, Map<Route, String> targets, Function<String, String> bridges) {
    StringBuilder f = new StringBuilder("*nat\n:").append(chain).append(" - [0:0]\n");
    targets.forEach(
        (r, target) ->
            f.append("-A ")
                .append(chain)
                .append(" -i ")
                .append(bridges.apply(r.network()))
                .append(" -d ")
                .append(r.virtualAddress())
                .append("/32 -p ")
                .append(r.protocol())
                .append(" -m ")
                .append(r.protocol())
                .append(" --dport ")
                .append(r.port())
                .append(" -j DNAT --to-destination ")
                .append(target)
                .append('\n'));
    return f.append("COMMIT\n").toString();
  }

  /** Whether an IPv4 address lies in a CIDR block ({@code 10.0.0.0/16}). */
  static boolean contains(String cidr, String address) {
    int slash = cidr.indexOf('/');
    int bits = Integer.parseInt(cidr.substring(slash + 1));
    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    return (toLong(cidr.substring(0, slash)) & mask) == (toLong(address) & mask);
  }

  private static long toLong(String ip) {
    long v = 0;
    for (String part : ip.split("\\.")) {
      v = (v << 8) | Integer.parseInt(part);
    }
    return v;
  }

  private static void check(Iptables.Result r, String what) {
    if (!r.ok()) {
      throw new IllegalStateException("iptables could not " + what + ": " + r.output());
    }
  }

  /** Removes the chain of the server whose filter chain this is, and its jump. */
  static void remove(Iptables iptables, String chain) {
    // a jump left twice (a crash between insert and record) goes too
    for (int i = 0; i < 3 && iptables.run("-t", "nat", "-D", "PREROUTING", "-j", chain).ok(); i++) {
      LOG.debug("removed a jump to {}", chain);
    }
    iptables.run("-t", "nat", "-F", chain);
    iptables.run("-t", "nat", "-X", chain);
  }

  @Override
  public synchronized void close() {
    if (installed) {
      remove(iptables, chain);
      installed = false;
    }
    targets.clear();
  }
}
