package dev.ec2double.it.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local engine's unix socket on a loopback TCP port, byte for byte, so a server can be pointed
 * at {@code tcp://127.0.0.1:PORT} (directly, or through a WireMock proxy that injects faults), and
 * the engine can be taken away ({@link #cut()}: every connection drops, new ones are refused) and
 * given back ({@link #restore()}) while the real engine keeps running.
 */
final class EngineRelay implements AutoCloseable {
  private final Path socket;
  private final int port;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocketChannel listener;

  EngineRelay() throws IOException {
    String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    this.socket = Path.of(host.replaceFirst("^unix://", ""));
    this.listener = listen(0);
    this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
  }

  int port() {
    return port;
  }

  String dockerHost() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The engine goes away: open connections drop and new ones are refused. */
  synchronized void cut() throws IOException {
    listener.close();
    for (SocketChannel c : open) {
      c.close();
    }
    open.clear();
  }

  /** The engine answers again, on the same port. */
  synchronized void restore() throws IOException {
    listener = listen(port);
  }

  private ServerSocketChannel listen(int onPort) throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open();
    s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    s.bind(new InetSocketAddress("127.0.0.1", onPort));
    Thread accept = new Thread(() -> accept(s), "engine-relay-accept");
    accept.setDaemon(true);
    accept.start();
    return s;
  }

  private void accept(ServerSocketChannel s) {
    while (s.isOpen()) {
      SocketChannel client;
      try {
        client = s.accept();
      } catch (IOException e) {
        return; // cut
      }
      // a connection accepted just before a cut must not outlive it: registered under the lock
      // that cut() holds, or closed at once
      if (!register(s, client)) {
        return;
      }
      SocketChannel engine;
      try {
        engine = SocketChannel.open(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        closeQuietly(client);
        continue;
      }
      if (!register(s, engine)) {
        closeQuietly(client);
        return;
      }
      pump(client, engine);
      pump(engine, client);
    }
  }

  /** Adds a channel to those a cut closes, unless this listener was cut already. */
  private synchronized boolean register(ServerSocketChannel s, SocketChannel c) {
    if (listener != s || !s.isOpen()) {
      closeQuietly(c);
      return false;
    }
    open.add(c);
    return true;
  }

  private void pump(SocketChannel from, SocketChannel to) {
    Thread t =
        new Thread(
            () -> {
              ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
              try {
                while (from.read(buffer) >= 0) {
                  buffer.flip();
                  while (buffer.hasRemaining()) {
                    to.write(buffer);
                  }
                  buffer.clear();
                }
              } catch (IOException closed) {
                // one side went: the other goes too
              }
              closeQuietly(from);
              closeQuietly(to);
              open.remove(from);
              open.remove(to);
            },
            "engine-relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(SocketChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
