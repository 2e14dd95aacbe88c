package dev.ec2double.elbv2.tls;

import dev.ec2double.elbv2.SslPolicies;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.util.ssl.SniX509ExtendedKeyManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.ssl.X509;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Cipher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

/**
 * An HTTPS listener's TLS as Jetty serves it: the default certificate and the added ones (SNI picks
 * the one whose names match the name the client asked for, the default one otherwise), exactly the
 * protocols and ciphers of its security policy, and mutual TLS ({@code verify}: a client
 * certificate is required and must chain to the trust store's CA bundle; {@code passthrough}: any
 * client certificate is taken and handed on).
 */
public final class ListenerTls {
  private static final char[] PASSWORD = "ec2-double".toCharArray();

  /**
   * What a listener serves.
   *
   * @param defaultArn its default certificate
   * @param addedArns what AddListenerCertificates added
   * @param dnsName its load balancer's DNS name
   * @param address the address it accepts on
   * @param mtlsMode {@code off}, {@code passthrough} or {@code verify}
   * @param trusted in {@code verify} mode, the CA certificates client certificates must chain to
   */
  public record Settings(
      String defaultArn,
      List<String> addedArns,
      String dnsName,
      String address,
      String policy,
      String mtlsMode,
      List<X509Certificate> trusted) {}

  private ListenerTls() {}

  /** A new factory serving these settings. */
  public static SslContextFactory.Server factory(Certificates certificates, Settings s) {
    SslContextFactory.Server f = new Factory();
    configure(f, certificates, s);
    return f;
  }

  /**
   * Jetty's factory, trusting every client certificate in {@code passthrough} mode (Jetty's own
   * trust-all applies only without a key store).
   */
  private static final class Factory extends SslContextFactory.Server {
    private volatile boolean trustAny;

    @Override
    protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls)
        throws Exception {
      return trustAny ? TRUST_ALL_CERTS : super.getTrustManagers(trustStore, crls);
    }
  }

  /** Serves these settings on the next handshakes (the factory reloaded while it runs). */
  public static void reload(SslContextFactory.Server f, Certificates certificates, Settings s)
      throws Exception {
    f.reload(x -> configure((SslContextFactory.Server) x, certificates, s));
  }

  /** The Java names of a policy's protocols and ciphers. */
  static List<String> protocols(SslPolicy policy) {
    return policy.sslProtocols();
  }

  static List<String> ciphers(SslPolicy policy) {
    return CipherSuites.java(policy.ciphers().stream().map(Cipher::name).toList());
  }

  private static void configure(SslContextFactory.Server f, Certificates certs, Settings s) {
    Map<String, Issued> byAlias = new LinkedHashMap<>();
    byAlias.put("default", certs.forListener(s.defaultArn(), s.dnsName(), s.address()));
    int i = 0;
    for (String arn : s.addedArns()) {
      byAlias.put("added-" + i++, certs.forListener(arn, s.dnsName(), s.address()));
    }
    f.setKeyStore(keyStore(byAlias));
    f.setKeyStorePassword(new String(PASSWORD));
    f.setKeyManagerPassword(new String(PASSWORD));
    f.setSniRequired(false);
    f.setSNISelector(ListenerTls::select);
    SslPolicy policy =
        SslPolicies.named(s.policy()).orElseGet(() -> SslPolicies.named(SslPolicies.DEFAULT).get());
    f.setIncludeProtocols(protocols(policy).toArray(String[]::new));
    f.setExcludeProtocols("SSL", "SSLv2", "SSLv2Hello", "SSLv3");
    f.setIncludeCipherSuites(ciphers(policy).toArray(String[]::new));
    f.setExcludeCipherSuites();
    f.setUseCipherSuitesOrder(true);
    f.setNeedClientAuth(false);
    f.setWantClientAuth(false);
    f.setTrustStore(null);
    ((Factory) f).trustAny = false;
    switch (s.mtlsMode() == null ? "off" : s.mtlsMode()) {
      case "verify" -> {
        f.setNeedClientAuth(true);
        f.setTrustStore(trustStore(s.trusted()));
      }
      case "passthrough" -> {
        f.setWantClientAuth(true);
        ((Factory) f).trustAny = true;
      }
      default -> {}
    }
  }

  /**
   * The certificate for the name the client asked for: the default one when it matches or when none
   * does (or no name was asked for), else the first added one that matches.
   */
  private static String select(
      String keyType,
      java.security.Principal[] issuers,
      javax.net.ssl.SSLSession session,
      String sniHost,
      java.util.Collection<X509> candidates) {
    X509 fallback = null;
    X509 match = null;
    for (X509 c : candidates) {
      boolean isDefault = c.getAlias().equals("default");
      if (isDefault) {
        fallback = c;
      }
      if (sniHost != null && c.matches(sniHost) && (match == null || isDefault)) {
        match = c;
      }
    }
    if (match != null) {
      return match.getAlias();
    }
    if (fallback != null) {
      return fallback.getAlias();
    }
    return candidates.isEmpty()
        ? SniX509ExtendedKeyManager.SniSelector.DELEGATE
        : candidates.iterator().next().getAlias();
  }

  private static KeyStore keyStore(Map<String, Issued> byAlias) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, PASSWORD);
      for (var e : byAlias.entrySet()) {
        ks.setKeyEntry(
            e.getKey(),
            e.getValue().key(),
            PASSWORD,
            e.getValue().chain().toArray(X509Certificate[]::new));
      }
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot hold the listener's certificates", e);
    }
  }

  private static KeyStore trustStore(List<X509Certificate> trusted) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, PASSWORD);
      List<X509Certificate> all = new ArrayList<>(trusted);
      for (int i = 0; i < all.size(); i++) {
        ks.setCertificateEntry("ca-" + i, all.get(i));
      }
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot hold the trust store's CA bundle", e);
    }
  }
}
