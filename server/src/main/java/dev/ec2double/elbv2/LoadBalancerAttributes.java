package dev.ec2double.elbv2;

import java.util.Map;
import java.util.TreeMap;

/**
 * The attributes of an application load balancer and their defaults
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes).
 * The proxy honours {@code idle_timeout.timeout_seconds}, {@code deletion_protection.enabled},
 * {@code routing.http.xff_header_processing.mode} and {@code routing.http.xff_client_port.enabled};
 * the others are stored and shown.
 */
public final class LoadBalancerAttributes {
  /** Blocks internet gateway access over IPv6: true by default on internal load balancers. */
  public static final String DENY_IGW = "ipv6.deny_all_igw_traffic";

  public static final Map<String, String> DEFAULTS = defaults();

  private LoadBalancerAttributes() {}

  private static Map<String, String> defaults() {
    Map<String, String> d = new TreeMap<>();
    d.put("access_logs.s3.bucket", "");
    d.put("access_logs.s3.enabled", "false");
    d.put("access_logs.s3.prefix", "");
    d.put("client_keep_alive.seconds", "3600");
    d.put("connection_logs.s3.bucket", "");
    d.put("connection_logs.s3.enabled", "false");
    d.put("connection_logs.s3.prefix", "");
    d.put("deletion_protection.enabled", "false");
    d.put("health_check_logs.s3.bucket", "");
    d.put("health_check_logs.s3.enabled", "false");
    d.put("health_check_logs.s3.prefix", "");
    d.put("idle_timeout.timeout_seconds", "60");
    // false for internet-facing load balancers, true for internal ones (LoadBalancerRecord)
    d.put(DENY_IGW, "false");
    d.put("load_balancing.cross_zone.enabled", "true");
    d.put("routing.http.desync_mitigation_mode", "defensive");
    d.put("routing.http.drop_invalid_header_fields.enabled", "false");
    d.put("routing.http.preserve_host_header.enabled", "false");
    d.put("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false");
    d.put("routing.http.xff_client_port.enabled", "false");
    d.put("routing.http.xff_header_processing.mode", "append");
    d.put("routing.http2.enabled", "true");
    d.put("waf.fail_open.enabled", "false");
    d.put("zonal_shift.config.enabled", "false");
    return Map.copyOf(d);
  }

  /** Checks one attribute as AWS does before any is applied. */
  public static void check(String key, String value) {
    if (key == null || !DEFAULTS.containsKey(key)) {
      throw Elbv2Errors.validation("Load balancer attribute key '" + key + "' is not recognized");
    }
    if (value == null) {
      throw Elbv2Errors.validation("Load balancer attribute '" + key + "' needs a value");
    }
    if (key.endsWith(".enabled") && !value.equals("true") && !value.equals("false")) {
      throw Elbv2Errors.validation(
          "Load balancer attribute key '" + key + "' must be one of 'true' or 'false'");
    }
    switch (key) {
      case "load_balancing.cross_zone.enabled" -> {
        // always on for an Application Load Balancer, and "can't be changed" (API reference)
        if (!value.equals("true")) {
          throw Elbv2Errors.invalidConfiguration(
              "Cross-zone load balancing cannot be disabled for Application Load Balancers");
        }
      }
      case DENY_IGW -> oneOf(key, value, "true", "false");
      case "idle_timeout.timeout_seconds" -> range(key, value, 1, 4000);
      case "client_keep_alive.seconds" -> range(key, value, 60, 604800);
      case "routing.http.xff_header_processing.mode" ->
          oneOf(key, value, "append", "preserve", "remove");
      case "routing.http.desync_mitigation_mode" ->
          oneOf(key, value, "monitor", "defensive", "strictest");
      default -> {}
    }
  }

  static void range(String key, String value, int min, int max) {
    AttributeValues.range("Load balancer attribute", key, value, min, max);
  }

  private static void oneOf(String key, String value, String... allowed) {
    AttributeValues.oneOf("Load balancer attribute", key, value, allowed);
  }
}
