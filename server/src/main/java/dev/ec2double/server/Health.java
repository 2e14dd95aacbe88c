package dev.ec2double.server;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.server.http.Exchange;

/** {@code GET /_ec2double/health}: for container health checks and scripts waiting on start. */
final class Health {
  static final String PATH = "/_ec2double/health";

  private Health() {}

  static void write(Exchange ctx, ComputeBackend backend) {
    ctx.contentType("application/json");
    ctx.result("{\"status\":\"UP\",\"backend\":\"" + backend.name() + "\"}");
  }
}
