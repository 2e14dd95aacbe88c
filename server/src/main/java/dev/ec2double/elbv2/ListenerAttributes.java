package dev.ec2double.elbv2;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The attributes of an Application Load Balancer's listeners and their defaults
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-attributes.html,
 * header-modification.html). The proxy honours {@code routing.http.response.server.enabled}; the
 * response headers and the renamed mTLS/TLS request headers are validated and stored.
 */
public final class ListenerAttributes {
  private static final String RESPONSE = "routing.http.response.";
  private static final String REQUEST = "routing.http.request.";

  /** Every listener's: HTTP and HTTPS alike. */
  public static final Map<String, String> HTTP = http();

  /** HTTPS listeners' on top: the names of the request headers that carry TLS facts. */
  public static final Map<String, String> HTTPS_ONLY = httpsOnly();

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,40}");
  private static final Pattern FRAME_OPTIONS = Pattern.compile("DENY|SAMEORIGIN|ALLOW-FROM \\S+");

  private ListenerAttributes() {}

  private static Map<String, String> http() {
    Map<String, String> d = new TreeMap<>();
    d.put(RESPONSE + "server.enabled", "true");
    for (String h :
        new String[] {
          "strict_transport_security",
          "access_control_allow_origin",
          "access_control_allow_methods",
          "access_control_allow_headers",
          "access_control_allow_credentials",
          "access_control_expose_headers",
          "access_control_max_age",
          "content_security_policy",
          "x_content_type_options",
          "x_frame_options"
        }) {
      d.put(RESPONSE + h + ".header_value", "");
    }
    return Map.copyOf(d);
  }

  private static Map<String, String> httpsOnly() {
    Map<String, String> d = new TreeMap<>();
    d.put(
        REQUEST + "x_amzn_mtls_clientcert_serial_number.header_name",
        "X-Amzn-Mtls-Clientcert-Serial-Number");
    d.put(REQUEST + "x_amzn_mtls_clientcert_issuer.header_name", "X-Amzn-Mtls-Clientcert-Issuer");
    d.put(REQUEST + "x_amzn_mtls_clientcert_subject.header_name", "X-Amzn-Mtls-Clientcert-Subject");
    d.put(
        REQUEST + "x_amzn_mtls_clientcert_validity.header_name", "X-Amzn-Mtls-Clientcert-Validity");
    d.put(REQUEST + "x_amzn_mtls_clientcert_leaf.header_name", "X-Amzn-Mtls-Clientcert-Leaf");
    d.put(REQUEST + "x_amzn_mtls_clientcert.header_name", "X-Amzn-Mtls-Clientcert");
    d.put(REQUEST + "x_amzn_tls_version.header_name", "X-Amzn-Tls-Version");
    d.put(REQUEST + "x_amzn_tls_cipher_suite.header_name", "X-Amzn-Tls-Cipher-Suite");
    return Map.copyOf(d);
  }

  /** Checks one attribute of a listener (HTTPS or not) as AWS does before any is applied. */
  public static void check(boolean https, String key, String value) {
    if (key == null || !(HTTP.containsKey(key) || (https && HTTPS_ONLY.containsKey(key)))) {
      throw Elbv2Errors.validation("Listener attribute key '" + key + "' is not recognized");
    }
    if (value == null) {
      throw Elbv2Errors.validation("Listener attribute '" + key + "' needs a value");
    }
    if (HTTPS_ONLY.containsKey(key)) {
      if (!HEADER_NAME.matcher(value).matches()) {
        throw invalid(key, "a header name of 1 to 40 letters, digits and hyphens");
      }
      return;
    }
    String name = key.substring(RESPONSE.length()).replace(".header_value", "");
    switch (name) {
      case "server.enabled" -> AttributeValues.oneOf(WHAT, key, value, "true", "false");
      case "access_control_allow_credentials" ->
          AttributeValues.oneOf(WHAT, key, value, "", "true");
      case "x_content_type_options" -> AttributeValues.oneOf(WHAT, key, value, "", "nosniff");
      case "access_control_max_age" -> {
        if (!value.isEmpty()) {
          AttributeValues.range(WHAT, key, value, 0, 86400);
        }
      }
      case "x_frame_options" -> {
        if (!value.isEmpty() && !FRAME_OPTIONS.matcher(value).matches()) {
          throw invalid(key, "one of DENY, SAMEORIGIN or ALLOW-FROM <uri>");
        }
      }
      case "access_control_allow_methods" -> {
        for (String m : value.split(",")) {
          if (!value.isEmpty() && !METHODS.contains(m.trim())) {
            throw invalid(key, "a comma-separated list of " + String.join(", ", METHODS));
          }
        }
      }
      case "strict_transport_security" -> {
        if (!value.isEmpty() && !value.contains("max-age=")) {
          throw invalid(key, "a Strict-Transport-Security value with max-age");
        }
      }
      default -> {}
    }
  }

  private static final String WHAT = "Listener attribute";

  private static RuntimeException invalid(String key, String what) {
    return Elbv2Errors.validation(WHAT + " '" + key + "' must be " + what);
  }
}
