package dev.ec2double.elbv2.network;

import dev.ec2double.elbv2.tls.ListenerTls;

/**
 * What a network load balancer's listener that needs a process ({@link StreamListener}) does: where
 * its targets are, whether they get a PROXY protocol v2 header and TLS, and the TLS it serves.
 *
 * @param hostAddress the load balancer's address for this machine's programs (the PROXY header's
 *     destination for them)
 * @param virtualAddress its address for instances (the PROXY header's destination for them)
 * @param port the listener's port
 * @param targets where a new connection goes (in turn among them), by its client's address
 * @param proxyProtocol whether each connection to a target starts with a PROXY v2 header
 * @param targetTls whether the target group speaks TLS (certificates are not checked, as on AWS)
 * @param tls the TLS a TLS listener serves; null for a TCP listener
 * @param alpnPolicy the TLS listener's ALPN policy ({@code HTTP1Only}, … , {@code None})
 */
record StreamSettings(
    String hostAddress,
    String virtualAddress,
    int port,
    ReachableTargets targets,
    boolean proxyProtocol,
    boolean targetTls,
    ListenerTls.Settings tls,
    String alpnPolicy) {

  /** Whether a change from {@code before} needs a new TLS context. */
  boolean tlsChanged(StreamSettings before) {
    return before == null || !java.util.Objects.equals(tls, before.tls);
  }
}
