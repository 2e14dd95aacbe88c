package dev.ec2double.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Cipher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

class SslPoliciesTest {
  @Test
  void readsEveryPolicyWithCiphersNumberedFromOne() {
    assertThat(SslPolicies.all()).hasSize(18);
    for (SslPolicy p : SslPolicies.all()) {
      assertThat(p.name()).startsWith("ELBSecurityPolicy-");
      assertThat(p.sslProtocols()).isNotEmpty().allMatch(s -> s.startsWith("TLSv1"));
      for (int i = 0; i < p.ciphers().size(); i++) {
        assertThat(p.ciphers().get(i).priority()).isEqualTo(i + 1);
      }
      assertThat(p.ciphers()).extracting(Cipher::name).doesNotHaveDuplicates();
    }
  }

  @Test
  void tls13PoliciesListTheTls13CiphersFirst() {
    SslPolicy p = SslPolicies.named("ELBSecurityPolicy-TLS13-1-2-2021-06").orElseThrow();
    assertThat(p.sslProtocols()).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(p.ciphers())
        .extracting(Cipher::name)
        .startsWith("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384")
        .hasSize(11);
    assertThat(SslPolicies.named(SslPolicies.DEFAULT)).isPresent();
    assertThat(SslPolicies.named("ELBSecurityPolicy-Nope")).isEmpty();
  }
}
