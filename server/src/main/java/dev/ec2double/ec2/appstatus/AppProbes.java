package dev.ec2double.ec2.appstatus;

import java.util.function.Consumer;

/**
 * The seam to the prober: one HTTP or HTTPS request to an instance's address, as the load
 * balancers' health checks make them (the assembly answers it with their checker, so there is one
 * prober in the server).
 */
public interface AppProbes {
  /**
   * How a probe ended: the HTTP status of the answer, or the reason there was none ({@code
   * ConnectionTimeout}, {@code ResponseTimeout}, {@code ConnectionRefused}, {@code
   * ConnectionReset}).
   */
  record Outcome(int statusCode, String failure) {}

  /** Whether probes reach real machines: false on the mock backend, where nothing runs. */
  boolean real();

  void probe(
      boolean https,
      String address,
      int port,
      String path,
      int timeoutSeconds,
      Consumer<Outcome> done);
}
