package dev.ec2double.elbv2.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.elbv2.SslPolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local CA, the certificates by ARN, and the policies' ciphers in Java's names. */
class CertificatesTest {
  private static final String ACCOUNT = "123456789012";

  private static void assertChainsToRoot(Issued issued, X509Certificate root) throws Exception {
    var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(issued.leaf()));
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path, params);
  }

  @Test
  void aListenersCertificateNamesItsLoadBalancerAndChainsToTheRoot() throws Exception {
    Certificates certs = new Certificates(null);
    Issued issued =
        certs.forListener(
            "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/x", "lb-1.elb.test", "127.100.0.9");

    assertChainsToRoot(issued, certs.caCertificate());
    assertThat(issued.leaf().getSubjectAlternativeNames())
        .extracting(n -> (Object) n.get(1))
        .containsExactly("lb-1.elb.test", "127.100.0.9");
    assertThat(issued.leaf().getBasicConstraints()).isEqualTo(-1);
    assertThat(issued.leaf().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(certs.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    // the same ARN on the same load balancer: the same certificate
    assertThat(
            certs.forListener(
                "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/x",
                "lb-1.elb.test",
                "127.100.0.9"))
        .isSameAs(issued);
  }

  @Test
  void issuedAndImportedCertificatesAreServedUnderTheirArns() throws Exception {
    Certificates certs = new Certificates(null);
    var issued = certs.issue(ACCOUNT, "eu-west-1", List.of("a.test", "*.a.test", "10.0.0.1"), true);
    assertThat(issued.arn())
        .matches("arn:aws:acm:eu-west-1:" + ACCOUNT + ":certificate/[0-9a-f-]{36}");
    assertThat(issued.issued().leaf().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(certs.forListener(issued.arn(), "lb.elb.test", "127.100.0.1"))
        .isSameAs(issued.issued());

    Issued other = new LocalCa(null).issue(List.of("own.test"), List.of(), false);
    var imported =
        certs.importPem(
            ACCOUNT, "us-east-1", other.certificatePem(), other.privateKeyPem(), other.chainPem());
    assertThat(imported.issued().chain()).isEqualTo(other.chain());
    assertThat(imported.issued().key()).isEqualTo(other.key());

    assertThatThrownBy(
            () ->
                certs.importPem(
                    ACCOUNT,
                    "us-east-1",
                    other.certificatePem(),
                    issued.issued().privateKeyPem(),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong");
    assertThatThrownBy(() -> certs.importPem(ACCOUNT, "us-east-1", "junk", "junk", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCaAndWhatWasRegisteredSurviveARestartWithAStateDirectory(@TempDir Path dir)
      throws Exception {
    Certificates first = new Certificates(dir);
    String root = first.caPem();
    var issued = first.issue(ACCOUNT, "us-east-1", List.of("kept.test"), false);
    first.putBundle("bucket", "ca.pem", root);

    Certificates second = new Certificates(dir);
    assertThat(second.caPem()).isEqualTo(root);
    assertThat(second.registered(issued.arn()).orElseThrow().chain())
        .isEqualTo(issued.issued().chain());
    assertThat(second.bundle("bucket", "ca.pem").orElseThrow())
        .containsExactly(first.caCertificate());

    second.reset();
    assertThat(new Certificates(dir).registered(issued.arn())).isEmpty();
    assertThat(new Certificates(dir).caPem()).isEqualTo(root);
    assertThat(Files.exists(dir.resolve("ca-key.pem"))).isTrue();
  }

  @Test
  void everyPolicysCiphersHaveJavaNames() {
    for (var policy : SslPolicies.all()) {
      assertThat(ListenerTls.ciphers(policy)).hasSameSizeAs(policy.ciphers());
    }
    var tls13 = SslPolicies.named("ELBSecurityPolicy-TLS13-1-2-2021-06").orElseThrow();
    assertThat(ListenerTls.protocols(tls13)).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(ListenerTls.ciphers(tls13))
        .contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
        .doesNotContain("TLS_RSA_WITH_AES_128_GCM_SHA256");
  }
}
