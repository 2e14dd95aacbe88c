package dev.ec2double.server;

import dev.ec2double.compute.ComputeBackend;
import io.javalin.http.Context;

/** {@code GET /_ec2double/health}: for container health checks and scripts waiting on start. */
final class Health {
  static final String PATH = "/_ec2double/health";

  private Health() {}

  static void write(Context ctx, ComputeBackend backend) {
    ctx.contentType("application/json");
    ctx.result("{\"status\":\"UP\",\"backend\":\"" + backend.name() + "\"}");
  }
}
