package dev.ec2double.elbv2.sslpolicies;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Markers;
import dev.ec2double.elbv2.SslPolicies;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

/** DescribeSSLPolicies: AWS's predefined policies, by name and by load balancer type. */
public final class SslPoliciesService {
  public DescribeSslPoliciesResponse describeSSLPolicies(
      RequestContext ctx, DescribeSslPoliciesRequest req) {
    List<SslPolicy> found = new ArrayList<>();
    if (req.names().isEmpty()) {
      found.addAll(SslPolicies.all());
    } else {
      for (String name : req.names()) {
        found.add(SslPolicies.named(name).orElseThrow(() -> Elbv2Errors.sslPolicyNotFound(name)));
      }
    }
    if (req.loadBalancerType() != null) {
      if (req.loadBalancerType() == LoadBalancerTypeEnum.UNKNOWN_TO_SDK_VERSION) {
        throw Elbv2Errors.validation(
            "Load balancer type '"
                + req.loadBalancerTypeAsString()
                + "' must be one of application, network, gateway");
      }
      String type = req.loadBalancerTypeAsString();
      found.removeIf(p -> !p.supportedLoadBalancerTypes().contains(type));
    }
    Markers.Page<SslPolicy> page = Markers.page(found, req.marker(), req.pageSize());
    return DescribeSslPoliciesResponse.builder()
        .sslPolicies(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }
}
