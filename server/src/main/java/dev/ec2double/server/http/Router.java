package dev.ec2double.server.http;

import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's one Jetty handler: finds the route, runs it (blocking is fine: Jetty calls it on a
 * pool thread) and writes what it built. A call no route takes gets a plain 404 that names it;
 * whatever a route throws goes to {@code failed}.
 */
public final class Router extends Handler.Abstract {
  /** What answers when a route throws. */
  @FunctionalInterface
  public interface Failure {
    void answer(Exchange exchange, Exception e);
  }

  private final Routes routes;
  private final Runnable before;
  private final Failure failed;
  private final long maxBodyBytes;

  /**
   * @param before runs ahead of every route (the server waits there until it is assembled)
   * @param maxBodyBytes the largest body {@link Exchange#bodyAsBytes()} reads
   */
  public Router(Routes routes, Runnable before, Failure failed, long maxBodyBytes) {
    this.routes = routes;
    this.before = before;
    this.failed = failed;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    // HEAD is GET without the body (Jetty leaves the body out): health checks that use it work
    String method = request.getMethod();
    Routes.Match m =
        routes.find(method.equals("HEAD") ? "GET" : method, request.getHttpURI().getPath());
    Exchange ex =
        new Exchange(request, response, callback, m == null ? Map.of() : m.params(), maxBodyBytes);
    if (m == null) {
      ex.status(404)
          .contentType("text/plain")
          .result("Endpoint " + ex.method() + " " + ex.path() + " not found");
      ex.finish();
      return true;
    }
    try {
      before.run();
      m.route().handle(ex);
    } catch (Exception e) {
      failed.answer(ex, e);
    }
    ex.finish();
    return true;
  }
}
