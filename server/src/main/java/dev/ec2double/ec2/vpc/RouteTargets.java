package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RegionState;
import dev.ec2double.errors.AwsException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The destination and target of CreateRoute and ReplaceRoute, checked as AWS checks them: exactly
 * one destination (IPv4 CIDR, IPv6 CIDR or prefix list) and exactly one target, which must exist
 * and, where it belongs to a VPC, belong to the route table's. Targets of kinds this server does
 * not model (transit, carrier, local gateways, VPC endpoints, NAT gateways until they exist) are
 * AWS's not-found answer for their id.
 */
final class RouteTargets {
  private RouteTargets() {}

  /** What a CreateRoute or ReplaceRoute request asks for. */
  record Ask(
      String cidr,
      String ipv6Cidr,
      String prefixListId,
      String gatewayId,
      String instanceId,
      String eniId,
      String natGatewayId,
      String peeringId,
      String egressOnlyGatewayId,
      String transitGatewayId,
      String carrierGatewayId,
      String vpcEndpointId,
      String localGatewayId,
      String coreNetworkArn) {

    /** The members of a CreateRoute or ReplaceRoute request (both have them, by these names). */
    static Ask of(software.amazon.awssdk.core.SdkRequest req) {
      java.util.function.Function<String, String> f =
          name -> req.getValueForField(name, String.class).orElse(null);
      return new Ask(
          f.apply("DestinationCidrBlock"),
          f.apply("DestinationIpv6CidrBlock"),
          f.apply("DestinationPrefixListId"),
          f.apply("GatewayId"),
          f.apply("InstanceId"),
          f.apply("NetworkInterfaceId"),
          f.apply("NatGatewayId"),
          f.apply("VpcPeeringConnectionId"),
          f.apply("EgressOnlyInternetGatewayId"),
          f.apply("TransitGatewayId"),
          f.apply("CarrierGatewayId"),
          f.apply("VpcEndpointId"),
          f.apply("LocalGatewayId"),
          f.apply("CoreNetworkArn"));
    }
  }

  /** The destination a request names, normalized, or AWS's error. */
  static String destination(String cidr, String ipv6Cidr, String prefixListId) {
    int given =
        (cidr != null ? 1 : 0) + (ipv6Cidr != null ? 1 : 0) + (prefixListId != null ? 1 : 0);
    if (given == 0) {
      throw AwsException.missingParameter("destinationCidrBlock");
    }
    if (given > 1) {
      throw AwsException.invalidParameterCombination(
          "Only one of destinationCidrBlock, destinationIpv6CidrBlock or destinationPrefixListId"
              + " may be given");
    }
    if (cidr != null) {
      Cidr c = Cidr.parseOrNull(cidr);
      if (c == null) {
        throw AwsException.invalidParameterValue(
            "Value ("
                + cidr
                + ") for parameter destinationCidrBlock is invalid. This is not a valid CIDR"
                + " block.");
      }
      return c.toString();
    }
    if (ipv6Cidr != null) {
      return ipv6(ipv6Cidr);
    }
    if (!prefixListId.matches("pl-[0-9a-f]{8,17}")) {
      throw new AwsException(
          "InvalidPrefixListId.Malformed",
          "The prefix list ID '" + prefixListId + "' is malformed");
    }
    return prefixListId;
  }

  private static String ipv6(String text) {
    int slash = text.indexOf('/');
    try {
      int prefix = Integer.parseInt(text.substring(slash + 1));
      String address = text.substring(0, slash);
      if (slash < 0 || !address.contains(":") || prefix < 0 || prefix > 128) {
        throw new IllegalArgumentException();
      }
      InetAddress.getByName(address);
      return text.toLowerCase(Locale.ROOT);
    } catch (RuntimeException | java.net.UnknownHostException e) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + text
              + ") for parameter destinationIpv6CidrBlock is invalid. This is not a valid IPv6"
              + " CIDR block.");
    }
  }

  static boolean isIpv6(String destination) {
    return destination.contains(":");
  }

  /** The route a request makes in table {@code t}, with {@code st}'s lock held. */
  static RouteTableRecord.Route route(
      RegionState region,
      VpcState st,
      InstancePlacements placements,
      RouteTableRecord t,
      Ask a,
      boolean allowLocal) {
    String destination = destination(a.cidr(), a.ipv6Cidr(), a.prefixListId());
    if (a.prefixListId() != null) {
      PrefixLists.KIND.get(region, destination);
    }
    List<String> targets = new ArrayList<>();
    for (String v :
        new String[] {
          a.gatewayId(),
          a.instanceId(),
          a.eniId(),
          a.natGatewayId(),
          a.peeringId(),
          a.egressOnlyGatewayId(),
          a.transitGatewayId(),
          a.carrierGatewayId(),
          a.vpcEndpointId(),
          a.localGatewayId(),
          a.coreNetworkArn()
        }) {
      if (v != null) {
        targets.add(v);
      }
    }
    if (targets.size() != 1) {
      throw AwsException.invalidParameterCombination(
          "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId,"
              + " vpcPeeringConnectionId, egressOnlyInternetGatewayId, transitGatewayId,"
              + " localGatewayId, carrierGatewayId, vpcEndpointId, coreNetworkArn or instanceId");
    }
    if (a.gatewayId() != null) {
      gateway(region, t, a.gatewayId(), allowLocal);
    } else if (a.instanceId() != null) {
      InstancePlacements.Placement p = placements.of(region, a.instanceId());
      if (!t.vpcId.equals(p.vpcId())) {
        throw differentNetworks(t, a.instanceId());
      }
    } else if (a.eniId() != null) {
      NetworkInterfaceRecord eni = st.networkInterface(a.eniId());
      if (!t.vpcId.equals(eni.vpcId)) {
        throw differentNetworks(t, eni.id);
      }
    } else if (a.peeringId() != null) {
      VpcPeeringRecord p = VpcPeerings.KIND.get(region, a.peeringId());
      if (!t.vpcId.equals(p.requester.vpcId()) && !t.vpcId.equals(p.accepter.vpcId())) {
        throw differentNetworks(t, p.id);
      }
    } else if (a.egressOnlyGatewayId() != null) {
      EgressOnlyInternetGatewayRecord g =
          EgressOnlyInternetGateways.KIND.get(region, a.egressOnlyGatewayId());
      if (!t.vpcId.equals(g.vpcId())) {
        throw differentNetworks(t, g.id());
      }
      if (!isIpv6(destination)) {
        throw AwsException.invalidParameterValue(
            "Route table "
                + t.id
                + ": an egress-only internet gateway can only be the target of an IPv6"
                + " destination");
      }
    } else if (a.natGatewayId() != null) {
      NatGatewayLookup.check(region, t, a.natGatewayId());
    } else if (a.vpcEndpointId() != null) {
      VpcEndpointRecord e = VpcEndpoints.KIND.get(region, a.vpcEndpointId());
      if (!t.vpcId.equals(e.vpcId)) {
        throw differentNetworks(t, e.id);
      }
    } else {
      unmodelled(region, a);
    }
    return new RouteTableRecord.Route(
        destination,
        a.gatewayId(),
        a.instanceId(),
        a.eniId(),
        a.natGatewayId(),
        "CreateRoute",
        a.peeringId(),
        a.egressOnlyGatewayId(),
        a.transitGatewayId(),
        a.carrierGatewayId(),
        a.vpcEndpointId(),
        a.localGatewayId(),
        a.coreNetworkArn());
  }

  private static void gateway(
      RegionState region, RouteTableRecord t, String id, boolean allowLocal) {
    if (id.equals("local")) {
      if (!allowLocal) {
        throw AwsException.invalidParameterValue(
            "The 'local' target can only be used to restore the local route");
      }
      return;
    }
    if (id.startsWith("igw-") && InternetGateways.KIND.exists(region, id)) {
      InternetGatewayRecord g = InternetGateways.KIND.get(region, id);
      if (!t.vpcId.equals(g.vpcId)) {
        throw AwsException.invalidParameterValue(
            "route table "
                + t.id
                + " and network gateway "
                + g.id
                + " belong to different networks");
      }
      return;
    }
    throw new AwsException(
        "InvalidGatewayID.NotFound", "The gateway ID '" + id + "' does not exist");
  }

  private static void unmodelled(RegionState region, Ask a) {
    if (a.transitGatewayId() != null) {
      throw new AwsException(
          "InvalidTransitGatewayID.NotFound",
          "The transitGateway ID '" + a.transitGatewayId() + "' does not exist.");
    }
    if (a.carrierGatewayId() != null) {
      if (CarrierGateways.KIND.exists(region, a.carrierGatewayId())) {
        // AWS: "You can only use this option when the VPC contains a subnet which is associated
        // with a Wavelength Zone", and no region here has one
        throw AwsException.invalidParameterValue(
            "The carrier gateway "
                + a.carrierGatewayId()
                + " can only be a target when the VPC has a subnet in a Wavelength Zone");
      }
      throw new AwsException(
          "InvalidCarrierGatewayID.NotFound",
          "The CarrierGateway ID '" + a.carrierGatewayId() + "' does not exist");
    }
    if (a.localGatewayId() != null) {
      throw new AwsException(
          "InvalidLocalGatewayID.NotFound",
          "The localGateway ID '" + a.localGatewayId() + "' does not exist");
    }
    throw AwsException.invalidParameterValue(
        "The core network '" + a.coreNetworkArn() + "' does not exist");
  }

  private static AwsException differentNetworks(RouteTableRecord t, String target) {
    return AwsException.invalidParameterValue(
        "route table " + t.id + " and network gateway " + target + " belong to different networks");
  }

  /** Whether the route's target is there and usable now; else the route is a blackhole. */
  static boolean active(RegionState region, VpcState st, RouteTableRecord.Route r) {
    if (r.gatewayId() != null && r.gatewayId().startsWith("igw-")) {
      InternetGatewayRecord g = st.gateways.get(r.gatewayId());
      return g != null && g.vpcId != null;
    }
    if (r.eniId() != null) {
      return st.interfaces.containsKey(r.eniId());
    }
    if (r.peeringId() != null) {
      VpcPeeringRecord p = st.peerings.get(r.peeringId());
      return p != null && p.active();
    }
    if (r.egressOnlyGatewayId() != null) {
      return st.egressOnlyGateways.containsKey(r.egressOnlyGatewayId());
    }
    if (r.natGatewayId() != null) {
      return NatGatewayLookup.available(region, r.natGatewayId());
    }
    if (r.vpcEndpointId() != null) {
      return st.endpoints.containsKey(r.vpcEndpointId());
    }
    return true;
  }
}
