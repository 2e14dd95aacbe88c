package dev.ec2double.elbv2.targetgroups;

import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Checks a target group's health check settings against AWS's ranges: interval 5-300 s, timeout
 * 2-120 s and below the interval, thresholds 2-10, a path starting with '/', a port that is a
 * number or {@code traffic-port}, and a matcher from 200 to 499.
 */
final class HealthCheckSettings {
  private HealthCheckSettings() {}

  static void check(TargetGroup tg) {
    range("Health check interval", tg.healthCheckIntervalSeconds(), 5, 300);
    range("Health check timeout", tg.healthCheckTimeoutSeconds(), 2, 120);
    range("Healthy threshold count", tg.healthyThresholdCount(), 2, 10);
    range("Unhealthy threshold count", tg.unhealthyThresholdCount(), 2, 10);
    if (tg.healthCheckTimeoutSeconds() >= tg.healthCheckIntervalSeconds()) {
      throw Elbv2Errors.validation(
          "Health check timeout '"
              + tg.healthCheckTimeoutSeconds()
              + "' must be smaller than the interval '"
              + tg.healthCheckIntervalSeconds()
              + "'");
    }
    boolean layer4 = dev.ec2double.elbv2.NetworkAttributes.isLayer4(tg.protocol());
    boolean http = !"TCP".equals(tg.healthCheckProtocolAsString());
    String path = tg.healthCheckPath();
    if (http && path == null && layer4) {
      path = "/";
    }
    if (http && (path == null || !path.startsWith("/") || path.length() > 1024)) {
      throw Elbv2Errors.validation(
          "Health check path must begin with '/' and be at most 1024 characters");
    }
    String port = tg.healthCheckPort();
    if (!"traffic-port".equals(port)) {
      try {
        range("Health check port", Integer.parseInt(port), 1, 65535);
      } catch (NumberFormatException e) {
        throw Elbv2Errors.validation(
            "Health check port must be 'traffic-port' or a number from 1 to 65535");
      }
    }
    if (layer4) {
      if (!java.util.Set.of("TCP", "HTTP", "HTTPS").contains(tg.healthCheckProtocolAsString())) {
        throw Elbv2Errors.validation(
            "Health check protocol must be TCP, HTTP or HTTPS for "
                + tg.protocol()
                + " target groups");
      }
    } else if (tg.healthCheckProtocol() != null
        && !"HTTP".equals(tg.healthCheckProtocolAsString())) {
      throw new dev.ec2double.errors.AwsException(
          "UnsupportedProtocol", "ec2-double supports HTTP health checks only");
    }
    if (tg.matcher() != null) {
      Matcher.parse(tg.matcher().httpCode());
    }
  }

  private static void range(String what, Integer value, int min, int max) {
    if (value == null || value < min || value > max) {
      throw Elbv2Errors.validation(what + " '" + value + "' must be from " + min + " to " + max);
    }
  }
}
