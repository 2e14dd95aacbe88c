package dev.ec2double.elbv2.account;

import dev.ec2double.core.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Limit;

/**
 * DescribeAccountLimits with AWS's default quotas
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html)
 * (DescribeSSLPolicies is {@code SslPoliciesService}'s).
 */
public final class AccountService {
  static final Map<String, String> LIMITS = limits();

  private static Map<String, String> limits() {
    Map<String, String> m = new TreeMap<>();
    m.put("application-load-balancers", "50");
    m.put("condition-values-per-alb-rule", "5");
    m.put("condition-wildcards-per-alb-rule", "5");
    m.put("listeners-per-application-load-balancer", "50");
    m.put("rules-per-application-load-balancer", "100");
    m.put("target-groups", "3000");
    m.put("target-groups-per-action-on-application-load-balancer", "5");
    m.put("target-groups-per-application-load-balancer", "100");
    m.put("targets-per-application-load-balancer", "1000");
    m.put("certificates-per-application-load-balancer", "25");
    return m;
  }

  public DescribeAccountLimitsResponse describeAccountLimits(
      RequestContext ctx, DescribeAccountLimitsRequest req) {
    List<Limit> limits =
        LIMITS.entrySet().stream()
            .map(e -> Limit.builder().name(e.getKey()).max(e.getValue()).build())
            .toList();
    return DescribeAccountLimitsResponse.builder().limits(limits).build();
  }
}
