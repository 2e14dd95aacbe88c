package dev.ec2double.elbv2.account;

import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Cipher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Limit;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

/**
 * DescribeAccountLimits with AWS's default quotas
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html)
 * and DescribeSSLPolicies with the current default policies. ec2-double has no HTTPS listeners; the
 * policies are there for tools that list them.
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

  public DescribeSslPoliciesResponse describeSSLPolicies(
      RequestContext ctx, DescribeSslPoliciesRequest req) {
    List<SslPolicy> all = policies();
    if (req.names().isEmpty()) {
      return DescribeSslPoliciesResponse.builder().sslPolicies(all).build();
    }
    List<SslPolicy> out = new ArrayList<>();
    for (String name : req.names()) {
      SslPolicy p = all.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
      if (p == null) {
        throw new dev.ec2double.errors.AwsException(
            "SSLPolicyNotFound", "SSL policy '" + name + "' not found");
      }
      out.add(p);
    }
    return DescribeSslPoliciesResponse.builder().sslPolicies(out).build();
  }

  private static List<SslPolicy> policies() {
    List<String> tls12 =
        List.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384");
    List<String> tls13 =
        List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    List<String> both = new ArrayList<>(tls13);
    both.addAll(tls12);
    return List.of(
        policy("ELBSecurityPolicy-TLS13-1-2-2021-06", List.of("TLSv1.2", "TLSv1.3"), both),
        policy("ELBSecurityPolicy-TLS13-1-2-Res-2021-06", List.of("TLSv1.2", "TLSv1.3"), both),
        policy("ELBSecurityPolicy-TLS13-1-3-2021-06", List.of("TLSv1.3"), tls13),
        policy("ELBSecurityPolicy-2016-08", List.of("TLSv1", "TLSv1.1", "TLSv1.2"), tls12),
        policy("ELBSecurityPolicy-TLS-1-2-2017-01", List.of("TLSv1.2"), tls12));
  }

  private static SslPolicy policy(String name, List<String> protocols, List<String> ciphers) {
    List<Cipher> cs = new ArrayList<>();
    for (int i = 0; i < ciphers.size(); i++) {
      cs.add(Cipher.builder().name(ciphers.get(i)).priority(i + 1).build());
    }
    return SslPolicy.builder()
        .name(name)
        .sslProtocols(protocols)
        .ciphers(cs)
        .supportedLoadBalancerTypes("application", "network")
        .build();
  }
}
