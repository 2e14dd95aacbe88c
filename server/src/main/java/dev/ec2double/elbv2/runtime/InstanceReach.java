package dev.ec2double.elbv2.runtime;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.elbv2.names.NameServer;
import dev.ec2double.elbv2.names.VirtualAddresses;
import dev.ec2double.elbv2.network.Layer4Forwarding;
import dev.ec2double.elbv2.proxy.ListenerProxies;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How instances reach the load balancers by their DNS names, as code on an AWS instance does: on
 * each VPC network, a {@link NameServer} at this server's virtual name server address answers the
 * load balancers' names with their virtual addresses, which the backend routes to the listeners
 * ({@link ListenerProxies#networkReady}), or redirects to the network load balancers' listeners
 * that accept there ({@link Layer4Forwarding#networkReady}). The engine's resolver in each instance
 * launched after the network got its name server asks it, so names of load balancers made later
 * resolve in instances that already run. Where the backend cannot route (the mock backend, no
 * packet filter), nothing changes.
 */
final class InstanceReach implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceReach.class);

  private final ComputeBackend backend;
  private final ListenerProxies proxies;
  private final Layer4Forwarding layer4;
  private final String nameServerAddress;
  private final Set<String> dnsNames = ConcurrentHashMap.newKeySet();
  private final Map<String, String> gateways = new ConcurrentHashMap<>();
  private final Map<String, NameServer> nameServers = new ConcurrentHashMap<>();
  private final ExecutorService forwarders =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "ec2double-dns-forward");
            t.setDaemon(true);
            return t;
          });

  InstanceReach(
      ComputeBackend backend, ListenerProxies proxies, Layer4Forwarding layer4, String serverId) {
    this.backend = backend;
    this.proxies = proxies;
    this.layer4 = layer4;
    this.nameServerAddress = VirtualAddresses.nameServer(serverId);
  }

  void named(String dnsName) {
    dnsNames.add(dnsName.toLowerCase(Locale.ROOT));
  }

  void unnamed(String dnsName) {
    dnsNames.remove(dnsName.toLowerCase(Locale.ROOT));
  }

  /** The virtual address of a load balancer's name this server has, or null. */
  String lookup(String name) {
    return dnsNames.contains(name) ? VirtualAddresses.loadBalancer(name) : null;
  }

  /** A VPC network is ready (at every launch into it: once it is set up, this is a map look-up). */
  void networkReady(String network, String gateway) {
    if (backend == null || gateway.equals(gateways.get(network))) {
      return;
    }
    synchronized (this) {
      if (gateway.equals(gateways.get(network))) {
        return;
      }
      try {
        serve(network, gateway);
      } finally {
        // only now: a launch that finds the network here gets its name server
        gateways.put(network, gateway);
      }
    }
  }

  private void serve(String network, String gateway) {
    {
      closeNameServer(network);
      String local = backend.localAddress(network, gateway);
      NameServer ns;
      try {
        ns = NameServer.start(local, this::lookup, forwarders);
      } catch (IOException e) {
        LOG.debug(
            "no name server for {}: cannot listen on {} ({})", network, local, e.getMessage());
        return;
      }
      if (!backend.routeService(network, nameServerAddress, "udp", 53, local, ns.port())) {
        ns.close();
        LOG.debug("instances on {} do not resolve the load balancers' names", network);
        return;
      }
      nameServers.put(network, ns);
      backend.useNameServer(network, nameServerAddress);
      proxies.networkReady(network, local);
      layer4.networkReady(network, local);
      LOG.info(
          "name server for {} at {}:53 (on {}:{}): load balancers resolve and answer there",
          network,
          nameServerAddress,
          local,
          ns.port());
    }
  }

  synchronized void networkGone(String network) {
    gateways.remove(network);
    proxies.networkGone(network);
    layer4.networkGone(network);
    closeNameServer(network);
  }

  private void closeNameServer(String network) {
    NameServer ns = nameServers.remove(network);
    if (ns != null) {
      backend.useNameServer(network, null);
      backend.unrouteService(network, nameServerAddress, "udp", 53);
      ns.close();
    }
  }

  /** A reset: every network goes (the backend removes them), names with them. */
  synchronized void reset() {
    new java.util.ArrayList<>(gateways.keySet()).forEach(this::networkGone);
    dnsNames.clear();
  }

  @Override
  public synchronized void close() {
    nameServers.keySet().forEach(n -> nameServers.remove(n).close());
    forwarders.shutdownNow();
  }
}
