package dev.ec2double.elbv2.proxy;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A listener's connector whose selectors also carry the listener's connections to its targets, so
 * that, as in nginx's event loop, one thread reads a client's request, writes it to the target,
 * reads the target's answer and writes it back: no hand-over to another selector thread (a task
 * queued and a wake-up) on the way. A client connection on selector {@code i} is proxied by the
 * forwarder {@code i}, whose target connections live on selector {@code i} too.
 */
final class ListenerConnector extends ServerConnector {
  ListenerConnector(Server server, int selectors, ConnectionFactory... factories) {
    super(server, 1, selectors, factories);
  }

  Selectors selectors() {
    return (Selectors) getSelectorManager();
  }

  /** The selector that a request's client connection is on. */
  static int selectorOf(Request request) {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    if (endPoint instanceof EndPoint.Wrapper tls) {
      endPoint = tls.unwrap(); // an HTTPS listener's decrypting end point
    }
    return endPoint instanceof ClientEndPoint client ? client.selector : 0;
  }

  @Override
  protected SelectorManager newSelectorManager(
      Executor executor, Scheduler scheduler, int selectors) {
    return new Selectors(executor, scheduler, selectors);
  }

  @Override
  protected SocketChannelEndPoint newEndPoint(
      SocketChannel channel, ManagedSelector selector, SelectionKey key) {
    ClientEndPoint endPoint =
        new ClientEndPoint(channel, selector, key, getScheduler(), selectors().indexOf(selector));
    endPoint.setIdleTimeout(getIdleTimeout());
    return endPoint;
  }

  /** A connection from a client of the listener, knowing its selector. */
  private static final class ClientEndPoint extends SocketChannelEndPoint {
    private final int selector;

    ClientEndPoint(
        SocketChannel channel,
        ManagedSelector selector,
        SelectionKey key,
        Scheduler scheduler,
        int index) {
      super(channel, selector, key, scheduler);
      this.selector = index;
    }
  }

  /**
   * The selectors, for accepted client connections and for target connections alike. A target
   * connection's selection key carries its HttpClient context (a map) where an accepted one carries
   * nothing, and is made the way {@link ClientConnector} makes it.
   */
  final class Selectors extends ServerConnectorManager {
    private final ThreadLocal<ManagedSelector> preferred = new ThreadLocal<>();
    private final ManagedSelector[] all;

    Selectors(Executor executor, Scheduler scheduler, int selectors) {
      super(executor, scheduler, selectors);
      this.all = new ManagedSelector[getSelectorCount()];
    }

    /** Runs a connect so that the new connection lands on the given selector. */
    void connectOn(int index, Runnable connect) {
      preferred.set(all[index]);
      try {
        connect.run();
      } finally {
        preferred.remove();
      }
    }

    int indexOf(ManagedSelector selector) {
      for (int i = 0; i < all.length; i++) {
        if (all[i] == selector) {
          return i;
        }
      }
      return 0;
    }

    @Override
    protected ManagedSelector newSelector(int id) {
      ManagedSelector selector = super.newSelector(id);
      all[id] = selector;
      return selector;
    }

    @Override
    protected ManagedSelector chooseSelector() {
      ManagedSelector selector = preferred.get();
      return selector != null && isRunning() ? selector : super.chooseSelector();
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(
        SelectableChannel channel, ManagedSelector selector, SelectionKey key) throws IOException {
      Map<String, Object> context = context(key.attachment());
      if (context == null) {
        return super.newEndPoint(channel, selector, key);
      }
      ClientConnector client = (ClientConnector) context.get(ClientConnector.CONTEXT_KEY);
      Transport transport = (Transport) context.get(Transport.CONTEXT_KEY);
      EndPoint endPoint = transport.newEndPoint(client.getScheduler(), selector, channel, key);
      endPoint.setIdleTimeout(client.getIdleTimeout().toMillis());
      return (SocketChannelEndPoint) endPoint;
    }

    @Override
    public Connection newConnection(SelectableChannel channel, EndPoint endPoint, Object attachment)
        throws IOException {
      Map<String, Object> context = context(attachment);
      if (context == null) {
        return super.newConnection(channel, endPoint, attachment);
      }
      return ((Transport) context.get(Transport.CONTEXT_KEY)).newConnection(endPoint, context);
    }

    @Override
    public void connectionOpened(Connection connection, Object attachment) {
      Map<String, Object> context = context(attachment);
      if (context == null) {
        super.connectionOpened(connection, attachment);
        return;
      }
      Promise<Connection> promise = promise(context);
      try {
        super.connectionOpened(connection, attachment);
        promise.succeeded(connection);
      } catch (Throwable x) {
        promise.failed(x);
      }
    }

    @Override
    protected void connectionFailed(
        SelectableChannel channel, Throwable failure, Object attachment) {
      super.connectionFailed(channel, failure, attachment);
      Map<String, Object> context = context(attachment);
      if (context != null) {
        promise(context).failed(failure);
      }
    }

    /** Only client connections count as the listener's (its statistics and graceful stop). */
    @Override
    protected void endPointOpened(EndPoint endPoint) {
      if (endPoint instanceof ClientEndPoint) {
        super.endPointOpened(endPoint);
      }
    }

    @Override
    protected void endPointClosed(EndPoint endPoint) {
      if (endPoint instanceof ClientEndPoint) {
        super.endPointClosed(endPoint);
      }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Object attachment) {
      return attachment instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    @SuppressWarnings("unchecked")
    private static Promise<Connection> promise(Map<String, Object> context) {
      return (Promise<Connection>) context.get(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY);
    }
  }
}
