package dev.ec2double.compute.docker;

import dev.ec2double.compute.Labels;
import dev.ec2double.compute.PacketPolicy;
import dev.ec2double.compute.SubnetAcl;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security groups and the metadata address as iptables rules on the engine's host, in chains of
 * this server's own ({@code EC2D-<server>...}), reached from one jump in {@code DOCKER-USER} (the
 * chain Docker leaves to users, which sees traffic between containers on one bridge) and one in
 * {@code nat PREROUTING}. Every rule names one of our bridges. Rules only drop, reject or return,
 * never accept, so Docker's own isolation between networks stays in force, except the links between
 * networks of VPC peering ({@link LinkRules}), which accept exactly their blocks. Each change
 * rewrites our chains in one {@code iptables-restore} commit; {@link #close()} removes them.
 */
final class HostPacketFilter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HostPacketFilter.class);
  static final String METADATA_IP = "169.254.169.254";

  /** Link-local addresses: never forwarded off an instance's bridge. */
  static final String LINK_LOCAL = "169.254.0.0/16";

  /** The connection mark bit of a connection that asked for an IMDSv2 token. */
  static final String TOKEN_MARK = "0x1000000";

  private record Scope(List<PacketPolicy> policies, boolean filter) {}

  private final String chain;
  private final Iptables iptables;
  private final java.util.function.Function<String, String> bridges;
  private final Map<String, Scope> byScope = new TreeMap<>();
  private final Map<String, String> metadataTargets = new TreeMap<>();

  /** Per scope, the network ACLs of its subnets (NaclRules), and what was last written of them. */
  private final Map<String, List<SubnetAcl>> aclsByScope = new TreeMap<>();

  /** Per scope, the links between networks (VPC peering, LinkRules). */
  private final Map<String, List<dev.ec2double.compute.NetworkLink>> linksByScope = new TreeMap<>();

  private NaclRules.Text aclsWritten;
  private boolean installed;

  /** Null when the TTL, string and connmark matches work here, else why the hop limit does not. */
  private String hopLimitProblem;

  /**
   * @param bridges the Linux bridge interface of a network, by network name
   */
  HostPacketFilter(
      String serverId, Iptables iptables, java.util.function.Function<String, String> bridges) {
    this.iptables = iptables;
    this.bridges = bridges;
    this.chain = chainOf(serverId);
    this.aclsWritten = noAcls();
  }

  /** The ACL rules of no subnet, as the chains are right after {@link #install}. */
  private NaclRules.Text noAcls() {
    return NaclRules.of(chain, List.of(), bridges, List.of());
  }

  /** Null when this process can program the engine host's iptables itself, else why not. */
  static String problem(String dockerHost) {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return "the server does not run on Linux";
    }
    if (dockerHost != null && !dockerHost.startsWith("unix://")) {
      return "the Docker engine is remote ("
          + dockerHost
          + "): its host's packet filter is not"
          + " this machine's";
    }
    return problem(Iptables.LOCAL);
  }

  /** Null when {@code iptables} can program the engine host's packet filter, else why not. */
  static String problem(Iptables iptables) {
    Iptables.Result r = iptables.run("-S", "DOCKER-USER");
    if (!r.ok()) {
      return "iptables -S DOCKER-USER failed "
          + iptables.where()
          + " ("
          + r.output()
          + "): the server needs root in the engine's network namespace";
    }
    return null;
  }

  /** The bridge interface name ec2-double gives the networks it creates (15 characters at most). */
  static String bridgeName(String network) {
    String tail = network.replaceAll("[^a-z0-9]", "");
    return "ec2d" + tail.substring(Math.max(0, tail.length() - 11));
  }

  synchronized void apply(String scope, List<PacketPolicy> policies, boolean filter) {
    byScope.put(scope, new Scope(List.copyOf(policies), filter));
    write();
  }

  /**
   * Replaces the network ACLs of a scope. Their chains are rewritten only when the rules they make
   * change, and never by {@link #apply}: launches do not touch them.
   */
  synchronized void applyAcls(String scope, List<SubnetAcl> acls, boolean filter) {
    aclsByScope.put(scope, filter ? List.copyOf(acls) : List.of());
    writeAcls();
  }

  private void writeAcls() {
    List<SubnetAcl> all = new java.util.ArrayList<>();
    aclsByScope.values().forEach(all::addAll);
    NaclRules.Text text = NaclRules.of(chain, all, bridges, aclsWritten.chains());
    if (text.equals(aclsWritten)) {
      return;
    }
    install();
    check(iptables.restore(text.restore()), "write network ACL rules");
    aclsWritten = text;
  }

  /** Replaces the links between networks of a scope; the main chain is rewritten with them. */
  synchronized void applyLinks(String scope, List<dev.ec2double.compute.NetworkLink> links) {
    if (links.isEmpty() && !linksByScope.containsKey(scope)) {
      return;
    }
    linksByScope.put(scope, List.copyOf(links));
    write();
    if (!links.isEmpty()) {
      LinkRules.jumpFirst(iptables, chain);
    }
  }

  private List<dev.ec2double.compute.NetworkLink> links() {
    List<dev.ec2double.compute.NetworkLink> all = new java.util.ArrayList<>();
    linksByScope.values().forEach(all::addAll);
    return all;
  }

  synchronized void routeMetadata(String network, String address, int port) {
    metadataTargets.put(network, address + ":" + port);
    write();
  }

  synchronized void forgetNetwork(String network) {
    if (metadataTargets.remove(network) != null) {
      write();
    }
  }

  synchronized void clear() {
    byScope.clear();
    metadataTargets.clear();
    aclsByScope.clear();
    linksByScope.clear();
    if (installed) {
      write();
      writeAcls();
    }
  }

  private void install() {
    if (installed) {
      return;
    }
    // chains and jumps of an earlier process with this server id (a restart with --state-dir)
    remove(iptables, chain);
    String setup =
        "*filter\n:"
            + chain
            + " - [0:0]\n:"
            + chain
            + "-E - [0:0]\n:"
            + chain
            + "-I - [0:0]\n:"
            + chain
            + "-O - [0:0]\n:"
            + NaclRules.top(chain)
            + " - [0:0]\n-A "
            + chain
            + " -j "
            + NaclRules.top(chain)
            + "\n"
            + "COMMIT\n*nat\n:"
            + chain
            + "-MD - [0:0]\n:"
            + LinkRules.natChain(chain)
            + " - [0:0]\nCOMMIT\n";
    check(iptables.restore(setup), "create chains");
    check(
        iptables.run("-I", "DOCKER-USER", "1", "-m", "comment", "--comment", owner(), "-j", chain),
        "jump from DOCKER-USER");
    check(iptables.run("-t", "nat", "-I", "PREROUTING", "1", "-j", chain + "-MD"), "jump");
    check(
        iptables.run("-t", "nat", "-I", "POSTROUTING", "1", "-j", LinkRules.natChain(chain)),
        "jump from POSTROUTING");
    // the engine host's own traffic to machines that lost their network (a load balancer's)
    check(iptables.run("-I", "OUTPUT", "1", "-j", chain + "-O"), "jump from OUTPUT");
    installed = true;
    installHopLimit();
  }

  /**
   * The metadata hop limit needs the mangle table's TTL target and the string and connmark matches;
   * where the kernel lacks one, the rest works and the hop limit is not enforced.
   */
  private void installHopLimit() {
    Iptables.Result r =
        iptables.restore(
            "*mangle\n:"
                + chain
                + "-MP - [0:0]\n:"
                + chain
                + "-MH - [0:0]\n"
                + tokenMark("lo", "127.0.0.2", METADATA_IP + ":80")
                + hopLimit("lo", "127.0.0.2", 1)
                + "COMMIT\n");
    if (r.ok()) {
      r = iptables.run("-t", "mangle", "-I", "PREROUTING", "1", "-j", chain + "-MP");
    }
    if (r.ok()) {
      r = iptables.run("-t", "mangle", "-I", "POSTROUTING", "1", "-j", chain + "-MH");
    }
    if (!r.ok()) {
      hopLimitProblem = r.output();
      LOG.info(
          "the metadata service's hop limit is not enforced: iptables here cannot ({})",
          r.output());
    }
  }

  /**
   * Marks the connection of a token request (found in its first data segment) from the address to
   * the metadata service at {@code target} ({@code ip:port}).
   */
  private String tokenMark(String bridge, String address, String target) {
    int colon = target.lastIndexOf(':');
    return "-A "
        + chain
        + "-MP -i "
        + bridge
        + " -s "
        + address
        + "/32 -d "
        + target.substring(0, colon)
        + "/32 -p tcp --dport "
        + target.substring(colon + 1)
        + " -m string --algo bm --to 256 --string \"PUT /latest/api/token\""
        + " -j CONNMARK --or-mark "
        + TOKEN_MARK
        + "\n";
  }

  /** Sets the TTL of the answers on a token connection to the address. */
  private String hopLimit(String bridge, String address, int hops) {
    return "-A "
        + chain
        + "-MH -o "
        + bridge
        + " -d "
        + address
        + "/32 -p tcp -m connmark --mark "
        + TOKEN_MARK
        + "/"
        + TOKEN_MARK
        + " -m conntrack --ctdir REPLY -j TTL --ttl-set "
        + hops
        + "\n";
  }

  private void write() {
    install();
    StringBuilder f = new StringBuilder("*filter\n");
    f.append(':').append(chain).append(" - [0:0]\n");
    f.append(':').append(chain).append("-E - [0:0]\n");
    f.append(':').append(chain).append("-I - [0:0]\n");
    f.append(':').append(chain).append("-O - [0:0]\n");
    // network ACLs first: they are stateless, replies are checked too
    f.append("-A ").append(chain).append(" -j ").append(NaclRules.top(chain)).append('\n');
    // machines that lost their network (an injected fault): every packet, open connections too
    for (Scope scope : byScope.values()) {
      for (PacketPolicy p : scope.policies()) {
        if (p.cut()) {
          String br = bridges.apply(p.network());
          String a = p.address() + "/32";
          f.append("-A ").append(chain).append(" -i ").append(br).append(" -s ").append(a);
          f.append(" -j DROP\n");
          f.append("-A ").append(chain).append(" -o ").append(br).append(" -d ").append(a);
          f.append(" -j DROP\n");
          f.append("-A ").append(chain).append("-O -o ").append(br).append(" -d ").append(a);
          f.append(" -j REJECT --reject-with icmp-host-unreachable\n");
        }
      }
    }
    List<dev.ec2double.compute.NetworkLink> links = links();
    // peered networks: an open connection's packets pass Docker's isolation between bridges
    f.append(
        LinkRules.accept(chain, links, bridges, " -m conntrack --ctstate RELATED,ESTABLISHED"));
    f.append("-A ").append(chain).append(" -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN\n");
    // the metadata service, when ours is routed to an address on the bridge (the server in a
    // container); any other link-local address (a host's own metadata service, 169.254.169.254
    // where ours is not routed, ECS's 169.254.170.2) is refused, whatever the security groups say
    f.append("-A ").append(chain).append(" -m conntrack --ctstate DNAT --ctorigdst ");
    f.append(METADATA_IP).append("/32 -j RETURN\n");
    for (String network : networks()) {
      f.append("-A ").append(chain).append(" -i ").append(bridges.apply(network));
      f.append(" -d ").append(LINK_LOCAL).append(" -j REJECT\n");
    }
    f.append("-A ").append(chain).append(" -j ").append(chain).append("-E\n");
    f.append("-A ").append(chain).append(" -j ").append(chain).append("-I\n");
    // peered networks: a new connection the security groups let through
    f.append(LinkRules.accept(chain, links, bridges, ""));
    for (Scope scope : byScope.values()) {
      if (!scope.filter()) {
        continue;
      }
      for (PacketPolicy p : scope.policies()) {
        String br = bridges.apply(p.network());
        // egress: leaving the instance on its bridge; ingress: reaching it
        direction(f, chain + "-E -i " + br + " -s " + p.address() + "/32", " -d ", p.egress());
        direction(f, chain + "-I -o " + br + " -d " + p.address() + "/32", " -s ", p.ingress());
      }
    }
    f.append("COMMIT\n*nat\n:").append(chain).append("-MD - [0:0]\n");
    f.append(':').append(LinkRules.natChain(chain)).append(" - [0:0]\n");
    f.append(LinkRules.keepAddresses(chain, links, bridges));
    // per instance address: on a network other servers share, each routes only its own machines
    for (Scope scope : byScope.values()) {
      for (PacketPolicy p : scope.policies()) {
        String target = metadataTargets.get(p.network());
        if (target == null) {
          continue;
        }
        f.append("-A " + chain + "-MD -i " + bridges.apply(p.network()))
            .append(" -s " + p.address() + "/32 -d " + METADATA_IP + "/32 -p tcp --dport 80")
            .append(" -j DNAT --to-destination " + target + "\n");
      }
    }
    f.append("COMMIT\n");
    if (hopLimitProblem == null) {
      f.append("*mangle\n:").append(chain).append("-MP - [0:0]\n");
      f.append(':').append(chain).append("-MH - [0:0]\n");
      for (Scope scope : byScope.values()) {
        for (PacketPolicy p : scope.policies()) {
          String target = metadataTargets.get(p.network());
          if (target != null) {
            // at the link-local address and at the direct one SDKs get in the environment
            String br = bridges.apply(p.network());
            f.append(tokenMark(br, p.address(), METADATA_IP + ":80"));
            f.append(tokenMark(br, p.address(), target));
            f.append(hopLimit(br, p.address(), p.metadataHops()));
          }
        }
      }
      f.append("COMMIT\n");
    }
    check(iptables.restore(f.toString()), "write rules");
  }

  /** The networks that have instances of this server, or its metadata service. */
  private java.util.Set<String> networks() {
    java.util.Set<String> out = new java.util.TreeSet<>(metadataTargets.keySet());
    byScope.values().forEach(scope -> scope.policies().forEach(p -> out.add(p.network())));
    return out;
  }

  /**
   * One direction of one instance address: a RETURN per rule (the rule's CIDR as the other end),
   * then a DROP of everything else.
   *
   * @param own the chain and the instance's side of the match ({@code CHAIN -i BR -s IP/32})
   * @param peer the option naming the other end ({@code -d} or {@code -s})
   */
  private static void direction(
      StringBuilder f, String own, String peer, List<PacketPolicy.Rule> rules) {
    for (PacketPolicy.Rule r : rules) {
      f.append("-A ").append(own).append(peer).append(r.cidr()).append(match(r));
      f.append(" -j RETURN\n");
    }
    f.append("-A ").append(own).append(" -j DROP\n");
  }

  private static String match(PacketPolicy.Rule r) {
    String p = r.protocol();
    if (p.equals("-1")) {
      return "";
    }
    StringBuilder m = new StringBuilder(" -p ").append(p);
    if ((p.equals("tcp") || p.equals("udp")) && r.fromPort() >= 0) {
      m.append(" --dport ").append(r.fromPort());
      if (r.toPort() != r.fromPort()) {
        m.append(':').append(r.toPort());
      }
    } else if (p.equals("icmp") && r.fromPort() >= 0) {
      m.append(" --icmp-type ").append(r.fromPort());
      if (r.toPort() >= 0) {
        m.append('/').append(r.toPort());
      }
    }
    return m.toString();
  }

  private static void check(Iptables.Result r, String what) {
    if (!r.ok()) {
      throw new IllegalStateException("iptables could not " + what + ": " + r.output());
    }
  }

  /**
   * The comment on this server's jump from DOCKER-USER: who owns the chains, so that another
   * server's reaper leaves them while this process lives, even at a moment when it has nothing on
   * the engine (before its first launch, after its last termination).
   */
  static String owner() {
    return OWNER + Labels.host() + "/" + ProcessHandle.current().pid();
  }

  private static final String OWNER = "ec2double-owner=";

  /** Whether a jump's owner comment names a process of this host that still runs. */
  static boolean ownerAlive(String line) {
    int at = line.indexOf(OWNER);
    if (at < 0) {
      return false;
    }
    String owner = line.substring(at + OWNER.length()).split("[\\s\"]", 2)[0];
    int slash = owner.lastIndexOf('/');
    if (slash < 0 || !owner.substring(0, slash).equals(Labels.host())) {
      return false;
    }
    try {
      return ProcessHandle.of(Long.parseLong(owner.substring(slash + 1)))
          .map(ProcessHandle::isAlive)
          .orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The iptables arguments that delete the rule an {@code iptables -S} line shows. */
  static String[] jumpArgs(String line) {
    return line.replaceFirst("^-A ", "-D ").replace("\"", "").split("\\s+");
  }

  static String chainOf(String serverId) {
    String hex = serverId.substring(serverId.indexOf('-') + 1);
    return "EC2D-" + hex.substring(0, Math.min(12, hex.length()));
  }

  /**
   * Removes the chains of servers that are gone (killed before they could clean up): their rules
   * name addresses that later instances get, and would filter them by dead security groups.
   *
   * @param liveServers the ids of servers that still have objects on the engine
   */
  static int reapOrphanChains(Iptables iptables, java.util.Set<String> liveServers) {
    Iptables.Result listed = iptables.run("-S", "DOCKER-USER");
    if (!listed.ok()) {
      return 0;
    }
    java.util.Set<String> live = new java.util.HashSet<>();
    liveServers.forEach(id -> live.add(chainOf(id)));
    int reaped = 0;
    for (String line : listed.output().split("\n")) {
      List<String> p = List.of(line.trim().split("\\s+"));
      int j = p.indexOf("-j");
      if (p.size() > 1
          && p.get(0).equals("-A")
          && j > 0
          && j == p.size() - 2
          && p.get(j + 1).startsWith("EC2D-")
          && p.get(j + 1).indexOf('-', 5) < 0
          && !live.contains(p.get(j + 1))
          && !ownerAlive(line)) {
        remove(iptables, p.get(j + 1));
        reaped++;
      }
    }
    return reaped;
  }

  static void remove(Iptables iptables, String chain) {
    Iptables.Result jumps = iptables.run("-S", "DOCKER-USER");
    for (String line : jumps.ok() ? jumps.output().split("\n") : new String[0]) {
      if (line.startsWith("-A DOCKER-USER ") && line.endsWith(" -j " + chain)) {
        iptables.run(jumpArgs(line));
      }
    }
    iptables.run("-t", "nat", "-D", "PREROUTING", "-j", chain + "-MD");
    iptables.run("-D", "OUTPUT", "-j", chain + "-O");
    ServiceRoutes.remove(iptables, ServiceRoutes.chainOf(chain));
    Layer4Routes.remove(iptables, chain);
    for (String c : new String[] {chain, chain + "-E", chain + "-I", chain + "-O"}) {
      iptables.run("-F", c);
    }
    NaclRules.remove(iptables, chain);
    for (String c : new String[] {chain, chain + "-E", chain + "-I", chain + "-O"}) {
      iptables.run("-X", c);
    }
    iptables.run("-t", "nat", "-F", chain + "-MD");
    iptables.run("-t", "nat", "-X", chain + "-MD");
    LinkRules.remove(iptables, chain);
    iptables.run("-t", "mangle", "-D", "PREROUTING", "-j", chain + "-MP");
    iptables.run("-t", "mangle", "-D", "POSTROUTING", "-j", chain + "-MH");
    for (String c : new String[] {chain + "-MP", chain + "-MH"}) {
      iptables.run("-t", "mangle", "-F", c);
      iptables.run("-t", "mangle", "-X", c);
    }
  }

  @Override
  public synchronized void close() {
    if (!installed) {
      return;
    }
    remove(iptables, chain);
    installed = false;
    aclsWritten = noAcls();
    LOG.debug("removed iptables chains {}*", chain);
  }
}
