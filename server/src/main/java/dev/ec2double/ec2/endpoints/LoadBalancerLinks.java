package dev.ec2double.ec2.endpoints;

import dev.ec2double.core.RegionState;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.errors.AwsException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * The load balancers an endpoint service stands on: each must be one of the caller's network (or
 * gateway) load balancers in the region, and belong to no other service.
 */
final class LoadBalancerLinks {
  private LoadBalancerLinks() {}

  /** Checks the ARNs; {@code type} is {@code network} or {@code gateway}. */
  static List<LoadBalancer> require(
      RegionState state, Collection<String> arns, String type, String exceptService) {
    Elbv2Store elb = state.existingPart(Elbv2Store.class);
    EndpointServiceStore store = EndpointServiceStore.of(state);
    List<LoadBalancer> out = new java.util.ArrayList<>();
    for (String arn : arns) {
      LoadBalancerRecord r = elb == null || arn == null ? null : elb.loadBalancers.get(arn);
      if (r == null || !type.equals(r.sdk().typeAsString())) {
        throw new AwsException(
            "InvalidParameter",
            "Load balancer "
                + arn
                + " is not a valid "
                + (type.equals("network") ? "Network" : "Gateway")
                + " Load Balancer of this account");
      }
      synchronized (store) {
        for (EndpointServiceStore.Service s : store.services.values()) {
          if (!s.id.equals(exceptService)
              && (s.networkLoadBalancerArns.contains(arn)
                  || s.gatewayLoadBalancerArns.contains(arn))) {
            throw new AwsException(
                "InvalidParameter",
                "Load balancer " + arn + " is already associated with service " + s.id);
          }
        }
      }
      out.add(r.sdk());
    }
    return out;
  }

  /** The load balancers of these ARNs that still exist. */
  static List<LoadBalancer> existing(RegionState state, Collection<String> arns) {
    Elbv2Store elb = state.existingPart(Elbv2Store.class);
    return arns.stream()
        .map(a -> elb == null ? null : elb.loadBalancers.get(a))
        .filter(java.util.Objects::nonNull)
        .map(LoadBalancerRecord::sdk)
        .toList();
  }

  /** The zones the load balancers are in, sorted. */
  static List<String> zones(List<LoadBalancer> lbs) {
    TreeSet<String> zones = new TreeSet<>();
    for (LoadBalancer lb : lbs) {
      lb.availabilityZones().stream().map(AvailabilityZone::zoneName).forEach(zones::add);
    }
    return List.copyOf(zones);
  }

  /** IPv6 needs every load balancer to be dualstack. */
  static void checkIpTypes(List<LoadBalancer> lbs, Collection<String> ipTypes) {
    for (String t : ipTypes) {
      if (!t.equals("ipv4") && !t.equals("ipv6")) {
        throw AwsException.invalidParameterValue(
            "Invalid value '" + t + "' for SupportedIpAddressType: ipv4 or ipv6");
      }
    }
    if (ipTypes.contains("ipv6")
        && lbs.stream().anyMatch(lb -> !"dualstack".equals(lb.ipAddressTypeAsString()))) {
      throw new AwsException(
          "InvalidParameter", "Supported IP address type ipv6 needs dualstack load balancers");
    }
  }
}
