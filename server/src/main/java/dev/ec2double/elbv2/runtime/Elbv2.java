package dev.ec2double.elbv2.runtime;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.Networks;
import dev.ec2double.elbv2.TargetAddresses;
import dev.ec2double.elbv2.TargetInstances;
import dev.ec2double.elbv2.health.HealthChecker;
import dev.ec2double.elbv2.network.Layer4Forwarding;
import dev.ec2double.elbv2.proxy.ListenerProxies;
import dev.ec2double.elbv2.tls.Certificates;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ELBv2 services share beyond one request: each region's store, the listeners' proxies and
 * the health checker. {@link #reset()} closes every listener port and forgets every store.
 */
public final class Elbv2 implements AutoCloseable {
  private final Set<Elbv2Store> stores = ConcurrentHashMap.newKeySet();
  private final ListenerProxies proxies;
  private final HealthChecker health;
  private final Networks networks;
  private final TargetInstances instances;
  private final HostsFile names;
  private final InstanceReach reach;
  private final Certificates certificates;
  private final Layer4Forwarding layer4;

  /**
   * @param networks the subnets, VPCs and security groups load balancers and target groups name
   * @param instances the instances that instance targets name
   * @param names where the load balancers' DNS names are written for resolvers to find
   * @param backend routes the load balancers' names and addresses for instances; null for none
   * @param certificates what HTTPS listeners serve, and the local CA that signs them
   */
  public Elbv2(
      String bindHost,
      Networks networks,
      TargetInstances instances,
      HostsFile names,
      ComputeBackend backend,
      String serverId,
      Certificates certificates) {
    this.certificates = certificates;
    this.networks = networks;
    this.instances = instances;
    this.names = names;
    this.proxies =
        new ListenerProxies(bindHost, new TargetAddresses(instances), backend, certificates);
    this.health = new HealthChecker(() -> stores, instances);
    this.layer4 =
        new Layer4Forwarding(
            () -> stores,
            new TargetAddresses(instances),
            backend,
            proxies::addressOf,
            certificates);
    this.reach = new InstanceReach(backend, proxies, layer4, serverId);
  }

  /** The health checker, whose probe EC2's application status checks use too. */
  public HealthChecker health() {
    return health;
  }

  /** The network load balancers' forwards in the host's kernel. */
  public Layer4Forwarding layer4() {
    return layer4;
  }

  public Elbv2Store store(RequestContext ctx) {
    return store(ctx.state());
  }

  public Elbv2Store store(RegionState state) {
    return state.part(
        Elbv2Store.class,
        () -> {
          Elbv2Store s = new Elbv2Store(state);
          stores.add(s);
          return s;
        });
  }

  /** The proxies' counts, as CloudWatch's AWS/ApplicationELB metrics of target groups. */
  public dev.ec2double.core.MetricSource metrics() {
    return new Elbv2Metrics();
  }

  public Collection<Elbv2Store> stores() {
    return stores;
  }

  public ListenerProxies proxies() {
    return proxies;
  }

  /** A load balancer's DNS name now resolves (where a hosts file is kept) to its address. */
  public void named(String dnsName) {
    names.put(dnsName, proxies.addressOf(dnsName));
    reach.named(dnsName);
  }

  public void unnamed(String dnsName) {
    names.remove(dnsName);
    reach.unnamed(dnsName);
  }

  /**
   * A VPC network of this server is ready (at every launch into it): its instances resolve the load
   * balancers' names and reach their listeners from now on, where the backend can route them.
   */
  public void networkReady(String network, String gateway) {
    reach.networkReady(network, gateway);
  }

  public void networkGone(String network) {
    reach.networkGone(network);
  }

  /**
   * Removes a listener as DeleteListener and DeleteLoadBalancer do: its port closes, its rules and
   * every tag of both go. The caller holds the store's lock.
   */
  public void removeListener(Elbv2Store store, String listenerArn) {
    proxies.close(listenerArn);
    store
        .rulesOf(listenerArn)
        .forEach(
            r -> {
              store.rules.remove(r.arn());
              store.tags.remove(r.arn());
            });
    store.listeners.remove(listenerArn);
    store.tags.remove(listenerArn);
  }

  /**
   * After a restart with saved state: the region's load balancers answer again (their listeners
   * accept on the host ports they had, when those are free) and the health checks resume.
   */
  public void adopt(RegionState state) {
    Elbv2Store store = state.existingPart(Elbv2Store.class);
    if (store == null) {
      return;
    }
    stores.add(store);
    synchronized (store) {
      store.loadBalancers.values().forEach(lb -> named(lb.sdk().dnsName()));
      for (var listener : store.listeners.values()) {
        var protocol = listener.sdk().protocol();
        if (protocol
                != software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum.HTTP
            && protocol
                != software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum
                    .HTTPS) {
          continue;
        }
        var lb = store.loadBalancers.get(listener.sdk().loadBalancerArn());
        int idle =
            lb == null
                ? 60
                : Integer.parseInt(
                    lb.attributes.getOrDefault("idle_timeout.timeout_seconds", "60"));
        proxies.reopen(store, listener, idle);
      }
    }
    layer4.sync(); // the network load balancers' forwards, and their periodic check
  }

  public Certificates certificates() {
    return certificates;
  }

  public Networks networks() {
    return networks;
  }

  public TargetInstances instances() {
    return instances;
  }

  public void reset() {
    proxies.closeAll();
    reach.reset();
    stores.clear();
    names.clear();
    certificates.reset();
    layer4.sync();
  }

  @Override
  public void close() {
    layer4.close();
    health.close();
    reach.close();
    proxies.close();
    names.clear();
  }
}
