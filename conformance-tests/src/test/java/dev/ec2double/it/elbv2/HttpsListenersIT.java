package dev.ec2double.it.elbv2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.TestServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * HTTPS listeners with real TLS (mock backend, a WireMock target on loopback): the local CA's
 * certificate for the load balancer's name and address, forwarding over HTTP with {@code
 * X-Forwarded-Proto: https}, the security policy's protocols and ciphers, SNI among the listener's
 * certificates, mutual TLS in both modes, and the HTTP-to-HTTPS redirect end to end.
 */
class HttpsListenersIT {
  private static final String ACCOUNT = "313131313131";
  private static final String TLS13 = "ELBSecurityPolicy-TLS13-1-2-2021-06";
  private static final String RSA_AES_GCM = "TLS_RSA_WITH_AES_128_GCM_SHA256";
  private static ElasticLoadBalancingV2Client elb;
  private static WireMockServer target;
  private static URI endpoint;
  private static String lbArn;
  private static String dnsName;
  private static String tg;
  private static String caPem;
  private static SSLContext trusting;

  @BeforeAll
  static void alb() throws Exception {
    endpoint = TestServer.endpoint();
    elb = Elbv2Clients.of(TestServer.get(), ACCOUNT);
    target = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    target.start();
    target.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("behind tls")));
    target.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(200)));
    var lb =
        elb.createLoadBalancer(
                r -> r.name("https-it").subnets(Elbv2Clients.twoSubnets(TestServer.get(), ACCOUNT)))
            .loadBalancers()
            .get(0);
    lbArn = lb.loadBalancerArn();
    dnsName = lb.dnsName();
    tg =
        elb.createTargetGroup(
                r ->
                    r.name("https-it")
                        .protocol("HTTP")
                        .port(80)
                        .vpcId(Elbv2Clients.defaultVpcId(TestServer.get(), ACCOUNT))
                        .targetType(TargetTypeEnum.IP)
                        .healthCheckPath("/health")
                        .healthCheckIntervalSeconds(5)
                        .healthCheckTimeoutSeconds(2)
                        .healthyThresholdCount(2))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.registerTargets(
        r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(target.port())));
    caPem = TlsClients.caPem(endpoint);
    trusting = TlsClients.context(caPem, null, null);
    // a listener uses the group, so its target is checked
    https(443, TLS13, "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/main", null);
    Albs.awaitStates(elb, tg, TargetHealthStateEnum.HEALTHY, 1);
  }

  @AfterAll
  static void close() {
    if (elb != null) {
      if (lbArn != null) {
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(lbArn));
      }
      if (tg != null) {
        elb.deleteTargetGroup(r -> r.targetGroupArn(tg));
      }
      elb.close();
    }
    if (target != null) {
      target.stop();
    }
  }

  @BeforeEach
  void clearJournal() {
    target.resetRequests();
  }

  private static String https(int port, String policy, String certificateArn, String trustStore) {
    return elb.createListener(
            r ->
                r.loadBalancerArn(lbArn)
                    .protocol("HTTPS")
                    .port(port)
                    .sslPolicy(policy)
                    .certificates(Certificate.builder().certificateArn(certificateArn).build())
                    .mutualAuthentication(mtls(trustStore))
                    .defaultActions(Albs.forward(tg)))
        .listeners()
        .get(0)
        .listenerArn();
  }

  private static MutualAuthenticationAttributes mtls(String trustStore) {
    if (trustStore == null) {
      return null;
    }
    return trustStore.equals("passthrough")
        ? MutualAuthenticationAttributes.builder().mode("passthrough").build()
        : MutualAuthenticationAttributes.builder().mode("verify").trustStoreArn(trustStore).build();
  }

  private static String listener(int port) {
    return elb.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners().stream()
        .filter(l -> l.port() == port)
        .findFirst()
        .orElseThrow()
        .listenerArn();
  }

  private static HttpResponse<String> fetch(SSLContext ctx, String listenerArn, String path)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(ctx)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return client.send(
        HttpRequest.newBuilder(URI.create("https://" + Albs.authority(elb, listenerArn) + path))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static LoggedRequest lastRequest() {
    List<LoggedRequest> all = target.findAll(anyRequestedFor(anyUrl()));
    return all.stream()
        .filter(r -> !r.getUrl().equals("/health"))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private static X509Certificate served(String listenerArn, String sni) throws Exception {
    return TlsClients.handshake(
        fresh(),
        Albs.hostAddress(elb, listenerArn),
        Albs.hostPort(elb, listenerArn),
        sni,
        null,
        null);
  }

  @Test
  void servesTheLocalCasCertificateForItsNameAndForwardsOverHttp() throws Exception {
    String l = listener(443);
    HttpResponse<String> r = fetch(trusting, l, "/hello?x=1");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("behind tls");
    X509Certificate cert = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
    assertThat(cert.getSubjectAlternativeNames())
        .extracting(n -> n.get(1).toString())
        .contains(dnsName, Albs.hostAddress(elb, l));
    assertThat(cert.getIssuerX500Principal())
        .isEqualTo(TlsClients.certificates(caPem).get(0).getSubjectX500Principal());
    LoggedRequest seen = lastRequest();
    assertThat(seen.getUrl()).isEqualTo("/hello?x=1");
    assertThat(seen.getHeader("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(seen.getHeader("X-Forwarded-Port")).isEqualTo("443");

    SSLContext trustingNothing = TlsClients.context(selfSigned("nobody").cert(), null, null);
    assertThatThrownBy(() -> fetch(trustingNothing, l, "/")).isInstanceOf(SSLException.class);
  }

  @Test
  void enforcesTheSecurityPolicysProtocolsAndCiphers() throws Exception {
    String tls13 = listener(443);
    String l2016 =
        https(
            8443,
            "ELBSecurityPolicy-2016-08",
            "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/p",
            null);
    String address = Albs.hostAddress(elb, tls13);

    // TLS 1.2 with a cipher 2016-08 lists and the TLS 1.3 policy does not
    List<String> tls12 = List.of("TLSv1.2");
    assertThat(
            TlsClients.handshake(
                fresh(), address, Albs.hostPort(elb, l2016), null, tls12, List.of(RSA_AES_GCM)))
        .isNotNull();
    assertThatThrownBy(
            () ->
                TlsClients.handshake(
                    fresh(), address, Albs.hostPort(elb, tls13), null, tls12, List.of(RSA_AES_GCM)))
        .isInstanceOf(SSLException.class);
    // TLS 1.3 only: the TLS 1.3 policy takes it, 2016-08 (TLS 1.0 to 1.2) does not
    List<String> only13 = List.of("TLSv1.3");
    assertThat(
            TlsClients.handshake(fresh(), address, Albs.hostPort(elb, tls13), null, only13, null))
        .isNotNull();
    assertThatThrownBy(
            () ->
                TlsClients.handshake(
                    fresh(), address, Albs.hostPort(elb, l2016), null, only13, null))
        .isInstanceOf(SSLException.class);

    // a client that offers only TLS 1.0 (OpenSSL, which can still speak it) is refused
    OpenSsl tls10 = OpenSsl.connect(address, Albs.hostPort(elb, tls13), "-tls1");
    assertThat(tls10.exit()).as(tls10.output()).isNotZero();
    assertThat(tls10.output()).containsIgnoringCase("protocol version");
    OpenSsl ok12 = OpenSsl.connect(address, Albs.hostPort(elb, tls13), "-tls1_2");
    assertThat(ok12.exit()).as(ok12.output()).isZero();
    assertThat(ok12.output()).contains("TLSv1.2");

    // a policy changed on the running listener: TLS 1.3 only from the next handshake
    elb.modifyListener(r -> r.listenerArn(l2016).sslPolicy("ELBSecurityPolicy-TLS13-1-3-2021-06"));
    assertThatThrownBy(
            () ->
                TlsClients.handshake(
                    fresh(), address, Albs.hostPort(elb, l2016), null, tls12, null))
        .isInstanceOf(SSLException.class);
    assertThat(
            TlsClients.handshake(fresh(), address, Albs.hostPort(elb, l2016), null, only13, null))
        .isNotNull();
    elb.deleteListener(r -> r.listenerArn(l2016));
  }

  @Test
  void sniPicksAmongTheListenersCertificates() throws Exception {
    String l = https(9443, null, "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/sni", null);
    JsonNode api =
        TlsClients.certificate(
            endpoint,
            "{\"account\":\""
                + ACCOUNT
                + "\",\"domainName\":\"api.example.test\","
                + "\"subjectAlternativeNames\":[\"*.api.example.test\"]}");
    String apiArn = api.get("certificateArn").asText();
    assertThat(apiArn).matches("arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/[0-9a-f-]{36}");

    assertThat(TlsClients.commonName(served(l, "api.example.test"))).isEqualTo(dnsName);
    elb.addListenerCertificates(r -> r.listenerArn(l).certificates(c -> c.certificateArn(apiArn)));

    assertThat(TlsClients.commonName(served(l, "api.example.test"))).isEqualTo("api.example.test");
    assertThat(TlsClients.commonName(served(l, "v2.api.example.test")))
        .isEqualTo("api.example.test");
    assertThat(TlsClients.commonName(served(l, dnsName))).isEqualTo(dnsName);
    assertThat(TlsClients.commonName(served(l, "other.example.test"))).isEqualTo(dnsName);
    assertThat(TlsClients.commonName(served(l, null))).isEqualTo(dnsName);

    elb.removeListenerCertificates(
        r -> r.listenerArn(l).certificates(c -> c.certificateArn(apiArn)));
    assertThat(TlsClients.commonName(served(l, "api.example.test"))).isEqualTo(dnsName);

    // the default certificate replaced on the running listener
    elb.modifyListener(r -> r.listenerArn(l).certificates(c -> c.certificateArn(apiArn)));
    assertThat(TlsClients.commonName(served(l, null))).isEqualTo("api.example.test");
    elb.deleteListener(r -> r.listenerArn(l));
  }

  @Test
  void importedCertificatesAreServedAsTheyAre() throws Exception {
    SelfSigned own = selfSigned("own.example.test");
    JsonNode imported =
        TlsClients.certificate(
            endpoint,
            "{\"account\":\""
                + ACCOUNT
                + "\",\"certificate\":"
                + json(own.cert())
                + ",\"privateKey\":"
                + json(own.key())
                + "}");
    assertThat(imported.has("privateKey")).isFalse();
    String l = https(10443, null, imported.get("certificateArn").asText(), null);

    X509Certificate cert =
        TlsClients.handshake(
            TlsClients.context(own.cert(), null, null),
            Albs.hostAddress(elb, l),
            Albs.hostPort(elb, l),
            "own.example.test",
            null,
            null);
    assertThat(cert).isEqualTo(TlsClients.certificates(own.cert()).get(0));

    var wrongKey =
        dev.ec2double.it.ControlApi.send(
            endpoint,
            "POST",
            "/_ec2double/certificates",
            "{\"certificate\":"
                + json(own.cert())
                + ",\"privateKey\":"
                + json(selfSigned("x").key())
                + "}");
    assertThat(wrongKey.statusCode()).isEqualTo(400);
    assertThat(wrongKey.body()).contains("private key does not belong");
    elb.deleteListener(r -> r.listenerArn(l));
  }

  @Test
  void mutualTlsVerifyTakesOnlyClientsTheTrustStoresBundleSigned() throws Exception {
    String store =
        elb.createTrustStore(
                r ->
                    r.name("https-it-verify")
                        .caCertificatesBundleS3Bucket("it-bundles")
                        .caCertificatesBundleS3Key("local-ca.pem"))
            .trustStores()
            .get(0)
            .trustStoreArn();
    var bundle =
        dev.ec2double.it.ControlApi.send(
            endpoint,
            "POST",
            "/_ec2double/ca-bundles",
            "{\"bucket\":\"it-bundles\",\"key\":\"local-ca.pem\",\"bundle\":" + json(caPem) + "}");
    assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(201);
    String l = https(11443, null, "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/m", store);
    JsonNode client =
        TlsClients.certificate(
            endpoint, "{\"domainName\":\"client.example.test\",\"client\":true}");
    SSLContext good =
        TlsClients.context(
            caPem,
            client.get("privateKey").asText(),
            client.get("certificate").asText() + client.get("certificateChain").asText());

    HttpResponse<String> r = fetch(good, l, "/mtls");
    assertThat(r.statusCode()).isEqualTo(200);
    LoggedRequest seen = lastRequest();
    assertThat(seen.getHeader("X-Amzn-Mtls-Clientcert-Subject"))
        .isEqualTo("CN=client.example.test");
    assertThat(seen.getHeader("X-Amzn-Mtls-Clientcert-Issuer"))
        .isEqualTo(TlsClients.certificates(caPem).get(0).getSubjectX500Principal().getName());
    assertThat(seen.getHeader("X-Amzn-Mtls-Clientcert-Validity"))
        .matches("NotBefore=.*Z;NotAfter=.*Z");
    assertThat(decode(seen.getHeader("X-Amzn-Mtls-Clientcert-Leaf")))
        .isEqualTo(client.get("certificate").asText());
    assertThat(seen.containsHeader("X-Amzn-Mtls-Clientcert")).isFalse();

    SelfSigned stranger = selfSigned("stranger");
    SSLContext unknown = TlsClients.context(caPem, stranger.key(), stranger.cert());
    assertThatThrownBy(() -> fetch(unknown, l, "/mtls"))
        .isInstanceOf(java.io.IOException.class)
        .isNotInstanceOf(java.net.http.HttpTimeoutException.class);
    assertThatThrownBy(() -> fetch(trusting, l, "/mtls"))
        .isInstanceOf(java.io.IOException.class)
        .isNotInstanceOf(java.net.http.HttpTimeoutException.class);
    elb.deleteListener(r2 -> r2.listenerArn(l));
  }

  @Test
  void mutualTlsPassthroughHandsTheClientsChainOn() throws Exception {
    String l =
        https(12443, null, "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/pt", "passthrough");
    SelfSigned stranger = selfSigned("passthrough.example.test");

    HttpResponse<String> r =
        fetch(TlsClients.context(caPem, stranger.key(), stranger.cert()), l, "/pt");
    assertThat(r.statusCode()).isEqualTo(200);
    String header = lastRequest().getHeader("X-Amzn-Mtls-Clientcert");
    assertThat(header).startsWith("-----BEGIN%20CERTIFICATE-----%0A");
    assertThat(TlsClients.certificates(decode(header)))
        .containsExactlyElementsOf(TlsClients.certificates(stranger.cert()));

    assertThat(fetch(trusting, l, "/pt").statusCode()).isEqualTo(200);
    assertThat(lastRequest().containsHeader("X-Amzn-Mtls-Clientcert")).isFalse();
    elb.deleteListener(r2 -> r2.listenerArn(l));
  }

  @Test
  void answersAwsErrorsForBadTlsSettings() {
    var https =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            software.amazon.awssdk.services.elasticloadbalancingv2.model
                .ElasticLoadBalancingV2Exception.class,
            () ->
                elb.createListener(
                    r ->
                        r.loadBalancerArn(lbArn)
                            .protocol("HTTPS")
                            .port(13443)
                            .defaultActions(Albs.forward(tg))));
    assertThat(https.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(https.awsErrorDetails().errorMessage())
        .isEqualTo("A certificate must be specified for HTTPS listeners");
    var http =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            software.amazon.awssdk.services.elasticloadbalancingv2.model
                .ElasticLoadBalancingV2Exception.class,
            () ->
                elb.createListener(
                    r ->
                        r.loadBalancerArn(lbArn)
                            .protocol("HTTP")
                            .port(13080)
                            .certificates(
                                c ->
                                    c.certificateArn(
                                        "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/h"))
                            .defaultActions(Albs.forward(tg))));
    assertThat(http.awsErrorDetails().errorMessage())
        .isEqualTo("A certificate cannot be specified for HTTP listeners");
    var policy =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            software.amazon.awssdk.services.elasticloadbalancingv2.model
                .ElasticLoadBalancingV2Exception.class,
            () ->
                https(
                    13443,
                    "ELBSecurityPolicy-Nope",
                    "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/n",
                    null));
    assertThat(policy.awsErrorDetails().errorCode()).isEqualTo("SSLPolicyNotFound");
    var cert =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            software.amazon.awssdk.services.elasticloadbalancingv2.model
                .ElasticLoadBalancingV2Exception.class,
            () -> https(13443, null, "arn:aws:s3:::not-a-certificate", null));
    assertThat(cert.awsErrorDetails().errorCode()).isEqualTo("CertificateNotFound");
    assertThat(elb.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners())
        .noneMatch(l -> l.port() == 13443 || l.port() == 13080);
  }

  @Test
  void redirectsHttpToHttpsEndToEnd() throws Exception {
    String http =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lbArn)
                        .protocol("HTTP")
                        .port(80)
                        .defaultActions(
                            Action.builder()
                                .type(ActionTypeEnum.REDIRECT)
                                .redirectConfig(
                                    c -> c.protocol("HTTPS").port("443").statusCode("HTTP_301"))
                                .build()))
            .listeners()
            .get(0)
            .listenerArn();
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(trusting)
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String address = Albs.hostAddress(elb, http);
    HttpResponse<String> moved =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + Albs.authority(elb, http) + "/shop/cart?id=7"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(moved.statusCode()).isEqualTo(301);
    String location = moved.headers().firstValue("Location").orElseThrow();
    assertThat(location).isEqualTo("https://" + address + ":443/shop/cart?id=7");

    // where the HTTPS listener accepts on this machine (443 itself when the port was free)
    URI followed =
        URI.create(location.replace(":443/", ":" + Albs.hostPort(elb, listener(443)) + "/"));
    HttpResponse<String> page =
        client.send(HttpRequest.newBuilder(followed).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).isEqualTo("behind tls");
    assertThat(lastRequest().getUrl()).isEqualTo("/shop/cart?id=7");
    assertThat(lastRequest().getHeader("X-Forwarded-Proto")).isEqualTo("https");
    elb.deleteListener(r -> r.listenerArn(http));
  }

  /**
   * A client with no session to resume: each handshake shows what the listener serves now, not what
   * it served when a session began.
   */
  private static SSLContext fresh() throws Exception {
    return TlsClients.context(caPem, null, null);
  }

  /** AWS's URL encoding of PEM leaves {@code +} as it is. */
  private static String decode(String header) {
    return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String json(String s) {
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(s).toString();
  }

  record SelfSigned(String cert, String key) {}

  /** A self-signed certificate and key that OpenSSL makes, known to no CA of the server. */
  static SelfSigned selfSigned(String cn) throws Exception {
    Path dir = Files.createTempDirectory("https-it");
    try {
      Process p =
          new ProcessBuilder(
                  "openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "rsa:2048",
                  "-nodes",
                  "-days",
                  "2",
                  "-subj",
                  "/CN=" + cn,
                  "-addext",
                  "subjectAltName=DNS:" + cn,
                  "-keyout",
                  dir.resolve("k.pem").toString(),
                  "-out",
                  dir.resolve("c.pem").toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("openssl req failed: " + out);
      }
      return new SelfSigned(
          Files.readString(dir.resolve("c.pem")), Files.readString(dir.resolve("k.pem")));
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.delete(dir);
    }
  }

  /** {@code openssl s_client} to a listener with these options: its exit and output. */
  record OpenSsl(int exit, String output) {
    static OpenSsl connect(String address, int port, String... options) throws Exception {
      List<String> cmd =
          new java.util.ArrayList<>(
              List.of("openssl", "s_client", "-connect", address + ":" + port));
      cmd.addAll(List.of(options));
      // OpenSSL 3 itself refuses TLS 1.0 at its default security level
      cmd.addAll(List.of("-cipher", "DEFAULT:@SECLEVEL=0"));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("openssl s_client did not finish");
      }
      return new OpenSsl(p.exitValue(), out);
    }
  }
}
