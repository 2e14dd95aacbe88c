package dev.ec2double.elbv2.network;

import dev.ec2double.compute.Layer4Forward;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import javax.net.ssl.SSLException;

/**
 * One client connection of a {@link StreamListener}, relayed to one target as Netty's proxy example
 * does: reads from either side only after the other side took the last read, so neither buffers
 * more than one read. The target is one of those the client's zone reaches ({@link
 * ReachableTargets}). The target connection starts with the PROXY v2 header (the client's address
 * and port, the load balancer's address and the listener's port) when the target group asks for it,
 * then TLS when the target group speaks it. A TLS listener's client is relayed once its handshake
 * is done.
 */
final class StreamRelay extends ChannelInboundHandlerAdapter {
  private static volatile SslContext toTargets;

  private final StreamListener listener;
  private final StreamSettings settings;
  private final Queue<Object> early = new ArrayDeque<>();
  private Channel target;
  private boolean ready;

  StreamRelay(StreamListener listener, StreamSettings settings) {
    this.listener = listener;
    this.settings = settings;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (settings.tls() == null) {
      connect(ctx.channel());
    } else {
      ctx.read(); // the handshake reads on from here
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == ChannelInputShutdownEvent.INSTANCE) {
      // the client sent all it will: so does the load balancer to the target
      if (target == null) {
        ctx.close();
      } else {
        halfClose(target, !settings.targetTls(), ctx.channel());
      }
    }
    if (evt instanceof SslHandshakeCompletionEvent done && target == null) {
      if (done.isSuccess()) {
        connect(ctx.channel());
      } else {
        ctx.close();
      }
    }
    super.userEventTriggered(ctx, evt);
  }

  private void connect(Channel client) {
    InetSocketAddress from = (InetSocketAddress) client.remoteAddress();
    Layer4Forward.Target to = listener.next(settings, from.getAddress().getHostAddress());
    if (to == null) {
      client.close();
      return;
    }
    ChannelFuture f =
        new Bootstrap()
            .group(client.eventLoop())
            .channel(NioSocketChannel.class)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (settings.proxyProtocol()) {
                      ch.pipeline().addLast(HAProxyMessageEncoder.INSTANCE);
                    }
                    ch.pipeline().addLast(new Back(client, settings.tls() == null));
                  }
                })
            .connect(to.address(), to.port());
    target = f.channel();
    listener.opened(to, client);
    f.addListener(
        (ChannelFutureListener)
            c -> {
              if (!c.isSuccess()) {
                client.close();
                return;
              }
              if (settings.proxyProtocol()) {
                target.writeAndFlush(header(client));
                target.pipeline().remove(HAProxyMessageEncoder.INSTANCE);
              }
              if (settings.targetTls()) {
                SslHandler tls = toTargets().newHandler(target.alloc(), to.address(), to.port());
                target.pipeline().addFirst(tls);
                tls.handshakeFuture().addListener(h -> relay(client, h.isSuccess()));
              } else {
                relay(client, true);
              }
            });
  }

  /** The target is ready (or failed): what came early goes, then the client is read on. */
  private void relay(Channel client, boolean ok) {
    if (!ok) {
      client.close();
      target.close();
      return;
    }
    ready = true;
    Object m;
    while ((m = early.poll()) != null) {
      target.write(m);
    }
    target
        .writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener(
            (ChannelFutureListener)
                w -> {
                  if (w.isSuccess()) {
                    client.read();
                  } else {
                    client.close();
                  }
                });
  }

  private HAProxyMessage header(Channel client) {
    InetSocketAddress from = (InetSocketAddress) client.remoteAddress();
    InetSocketAddress at = (InetSocketAddress) client.localAddress();
    String lb =
        at.getAddress().isLoopbackAddress() ? settings.hostAddress() : settings.virtualAddress();
    boolean v4 = from.getAddress() instanceof Inet4Address;
    return new HAProxyMessage(
        HAProxyProtocolVersion.V2,
        HAProxyCommand.PROXY,
        v4 ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6,
        from.getAddress().getHostAddress(),
        v4 ? lb : "::ffff:" + lb,
        from.getPort(),
        settings.port());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!ready) {
      early.add(msg); // data that came with the end of the handshake
      return;
    }
    pass(msg, target, ctx.channel());
  }

  /** Writes what one side read to the other; the side reads on once the other took it. */
  static void pass(Object msg, Channel to, Channel from) {
    to.writeAndFlush(msg)
        .addListener(
            (ChannelFutureListener)
                w -> {
                  if (w.isSuccess()) {
                    from.read();
                  } else {
                    to.close();
                  }
                });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    early.forEach(ReferenceCountUtil::release);
    early.clear();
    if (target != null) {
      closeOnFlush(target);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    closeOnFlush(ctx.channel());
  }

  /**
   * One side sent all it will ({@code from}): the other side's output ends after what it has to
   * write (a TLS side closes instead); a connection whose both directions ended closes.
   */
  static void halfClose(Channel other, boolean plain, Channel from) {
    if (plain && other instanceof SocketChannel s && s.isActive()) {
      s.writeAndFlush(Unpooled.EMPTY_BUFFER)
          .addListener(
              f ->
                  s.shutdownOutput()
                      .addListener(
                          x -> {
                            if (s.isInputShutdown()) {
                              s.close();
                            }
                            if (from instanceof SocketChannel fs && fs.isOutputShutdown()) {
                              fs.close();
                            }
                          }));
    } else {
      closeOnFlush(other);
    }
  }

  static void closeOnFlush(Channel ch) {
    if (ch.isActive()) {
      ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static SslContext toTargets() throws SSLException {
    if (toTargets == null) {
      // an NLB does not check its targets' certificates
      toTargets =
          SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }
    return toTargets;
  }

  /** The target's side: what it sends goes to the client. */
  private static final class Back extends ChannelInboundHandlerAdapter {
    private final Channel client;
    private final boolean plainClient;

    Back(Channel client, boolean plainClient) {
      this.client = client;
      this.plainClient = plainClient;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == ChannelInputShutdownEvent.INSTANCE) {
        halfClose(client, plainClient, ctx.channel());
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      pass(msg, client, ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closeOnFlush(client);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      closeOnFlush(ctx.channel());
    }
  }
}
