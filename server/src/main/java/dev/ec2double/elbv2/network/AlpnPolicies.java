package dev.ec2double.elbv2.network;

import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.Map;

/**
 * A TLS listener's ALPN policies, as AWS names them
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/create-tls-listener.html#alpn-policies):
 * the protocols the listener accepts, in its order of preference; {@code None} negotiates nothing.
 */
public final class AlpnPolicies {
  private static final Map<String, List<String>> PREFERENCES =
      Map.of(
          "HTTP1Only", List.of("http/1.1", "http/1.0"),
          "HTTP2Only", List.of("h2"),
          "HTTP2Optional", List.of("http/1.1", "http/1.0", "h2"),
          "HTTP2Preferred", List.of("h2", "http/1.1", "http/1.0"),
          "None", List.of());

  private AlpnPolicies() {}

  /**
   * Checks the policy names a request gives (at most one, and only for TLS listeners); empty is
   * none asked for.
   */
  public static void check(List<String> asked, boolean tlsListener) {
    if (asked.isEmpty()) {
      return;
    }
    if (!tlsListener) {
      throw dev.ec2double.elbv2.Elbv2Errors.validation(
          "An ALPN policy can only be specified for TLS listeners");
    }
    if (asked.size() > 1) {
      throw dev.ec2double.elbv2.Elbv2Errors.validation(
          "Up to '1' ALPN policies can be specified, but '" + asked.size() + "' were specified");
    }
    if (!PREFERENCES.containsKey(asked.get(0))) {
      throw new AwsException("ALPNPolicyNotFound", "ALPN policy '" + asked.get(0) + "' not found");
    }
  }

  /**
   * The protocol the listener picks among those the client offers: the first of the policy's that
   * the client offers; empty (no ALPN) under {@code None} or no policy; null when the client offers
   * none of the policy's, which fails the handshake ({@code no_application_protocol}).
   */
  static String select(String policy, List<String> offered) {
    List<String> mine = PREFERENCES.getOrDefault(policy == null ? "None" : policy, List.of());
    if (mine.isEmpty()) {
      return "";
    }
    for (String p : mine) {
      if (offered.contains(p)) {
        return p;
      }
    }
    return null;
  }
}
