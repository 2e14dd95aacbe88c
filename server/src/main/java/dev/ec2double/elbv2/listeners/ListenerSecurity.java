package dev.ec2double.elbv2.listeners;

import dev.ec2double.elbv2.CertificateArns;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.SslPolicies;
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
      List<Certificate> certificates, String sslPolicy, MutualAuthenticationAttributes mtls) {}

  static void apply(
      Elbv2Store store, Listener.Builder b, ProtocolEnum protocol, Asked asked, Listener before) {
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
    List<Certificate> certs = asked.certificates();
    if (certs.isEmpty()) {
      if (!wasHttps) {
        throw Elbv2Errors.validation("A certificate must be specified for HTTPS listeners");
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
            : wasHttps ? before.sslPolicy() : SslPolicies.DEFAULT;
    if (SslPolicies.named(policy).isEmpty()) {
      throw Elbv2Errors.sslPolicyNotFound(policy);
    }
    MutualAuthenticationAttributes mtls =
        asked.mtls() != null
            ? mutualAuthentication(store, asked.mtls())
            : wasHttps ? before.mutualAuthentication() : off();
    b.certificates(Certificate.builder().certificateArn(certs.get(0).certificateArn()).build())
        .sslPolicy(policy)
        .mutualAuthentication(mtls);
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
