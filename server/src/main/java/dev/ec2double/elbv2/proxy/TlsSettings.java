package dev.ec2double.elbv2.proxy;

import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.ListenerRecord;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.elbv2.TrustStoreRecord;
import dev.ec2double.elbv2.tls.Certificates;
import dev.ec2double.elbv2.tls.ListenerTls;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;

/**
 * What an HTTPS listener's TLS serves, read from the store: its certificates, policy and mutual
 * authentication. A {@code verify} listener trusts the CA bundle given for its trust store's S3
 * location ({@code POST /_ec2double/ca-bundles}), or the local CA when none was given.
 */
final class TlsSettings {
  private TlsSettings() {}

  static SslContextFactory.Server factory(
      Elbv2Store store, ListenerRecord listener, String address, Certificates certificates) {
    return ListenerTls.factory(certificates, of(store, listener, address, certificates));
  }

  static void reload(
      SslContextFactory.Server ssl,
      Elbv2Store store,
      ListenerRecord listener,
      String address,
      Certificates certificates)
      throws Exception {
    ListenerTls.reload(ssl, certificates, of(store, listener, address, certificates));
  }

  private static ListenerTls.Settings of(
      Elbv2Store store, ListenerRecord listener, String address, Certificates certificates) {
    Listener l = listener.sdk();
    LoadBalancerRecord lb = store.loadBalancers.get(l.loadBalancerArn());
    String dnsName = lb == null ? "localhost" : lb.sdk().dnsName();
    List<String> added;
    synchronized (listener.certificates) {
      added = List.copyOf(listener.certificates);
    }
    MutualAuthenticationAttributes m = l.mutualAuthentication();
    String mode = m == null || m.mode() == null ? "off" : m.mode();
    List<X509Certificate> trusted = List.of();
    if (mode.equals("verify")) {
      TrustStoreRecord ts = store.trustStores.get(m.trustStoreArn());
      trusted =
          ts == null
              ? List.of(certificates.caCertificate())
              : certificates
                  .bundle(ts.bundle().bucket(), ts.bundle().key())
                  .orElseGet(() -> List.of(certificates.caCertificate()));
    }
    return new ListenerTls.Settings(
        l.certificates().get(0).certificateArn(),
        added,
        dnsName,
        address,
        l.sslPolicy(),
        mode,
        trusted);
  }
}
