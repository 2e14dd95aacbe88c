package dev.ec2double.elbv2.proxy;

import dev.ec2double.elbv2.Cidrs;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * Evaluates a rule's conditions: all conditions must match, and within one condition any of its
 * values
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html).
 */
public final class RuleMatcher {
  private RuleMatcher() {}

  public static boolean matches(List<RuleCondition> conditions, RequestView req) {
    for (RuleCondition c : conditions) {
      if (!matches(c, req)) {
        return false;
      }
    }
    return true;
  }

  static boolean matches(RuleCondition c, RequestView req) {
    String field = c.field();
    switch (field == null ? "" : field) {
      case "path-pattern":
        return any(
            c.pathPatternConfig() != null ? c.pathPatternConfig().values() : c.values(),
            req.path(),
            false);
      case "host-header":
        return any(
            c.hostHeaderConfig() != null ? c.hostHeaderConfig().values() : c.values(),
            req.host(),
            true);
      case "http-header":
        {
          List<String> values = req.headers().apply(c.httpHeaderConfig().httpHeaderName());
          for (String v : values) {
            if (any(c.httpHeaderConfig().values(), v, true)) {
              return true;
            }
          }
          return false;
        }
      case "http-request-method":
        return c.httpRequestMethodConfig().values().contains(req.method());
      case "query-string":
        {
          List<Map.Entry<String, String>> pairs = req.queryPairs();
          for (QueryStringKeyValuePair want : c.queryStringConfig().values()) {
            for (Map.Entry<String, String> have : pairs) {
              boolean keyOk =
                  want.key() == null || Patterns.matches(want.key(), have.getKey(), true);
              if (keyOk && Patterns.matches(want.value(), have.getValue(), true)) {
                return true;
              }
            }
          }
          return false;
        }
      case "source-ip":
        for (String cidr : c.sourceIpConfig().values()) {
          if (Cidrs.contains(cidr, req.sourceIp())) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }

  private static boolean any(List<String> patterns, String value, boolean ignoreCase) {
    for (String p : patterns) {
      if (Patterns.matches(p, value, ignoreCase)) {
        return true;
      }
    }
    return false;
  }
}
