package dev.ec2double.junit;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running server, kept in JUnit's root store: JUnit closes it (and so stops the server) when
 * the engine finishes. The permit serializes per-method tests on it, since {@code reset()} empties
 * the whole server.
 */
final class SharedServer implements AutoCloseable {
  private final Ec2DoubleServer server;
  private final Semaphore testPermit = new Semaphore(1, true);
  private final AtomicBoolean closed = new AtomicBoolean();

  private SharedServer(Ec2DoubleServer server) {
    this.server = server;
  }

  static SharedServer start(Settings.ServerKey key) {
    WarmUp.awaitIfRunning();
    ServerConfig.Builder config = ServerConfig.builder().port(0).backend(key.backend().option());
    for (Map.Entry<String, String> ami : key.amis().entrySet()) {
      config.ami(ami.getKey(), ami.getValue());
    }
    return new SharedServer(new Ec2DoubleServer(config.build()).start());
  }

  Ec2DoubleServer server() {
    return server;
  }

  /**
   * Waits until no other per-method test runs on this server, then empties it; the returned hold
   * lets the next one in when closed.
   */
  AutoCloseable isolate() throws InterruptedException {
    testPermit.acquire();
    try {
      server.reset();
    } catch (RuntimeException e) {
      testPermit.release();
      throw e;
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        testPermit.release();
      }
    };
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.close();
    }
  }
}
