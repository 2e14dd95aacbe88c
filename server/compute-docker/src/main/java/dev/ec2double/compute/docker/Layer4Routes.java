package dev.ec2double.compute.docker;

import dev.ec2double.compute.Layer4Forward;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The network load balancers' ports in the host's kernel: each new flow to a listener's addresses
 * and port is DNATed to one target, spread by the {@code statistic} match ({@code nth}: target
 * {@code i} of {@code n} takes every {@code (n-i)}th flow the rules before it left), and connection
 * tracking keeps every packet of the flow, UDP included, with that target until it ends. A target
 * thus sees the client's own address, as behind an NLB; with preservation off, and always for the
 * host's own programs (a loopback source cannot leave the host), the flow is masqueraded to the
 * host's address on the target's network. A forward with sources (a zone's node of a load balancer
 * without cross-zone balancing) matches only flows from them; others go on to the next rules.
 *
 * <p>The rules live in two nat chains of this server, {@code EC2D-<server>-NL} (reached from {@code
 * PREROUTING}, for machines, and {@code OUTPUT}, for the host's programs) and {@code
 * EC2D-<server>-NS} (from {@code POSTROUTING}); each change rewrites both in one {@code
 * iptables-restore} commit; {@link #close()}, or the reaper of a dead server's chains through
 * {@link HostPacketFilter#remove}, removes them. A loopback address DNATed to a bridge needs {@code
 * route_localnet} on that bridge, which is turned on (as Docker does without its userland proxy).
 */
final class Layer4Routes implements AutoCloseable {
  private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

  private final String filterChain;
  private final String chain;
  private final String snat;
  private final Iptables iptables;
  private final Function<String, String> bridgeOfAddress;
  private final Set<String> localnet = new HashSet<>();
  private List<Layer4Forward> current = List.of();
  private boolean installed;

  /**
   * @param filterChain the server's chain name ({@link HostPacketFilter#chainOf})
   * @param bridgeOfAddress the bridge of this server's network an address is on, or null
   */
  Layer4Routes(String filterChain, Iptables iptables, Function<String, String> bridgeOfAddress) {
    this.filterChain = filterChain;
    this.chain = chainOf(filterChain);
    this.snat = snatChainOf(filterChain);
    this.iptables = iptables;
    this.bridgeOfAddress = bridgeOfAddress;
  }

  static String chainOf(String filterChain) {
    return filterChain + "-NL";
  }

  static String snatChainOf(String filterChain) {
    return filterChain + "-NS";
  }

  /** Replaces every forward; nothing is written when nothing changed. */
  synchronized void apply(List<Layer4Forward> forwards) {
    if (forwards.equals(current) || (forwards.isEmpty() && !installed)) {
      current = List.copyOf(forwards);
      return;
    }
    for (Layer4Forward f : forwards) {
      for (Layer4Forward.Target t : f.targets()) {
        allowLoopbackSources(bridgeOfAddress.apply(t.address()));
      }
    }
    check(iptables.restore(rules(chain, snat, forwards)), "write " + chain);
    jump("PREROUTING", chain);
    jump("OUTPUT", chain);
    jump("POSTROUTING", snat);
    installed = true;
    current = List.copyOf(forwards);
  }

  private void jump(String from, String to) {
    if (!iptables.run("-t", "nat", "-C", from, "-j", to).ok()) {
      check(iptables.run("-t", "nat", "-I", from, "1", "-j", to), "jump to " + to);
    }
  }

  /** Lets packets from 127.0.0.0/8 that were DNATed leave through the bridge (then masqueraded). */
  private void allowLoopbackSources(String bridge) {
    if (bridge == null || !INTERFACE.matcher(bridge).matches() || localnet.contains(bridge)) {
      return;
    }
    Iptables.Result r =
        iptables.shell(
            List.of("sh", "-c", "echo 1 > /proc/sys/net/ipv4/conf/" + bridge + "/route_localnet"));
    if (r.ok()) {
      localnet.add(bridge);
    }
  }

  /** Both chains as {@code iptables-restore} input. */
  static String rules(String chain, String snat, List<Layer4Forward> forwards) {
    StringBuilder f = new StringBuilder("*nat\n");
    f.append(':').append(chain).append(" - [0:0]\n");
    f.append(':').append(snat).append(" - [0:0]\n");
    // flows redirected to this machine's own port (a stream listener) keep their source; only
    // those: a loopback flow sent on to a target is masqueraded as before, which lets the kernel
    // pick a source port whose tuple the target has not still got in TIME_WAIT (without it, one
    // new connection in a few dozen waited a SYN retransmission: 0.07x of straight-to-target)
    for (Layer4Forward fw : forwards) {
      if (fw.redirectPort() > 0) {
        f.append("-A ")
            .append(snat)
            .append(" -o lo -p ")
            .append(fw.protocol())
            .append(" -m ")
            .append(fw.protocol())
            .append(" --dport ")
            .append(fw.redirectPort())
            .append(" -j RETURN\n");
      }
    }
    f.append("-A ")
        .append(snat)
        .append(" -s 127.0.0.0/8 -m conntrack --ctstate DNAT -j MASQUERADE\n");
    Set<String> masqueraded = new HashSet<>(); // once per listener, whatever its zones' forwards
    for (Layer4Forward fw : forwards) {
      String match = " -p " + fw.protocol() + " -m " + fw.protocol() + " --dport " + fw.port();
      if (fw.redirectPort() > 0) {
        for (String address : fw.addresses()) {
          f.append("-A ").append(chain).append(" -d ").append(address).append("/32").append(match);
          f.append(" -j REDIRECT --to-ports ").append(fw.redirectPort()).append('\n');
        }
        continue;
      }
      int n = fw.targets().size();
      List<String> sources = fw.sources().isEmpty() ? List.of("") : fw.sources();
      for (String address : fw.addresses()) {
        for (String source : sources) {
          String from = source.isEmpty() ? "" : " -s " + source;
          for (int i = 0; i < n; i++) {
            Layer4Forward.Target t = fw.targets().get(i);
            f.append("-A ").append(chain).append(from).append(" -d ").append(address);
            f.append("/32").append(match);
            if (n - i > 1) {
              f.append(" -m statistic --mode nth --every ").append(n - i).append(" --packet 0");
            }
            f.append(" -j DNAT --to-destination ")
                .append(t.address())
                .append(':')
                .append(t.port())
                .append('\n');
          }
        }
        if (!fw.preserveClientIp()
            && n > 0
            && masqueraded.add(fw.protocol() + " " + address + ":" + fw.port())) {
          f.append("-A ")
              .append(snat)
              .append(" -p ")
              .append(fw.protocol())
              .append(" -m conntrack --ctstate DNAT --ctorigdst ")
              .append(address)
              .append("/32 --ctorigdstport ")
              .append(fw.port())
              .append(" -j MASQUERADE\n");
        }
      }
    }
    return f.append("COMMIT\n").toString();
  }

  /**
   * Deletes the connection tracking entries of the flows a forward sent to one target ({@code
   * conntrack -D}, by original destination and reply source): their next packets are new flows,
   * which go to another target (refused there) or nowhere, so both ends see the connection break.
   * False when the {@code conntrack} tool is missing.
   */
  synchronized boolean cut(Layer4Forward forward, Layer4Forward.Target to) {
    boolean ok = true;
    for (String address : forward.addresses()) {
      Iptables.Result r =
          iptables.shell(
              List.of(
                  "conntrack",
                  "-D",
                  "-p",
                  forward.protocol(),
                  "--orig-dst",
                  address,
                  "--orig-port-dst",
                  Integer.toString(forward.port()),
                  "--reply-src",
                  to.address(),
                  "--reply-port-src",
                  Integer.toString(to.port())));
      // 1 with "0 flow entries have been deleted" is no error
      ok &= r.ok() || r.output().contains("flow entries");
    }
    return ok;
  }

  private static void check(Iptables.Result r, String what) {
    if (!r.ok()) {
      throw new IllegalStateException("iptables could not " + what + ": " + r.output());
    }
  }

  /** Removes the chains of the server whose filter chain this is, and their jumps. */
  static void remove(Iptables iptables, String filterChain) {
    String[][] jumps = {
      {"PREROUTING", chainOf(filterChain)},
      {"OUTPUT", chainOf(filterChain)},
      {"POSTROUTING", snatChainOf(filterChain)}
    };
    for (String[] j : jumps) {
      for (int i = 0; i < 3 && iptables.run("-t", "nat", "-D", j[0], "-j", j[1]).ok(); i++) {
        // a jump left twice (a crash between insert and record) goes too
      }
    }
    for (String c : new String[] {chainOf(filterChain), snatChainOf(filterChain)}) {
      iptables.run("-t", "nat", "-F", c);
      iptables.run("-t", "nat", "-X", c);
    }
  }

  @Override
  public synchronized void close() {
    if (installed) {
      remove(iptables, filterChain);
      installed = false;
    }
    current = List.of();
  }
}
