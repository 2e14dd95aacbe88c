package dev.ec2double.elbv2.rules;

import dev.ec2double.elbv2.Cidrs;
import dev.ec2double.elbv2.Elbv2Errors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * Checks rule conditions as AWS does: a known field with its config; host-header, path-pattern,
 * http-request-method and source-ip at most once per rule; at most 5 values in all. The legacy
 * {@code Values} form of host-header and path-pattern is turned into its config.
 */
final class ConditionChecks {
  private static final Set<String> ONCE =
      Set.of("host-header", "path-pattern", "http-request-method", "source-ip");

  private ConditionChecks() {}

  static List<RuleCondition> check(List<RuleCondition> conditions) {
    if (conditions.isEmpty()) {
      throw Elbv2Errors.validation("A rule must have at least one condition");
    }
    Set<String> seen = new HashSet<>();
    int values = 0;
    List<RuleCondition> out = new ArrayList<>();
    for (RuleCondition c : conditions) {
      String field = c.field();
      if (field == null) {
        throw Elbv2Errors.validation("A condition field must be specified");
      }
      if (ONCE.contains(field) && !seen.add(field)) {
        throw Elbv2Errors.validation("A rule can have at most one '" + field + "' condition");
      }
      List<String> vs;
      switch (field) {
        case "path-pattern" -> {
          vs = c.pathPatternConfig() != null ? c.pathPatternConfig().values() : c.values();
          c =
              c.toBuilder()
                  .values(vs)
                  .pathPatternConfig(PathPatternConditionConfig.builder().values(vs).build())
                  .build();
        }
        case "host-header" -> {
          vs = c.hostHeaderConfig() != null ? c.hostHeaderConfig().values() : c.values();
          c =
              c.toBuilder()
                  .values(vs)
                  .hostHeaderConfig(HostHeaderConditionConfig.builder().values(vs).build())
                  .build();
        }
        case "http-header" -> {
          if (c.httpHeaderConfig() == null || c.httpHeaderConfig().httpHeaderName() == null) {
            throw Elbv2Errors.validation(
                "An http-header condition needs an HttpHeaderConfig with a header name");
          }
          vs = c.httpHeaderConfig().values();
        }
        case "http-request-method" -> {
          if (c.httpRequestMethodConfig() == null) {
            throw Elbv2Errors.validation(
                "An http-request-method condition needs an HttpRequestMethodConfig");
          }
          vs = c.httpRequestMethodConfig().values();
          for (String m : vs) {
            if (!m.matches("[A-Z_-]{1,40}")) {
              throw Elbv2Errors.validation("HTTP request method '" + m + "' is not valid");
            }
          }
        }
        case "query-string" -> {
          if (c.queryStringConfig() == null) {
            throw Elbv2Errors.validation("A query-string condition needs a QueryStringConfig");
          }
          vs = new ArrayList<>();
          for (QueryStringKeyValuePair p : c.queryStringConfig().values()) {
            if (p.value() == null) {
              throw Elbv2Errors.validation("A query-string condition value must be specified");
            }
            vs.add(p.value());
          }
        }
        case "source-ip" -> {
          if (c.sourceIpConfig() == null) {
            throw Elbv2Errors.validation("A source-ip condition needs a SourceIpConfig");
          }
          vs = c.sourceIpConfig().values();
          for (String cidr : vs) {
            if (!Cidrs.isCidr(cidr)) {
              throw Elbv2Errors.validation(
                  "The source IP '" + cidr + "' is not a valid CIDR block");
            }
          }
        }
        default -> throw Elbv2Errors.validation("Condition field '" + field + "' is not supported");
      }
      if (vs.isEmpty()) {
        throw Elbv2Errors.validation("A '" + field + "' condition must have at least one value");
      }
      values += vs.size();
      out.add(c);
    }
    if (values > 5) {
      throw Elbv2Errors.validation("A rule can have at most '5' condition values");
    }
    return out;
  }
}
