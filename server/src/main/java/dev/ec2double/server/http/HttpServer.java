package dev.ec2double.server.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API's HTTP server: the JDK's own ({@code com.sun.net.httpserver}, in every JDK since 6) with
 * one handler, the {@link Router}. Jetty, which the load balancers' proxies use, took ~0.4 s more
 * of a cold JVM to its first answer (its classes, and its MIME table asking the JDK for every
 * locale); the JDK's server is mostly classes the JVM has at hand.
 *
 * <p>The server can listen on more addresses ({@link #listen}): the same routes, the same threads.
 */
public final class HttpServer implements AutoCloseable {
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private final Router router;
  private final ExecutorService threads;
  private final com.sun.net.httpserver.HttpServer main;
  private final Map<Listener, Boolean> more = new ConcurrentHashMap<>();

  private HttpServer(
      Router router, ExecutorService threads, com.sun.net.httpserver.HttpServer main) {
    this.router = router;
    this.threads = threads;
    this.main = main;
  }

  /**
   * Writes answers without waiting for the client's acknowledgement of the previous segment
   * (Nagle's algorithm beside delayed acknowledgements adds ~40 ms to an answer written in two
   * parts). The JDK reads the setting once, when its first HTTP server is made (the metadata
   * service's too): call this before any.
   */
  public static void preferNoDelay() {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  /** A started server on {@code host}:{@code port} (0 picks a free port). */
  public static HttpServer start(String host, int port, Router router) {
    preferNoDelay();
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor threads =
        new ThreadPoolExecutor(
            0,
            256,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "ec2double-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // past 256 calls in progress a call waits for a thread: the dispatcher runs it then
    threads.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
    try {
      return new HttpServer(router, threads, bind(host, port, router, threads));
    } catch (IOException | RuntimeException e) {
      threads.shutdownNow();
      throw new IllegalStateException(
          "could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static com.sun.net.httpserver.HttpServer bind(
      String host, int port, Router router, ExecutorService threads) throws IOException {
    com.sun.net.httpserver.HttpServer s =
        com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(host, port), 128);
    s.createContext("/", router);
    s.setExecutor(threads);
    s.start();
    return s;
  }

  /** The port of the server's first address. */
  public int port() {
    return main.getAddress().getPort();
  }

  /**
   * The same routes on one more address.
   *
   * @throws IOException when it cannot listen there
   */
  public Listener listen(String host, int port) throws IOException {
    Listener l = new Listener(this, host, bind(host, port, router, threads));
    more.put(l, Boolean.TRUE);
    return l;
  }

  /** Stops listening everywhere and ends the calls in progress. */
  @Override
  public void close() {
    more.keySet().forEach(Listener::close);
    main.stop(0);
    threads.shutdownNow();
  }

  /** One more address of the server's. */
  public static final class Listener {
    private final HttpServer owner;
    private final String host;
    private final com.sun.net.httpserver.HttpServer server;

    private Listener(HttpServer owner, String host, com.sun.net.httpserver.HttpServer server) {
      this.owner = owner;
      this.host = host;
      this.server = server;
    }

    public String host() {
      return host;
    }

    public int port() {
      return server.getAddress().getPort();
    }

    public void close() {
      if (owner.more.remove(this) != null) {
        server.stop(0);
      }
    }
  }
}
