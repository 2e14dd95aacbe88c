package dev.ec2double.elbv2.network;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.Layer4Forward;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.ListenerRecord;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.elbv2.TargetAddresses;
import dev.ec2double.elbv2.TargetGroupRecord;
import dev.ec2double.elbv2.TargetRecord;
import dev.ec2double.elbv2.names.VirtualAddresses;
import dev.ec2double.elbv2.tls.Certificates;
import dev.ec2double.elbv2.tls.ListenerTls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * Keeps the host kernel's forwards ({@link ComputeBackend#forwardLayer4}) in step with the network
 * load balancers: each TCP, UDP or TCP_UDP listener forwards its load balancer's loopback address
 * and virtual address, at its port, to its target group's healthy targets (all registered ones that
 * are neither draining nor unused when none is healthy: an NLB fails open). A draining target takes
 * no new flows; flows it has keep going. Without cross-zone balancing (an NLB's default), each of
 * the load balancer's zones is a node: flows from its VPC's subnets in that zone go to the targets
 * of that zone (when it has any), flows from elsewhere (this machine, other VPCs) to any zone's
 * ({@link ReachableTargets}, which the TLS and proxy-protocol listeners follow too). Every change
 * of the stores (a listener, a registration, a health check's verdict) is picked up within {@link
 * #PERIOD_MS}, and at once when {@link #sync()} is called; the backend is asked only when the
 * forwards changed. The periodic check starts with the first forward: a server without network load
 * balancers runs no thread for them.
 */
public final class Layer4Forwarding implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Layer4Forwarding.class);
  static final long PERIOD_MS = 250;

  private final Supplier<Collection<Elbv2Store>> stores;
  private final TargetAddresses addresses;
  private final ComputeBackend backend;
  private final Function<String, String> loopbackOf;
  private final StreamListeners streams;

  /** The server's address on each VPC network, by network. */
  private final Map<String, String> networks = new ConcurrentHashMap<>();

  private ScheduledExecutorService ticker;
  private List<Layer4Forward> last = List.of();

  /** Per target group with connection termination on, the targets registered at the last sync. */
  private Map<String, Set<Layer4Forward.Target>> terminating = Map.of();

  /**
   * @param loopbackOf a load balancer's loopback address by its DNS name
   * @param backend forwards in the host's kernel; null for none
   */
  public Layer4Forwarding(
      Supplier<Collection<Elbv2Store>> stores,
      TargetAddresses addresses,
      ComputeBackend backend,
      Function<String, String> loopbackOf,
      Certificates certificates) {
    this.stores = stores;
    this.addresses = addresses;
    this.backend = backend;
    this.loopbackOf = loopbackOf;
    this.streams = new StreamListeners(certificates);
  }

  /**
   * A VPC network of this server is ready: the listeners that need a process accept on the server's
   * address there from now on (the bridge's, where the kernel redirects its instances' flows), and
   * on no other address of this machine but loopback.
   */
  public void networkReady(String network, String localAddress) {
    if (!localAddress.equals(networks.put(network, localAddress))) {
      acceptOnNetworks();
    }
  }

  public void networkGone(String network) {
    if (networks.remove(network) != null) {
      acceptOnNetworks();
    }
  }

  private void acceptOnNetworks() {
    if (streams.acceptOn(networks.values())) {
      syncQuietly(); // a listener moved to another port: the kernel redirects there now
    }
  }

  /** From the first forward on, the stores are checked every {@link #PERIOD_MS}. */
  private void startTicking() {
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nlb-forwards");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(this::syncQuietly, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * Where a network load balancer's listeners accept for the host's programs: its own loopback
   * address, or its virtual address where it has none (a server bound to a non-loopback address).
   */
  public String hostAddress(String dnsName) {
    String loopback = loopbackOf.apply(dnsName);
    return ownLoopback(loopback) ? loopback : VirtualAddresses.loadBalancer(dnsName);
  }

  /** Never 127.0.0.1: its ports are the machine's own. */
  private static boolean ownLoopback(String address) {
    return address.startsWith("127.") && !address.equals("127.0.0.1");
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (RuntimeException e) {
      LOG.warn("could not update the network load balancers' forwards: {}", e.getMessage());
    }
  }

  /** What one sync found: the kernel's forwards, the listeners that need a process, and more. */
  private static final class Plan {
    final List<Layer4Forward> forwards = new ArrayList<>();
    final Map<String, StreamSettings> streams = new LinkedHashMap<>();

    /** A stream listener's kernel side, waiting for the port its process got. */
    final Map<String, Layer4Forward> redirects = new LinkedHashMap<>();

    /** By target group ARN: the kernel forwards and the stream listeners (ARNs) using it. */
    final Map<String, List<Layer4Forward>> forwardsOf = new HashMap<>();

    final Map<String, List<String>> streamsOf = new HashMap<>();
    final Map<String, Set<Layer4Forward.Target>> terminating = new HashMap<>();
  }

  /** Brings the kernel's forwards in step with the stores now. */
  public synchronized void sync() {
    if (backend == null) {
      return;
    }
    Plan plan = new Plan();
    for (Elbv2Store store : stores.get()) {
      for (ListenerRecord l : store.listeners.values()) {
        forwards(store, l, plan);
      }
    }
    List<Layer4Forward> wanted = plan.forwards;
    Map<String, Integer> ports = streams.apply(plan.streams);
    plan.redirects.forEach(
        (arn, f) -> {
          Integer port = ports.get(arn);
          if (port != null) {
            wanted.add(Layer4Forward.redirect(f.protocol(), f.addresses(), f.port(), port));
          }
        });
    if (!wanted.equals(last)) {
      backend.forwardLayer4(wanted);
      last = List.copyOf(wanted);
    }
    cutDeregistered(plan);
    if (ticker == null && !wanted.isEmpty()) {
      startTicking();
    }
  }

  /**
   * Flows to targets that left a target group with {@code
   * deregistration_delay.connection_termination.enabled} (at the end of their deregistration delay)
   * are cut: in the kernel, and by the stream listeners.
   */
  private void cutDeregistered(Plan plan) {
    terminating.forEach(
        (group, before) -> {
          Set<Layer4Forward.Target> now = plan.terminating.getOrDefault(group, Set.of());
          for (Layer4Forward.Target gone : before) {
            if (now.contains(gone)) {
              continue;
            }
            for (Layer4Forward f : plan.forwardsOf.getOrDefault(group, List.of())) {
              if (!backend.cutLayer4Flows(f, gone)) {
                LOG.debug("could not cut the flows to {} (no conntrack?)", gone);
              }
            }
            for (String listener : plan.streamsOf.getOrDefault(group, List.of())) {
              streams.cut(listener, gone);
            }
          }
        });
    terminating = plan.terminating;
  }

  private void forwards(Elbv2Store store, ListenerRecord l, Plan plan) {
    LoadBalancerRecord lb = store.loadBalancers.get(l.sdk().loadBalancerArn());
    if (lb == null || lb.sdk().type() != LoadBalancerTypeEnum.NETWORK) {
      return;
    }
    Action a = l.sdk().defaultActions().isEmpty() ? null : l.sdk().defaultActions().get(0);
    TargetGroupRecord group = a == null ? null : store.targetGroups.get(a.targetGroupArn());
    if (group == null) {
      return;
    }
    boolean crossZone = ReachableTargets.crossZone(lb.attributes, group.attributes);
    ReachableTargets reach =
        ReachableTargets.of(
            crossZone,
            lb.sdk().availabilityZones().stream().map(AvailabilityZone::zoneName).toList(),
            crossZone ? Map.of() : VpcLookups.subnetCidrsByZone(store.region(), lb.sdk().vpcId()),
            candidates(store, group, plan));
    String dns = lb.sdk().dnsName();
    String virtual = VirtualAddresses.loadBalancer(dns);
    List<String> at = new ArrayList<>(List.of(virtual));
    String loopback = loopbackOf.apply(dns);
    if (ownLoopback(loopback)) {
      at.add(0, loopback);
    }
    boolean preserve = !"false".equals(group.attributes.get("preserve_client_ip.enabled"));
    boolean proxyProtocol = "true".equals(group.attributes.get("proxy_protocol_v2.enabled"));
    ProtocolEnum p = l.sdk().protocol();
    String groupArn = group.sdk().targetGroupArn();
    if (p == ProtocolEnum.TLS || (p == ProtocolEnum.TCP && proxyProtocol)) {
      plan.streams.put(
          l.arn(),
          new StreamSettings(
              at.get(0),
              virtual,
              l.sdk().port(),
              reach,
              proxyProtocol,
              group.sdk().protocol() == ProtocolEnum.TLS,
              p == ProtocolEnum.TLS ? tls(l, dns, at.get(0)) : null,
              l.sdk().alpnPolicy().isEmpty() ? null : l.sdk().alpnPolicy().get(0)));
      plan.redirects.put(l.arn(), Layer4Forward.redirect("tcp", at, l.sdk().port(), 0));
      plan.streamsOf.computeIfAbsent(groupArn, k -> new ArrayList<>()).add(l.arn());
      return;
    }
    List<String> protocols = new ArrayList<>();
    if (p == ProtocolEnum.TCP || p == ProtocolEnum.TCP_UDP) {
      protocols.add("tcp");
    }
    if (p == ProtocolEnum.UDP || p == ProtocolEnum.TCP_UDP) {
      protocols.add("udp");
    }
    // each zone's node first, for its clients' flows; then everyone's
    for (ReachableTargets.Node node : reach.nodes()) {
      for (String protocol : protocols) {
        plan.forwards.add(
            new Layer4Forward(protocol, at, l.sdk().port(), node.targets(), preserve)
                .from(node.sources()));
      }
    }
    List<Layer4Forward> made = new ArrayList<>();
    for (String protocol : protocols) {
      made.add(new Layer4Forward(protocol, at, l.sdk().port(), reach.everyone(), preserve));
    }
    plan.forwards.addAll(made);
    plan.forwardsOf.computeIfAbsent(groupArn, k -> new ArrayList<>()).addAll(made);
  }

  /** What a TLS listener serves: its certificates and security policy (no mutual TLS on an NLB). */
  private static ListenerTls.Settings tls(ListenerRecord l, String dnsName, String address) {
    List<String> added;
    synchronized (l.certificates) {
      added = List.copyOf(l.certificates);
    }
    return new ListenerTls.Settings(
        l.sdk().certificates().get(0).certificateArn(),
        added,
        dnsName,
        address,
        l.sdk().sslPolicy(),
        "off",
        List.of());
  }

  /**
   * The group's registered targets that have an address, with their zones and health; those of a
   * group that cuts its deregistered targets' flows are noted in the plan.
   */
  private List<ReachableTargets.Candidate> candidates(
      Elbv2Store store, TargetGroupRecord group, Plan plan) {
    List<ReachableTargets.Candidate> out = new ArrayList<>();
    boolean terminates =
        "true".equals(group.attributes.get("deregistration_delay.connection_termination.enabled"));
    for (TargetRecord t : group.targets()) {
      String address = addresses.of(store.region(), group, t);
      if (address == null) {
        continue;
      }
      Layer4Forward.Target target = new Layer4Forward.Target(address, t.port);
      if (terminates) {
        plan.terminating
            .computeIfAbsent(group.sdk().targetGroupArn(), k -> new HashSet<>())
            .add(target);
      }
      out.add(new ReachableTargets.Candidate(target, t.availabilityZone, t.state()));
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    streams.close();
    if (backend != null && !last.isEmpty()) {
      try {
        backend.forwardLayer4(List.of());
      } catch (RuntimeException e) {
        LOG.debug("could not remove the forwards: {}", e.getMessage());
      }
      last = List.of();
    }
  }
}
