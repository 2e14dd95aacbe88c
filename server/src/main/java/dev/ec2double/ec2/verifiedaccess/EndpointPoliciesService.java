package dev.ec2double.ec2.verifiedaccess;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.NetworkInterfaceRecord;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.LoadBalancerRecord;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessEndpointPolicyRequest;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessEndpointPolicyResponse;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessEndpointTargetsRequest;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessEndpointTargetsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointPolicyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointPolicyResponse;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointTarget;

/**
 * An endpoint's own policy, and what it would forward to: read from this server's records at each
 * call (the load balancer's DNS name, the network interface's address, the RDS endpoint, the
 * addresses of the network interfaces inside a CIDR endpoint's range and subnets).
 */
public final class EndpointPoliciesService {

  public GetVerifiedAccessEndpointPolicyResponse getVerifiedAccessEndpointPolicy(
      RequestContext ctx, GetVerifiedAccessEndpointPolicyRequest req) {
    AccessStore.Policy p =
        AccessEndpoints.withLive(ctx, req.verifiedAccessEndpointId(), e -> e.policy);
    return GetVerifiedAccessEndpointPolicyResponse.builder()
        .policyEnabled(p.enabled())
        .policyDocument(p.document())
        .build();
  }

  public ModifyVerifiedAccessEndpointPolicyResponse modifyVerifiedAccessEndpointPolicy(
      RequestContext ctx, ModifyVerifiedAccessEndpointPolicyRequest req) {
    return AccessEndpoints.withLive(
        ctx,
        req.verifiedAccessEndpointId(),
        e -> {
          var policy = Policies.modified(e.policy, req.policyEnabled(), req.policyDocument());
          var sse = Policies.sse(req.sseSpecification(), e.sse);
          e.policy = policy;
          e.sse = sse;
          e.touch();
          return ModifyVerifiedAccessEndpointPolicyResponse.builder()
              .policyEnabled(policy.enabled())
              .policyDocument(policy.document())
              .sseSpecification(sse)
              .build();
        });
  }

  public GetVerifiedAccessEndpointTargetsResponse getVerifiedAccessEndpointTargets(
      RequestContext ctx, GetVerifiedAccessEndpointTargetsRequest req) {
    String id = req.verifiedAccessEndpointId();
    AccessStore.Endpoint e = AccessEndpoints.withLive(ctx, id, x -> x);
    List<VerifiedAccessEndpointTarget> out = new ArrayList<>();
    var target = VerifiedAccessEndpointTarget.builder().verifiedAccessEndpointId(id);
    if (e.loadBalancer != null) {
      Elbv2Store elb = ctx.state().existingPart(Elbv2Store.class);
      LoadBalancerRecord lb =
          elb == null ? null : elb.loadBalancers.get(e.loadBalancer.loadBalancerArn());
      if (lb != null) {
        out.add(target.verifiedAccessEndpointTargetDns(lb.sdk().dnsName()).build());
      }
    } else if (e.networkInterface != null) {
      String eni = e.networkInterface.networkInterfaceId();
      if (VpcLookups.networkInterfaceExists(ctx.state(), eni)) {
        out.add(
            target
                .verifiedAccessEndpointTargetIpAddress(
                    EndpointNetwork.networkInterface(ctx, eni).privateIp())
                .build());
      }
    } else if (e.rds != null) {
      out.add(target.verifiedAccessEndpointTargetDns(e.rds.rdsEndpoint()).build());
    } else {
      Cidr range = Cidr.parseOrNull(e.cidr.cidr());
      for (NetworkInterfaceRecord n : VpcLookups.interfacesIn(ctx.state(), e.cidr.subnetIds())) {
        if (range.contains(Cidr.ip(n.privateIp()))) {
          out.add(target.verifiedAccessEndpointTargetIpAddress(n.privateIp()).build());
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetVerifiedAccessEndpointTargetsResponse.builder()
        .verifiedAccessEndpointTargets(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
