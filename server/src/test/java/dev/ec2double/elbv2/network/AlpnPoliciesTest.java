package dev.ec2double.elbv2.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A TLS listener's ALPN policies: AWS's names and checks, and the protocol each picks. */
class AlpnPoliciesTest {
  private static final List<String> BROWSER = List.of("h2", "http/1.1");

  @Test
  void eachPolicyPicksTheFirstOfItsProtocolsThatTheClientOffersElseFailsTheHandshake() {
    assertThat(AlpnPolicies.select("HTTP2Preferred", BROWSER)).isEqualTo("h2");
    assertThat(AlpnPolicies.select("HTTP2Optional", BROWSER)).isEqualTo("http/1.1");
    assertThat(AlpnPolicies.select("HTTP1Only", BROWSER)).isEqualTo("http/1.1");
    assertThat(AlpnPolicies.select("HTTP2Only", BROWSER)).isEqualTo("h2");
    assertThat(AlpnPolicies.select("HTTP2Only", List.of("http/1.1"))).isNull();
    assertThat(AlpnPolicies.select("HTTP2Optional", List.of("h2"))).isEqualTo("h2");
    assertThat(AlpnPolicies.select("None", BROWSER)).isEmpty(); // no ALPN
    assertThat(AlpnPolicies.select(null, BROWSER)).isEmpty();
  }

  @Test
  void onlyTlsListenersTakeOneKnownPolicy() {
    AlpnPolicies.check(List.of(), false);
    AlpnPolicies.check(List.of("None"), true);
    assertThatThrownBy(() -> AlpnPolicies.check(List.of("HTTP1Only"), false))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> AlpnPolicies.check(List.of("HTTP1Only", "None"), true))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> AlpnPolicies.check(List.of("HTTP3"), true))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("ALPNPolicyNotFound"));
  }
}
