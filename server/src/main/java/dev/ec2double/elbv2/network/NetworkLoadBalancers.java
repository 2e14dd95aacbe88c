package dev.ec2double.elbv2.network;

import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.errors.AwsException;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;

/**
 * AWS's rules for creating load balancers by type
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html):
 * an application load balancer needs two zones, a network or gateway one a single zone; only a
 * network load balancer's subnet mappings may name an Elastic IP (internet-facing) or a private
 * address (internal); a gateway load balancer has no scheme and no security groups.
 */
public final class NetworkLoadBalancers {
  private static final Pattern ALLOCATION = Pattern.compile("eipalloc-[0-9a-f]{8,17}");
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

  /** Network load balancers' hosted zone in us-east-1 (there is no Route 53 here). */
  public static final String NETWORK_HOSTED_ZONE = "Z26RNL4JYFTOTI";

  private NetworkLoadBalancers() {}

  /** The type asked for; application when none. */
  public static LoadBalancerTypeEnum type(CreateLoadBalancerRequest req) {
    if (req.typeAsString() == null) {
      return LoadBalancerTypeEnum.APPLICATION;
    }
    if (req.type() == LoadBalancerTypeEnum.UNKNOWN_TO_SDK_VERSION) {
      throw Elbv2Errors.validation(
          "Load balancer type '"
              + req.typeAsString()
              + "' must be one of application, network or gateway");
    }
    return req.type();
  }

  /** How many zones a load balancer of this type needs at least. */
  public static int minimumZones(LoadBalancerTypeEnum type) {
    return type == LoadBalancerTypeEnum.APPLICATION ? 2 : 1;
  }

  /** The scheme; a gateway load balancer takes none and has none. */
  public static LoadBalancerSchemeEnum scheme(
      LoadBalancerTypeEnum type, CreateLoadBalancerRequest req) {
    if (type == LoadBalancerTypeEnum.GATEWAY) {
      if (req.scheme() != null) {
        throw Elbv2Errors.validation("A scheme cannot be specified for Gateway Load Balancers");
      }
      return null;
    }
    return req.scheme() == null ? LoadBalancerSchemeEnum.INTERNET_FACING : req.scheme();
  }

  /**
   * A gateway load balancer has no security groups, and a network load balancer made without any
   * cannot be given some later (AWS's rule).
   */
  public static void checkSetSecurityGroups(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer lb) {
    if (lb.type() == LoadBalancerTypeEnum.GATEWAY) {
      throw Elbv2Errors.validation("Security groups are not supported for Gateway Load Balancers");
    }
    if (lb.type() == LoadBalancerTypeEnum.NETWORK && lb.securityGroups().isEmpty()) {
      throw Elbv2Errors.invalidConfiguration(
          "Security groups cannot be set on a Network Load Balancer that was created without"
              + " any");
    }
  }

  /** Checks what only some types take: security groups, subnet mappings' addresses, IP types. */
  public static void check(
      LoadBalancerTypeEnum type, LoadBalancerSchemeEnum scheme, CreateLoadBalancerRequest req) {
    if (type == LoadBalancerTypeEnum.GATEWAY && !req.securityGroups().isEmpty()) {
      throw Elbv2Errors.validation("Security groups are not supported for Gateway Load Balancers");
    }
    if (type != LoadBalancerTypeEnum.APPLICATION
        && req.ipAddressType() == IpAddressType.DUALSTACK_WITHOUT_PUBLIC_IPV4) {
      throw Elbv2Errors.validation(
          "IP address type 'dualstack-without-public-ipv4' is supported by Application Load"
              + " Balancers only");
    }
    for (SubnetMapping m : req.subnetMappings()) {
      if (m.allocationId() != null) {
        if (type != LoadBalancerTypeEnum.NETWORK) {
          throw Elbv2Errors.validation(
              "Elastic IP addresses can be assigned to Network Load Balancers only");
        }
        if (scheme == LoadBalancerSchemeEnum.INTERNAL) {
          throw Elbv2Errors.validation(
              "Elastic IP addresses cannot be assigned to internal load balancers");
        }
        if (!ALLOCATION.matcher(m.allocationId()).matches()) {
          throw new AwsException(
              "AllocationIdNotFound",
              "The allocation ID '" + m.allocationId() + "' does not exist");
        }
      }
      if (m.privateIPv4Address() != null) {
        if (type != LoadBalancerTypeEnum.NETWORK) {
          throw Elbv2Errors.validation(
              "Private IPv4 addresses can be assigned to Network Load Balancers only");
        }
        if (scheme != LoadBalancerSchemeEnum.INTERNAL) {
          throw Elbv2Errors.validation(
              "Private IPv4 addresses can be assigned to internal load balancers only");
        }
        if (!IPV4.matcher(m.privateIPv4Address()).matches()) {
          throw new AwsException(
              "InvalidConfigurationRequest",
              "'" + m.privateIPv4Address() + "' is not a valid IPv4 address");
        }
      }
    }
  }
}
