package dev.ec2double.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The server's one handler: finds the route, runs it (blocking is fine: it runs on a pool thread)
 * and writes what it built. A call no route takes gets a plain 404 that names it; whatever a route
 * throws goes to {@code failed}; a URI or header section past the limits (8 KiB each, as Jetty's
 * defaults) goes to {@code refused} before any route runs.
 */
public final class Router implements HttpHandler {
  static final int MAX_URI_BYTES = 8 * 1024;
  static final int MAX_HEADER_BYTES = 8 * 1024;

  /** What answers when a route throws. */
  @FunctionalInterface
  public interface Failure {
    void answer(Exchange exchange, Exception e);
  }

  /** What answers a request refused before it was read (414, 431). */
  @FunctionalInterface
  public interface Refusal {
    void answer(Exchange exchange, int status, String reason);
  }

  private final Routes routes;
  private final Runnable before;
  private final Failure failed;
  private final Refusal refused;
  private final long maxBodyBytes;

  /**
   * @param before runs ahead of every route (the server waits there until it is assembled)
   * @param maxBodyBytes the largest body {@link Exchange#bodyAsBytes()} reads
   */
  public Router(
      Routes routes, Runnable before, Failure failed, Refusal refused, long maxBodyBytes) {
    this.routes = routes;
    this.before = before;
    this.failed = failed;
    this.refused = refused;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(HttpExchange x) {
    try {
      route(x);
    } catch (IOException | RuntimeException e) {
      x.close(); // the client left, or the answer could not be written: nobody to tell
    }
  }

  private void route(HttpExchange x) throws IOException {
    // HEAD is GET without the body: health checks that use it work
    String method = x.getRequestMethod();
    String path = x.getRequestURI().getRawPath();
    Routes.Match m = routes.find(method.equals("HEAD") ? "GET" : method, path == null ? "" : path);
    Exchange ex = new Exchange(x, m == null ? Map.of() : m.params(), maxBodyBytes);
    int refusal = refusal(x);
    if (m == null && refusal == 0) {
      ex.status(404)
          .contentType("text/plain")
          .result("Endpoint " + ex.method() + " " + ex.path() + " not found");
      ex.finish();
      return;
    }
    try {
      before.run();
      if (refusal == 414) {
        refused.answer(ex, 414, "URI is longer than " + MAX_URI_BYTES + " bytes");
      } else if (refusal == 431) {
        refused.answer(ex, 431, "headers are larger than " + MAX_HEADER_BYTES + " bytes");
      } else {
        m.route().handle(ex);
      }
    } catch (Exception e) {
      failed.answer(ex, e);
    }
    ex.finish();
  }

  /** 414 or 431 when the request is past a limit, else 0. */
  private static int refusal(HttpExchange x) {
    if (x.getRequestURI().getRawSchemeSpecificPart().length() > MAX_URI_BYTES) {
      return 414;
    }
    long size = 0;
    for (Map.Entry<String, List<String>> h : x.getRequestHeaders().entrySet()) {
      for (String v : h.getValue()) {
        size += h.getKey().length() + v.length() + 4; // "name: value\r\n"
      }
    }
    return size > MAX_HEADER_BYTES ? 431 : 0;
  }
}
