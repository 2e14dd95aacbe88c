package dev.ec2double.elbv2.listeners;

import dev.ec2double.elbv2.CertificateArns;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.SslPolicies;
import dev.ec2double.elbv2.network.NetworkListeners;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AdvertiseTrustStoreCaNamesEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreAssociationStatusEnum;

/**
 * An HTTPS listener's default certificate, security policy and mutual authentication, checked as
 * CreateListener and ModifyListener check them; an HTTP listener has none of them.
 */
final class ListenerSecurity {
  private ListenerSecurity() {}

  /** What the request asks for, on top of what the listener had (null when it is new). */
  record Asked(
      List<Certificate> certificates,
      String sslPolicy,
      MutualAuthenticationAttributes mtls,
      List<String> alpnPolicy) {
    Asked(List<Certificate> certificates, String sslPolicy, MutualAuthenticationAttributes mtls) {
      this(certificates, sslPolicy, mtls, List.of());
    }
  }

  /**
   * A network load balancer's TLS listener: a default certificate and a security policy as an HTTPS
   * listener's, an ALPN policy, no mutual authentication. Other listeners of it take none of them.
   */
  static void applyNetwork(
      Elbv2Store store, Listener.Builder b, ProtocolEnum protocol, Asked asked, Listener before) {
    boolean tls = protocol == ProtocolEnum.TLS;
    NetworkListeners.checkAlpnPolicy(asked.alpnPolicy(), tls);
    if (asked.mtls() != null && !"off".equals(asked.mtls().mode())) {
      throw Elbv2Errors.validation(
          "Mutual authentication can only be configured for HTTPS listeners");
    }
    if (!tls) {
      if (!asked.certificates().isEmpty() || asked.sslPolicy() != null) {
        throw Elbv2Errors.validation(
            "Certificates and SSL policies can only be specified for TLS listeners, not "
                + protocol
                + " ones");
      }
      b.certificates((List<Certificate>) null).sslPolicy(null).alpnPolicy((List<String>) null);
      return;
    }
    boolean wasTls = before != null && before.protocol() == ProtocolEnum.TLS;
    certificateAndPolicy(b, protocol, asked, wasTls ? before : null);
    b.alpnPolicy(
        !asked.alpnPolicy().isEmpty()
            ? asked.alpnPolicy()
            : wasTls ? before.alpnPolicy() : List.of());
  }

  private static void certificateAndPolicy(
      Listener.Builder b, ProtocolEnum protocol, Asked asked, Listener before) {
    List<Certificate> certs = asked.certificates();
    if (certs.isEmpty()) {
      if (before == null) {
        throw Elbv2Errors.validation(
            "A certificate must be specified for " + protocol + " listeners");
      }
      certs = before.certificates();
    } else if (certs.size() > 1) {
      throw Elbv2Errors.validation(
          "Up to '1' certificate ARNs can be specified, but '" + certs.size() + "' were specified");
    }
    CertificateArns.check(certs.get(0).certificateArn());
    String policy =
        asked.sslPolicy() != null
            ? asked.sslPolicy()
            : before != null ? before.sslPolicy() : SslPolicies.DEFAULT;
    if (SslPolicies.named(policy).isEmpty()) {
      throw Elbv2Errors.sslPolicyNotFound(policy);
    }
    b.certificates(Certificate.builder().certificateArn(certs.get(0).certificateArn()).build())
        .sslPolicy(policy);
  }

  static void apply(
      Elbv2Store store, Listener.Builder b, ProtocolEnum protocol, Asked asked, Listener before) {
    if (!asked.alpnPolicy().isEmpty()) {
      throw Elbv2Errors.validation("An ALPN policy can only be specified for TLS listeners");
    }
    if (protocol != ProtocolEnum.HTTPS) {
      if (!asked.certificates().isEmpty()) {
        throw Elbv2Errors.validation(
            "A certificate cannot be specified for " + protocol + " listeners");
      }
      if (asked.sslPolicy() != null) {
        throw Elbv2Errors.validation("An SSL policy can only be specified for HTTPS listeners");
      }
      if (asked.mtls() != null && !"off".equals(asked.mtls().mode())) {
        throw Elbv2Errors.validation(
            "Mutual authentication can only be configured for HTTPS listeners");
      }
      b.certificates((List<Certificate>) null)
          .sslPolicy(null)
          .mutualAuthentication((MutualAuthenticationAttributes) null);
      return;
    }
    boolean wasHttps = before != null && before.protocol() == ProtocolEnum.HTTPS;
    certificateAndPolicy(b, protocol, asked, wasHttps ? before : null);
    MutualAuthenticationAttributes mtls =
        asked.mtls() != null
            ? mutualAuthentication(store, asked.mtls())
            : wasHttps ? before.mutualAuthentication() : off();
    b.mutualAuthentication(mtls);
  }

  private static MutualAuthenticationAttributes off() {
    return MutualAuthenticationAttributes.builder().mode("off").build();
  }

  private static MutualAuthenticationAttributes mutualAuthentication(
      Elbv2Store store, MutualAuthenticationAttributes m) {
    String mode = m.mode() == null ? "off" : m.mode();
    switch (mode) {
      case "off", "passthrough" -> {
        if (m.trustStoreArn() != null) {
          throw Elbv2Errors.validation(
              "A trust store can only be specified with mutual authentication mode 'verify'");
        }
        return MutualAuthenticationAttributes.builder().mode(mode).build();
      }
      case "verify" -> {
        if (m.trustStoreArn() == null) {
          throw Elbv2Errors.validation(
              "A trust store must be specified with mutual authentication mode 'verify'");
        }
        store.trustStore(m.trustStoreArn());
        return MutualAuthenticationAttributes.builder()
            .mode(mode)
            .trustStoreArn(m.trustStoreArn())
            .ignoreClientCertificateExpiry(Boolean.TRUE.equals(m.ignoreClientCertificateExpiry()))
            .trustStoreAssociationStatus(TrustStoreAssociationStatusEnum.ACTIVE)
            .advertiseTrustStoreCaNames(
                m.advertiseTrustStoreCaNames() == null
                    ? AdvertiseTrustStoreCaNamesEnum.OFF
                    : m.advertiseTrustStoreCaNames())
            .build();
      }
      default ->
          throw Elbv2Errors.validation(
              "Mutual authentication mode '" + mode + "' must be one of off, passthrough, verify");
    }
  }
}
