package dev.ec2double.elbv2.loadbalancers;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.elbv2.runtime.Elbv2;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpamPools;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyIpPoolsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyIpPoolsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveIpamPoolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetIpAddressTypeRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetIpAddressTypeResponse;

/**
 * A load balancer's address settings: SetIpAddressType and ModifyIpPools (the IPAM pool its IPv4
 * addresses come from). Records: the proxy accepts on its loopback address whatever they say.
 */
public final class IpAddressingService {
  private static final Pattern IPAM_POOL = Pattern.compile("ipam-pool-[0-9a-f]{8,17}");

  private final Elbv2 elbv2;

  public IpAddressingService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public SetIpAddressTypeResponse setIpAddressType(
      RequestContext ctx, SetIpAddressTypeRequest req) {
    IpAddressType type = req.ipAddressType();
    if (type == null) {
      throw Elbv2Errors.validation("An IP address type must be specified");
    }
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      LoadBalancerRecord lb = store.loadBalancer(req.loadBalancerArn());
      check(type, lb.sdk().scheme());
      lb.update(lb.sdk().toBuilder().ipAddressType(type).build());
    }
    return SetIpAddressTypeResponse.builder().ipAddressType(type).build();
  }

  /** The address type as CreateLoadBalancer and SetIpAddressType check it. */
  static void check(IpAddressType type, LoadBalancerSchemeEnum scheme) {
    if (type == IpAddressType.UNKNOWN_TO_SDK_VERSION) {
      throw Elbv2Errors.validation(
          "IP address type must be one of ipv4, dualstack, dualstack-without-public-ipv4");
    }
    if (type == IpAddressType.DUALSTACK_WITHOUT_PUBLIC_IPV4
        && scheme == LoadBalancerSchemeEnum.INTERNAL) {
      throw Elbv2Errors.invalidConfiguration(
          "IP address type 'dualstack-without-public-ipv4' is only for internet-facing"
              + " load balancers");
    }
  }

  static void checkPool(String pool) {
    if (pool == null || !IPAM_POOL.matcher(pool).matches()) {
      throw Elbv2Errors.validation("'" + pool + "' is not a valid IPAM pool ID");
    }
  }

  public ModifyIpPoolsResponse modifyIpPools(RequestContext ctx, ModifyIpPoolsRequest req) {
    boolean remove = req.removeIpamPools().contains(RemoveIpamPoolEnum.IPV4);
    if (req.removeIpamPools().contains(RemoveIpamPoolEnum.UNKNOWN_TO_SDK_VERSION)) {
      throw Elbv2Errors.validation("RemoveIpamPools takes only 'ipv4'");
    }
    String pool = req.ipamPools() == null ? null : req.ipamPools().ipv4IpamPoolId();
    if (remove == (pool != null)) {
      throw Elbv2Errors.validation("You must specify either IpamPools or RemoveIpamPools");
    }
    if (pool != null) {
      checkPool(pool);
    }
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      LoadBalancerRecord lb = store.loadBalancer(req.loadBalancerArn());
      IpamPools pools = pool == null ? null : IpamPools.builder().ipv4IpamPoolId(pool).build();
      lb.update(lb.sdk().toBuilder().ipamPools(pools).build());
      return ModifyIpPoolsResponse.builder().ipamPools(pools).build();
    }
  }
}
