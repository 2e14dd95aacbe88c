package dev.ec2double.ec2.secondarynetworks;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.SecondaryNetwork;
import software.amazon.awssdk.services.ec2.model.SecondaryNetworkIpv4CidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.SecondarySubnet;
import software.amazon.awssdk.services.ec2.model.SecondarySubnetIpv4CidrBlockAssociation;

/**
 * Secondary networks and subnets as resource kinds, with the filters of DescribeSecondaryNetworks
 * and DescribeSecondarySubnets (MaxResults 5-1000). AWS's reference does not show their id
 * prefixes; ec2-double uses {@code sn-} and {@code ss-}.
 */
final class SecondaryNetworks {
  private SecondaryNetworks() {}

  private static final String CIDR = "ipv4-cidr-block-association.";

  static final ResourceKind<SecondaryNetworkState.Network, SecondaryNetwork> NETWORKS =
      ResourceKind.<SecondaryNetworkState.Network, SecondaryNetwork>of("sn", "secondary-network")
          .errors(
              "InvalidSecondaryNetworkId.NotFound",
              "secondaryNetwork",
              "InvalidSecondaryNetworkId.Malformed")
          .storedIn(SecondaryNetworkState::of, st -> st.networks)
          .id(n -> n.id)
          .view(SecondaryNetworks::network, SecondaryNetwork::tags)
          .filterMany(
              CIDR + "association-id", n -> cidr(n.ipv4CidrBlockAssociations(), "AssociationId"))
          .filterMany(CIDR + "cidr-block", n -> cidr(n.ipv4CidrBlockAssociations(), "CidrBlock"))
          .filterMany(CIDR + "state", n -> cidr(n.ipv4CidrBlockAssociations(), "State"))
          .filter("owner-id", SecondaryNetwork::ownerId)
          .filter("secondary-network-id", SecondaryNetwork::secondaryNetworkId)
          .filter("secondary-network-arn", SecondaryNetwork::secondaryNetworkArn)
          .filter("state", SecondaryNetwork::stateAsString)
          .filter("type", SecondaryNetwork::typeAsString)
          .build();

  static final ResourceKind<SecondaryNetworkState.Subnet, SecondarySubnet> SUBNETS =
      ResourceKind.<SecondaryNetworkState.Subnet, SecondarySubnet>of("ss", "secondary-subnet")
          .errors(
              "InvalidSecondarySubnetId.NotFound",
              "secondarySubnet",
              "InvalidSecondarySubnetId.Malformed")
          .storedIn(SecondaryNetworkState::of, st -> st.subnets)
          .id(s -> s.id)
          .view(SecondaryNetworks::subnet, SecondarySubnet::tags)
          .filterMany(
              CIDR + "association-id", n -> cidr(n.ipv4CidrBlockAssociations(), "AssociationId"))
          .filterMany(CIDR + "cidr-block", n -> cidr(n.ipv4CidrBlockAssociations(), "CidrBlock"))
          .filterMany(CIDR + "state", n -> cidr(n.ipv4CidrBlockAssociations(), "State"))
          .filter("owner-id", SecondarySubnet::ownerId)
          .filter("secondary-network-id", SecondarySubnet::secondaryNetworkId)
          .filter("secondary-network-type", SecondarySubnet::secondaryNetworkTypeAsString)
          .filter("secondary-subnet-id", SecondarySubnet::secondarySubnetId)
          .filter("secondary-subnet-arn", SecondarySubnet::secondarySubnetArn)
          .filter("state", SecondarySubnet::stateAsString)
          .build();

  /** One member of each CIDR association (their two classes have the same members). */
  private static List<String> cidr(List<? extends SdkPojo> associations, String member) {
    List<String> out = new java.util.ArrayList<>();
    for (SdkPojo a : associations) {
      for (SdkField<?> f : a.sdkFields()) {
        Object v = f.memberName().equals(member) ? f.getValueOrDefault(a) : null;
        if (v != null) {
          out.add(v.toString());
        }
      }
    }
    return out;
  }

  private static String arn(RequestContext ctx, String type, String id) {
    return "arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":" + type + "/" + id;
  }

  /** The state of a CIDR association that follows its resource's. */
  private static String cidrState(String state) {
    return state.startsWith("delete") ? "disassociated" : "associated";
  }

  static SecondaryNetwork network(RequestContext ctx, SecondaryNetworkState.Network n) {
    return SecondaryNetwork.builder()
        .secondaryNetworkId(n.id)
        .secondaryNetworkArn(arn(ctx, "secondary-network", n.id))
        .ownerId(ctx.account())
        .type(n.type)
        .state(n.state)
        .ipv4CidrBlockAssociations(
            SecondaryNetworkIpv4CidrBlockAssociation.builder()
                .associationId(n.associationId)
                .cidrBlock(n.cidr.toString())
                .state(cidrState(n.state))
                .build())
        .tags(ctx.tags().sdkTags(n.id))
        .build();
  }

  static SecondarySubnet subnet(RequestContext ctx, SecondaryNetworkState.Subnet s) {
    return SecondarySubnet.builder()
        .secondarySubnetId(s.id)
        .secondarySubnetArn(arn(ctx, "secondary-subnet", s.id))
        .secondaryNetworkId(s.networkId)
        .secondaryNetworkType(s.networkType)
        .ownerId(ctx.account())
        .availabilityZone(s.zone)
        .availabilityZoneId(s.zoneId)
        .state(s.state)
        .ipv4CidrBlockAssociations(
            SecondarySubnetIpv4CidrBlockAssociation.builder()
                .associationId(s.associationId)
                .cidrBlock(s.cidr.toString())
                .state(cidrState(s.state))
                .build())
        .tags(ctx.tags().sdkTags(s.id))
        .build();
  }
}
