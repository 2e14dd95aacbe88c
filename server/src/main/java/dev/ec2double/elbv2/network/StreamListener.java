package dev.ec2double.elbv2.network;

import dev.ec2double.compute.Layer4Forward;
import dev.ec2double.elbv2.tls.Certificates;
import dev.ec2double.elbv2.tls.ListenerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network load balancer's listener that needs a process: a TLS listener (it decrypts, then
 * forwards the stream) or a TCP listener whose target group asks for a PROXY protocol v2 header.
 * Netty accepts on one port the system picks, only where the kernel hands it the listener's new
 * flows ({@link Layer4Forward#redirect}, which keeps the client's address as their source, so the
 * PROXY header carries it): {@code 127.0.0.1}, where a {@code REDIRECT} puts this machine's own
 * flows, and the server's address on each VPC network (the bridge's, where it puts the flows of
 * instances); never on the machine's other addresses, so the network this machine is on does not
 * reach it. Each connection goes to the next target in turn among those its client may reach
 * ({@link ReachableTargets#forClient}, {@link StreamRelay}); the connections a target has are
 * closed by {@link #cut}.
 */
final class StreamListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamListener.class);

  /** Tries at finding a port free on every address, when the one it has is taken on a new one. */
  private static final int MOVES = 5;

  private final ServerBootstrap bootstrap;
  private final Certificates certificates;

  /** The accepting channels, by address, all on {@link #port}. */
  private Map<String, Channel> servers = new LinkedHashMap<>();

  private volatile int port;
  private final AtomicInteger turn = new AtomicInteger();
  private final Map<Layer4Forward.Target, Set<Channel>> open = new ConcurrentHashMap<>();
  private volatile StreamSettings settings;
  private volatile SslContextFactory.Server tls;

  private StreamListener(ServerBootstrap bootstrap, Certificates certificates) {
    this.bootstrap = bootstrap;
    this.certificates = certificates;
  }

  /**
   * Starts accepting with these settings on the addresses (the first, loopback, must take it; one
   * that cannot is left out).
   */
  static StreamListener open(
      EventLoopGroup group, Certificates certificates, StreamSettings s, List<String> addresses)
      throws InterruptedException, IOException {
    StreamListener[] self = new StreamListener[1];
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    self[0].accepted(ch);
                  }
                });
    self[0] = new StreamListener(b, certificates);
    self[0].update(s);
    self[0].bindOn(addresses);
    if (!self[0].servers.containsKey(addresses.get(0))) {
      self[0].close();
      throw new IOException("cannot accept on " + addresses.get(0));
    }
    return self[0];
  }

  /** The port of this machine the kernel hands the listener's flows to. */
  int port() {
    return port;
  }

  /**
   * Accepts on exactly these addresses from now on, at the port it has; when that port is taken on
   * a new address, at another port that is free on all of them (the caller hands the kernel the new
   * {@link #port}). Connections already accepted go on either way.
   */
  synchronized void bindOn(List<String> addresses) throws InterruptedException {
    for (var it = servers.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!addresses.contains(e.getKey())) {
        e.getValue().close();
        it.remove();
      }
    }
    List<String> missing = addresses.stream().filter(a -> !servers.containsKey(a)).toList();
    if (missing.isEmpty()) {
      return;
    }
    boolean all = bindAt(missing, port, servers);
    port = portOf(servers);
    if (all) {
      return;
    }
    for (int i = 0; i < MOVES; i++) {
      Map<String, Channel> moved = new LinkedHashMap<>();
      if (bindAt(addresses, 0, moved)) {
        Map<String, Channel> before = servers;
        servers = moved;
        port = portOf(moved);
        before.values().forEach(Channel::close);
        return;
      }
      moved.values().forEach(Channel::close);
    }
    LOG.warn("a network load balancer's listener cannot accept on all of {} at one port", missing);
  }

  /**
   * Binds each address at the port (0: the first picks one, the others take it); false when one
   * could not, the others bound staying in {@code into}.
   */
  private boolean bindAt(List<String> addresses, int at, Map<String, Channel> into)
      throws InterruptedException {
    boolean all = true;
    for (String address : addresses) {
      ChannelFuture f = bootstrap.bind(new InetSocketAddress(address, at)).await();
      if (!f.isSuccess()) {
        LOG.debug("cannot accept on {}:{}: {}", address, at, f.cause().toString());
        all = false;
        continue;
      }
      into.put(address, f.channel());
      at = portOf(into);
    }
    return all;
  }

  private static int portOf(Map<String, Channel> channels) {
    return channels.isEmpty()
        ? 0
        : ((InetSocketAddress) channels.values().iterator().next().localAddress()).getPort();
  }

  /** New connections follow these settings; open ones keep theirs. */
  synchronized void update(StreamSettings s) {
    if (s.tls() != null && s.tlsChanged(settings)) {
      SslContextFactory.Server before = tls;
      tls = started(ListenerTls.factory(certificates, s.tls()));
      stop(before);
    } else if (s.tls() == null) {
      stop(tls);
      tls = null;
    }
    settings = s;
  }

  private static SslContextFactory.Server started(SslContextFactory.Server f) {
    try {
      f.start();
      return f;
    } catch (Exception e) {
      throw new IllegalStateException("cannot serve the listener's TLS: " + e.getMessage(), e);
    }
  }

  private static void stop(SslContextFactory.Server f) {
    if (f != null) {
      try {
        f.stop();
      } catch (Exception e) {
        LOG.debug("could not stop a TLS context: {}", e.getMessage());
      }
    }
  }

  private void accepted(SocketChannel ch) {
    StreamSettings s = settings;
    SslContextFactory.Server f = tls;
    if (s.tls() != null && f != null) {
      SSLEngine engine = f.newSSLEngine();
      engine.setUseClientMode(false);
      String alpn = s.alpnPolicy();
      engine.setHandshakeApplicationProtocolSelector(
          (e, offered) -> AlpnPolicies.select(alpn, offered));
      ch.pipeline().addLast(new SslHandler(engine));
    }
    ch.pipeline().addLast(new StreamRelay(this, s));
  }

  /**
   * The target for a new connection from the client's address: the next one in turn of those it may
   * reach; null when there is none.
   */
  Layer4Forward.Target next(StreamSettings s, String client) {
    List<Layer4Forward.Target> targets = s.targets().forClient(client);
    if (targets.isEmpty()) {
      return null;
    }
    return targets.get(Math.floorMod(turn.getAndIncrement(), targets.size()));
  }

  /** A connection to this target is open (closed ones leave by themselves). */
  void opened(Layer4Forward.Target target, Channel client) {
    Set<Channel> set = open.computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet());
    set.add(client);
    client.closeFuture().addListener(x -> set.remove(client));
  }

  /** Closes every connection this listener has to the target (deregistration's end). */
  void cut(Layer4Forward.Target target) {
    Set<Channel> set = open.remove(target);
    if (set != null) {
      set.forEach(Channel::close);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      servers.values().forEach(c -> c.close().syncUninterruptibly());
      servers = new LinkedHashMap<>();
    }
    open.values().forEach(s -> s.forEach(Channel::close));
    open.clear();
    stop(tls);
  }
}
