package dev.ec2double.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.ControlApi;
import dev.ec2double.it.Elbv2Clients;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * An HTTPS listener against nginx terminating TLS in front of the same keep-alive target, both
 * serving the very same certificate and key (issued by the server's local CA) under the same
 * protocols: requests on kept-alive connections, then a new connection (a full handshake) per
 * request. The server runs as users run it, in its own JVM.
 */
final class HttpsBench {
  private static final String ACCOUNT = "000000000044";
  private static final String POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

  private HttpsBench() {}

  static void run(int seconds, Consumer<String> line) throws Exception {
    line.accept("\n## HTTPS ALB listener vs nginx terminating TLS, same target, wrk GET\n");
    try (Nginx target = Nginx.target();
        Servers.Running server = Servers.ec2double("mock");
        ElasticLoadBalancingV2Client elb = Elbv2Clients.of(Listeners.endpoint(server), ACCOUNT)) {
      JsonNode cert = issue(server);
      try (Nginx proxy =
          Nginx.tlsProxyTo(
              target.port, cert.get("certificate").asText(), cert.get("privateKey").asText())) {
        String alb =
            "https://"
                + Listeners.create(
                    server,
                    elb,
                    ACCOUNT,
                    LoadBalancerTypeEnum.APPLICATION,
                    ProtocolEnum.HTTP,
                    target.port,
                    r ->
                        r.protocol(ProtocolEnum.HTTPS)
                            .port(8443)
                            .sslPolicy(POLICY)
                            .certificates(
                                c -> c.certificateArn(cert.get("certificateArn").asText())))
                + "/";
        line.accept(
            "Both serve one certificate and key ("
                + keyType(cert.get("certificate").asText())
                + ", from `POST /_ec2double/certificates`): the ALB under `"
                + POLICY
                + "`, nginx (worker per core, keep-alive upstream) with its protocols and"
                + " TLS 1.3 suites in its order. wrk (OpenSSL) negotiates "
                + Tls.negotiated(proxy.url())
                + " with nginx and "
                + Tls.negotiated(alb)
                + " with the ALB. After a 15 s warm-up of the ALB, the two take turns for three"
                + " rounds, 16 connections; each row is that side's median round. New connections:"
                + " `Connection: close` on every request, so each request is a TCP connection and a"
                + " full TLS handshake (wrk resumes no session)."
                + Rounds.load()
                + "\n");
        line.accept("| path | connections | req/s | p50 | p99 | vs nginx |");
        line.accept("| --- | --- | --- | --- | --- | --- |");
        Wrk.get(alb, 16, 12);
        Wrk.getNewConnections(alb, 16, 3);
        Wrk.get(proxy.url(), 16, 2);
        List<Wrk.Result> kept =
            Rounds.takeTurns(
                3,
                List.of(() -> Wrk.get(proxy.url(), 16, seconds), () -> Wrk.get(alb, 16, seconds)));
        int shorter = Math.max(3, seconds / 2);
        List<Wrk.Result> fresh =
            Rounds.takeTurns(
                3,
                List.of(
                    () -> Wrk.getNewConnections(proxy.url(), 16, shorter),
                    () -> Wrk.getNewConnections(alb, 16, shorter)));
        line.accept(row("nginx terminating TLS", "kept alive", kept.get(0), kept.get(0)));
        line.accept(row("ec2-double HTTPS listener", "kept alive", kept.get(1), kept.get(0)));
        line.accept(row("nginx terminating TLS", "new per request", fresh.get(0), fresh.get(0)));
        line.accept(
            row("ec2-double HTTPS listener", "new per request", fresh.get(1), fresh.get(0)));
        line.accept(
            String.format(
                "%nHTTPS ALB throughput %.2fx nginx's on kept-alive connections (target at least"
                    + " 0.5x); %.2fx nginx's handshakes per second.",
                kept.get(1).rps() / kept.get(0).rps(), fresh.get(1).rps() / fresh.get(0).rps()));
      }
    }
  }

  private static String row(String name, String connections, Wrk.Result r, Wrk.Result base) {
    return Rounds.row(name + " | " + connections, r, base);
  }

  /** A certificate for the bench's names, with its key, from the server's local CA. */
  private static JsonNode issue(Servers.Running server) throws Exception {
    var answer =
        ControlApi.send(
            Listeners.endpoint(server),
            "POST",
            "/_ec2double/certificates",
            "{\"domainName\":\"bench.ec2double.test\",\"account\":\"" + ACCOUNT + "\"}");
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("issuing a certificate: " + answer.body());
    }
    return new ObjectMapper().readTree(answer.body());
  }

  private static String keyType(String pem) throws Exception {
    X509Certificate c =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    var key = c.getPublicKey();
    return key instanceof RSAKey rsa
        ? "RSA " + rsa.getModulus().bitLength()
        : key.getAlgorithm() + " key";
  }
}
