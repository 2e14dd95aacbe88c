package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AssignIpv6AddressesRequest;
import software.amazon.awssdk.services.ec2.model.AssignIpv6AddressesResponse;
import software.amazon.awssdk.services.ec2.model.AssignPrivateIpAddressesRequest;
import software.amazon.awssdk.services.ec2.model.AssignPrivateIpAddressesResponse;
import software.amazon.awssdk.services.ec2.model.AssignedPrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.UnassignIpv6AddressesRequest;
import software.amazon.awssdk.services.ec2.model.UnassignIpv6AddressesResponse;
import software.amazon.awssdk.services.ec2.model.UnassignPrivateIpAddressesRequest;
import software.amazon.awssdk.services.ec2.model.UnassignPrivateIpAddressesResponse;

/**
 * AssignPrivateIpAddresses / UnassignPrivateIpAddresses (secondary IPv4 addresses of the subnet,
 * taken from its pool, moved from another interface with AllowReassignment) and AssignIpv6Addresses
 * / UnassignIpv6Addresses (addresses of the subnet's /64). Records: DescribeNetworkInterfaces and
 * DescribeInstances show them, the machine does not get them (docs/networking.md).
 */
public final class SecondaryAddressesService {
  /** AWS's per-interface limit for the largest instance types; ec2-double checks only this. */
  static final int MAX_ADDRESSES = 50;

  public AssignPrivateIpAddressesResponse assignPrivateIpAddresses(
      RequestContext ctx, AssignPrivateIpAddressesRequest req) {
    if (!req.ipv4Prefixes().isEmpty() || req.ipv4PrefixCount() != null) {
      throw new AwsException("Unsupported", "ec2-double does not assign IPv4 prefixes.");
    }
    List<String> asked = req.privateIpAddresses();
    Integer count = req.secondaryPrivateIpAddressCount();
    if (!asked.isEmpty() && count != null) {
      throw AwsException.invalidParameterCombination(
          "Specify either PrivateIpAddresses or SecondaryPrivateIpAddressCount, not both.");
    }
    if (asked.isEmpty() && count == null) {
      throw AwsException.missingParameter("PrivateIpAddresses");
    }
    if (count != null && count < 1) {
      throw AwsException.invalidParameterValue(
          "SecondaryPrivateIpAddressCount must be at least 1.");
    }
    VpcState st = VpcState.of(ctx.state());
    List<String> assigned = new ArrayList<>();
    synchronized (st) {
      NetworkInterfaceRecord n = st.networkInterface(req.networkInterfaceId());
      int adding = count != null ? count : asked.size();
      if (1 + n.secondaryIps.size() + adding > MAX_ADDRESSES) {
        throw new AwsException(
            "PrivateIpAddressLimitExceeded",
            "Number of private addresses will exceed limit for " + n.id + ".");
      }
      AddressPool pool = st.subnets.get(n.subnetId).pool;
      if (count != null) {
        for (int i = 0; i < count; i++) {
          assigned.add(pool.allocate());
        }
      } else {
        for (String ip : asked) {
          NetworkInterfaceRecord holder = secondaryHolder(st, ip);
          if (holder == n || ip.equals(n.privateIp)) {
            continue;
          }
          if (holder != null && Boolean.TRUE.equals(req.allowReassignment())) {
            holder.secondaryIps.remove(ip);
            assigned.add(ip);
          } else {
            assigned.add(pool.claim(ip));
          }
        }
      }
      n.secondaryIps.addAll(assigned);
    }
    return AssignPrivateIpAddressesResponse.builder()
        .networkInterfaceId(req.networkInterfaceId())
        .assignedPrivateIpAddresses(
            assigned.stream()
                .map(ip -> AssignedPrivateIpAddress.builder().privateIpAddress(ip).build())
                .toList())
        .build();
  }

  private static NetworkInterfaceRecord secondaryHolder(VpcState st, String ip) {
    for (NetworkInterfaceRecord other : st.interfaces.values()) {
      if (other.secondaryIps.contains(ip)) {
        return other;
      }
    }
    return null;
  }

  public UnassignPrivateIpAddressesResponse unassignPrivateIpAddresses(
      RequestContext ctx, UnassignPrivateIpAddressesRequest req) {
    if (req.privateIpAddresses().isEmpty()) {
      throw AwsException.missingParameter("PrivateIpAddress");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      NetworkInterfaceRecord n = st.networkInterface(req.networkInterfaceId());
      notAllAssigned(n.secondaryIps, req.privateIpAddresses(), n.id);
      AddressPool pool = st.subnets.get(n.subnetId).pool;
      for (String ip : req.privateIpAddresses()) {
        n.secondaryIps.remove(ip);
        pool.release(ip);
      }
    }
    return UnassignPrivateIpAddressesResponse.builder().build();
  }

  private static void notAllAssigned(List<String> held, List<String> asked, String eni) {
    if (!held.containsAll(asked)) {
      throw AwsException.invalidParameterValue(
          "Some of the specified addresses are not assigned to interface " + eni);
    }
  }

  public AssignIpv6AddressesResponse assignIpv6Addresses(
      RequestContext ctx, AssignIpv6AddressesRequest req) {
    if (!req.ipv6Prefixes().isEmpty() || req.ipv6PrefixCount() != null) {
      throw new AwsException("Unsupported", "ec2-double does not assign IPv6 prefixes.");
    }
    List<String> asked = req.ipv6Addresses();
    Integer count = req.ipv6AddressCount();
    if (!asked.isEmpty() && count != null) {
      throw AwsException.invalidParameterCombination(
          "Specify either Ipv6Addresses or Ipv6AddressCount, not both.");
    }
    if (asked.isEmpty() && (count == null || count < 1)) {
      throw AwsException.missingParameter("Ipv6AddressCount");
    }
    VpcState st = VpcState.of(ctx.state());
    List<String> assigned = new ArrayList<>();
    synchronized (st) {
      NetworkInterfaceRecord n = st.networkInterface(req.networkInterfaceId());
      SubnetRecord s = st.subnets.get(n.subnetId);
      if (s.ipv6Cidr == null) {
        throw AwsException.invalidParameterValue(
            "The subnet " + s.id + " of " + n.id + " has no IPv6 CIDR block.");
      }
      Ipv6Blocks.Block block = Ipv6Blocks.parseOrNull(s.ipv6Cidr);
      if (count != null) {
        for (int i = 0; i < count; i++) {
          assigned.add(Ipv6Blocks.randomIn(block));
        }
      } else {
        for (String text : asked) {
          Ipv6Blocks.Block a = Ipv6Blocks.parseOrNull(text + "/128");
          if (a == null || !block.contains(a)) {
            throw AwsException.invalidParameterValue(
                "The IPv6 address " + text + " is not within the subnet's " + s.ipv6Cidr);
          }
          String canonical = Ipv6Blocks.text(a.base());
          boolean taken =
              st.interfaces.values().stream().anyMatch(o -> o.ipv6Addresses.contains(canonical));
          if (taken) {
            throw new AwsException(
                "InvalidIPAddress.InUse", "Address " + canonical + " is in use.");
          }
          assigned.add(canonical);
        }
      }
      n.ipv6Addresses.addAll(assigned);
    }
    return AssignIpv6AddressesResponse.builder()
        .networkInterfaceId(req.networkInterfaceId())
        .assignedIpv6Addresses(assigned)
        .build();
  }

  public UnassignIpv6AddressesResponse unassignIpv6Addresses(
      RequestContext ctx, UnassignIpv6AddressesRequest req) {
    if (req.ipv6Addresses().isEmpty()) {
      throw AwsException.missingParameter("Ipv6Addresses");
    }
    VpcState st = VpcState.of(ctx.state());
    List<String> canonical = new ArrayList<>();
    synchronized (st) {
      NetworkInterfaceRecord n = st.networkInterface(req.networkInterfaceId());
      for (String text : req.ipv6Addresses()) {
        Ipv6Blocks.Block a = Ipv6Blocks.parseOrNull(text + "/128");
        canonical.add(a == null ? text : Ipv6Blocks.text(a.base()));
      }
      notAllAssigned(n.ipv6Addresses, canonical, n.id);
      n.ipv6Addresses.removeAll(canonical);
    }
    return UnassignIpv6AddressesResponse.builder()
        .networkInterfaceId(req.networkInterfaceId())
        .unassignedIpv6Addresses(canonical)
        .build();
  }
}
