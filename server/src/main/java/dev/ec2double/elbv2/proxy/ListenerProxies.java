package dev.ec2double.elbv2.proxy;

import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.ListenerRecord;
import dev.ec2double.elbv2.TargetAddresses;
import dev.ec2double.elbv2.tls.Certificates;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * The listeners' HTTP servers, one Jetty server per listener on one shared thread pool. A listener
 * accepts on its load balancer's own loopback address ({@link LoopbackAddresses}), on its own port
 * when that port is free there, otherwise on a port the system picks; the listener attributes
 * {@code ec2double.host_address} and {@code ec2double.host_port} say where.
 */
public final class ListenerProxies implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerProxies.class);

  /**
   * Selector threads per listener, each serving its share of the clients and their target
   * connections. Two cost slightly less CPU per request, but a thread that the system preempts
   * holds up every connection on it: with 16 clients on a 2-core machine, two gave p99s of 3 ms (30
   * ms and more when the machine was busy) where four gave 2 ms, at the same throughput.
   */
  private static final int SELECTORS = 4;

  private final String bindHost;
  private QueuedThreadPool pool;
  private final Map<String, Server> servers = new ConcurrentHashMap<>();

  private final TargetAddresses addresses;
  private final NetworkSide networks;
  private final Certificates certificates;

  /** The HTTPS listeners' TLS, by listener ARN. */
  private final Map<String, SslContextFactory.Server> tls = new ConcurrentHashMap<>();

  /**
   * @param backend routes the load balancers' addresses on the VPC networks; null for none
   * @param certificates what HTTPS listeners serve
   */
  public ListenerProxies(
      String bindHost,
      TargetAddresses addresses,
      dev.ec2double.compute.ComputeBackend backend,
      Certificates certificates) {
    this.addresses = addresses;
    this.certificates = certificates;
    this.networks = new NetworkSide(backend);
    this.bindHost = bindHost;
  }

  /** The listeners' thread pool, started with the first listener: an idle server runs none. */
  private synchronized QueuedThreadPool pool() {
    if (pool == null) {
      QueuedThreadPool p = new ProxyThreadPool();
      try {
        p.start();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the load balancers' thread pool", e);
      }
      pool = p;
    }
    return pool;
  }

  /** Starts accepting for a listener and records its host port on it. */
  public synchronized void open(Elbv2Store store, ListenerRecord listener, int idleSeconds) {
    close(listener.arn());
    int wanted = listener.sdk().port();
    String address = addressOf(store, listener);
    Server server = tryStart(store, listener, address, wanted, idleSeconds);
    if (server == null) {
      server = tryStart(store, listener, address, 0, idleSeconds);
    }
    if (server == null) {
      throw new IllegalStateException("cannot open any port for listener " + listener.arn());
    }
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    listener.hostPort(port);
    listener.hostAddress(address);
    servers.put(listener.arn(), server);
    reachFromNetworks(store, listener, server);
    LOG.info("listener {} accepts on {}:{}", listener.arn(), address, port);
  }

  /** Instances reach the listener at its load balancer's DNS name and its own port. */
  private void reachFromNetworks(Elbv2Store store, ListenerRecord listener, Server server) {
    var lb = store.loadBalancers.get(listener.sdk().loadBalancerArn());
    if (lb != null) {
      networks.attach(listener.arn(), server, lb.sdk().dnsName(), listener.sdk().port());
    }
  }

  /**
   * A VPC network of this server: the listeners accept for its instances on {@code localAddress}
   * (idempotent).
   */
  public void networkReady(String network, String localAddress) {
    networks.networkReady(network, localAddress);
  }

  public void networkGone(String network) {
    networks.networkGone(network);
  }

  /** Where the listeners of the load balancer with this DNS name accept. */
  public String addressOf(String dnsName) {
    return LoopbackAddresses.of(bindHost, dnsName);
  }

  private String addressOf(Elbv2Store store, ListenerRecord listener) {
    var lb = store.loadBalancers.get(listener.sdk().loadBalancerArn());
    return lb == null ? bindHost : addressOf(lb.sdk().dnsName());
  }

  /** Opens a listener again on the host port it had (a restart), or as a new one would be. */
  public synchronized void reopen(Elbv2Store store, ListenerRecord listener, int idleSeconds) {
    int had = listener.hostPort();
    String address = addressOf(store, listener);
    Server server = had > 0 ? tryStart(store, listener, address, had, idleSeconds) : null;
    if (server == null) {
      open(store, listener, idleSeconds);
      return;
    }
    listener.hostAddress(address);
    servers.put(listener.arn(), server);
    reachFromNetworks(store, listener, server);
    LOG.info("listener {} accepts again on {}:{}", listener.arn(), address, had);
  }

  private Server tryStart(
      Elbv2Store store, ListenerRecord listener, String address, int port, int idleSeconds) {
    Server server = new Server(pool());
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    SslContextFactory.Server ssl =
        listener.sdk().protocol() == ProtocolEnum.HTTPS
            ? TlsSettings.factory(store, listener, address, certificates)
            : null;
    ConnectionFactory[] factories;
    if (ssl == null) {
      factories = new ConnectionFactory[] {new HttpConnectionFactory(http)};
    } else {
      // ALB takes any Host header whatever name the client asked TLS for
      http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
      factories =
          new ConnectionFactory[] {
            new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http)
          };
    }
    ListenerConnector connector = new ListenerConnector(server, SELECTORS, factories);
    connector.setHost(address);
    connector.setPort(port);
    connector.setIdleTimeout(idleSeconds * 1000L);
    server.addConnector(connector);
    server.setHandler(
        new ListenerHandler(
            store, addresses, listener.arn(), new Forwarders(connector.selectors())));
    server.setStopTimeout(0);
    try {
      server.start();
      if (ssl != null) {
        tls.put(listener.arn(), ssl);
      }
      return server;
    } catch (IOException e) {
      stopQuietly(server);
      return null;
    } catch (Exception e) {
      stopQuietly(server);
      if (e.getCause() instanceof IOException) {
        return null;
      }
      throw new IllegalStateException("cannot start listener " + listener.arn(), e);
    }
  }

  /**
   * An HTTPS listener's certificates, security policy or mutual authentication changed: the next
   * handshakes use them (connections already made keep theirs, as on AWS).
   */
  public synchronized void refreshTls(Elbv2Store store, ListenerRecord listener) {
    SslContextFactory.Server ssl = tls.get(listener.arn());
    if (ssl == null) {
      return;
    }
    try {
      TlsSettings.reload(ssl, store, listener, listener.hostAddress(), certificates);
    } catch (Exception e) {
      throw new IllegalStateException("cannot change the TLS of listener " + listener.arn(), e);
    }
  }

  /** Stops accepting for a listener; its port is free again when this returns. */
  public void close(String listenerArn) {
    tls.remove(listenerArn);
    networks.detach(listenerArn);
    Server server = servers.remove(listenerArn);
    if (server != null) {
      stopQuietly(server);
    }
  }

  public synchronized void closeAll() {
    for (String arn : servers.keySet()) {
      close(arn);
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("could not stop a listener cleanly: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    closeAll();
    try {
      QueuedThreadPool started;
      synchronized (this) {
        started = pool;
        pool = null;
      }
      if (started != null) {
        started.stop();
      }
    } catch (Exception e) {
      LOG.warn("could not stop the load balancers' thread pool: {}", e.getMessage());
    }
  }
}
