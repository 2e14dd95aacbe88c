package dev.ec2double.it.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.ControlApi;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS clients as a test makes them: trusting the server's local CA ({@code GET
 * /_ec2double/ca.pem}), optionally with a client certificate, and handshakes that say which
 * certificate the listener served.
 */
final class TlsClients {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TlsClients() {}

  static String caPem(URI endpoint) throws Exception {
    var r = ControlApi.send(endpoint, "GET", "/_ec2double/ca.pem", null);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /_ec2double/ca.pem: " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  /** {@code POST /_ec2double/certificates} with this JSON body: the answer. */
  static JsonNode certificate(URI endpoint, String body) throws Exception {
    var r = ControlApi.send(endpoint, "POST", "/_ec2double/certificates", body);
    if (r.statusCode() != 201) {
      throw new AssertionError("POST /_ec2double/certificates: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** An SSL context trusting these PEM CA certificates, presenting this key and chain if given. */
  static SSLContext context(String caPem, String keyPem, String chainPem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (X509Certificate c : certificates(caPem)) {
      trust.setCertificateEntry("ca" + i++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (keyPem != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client",
          privateKey(keyPem),
          "pw".toCharArray(),
          certificates(chainPem).toArray(Certificate[]::new));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "pw".toCharArray());
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  /**
   * A handshake with the listener at {@code address:port}, asking for {@code sni} (null: no name)
   * with only these protocols and ciphers (null: the JDK's defaults): the listener's certificate.
   * Throws what the handshake threw when the listener refuses.
   */
  static X509Certificate handshake(
      SSLContext ctx,
      String address,
      int port,
      String sni,
      List<String> protocols,
      List<String> ciphers)
      throws Exception {
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress(address, port), 5_000);
      s.setSoTimeout(10_000);
      SSLParameters p = s.getSSLParameters();
      p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
      if (protocols != null) {
        p.setProtocols(protocols.toArray(String[]::new));
      }
      if (ciphers != null) {
        p.setCipherSuites(ciphers.toArray(String[]::new));
      }
      s.setSSLParameters(p);
      s.startHandshake();
      return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }
  }

  static String commonName(X509Certificate c) {
    return c.getSubjectX500Principal().getName().replaceFirst("^CN=", "").replaceFirst(",.*", "");
  }

  static List<X509Certificate> certificates(String pem) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    return cf
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
        .stream()
        .map(c -> (X509Certificate) c)
        .toList();
  }

  /** A PKCS#8 PEM private key (BEGIN PRIVATE KEY), RSA or EC. */
  static PrivateKey privateKey(String pem) throws Exception {
    String b64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64));
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (java.security.spec.InvalidKeySpecException e) {
      return KeyFactory.getInstance("EC").generatePrivate(spec);
    }
  }
}
