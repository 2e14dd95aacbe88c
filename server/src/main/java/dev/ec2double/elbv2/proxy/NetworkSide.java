package dev.ec2double.elbv2.proxy;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.elbv2.names.VirtualAddresses;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where instances reach the listeners: on every VPC network of this server, each listener also
 * accepts on the server's local address there (the gateway; the server's own address when it runs
 * in a container) on a port the system picks, and the backend routes the load balancer's virtual
 * address ({@link VirtualAddresses#loadBalancer}) with the listener's own port to it. So an
 * instance calls {@code http://DNS-NAME:80/} as on AWS, whichever host port the listener has.
 */
final class NetworkSide {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkSide.class);

  /** One listener's server and where instances reach it. */
  private record Attached(
      Server server, String address, int port, Map<String, ServerConnector> on) {}

  private final ComputeBackend backend;
  private final Map<String, String> networks = new TreeMap<>();
  private final Map<String, Attached> listeners = new HashMap<>();

  /**
   * @param backend routes the virtual addresses; null for none (nothing is reachable from networks)
   */
  NetworkSide(ComputeBackend backend) {
    this.backend = backend;
  }

  /** A network of this server, and the address the server can listen on there (idempotent). */
  synchronized void networkReady(String network, String localAddress) {
    if (backend == null || localAddress.equals(networks.put(network, localAddress))) {
      return;
    }
    listeners.forEach((arn, a) -> connect(arn, a, network, localAddress));
  }

  synchronized void networkGone(String network) {
    if (networks.remove(network) != null) {
      listeners.forEach((arn, a) -> disconnect(a, network));
    }
  }

  /** A listener's server started: instances reach it on every network from now on. */
  synchronized void attach(String arn, Server server, String dnsName, int port) {
    detach(arn);
    if (backend == null) {
      return;
    }
    Attached a =
        new Attached(server, VirtualAddresses.loadBalancer(dnsName), port, new TreeMap<>());
    listeners.put(arn, a);
    networks.forEach((network, local) -> connect(arn, a, network, local));
  }

  /** A listener's server stops: its routes go, and its connectors with it. */
  synchronized void detach(String arn) {
    Attached a = listeners.remove(arn);
    if (a != null) {
      new java.util.ArrayList<>(a.on().keySet()).forEach(network -> disconnect(a, network));
    }
  }

  synchronized void detachAll() {
    new java.util.ArrayList<>(listeners.keySet()).forEach(this::detach);
  }

  private void connect(String arn, Attached a, String network, String local) {
    disconnect(a, network);
    ServerConnector main = (ServerConnector) a.server().getConnectors()[0];
    HttpConnectionFactory http = main.getConnectionFactory(HttpConnectionFactory.class);
    SslConnectionFactory tls = main.getConnectionFactory(SslConnectionFactory.class);
    HttpConnectionFactory plain = new HttpConnectionFactory(http.getHttpConfiguration());
    ServerConnector c =
        tls == null
            ? new ServerConnector(a.server(), 1, 1, plain)
            : new ServerConnector(
                a.server(),
                1,
                1,
                new SslConnectionFactory(tls.getSslContextFactory(), "http/1.1"),
                plain);
    c.setHost(local);
    c.setPort(0);
    c.setIdleTimeout(main.getIdleTimeout());
    try {
      a.server().addConnector(c);
      if (!c.isStarted()) {
        c.start();
      }
      if (backend.routeService(network, a.address(), "tcp", a.port(), local, c.getLocalPort())) {
        a.on().put(network, c);
        LOG.debug("listener {} reached from {} at {}:{}", arn, network, a.address(), a.port());
        return;
      }
    } catch (Exception e) {
      LOG.info("listener {} cannot accept on {} for {}: {}", arn, local, network, e.toString());
    }
    stop(a.server(), c);
  }

  private void disconnect(Attached a, String network) {
    ServerConnector c = a.on().remove(network);
    if (c != null) {
      backend.unrouteService(network, a.address(), "tcp", a.port());
      stop(a.server(), c);
    }
  }

  private static void stop(Server server, ServerConnector c) {
    try {
      c.stop();
    } catch (Exception e) {
      LOG.debug("connector stop: {}", e.getMessage());
    }
    server.removeConnector(c);
  }
}
