package dev.ec2double.elbv2;

import java.util.Map;
import java.util.TreeMap;

/**
 * The attributes of an instance or ip target group behind an application load balancer, with AWS's
 * defaults
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html).
 * The proxy honours the deregistration delay and lb_cookie/app_cookie stickiness; slow start and
 * the algorithm settings are validated and stored.
 */
public final class TargetGroupAttributes {
  public static final Map<String, String> DEFAULTS = defaults();

  private TargetGroupAttributes() {}

  private static Map<String, String> defaults() {
    Map<String, String> d = new TreeMap<>();
    d.put("deregistration_delay.timeout_seconds", "300");
    d.put("load_balancing.algorithm.anomaly_mitigation", "off");
    d.put("load_balancing.algorithm.type", "round_robin");
    d.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
    d.put("slow_start.duration_seconds", "0");
    d.put("stickiness.app_cookie.cookie_name", "");
    d.put("stickiness.app_cookie.duration_seconds", "86400");
    d.put("stickiness.enabled", "false");
    d.put("stickiness.lb_cookie.duration_seconds", "86400");
    d.put("stickiness.type", "lb_cookie");
    d.put("target_group_health.dns_failover.minimum_healthy_targets.count", "1");
    d.put("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off");
    d.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1");
    d.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off");
    return Map.copyOf(d);
  }

  public static void check(String key, String value) {
    if (key == null || !DEFAULTS.containsKey(key)) {
      throw Elbv2Errors.validation("Target group attribute key '" + key + "' is not recognized");
    }
    if (value == null) {
      throw Elbv2Errors.validation("Target group attribute '" + key + "' needs a value");
    }
    switch (key) {
      case "deregistration_delay.timeout_seconds" -> range(key, value, 0, 3600);
      case "stickiness.lb_cookie.duration_seconds", "stickiness.app_cookie.duration_seconds" ->
          range(key, value, 1, 604800);
      case "slow_start.duration_seconds" -> {
        range(key, value, 0, 900);
        int v = Integer.parseInt(value);
        if (v != 0 && v < 30) {
          throw Elbv2Errors.validation(
              "Target group attribute 'slow_start.duration_seconds' must be 0 or from 30 to 900");
        }
      }
      case "stickiness.enabled" -> oneOf(key, value, "true", "false");
      case "stickiness.type" -> oneOf(key, value, "lb_cookie", "app_cookie");
      case "load_balancing.algorithm.type" ->
          oneOf(key, value, "round_robin", "least_outstanding_requests", "weighted_random");
      case "load_balancing.algorithm.anomaly_mitigation" -> oneOf(key, value, "on", "off");
      case "load_balancing.cross_zone.enabled" ->
          oneOf(key, value, "true", "false", "use_load_balancer_configuration");
      case "stickiness.app_cookie.cookie_name" -> {
        if (value.startsWith("AWSALB")
            || value.startsWith("AWSALBAPP")
            || value.startsWith("AWSALBTG")) {
          throw Elbv2Errors.validation(
              "App cookie names cannot start with the reserved prefixes AWSALB, AWSALBAPP and AWSALBTG");
        }
      }
      default -> {}
    }
  }

  static void range(String key, String value, int min, int max) {
    AttributeValues.range("Target group attribute", key, value, min, max);
  }

  private static void oneOf(String key, String value, String... allowed) {
    AttributeValues.oneOf("Target group attribute", key, value, allowed);
  }
}
