package dev.ec2double.elbv2.network;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.Layer4Forward;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.ListenerRecord;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.elbv2.TargetAddresses;
import dev.ec2double.elbv2.TargetGroupRecord;
import dev.ec2double.elbv2.TargetRecord;
import dev.ec2double.elbv2.names.VirtualAddresses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Keeps the host kernel's forwards ({@link ComputeBackend#forwardLayer4}) in step with the network
 * load balancers: each TCP, UDP or TCP_UDP listener forwards its load balancer's loopback address
 * and virtual address, at its port, to its target group's healthy targets (all registered ones that
 * are neither draining nor unused when none is healthy: an NLB fails open). A draining target takes
 * no new flows; flows it has keep going. Every change of the stores (a listener, a registration, a
 * health check's verdict) is picked up within {@link #PERIOD_MS}, and at once when {@link #sync()}
 * is called; the backend is asked only when the forwards changed. The periodic check starts with
 * the first forward: a server without network load balancers runs no thread for them.
 */
public final class Layer4Forwarding implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Layer4Forwarding.class);
  static final long PERIOD_MS = 250;

  private final Supplier<Collection<Elbv2Store>> stores;
  private final TargetAddresses addresses;
  private final ComputeBackend backend;
  private final Function<String, String> loopbackOf;
  private ScheduledExecutorService ticker;
  private List<Layer4Forward> last = List.of();

  /**
   * @param loopbackOf a load balancer's loopback address by its DNS name
   * @param backend forwards in the host's kernel; null for none
   */
  public Layer4Forwarding(
      Supplier<Collection<Elbv2Store>> stores,
      TargetAddresses addresses,
      ComputeBackend backend,
      Function<String, String> loopbackOf) {
    this.stores = stores;
    this.addresses = addresses;
    this.backend = backend;
    this.loopbackOf = loopbackOf;
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

  /** Brings the kernel's forwards in step with the stores now. */
  public synchronized void sync() {
    if (backend == null) {
      return;
    }
    List<Layer4Forward> wanted = new ArrayList<>();
    for (Elbv2Store store : stores.get()) {
      for (ListenerRecord l : store.listeners.values()) {
        forwards(store, l, wanted);
      }
    }
    if (!wanted.equals(last)) {
      backend.forwardLayer4(wanted);
      last = List.copyOf(wanted);
    }
    if (ticker == null && !wanted.isEmpty()) {
      startTicking();
    }
  }

  private void forwards(Elbv2Store store, ListenerRecord l, List<Layer4Forward> out) {
    LoadBalancerRecord lb = store.loadBalancers.get(l.sdk().loadBalancerArn());
    if (lb == null || lb.sdk().type() != LoadBalancerTypeEnum.NETWORK) {
      return;
    }
    Action a = l.sdk().defaultActions().isEmpty() ? null : l.sdk().defaultActions().get(0);
    TargetGroupRecord group = a == null ? null : store.targetGroups.get(a.targetGroupArn());
    if (group == null) {
      return;
    }
    List<Layer4Forward.Target> targets = targets(store, group);
    String dns = lb.sdk().dnsName();
    List<String> at = new ArrayList<>(List.of(VirtualAddresses.loadBalancer(dns)));
    String loopback = loopbackOf.apply(dns);
    if (ownLoopback(loopback)) {
      at.add(0, loopback);
    }
    boolean preserve = !"false".equals(group.attributes.get("preserve_client_ip.enabled"));
    ProtocolEnum p = l.sdk().protocol();
    if (p == ProtocolEnum.TCP || p == ProtocolEnum.TCP_UDP) {
      out.add(new Layer4Forward("tcp", at, l.sdk().port(), targets, preserve));
    }
    if (p == ProtocolEnum.UDP || p == ProtocolEnum.TCP_UDP) {
      out.add(new Layer4Forward("udp", at, l.sdk().port(), targets, preserve));
    }
  }

  /** The healthy targets; when none is, every one that is neither draining nor unused. */
  private List<Layer4Forward.Target> targets(Elbv2Store store, TargetGroupRecord group) {
    List<Layer4Forward.Target> healthy = new ArrayList<>();
    List<Layer4Forward.Target> usable = new ArrayList<>();
    for (TargetRecord t : group.targets()) {
      TargetHealthStateEnum state = t.state();
      if (state == TargetHealthStateEnum.DRAINING || state == TargetHealthStateEnum.UNUSED) {
        continue;
      }
      String address = addresses.of(store.region(), group, t);
      if (address == null) {
        continue;
      }
      Layer4Forward.Target target = new Layer4Forward.Target(address, t.port);
      usable.add(target);
      if (state == TargetHealthStateEnum.HEALTHY) {
        healthy.add(target);
      }
    }
    return healthy.isEmpty() ? usable : healthy;
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
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
