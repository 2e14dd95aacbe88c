package dev.ec2double.junit;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts, asks once and closes a throwaway server on the mock backend (the default host, a free
 * port) while JUnit discovers the tests, once per JVM: the classes of the server, its HTTP layer
 * and the first answer's path load then, beside discovery, and the extension's own start later
 * costs what a second server in a warm JVM costs (tens of milliseconds instead of about a second).
 * Nothing of it stays: no port, no thread, no engine object (the mock backend makes none). {@code
 * -Dec2double.warmup=false} turns it off.
 */
public final class WarmUp implements LauncherSessionListener {
  static final String PROPERTY = "ec2double.warmup";
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final CountDownLatch DONE = new CountDownLatch(1);

  /** The port the throwaway server had (0 before it listened): closed once it is done. */
  static volatile int port;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    begin();
  }

  /** Starts the warm-up in the background, unless it ran, runs or is turned off. */
  static void begin() {
    if (!enabled() || !STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(WarmUp::run, "ec2double-warm-up");
    t.setDaemon(true);
    t.start();
  }

  static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
  }

  static boolean finished() {
    return DONE.getCount() == 0;
  }

  /**
   * Waits (at most 10 s) for a warm-up that runs: finishing it and starting warm is faster than a
   * cold start beside it on the same cores.
   */
  static void awaitIfRunning() {
    if (!STARTED.get()) {
      return;
    }
    try {
      DONE.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void run() {
    try (Ec2DoubleServer server =
        new Ec2DoubleServer(
                // the environment's EC2DOUBLE_* settings (a state directory, a host) are the real
                // server's, not this one's: the defaults, loopback only, no state kept
                ServerConfig.builder(Map.of()).port(0).backend("mock").build())
            .start()) {
      port = server.port();
      ask(server.port());
    } catch (IOException | RuntimeException e) {
      // a warm-up that fails costs nothing but the time: the real start reports real problems
    } finally {
      DONE.countDown();
    }
  }

  /**
   * One DescribeRegions over a plain socket: the server's whole answer path, few client classes.
   */
  private static void ask(int port) throws IOException {
    byte[] body = "Action=DescribeRegions&Version=2016-11-15".getBytes(StandardCharsets.US_ASCII);
    String head =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      in.readAllBytes();
    }
  }
}
