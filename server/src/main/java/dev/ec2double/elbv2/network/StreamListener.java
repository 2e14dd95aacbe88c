package dev.ec2double.elbv2.network;

import dev.ec2double.compute.Layer4Forward;
import dev.ec2double.elbv2.tls.Certificates;
import dev.ec2double.elbv2.tls.ListenerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
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
 * Netty accepts on a port the system picks, on every address of this machine; the kernel hands it
 * the listener's new flows ({@link Layer4Forward#redirect}), which keeps the client's address as
 * their source, so the PROXY header carries it. Each connection goes to the next target in turn
 * ({@link StreamRelay}); the connections a target has are closed by {@link #cut}.
 */
final class StreamListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamListener.class);

  private final Channel server;
  private final Certificates certificates;
  private final AtomicInteger turn = new AtomicInteger();
  private final Map<Layer4Forward.Target, Set<Channel>> open = new ConcurrentHashMap<>();
  private volatile StreamSettings settings;
  private volatile SslContextFactory.Server tls;

  private StreamListener(Channel server, Certificates certificates) {
    this.server = server;
    this.certificates = certificates;
  }

  /** Starts accepting with these settings. */
  static StreamListener open(EventLoopGroup group, Certificates certificates, StreamSettings s)
      throws InterruptedException {
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
    Channel server = b.bind(new InetSocketAddress(0)).sync().channel();
    self[0] = new StreamListener(server, certificates);
    self[0].update(s);
    return self[0];
  }

  /** The port of this machine the kernel hands the listener's flows to. */
  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
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

  /** The target for a new connection: the next one in turn; null when there is none. */
  Layer4Forward.Target next(StreamSettings s) {
    List<Layer4Forward.Target> targets = s.targets();
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
    server.close().syncUninterruptibly();
    open.values().forEach(s -> s.forEach(Channel::close));
    open.clear();
    stop(tls);
  }
}
