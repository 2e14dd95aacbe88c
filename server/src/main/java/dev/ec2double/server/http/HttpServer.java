package dev.ec2double.server.http;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The API's HTTP server: Jetty's core server with one handler, the {@link Router}, and no servlet
 * layer (no sessions, no servlet context: each costs classes at every start and serves nothing
 * here).
 */
public final class HttpServer {
  private static final String REFERENCES_PER_CACHE_LINE =
      "org.eclipse.jetty.util.referencesPerCacheLine";

  private HttpServer() {}

  /** A started server on {@code host}:{@code port} (0 picks a free port). */
  public static Server start(String host, int port, Router router, ErrorHandler errors) {
    // Jetty's queues pad to the cache line; unless told how many references fill one, Jetty asks
    // the platform MBean server whether oops are compressed, which starts JMX (~130 classes).
    // Compressed oops, the default below 32 GB of heap, put 16 references in 64 bytes.
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
      System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
    }
    QueuedThreadPool threads = new QueuedThreadPool(250, 4, 60_000);
    threads.setName("ec2double-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(router);
    server.setErrorHandler(errors);
    try {
      server.start();
    } catch (Exception e) {
      stop(server);
      throw new IllegalStateException(
          "could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return server;
  }

  /** The port the first connector listens on. */
  public static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public static void stop(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the HTTP server: " + e.getMessage(), e);
    }
  }
}
