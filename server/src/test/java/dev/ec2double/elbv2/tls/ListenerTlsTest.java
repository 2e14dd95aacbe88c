package dev.ec2double.elbv2.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A listener's TLS on a Jetty server of its own: SNI among the certificates, the policy's protocols
 * and ciphers, mutual TLS in both modes, and changes taking effect on reload.
 */
class ListenerTlsTest {
  private static final String DNS = "lb-1.us-east-1.elb.test";
  private final Certificates certs = new Certificates(null);
  private Server server;
  private SslContextFactory.Server factory;
  private volatile X509Certificate[] lastPeer;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private ListenerTls.Settings settings(String policy, List<String> added, String mode) {
    return new ListenerTls.Settings(
        "arn:aws:acm:us-east-1:123456789012:certificate/default",
        added,
        DNS,
        "127.0.0.1",
        policy,
        mode,
        List.of(certs.caCertificate()));
  }

  private int start(ListenerTls.Settings s) throws Exception {
    server = new Server();
    factory = ListenerTls.factory(certs, s);
    HttpConfiguration http = new HttpConfiguration();
    http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
    ServerConnector c =
        new ServerConnector(
            server, new SslConnectionFactory(factory, "http/1.1"), new HttpConnectionFactory(http));
    c.setHost("127.0.0.1");
    server.addConnector(c);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            lastPeer =
                request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE)
                        instanceof EndPoint.SslSessionData d
                    ? d.peerCertificates()
                    : null;
            response.setStatus(200);
            callback.succeeded();
            return true;
          }
        });
    server.start();
    return c.getLocalPort();
  }

  private SSLContext client(Issued key) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", certs.caCertificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (key != null) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(
          "me", key.key(), "pw".toCharArray(), key.chain().toArray(X509Certificate[]::new));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, "pw".toCharArray());
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  /** A request over a fresh connection (no session to resume): the certificate served. */
  private X509Certificate get(int port, String sni, Issued key, String... protocols)
      throws Exception {
    try (SSLSocket s = (SSLSocket) client(key).getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(5000);
      SSLParameters p = s.getSSLParameters();
      if (sni != null) {
        p.setServerNames(List.of(new SNIHostName(sni)));
      }
      if (protocols.length > 0) {
        p.setProtocols(protocols);
      }
      s.setSSLParameters(p);
      s.startHandshake();
      s.getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 200");
      return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }
  }

  private static String cn(X509Certificate c) {
    return c.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
  }

  @Test
  void sniPicksAnAddedCertificateByNameAndTheDefaultOtherwise() throws Exception {
    var api = certs.issue("123456789012", "us-east-1", List.of("api.example.test"), false);
    int port = start(settings(null, List.of(api.arn()), "off"));

    assertThat(cn(get(port, "api.example.test", null))).isEqualTo("api.example.test");
    assertThat(cn(get(port, "else.example.test", null))).isEqualTo(DNS);
    assertThat(cn(get(port, null, null))).isEqualTo(DNS);

    ListenerTls.reload(factory, certs, settings(null, List.of(), "off"));
    assertThat(cn(get(port, "api.example.test", null))).isEqualTo(DNS);
  }

  @Test
  void thePolicysProtocolsAreTheOnlyOnesServed() throws Exception {
    int port = start(settings("ELBSecurityPolicy-TLS13-1-3-2021-06", List.of(), "off"));
    assertThat(get(port, null, null, "TLSv1.3")).isNotNull();
    assertThatThrownBy(() -> get(port, null, null, "TLSv1.2")).isInstanceOf(SSLException.class);

    ListenerTls.reload(factory, certs, settings("ELBSecurityPolicy-2016-08", List.of(), "off"));
    assertThat(get(port, null, null, "TLSv1.2")).isNotNull();
    assertThatThrownBy(() -> get(port, null, null, "TLSv1.3")).isInstanceOf(SSLException.class);
  }

  @Test
  void verifyTakesOnlyClientCertificatesTheBundleSigned() throws Exception {
    var client = certs.issue("123456789012", "us-east-1", List.of("client.test"), true);
    Issued stranger = new LocalCa(null).issue(List.of("stranger.test"), List.of(), true);
    int port = start(settings(null, List.of(), "verify"));

    get(port, null, client.issued());
    assertThat(lastPeer).isNotNull();
    assertThat(cn(lastPeer[0])).isEqualTo("client.test");
    assertThatThrownBy(() -> get(port, null, stranger))
        .isInstanceOf(java.io.IOException.class)
        .isNotInstanceOf(java.net.SocketTimeoutException.class);
    assertThatThrownBy(() -> get(port, null, null))
        .isInstanceOf(java.io.IOException.class)
        .isNotInstanceOf(java.net.SocketTimeoutException.class);
  }

  @Test
  void passthroughTakesAnyClientCertificate() throws Exception {
    Issued stranger = new LocalCa(null).issue(List.of("stranger.test"), List.of(), true);
    int port = start(settings(null, List.of(), "passthrough"));

    get(port, null, stranger);
    assertThat(lastPeer).isNotNull();
    assertThat(cn(lastPeer[0])).isEqualTo("stranger.test");
    get(port, null, null);
    assertThat(lastPeer).isNull();
  }
}
