package dev.ec2double.server;

import dev.ec2double.server.http.Exchange;

/**
 * The control API for tests, beside the AWS APIs: {@code POST /_ec2double/reset} puts the server
 * back to a fresh one (every account and region forgotten, everything the backend made removed),
 * and {@code POST /moto-api/reset} does the same for suites written against moto's server mode.
 * JSON in and out; see docs/control-api.md.
 */
final class Control {
  static final String RESET = "/_ec2double/reset";
  static final String MOTO_RESET = "/moto-api/reset";

  private Control() {}

  static void reset(Exchange ctx, Ec2DoubleServer server) {
    long started = System.nanoTime();
    server.reset();
    long micros = (System.nanoTime() - started) / 1_000;
    ctx.contentType("application/json");
    ctx.result(
        "{\"status\":\"ok\",\"resetMillis\":"
            + String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0)
            + "}");
  }

  /** The control API is the test's, not the instances': refused on their endpoint. */
  static void notFromInstances(Exchange ctx) {
    ctx.status(403);
    ctx.contentType("application/json");
    ctx.result("{\"status\":\"error\",\"message\":\"the control API is not served to instances\"}");
  }

  /** A control path asked for with the wrong method: 405, saying which one it takes. */
  static void postOnly(Exchange ctx) {
    ctx.status(405);
    ctx.header("Allow", "POST");
    ctx.contentType("application/json");
    ctx.result(
        "{\"status\":\"error\",\"message\":\""
            + ctx.method()
            + " "
            + ctx.path()
            + " is not supported: use POST\"}");
  }
}
