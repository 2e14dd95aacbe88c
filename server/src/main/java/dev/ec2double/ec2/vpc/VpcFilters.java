package dev.ec2double.ec2.vpc;

import dev.ec2double.core.FilterSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;

/**
 * The filters the API reference lists for each networking Describe call (IPv6 and Outposts filters
 * match nothing, as ec2-double has neither), and the undocumented names real EC2 takes as well
 * ({@link dev.ec2double.core.FilterAliases}).
 */
final class VpcFilters {
  private VpcFilters() {}

  static final FilterSpec<Vpc> VPCS =
      FilterSpec.<Vpc>of()
          .field("vpc-id", Vpc::vpcId)
          .field("cidr", Vpc::cidrBlock)
          .multi(
              "cidr-block-association.cidr-block",
              v -> map(v.cidrBlockAssociationSet(), VpcCidrBlockAssociation::cidrBlock))
          .multi("cidr-block-association.association-id", v -> assoc(v, "id"))
          .multi("cidr-block-association.state", v -> assoc(v, "state"))
          .field("dhcp-options-id", Vpc::dhcpOptionsId)
          .field("is-default", Vpc::isDefault)
          .field("owner-id", Vpc::ownerId)
          .field("state", Vpc::stateAsString)
          .field("instance-tenancy", Vpc::instanceTenancyAsString)
          .multi(
              "ipv6-cidr-block-association.ipv6-cidr-block",
              v -> map(v.ipv6CidrBlockAssociationSet(), VpcIpv6CidrBlockAssociation::ipv6CidrBlock))
          .multi(
              "ipv6-cidr-block-association.ipv6-pool",
              v -> map(v.ipv6CidrBlockAssociationSet(), VpcIpv6CidrBlockAssociation::ipv6Pool))
          .multi(
              "ipv6-cidr-block-association.association-id",
              v -> map(v.ipv6CidrBlockAssociationSet(), VpcIpv6CidrBlockAssociation::associationId))
          .multi(
              "ipv6-cidr-block-association.state",
              v ->
                  map(v.ipv6CidrBlockAssociationSet(), a -> a.ipv6CidrBlockState().stateAsString()))
          .tags(v -> tags(v.tags()))
          .aliasesOf("DescribeVpcs");

  static final FilterSpec<Subnet> SUBNETS =
      FilterSpec.<Subnet>of()
          .field("subnet-id", Subnet::subnetId)
          .field("subnet-arn", Subnet::subnetArn)
          .field("vpc-id", Subnet::vpcId)
          .field("availability-zone", Subnet::availabilityZone)
          .field("availability-zone-id", Subnet::availabilityZoneId)
          .field("available-ip-address-count", Subnet::availableIpAddressCount)
          .field("cidr-block", Subnet::cidrBlock)
          .field("default-for-az", Subnet::defaultForAz)
          .field("map-public-ip-on-launch", Subnet::mapPublicIpOnLaunch)
          .field("map-customer-owned-ip-on-launch", Subnet::mapCustomerOwnedIpOnLaunch)
          .field("customer-owned-ipv4-pool", Subnet::customerOwnedIpv4Pool)
          .field("enable-dns64", Subnet::enableDns64)
          .field("enable-lni-at-device-index", Subnet::enableLniAtDeviceIndex)
          .field("ipv6-native", Subnet::ipv6Native)
          .field("outpost-arn", Subnet::outpostArn)
          .field("owner-id", Subnet::ownerId)
          .field("state", Subnet::stateAsString)
          .field(
              "private-dns-name-options-on-launch.hostname-type",
              s -> s.privateDnsNameOptionsOnLaunch().hostnameTypeAsString())
          .field(
              "private-dns-name-options-on-launch.enable-resource-name-dns-a-record",
              s -> s.privateDnsNameOptionsOnLaunch().enableResourceNameDnsARecord())
          .field(
              "private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record",
              s -> s.privateDnsNameOptionsOnLaunch().enableResourceNameDnsAAAARecord())
          .multi(
              "ipv6-cidr-block-association.ipv6-cidr-block",
              s ->
                  map(
                      s.ipv6CidrBlockAssociationSet(),
                      SubnetIpv6CidrBlockAssociation::ipv6CidrBlock))
          .multi(
              "ipv6-cidr-block-association.association-id",
              s ->
                  map(
                      s.ipv6CidrBlockAssociationSet(),
                      SubnetIpv6CidrBlockAssociation::associationId))
          .multi(
              "ipv6-cidr-block-association.state",
              s ->
                  map(s.ipv6CidrBlockAssociationSet(), a -> a.ipv6CidrBlockState().stateAsString()))
          .tags(s -> tags(s.tags()))
          .aliasesOf("DescribeSubnets");

  static final FilterSpec<RouteTable> ROUTE_TABLES =
      FilterSpec.<RouteTable>of()
          .field("route-table-id", RouteTable::routeTableId)
          .field("vpc-id", RouteTable::vpcId)
          .field("owner-id", RouteTable::ownerId)
          .multi(
              "association.route-table-association-id",
              t -> map(t.associations(), RouteTableAssociation::routeTableAssociationId))
          .multi(
              "association.route-table-id",
              t -> map(t.associations(), RouteTableAssociation::routeTableId))
          .multi(
              "association.subnet-id", t -> map(t.associations(), RouteTableAssociation::subnetId))
          .multi(
              "association.gateway-id",
              t -> map(t.associations(), RouteTableAssociation::gatewayId))
          .multi(
              "association.main",
              t -> map(t.associations(), a -> String.valueOf(Boolean.TRUE.equals(a.main()))))
          .multi("route.destination-cidr-block", t -> map(t.routes(), Route::destinationCidrBlock))
          .multi(
              "route.destination-ipv6-cidr-block",
              t -> map(t.routes(), Route::destinationIpv6CidrBlock))
          .multi(
              "route.destination-prefix-list-id",
              t -> map(t.routes(), Route::destinationPrefixListId))
          .multi(
              "route.egress-only-internet-gateway-id",
              t -> map(t.routes(), Route::egressOnlyInternetGatewayId))
          .multi("route.gateway-id", t -> map(t.routes(), Route::gatewayId))
          .multi("route.instance-id", t -> map(t.routes(), Route::instanceId))
          .multi("route.nat-gateway-id", t -> map(t.routes(), Route::natGatewayId))
          .multi("route.transit-gateway-id", t -> map(t.routes(), Route::transitGatewayId))
          .multi("route.origin", t -> map(t.routes(), Route::originAsString))
          .multi("route.state", t -> map(t.routes(), Route::stateAsString))
          .multi(
              "route.vpc-peering-connection-id",
              t -> map(t.routes(), Route::vpcPeeringConnectionId))
          .tags(t -> tags(t.tags()));

  static final FilterSpec<SecurityGroup> GROUPS = groups();

  private static FilterSpec<SecurityGroup> groups() {
    FilterSpec<SecurityGroup> f =
        FilterSpec.<SecurityGroup>of()
            .field("group-id", SecurityGroup::groupId)
            .field("group-name", SecurityGroup::groupName)
            .field("description", SecurityGroup::description)
            .field("owner-id", SecurityGroup::ownerId)
            .field("vpc-id", SecurityGroup::vpcId)
            .tags(g -> tags(g.tags()));
    permissionFilters(f, "ip-permission.", SecurityGroup::ipPermissions);
    permissionFilters(f, "egress.ip-permission.", SecurityGroup::ipPermissionsEgress);
    return f;
  }

  private static void permissionFilters(
      FilterSpec<SecurityGroup> f,
      String prefix,
      Function<SecurityGroup, List<IpPermission>> perms) {
    f.multi(prefix + "cidr", g -> flat(perms.apply(g), p -> map(p.ipRanges(), IpRange::cidrIp)))
        .multi(
            prefix + "ipv6-cidr",
            g -> flat(perms.apply(g), p -> map(p.ipv6Ranges(), Ipv6Range::cidrIpv6)))
        .multi(
            prefix + "prefix-list-id",
            g -> flat(perms.apply(g), p -> map(p.prefixListIds(), PrefixListId::prefixListId)))
        .multi(
            prefix + "group-id",
            g -> flat(perms.apply(g), p -> map(p.userIdGroupPairs(), UserIdGroupPair::groupId)))
        .multi(
            prefix + "group-name",
            g -> flat(perms.apply(g), p -> map(p.userIdGroupPairs(), UserIdGroupPair::groupName)))
        .multi(
            prefix + "user-id",
            g -> flat(perms.apply(g), p -> map(p.userIdGroupPairs(), UserIdGroupPair::userId)))
        .multi(prefix + "protocol", g -> map(perms.apply(g), IpPermission::ipProtocol))
        .multi(prefix + "from-port", g -> map(perms.apply(g), p -> str(p.fromPort())))
        .multi(prefix + "to-port", g -> map(perms.apply(g), p -> str(p.toPort())));
  }

  static final FilterSpec<SecurityGroupRule> RULES =
      FilterSpec.<SecurityGroupRule>of()
          .field("group-id", SecurityGroupRule::groupId)
          .field("security-group-rule-id", SecurityGroupRule::securityGroupRuleId)
          .tags(r -> tags(r.tags()));

  static final FilterSpec<NetworkInterface> INTERFACES =
      FilterSpec.<NetworkInterface>of()
          .field("network-interface-id", NetworkInterface::networkInterfaceId)
          .field("availability-zone", NetworkInterface::availabilityZone)
          .field("description", NetworkInterface::description)
          .field("interface-type", NetworkInterface::interfaceTypeAsString)
          .field("mac-address", NetworkInterface::macAddress)
          .field("owner-id", NetworkInterface::ownerId)
          .field("private-dns-name", NetworkInterface::privateDnsName)
          .field("private-ip-address", NetworkInterface::privateIpAddress)
          .multi(
              "addresses.private-ip-address",
              n -> map(n.privateIpAddresses(), a -> a.privateIpAddress()))
          .multi("addresses.primary", n -> map(n.privateIpAddresses(), a -> str(a.primary())))
          .multi(
              "addresses.association.public-ip",
              n -> n.association() == null ? List.of() : List.of(n.association().publicIp()))
          .multi(
              "addresses.association.owner-id",
              n -> n.association() == null ? List.of() : List.of(n.association().ipOwnerId()))
          .field("requester-id", NetworkInterface::requesterId)
          .field("requester-managed", NetworkInterface::requesterManaged)
          .field("source-dest-check", NetworkInterface::sourceDestCheck)
          .field("status", NetworkInterface::statusAsString)
          .field("subnet-id", NetworkInterface::subnetId)
          .field("vpc-id", NetworkInterface::vpcId)
          .multi("group-id", n -> map(n.groups(), GroupIdentifier::groupId))
          .multi("group-name", n -> map(n.groups(), GroupIdentifier::groupName))
          .multi("ipv6-addresses.ipv6-address", n -> List.of())
          .field(
              "association.allocation-id",
              n -> n.association() == null ? null : n.association().allocationId())
          .field(
              "association.association-id",
              n -> n.association() == null ? null : n.association().associationId())
          .field(
              "association.ip-owner-id",
              n -> n.association() == null ? null : n.association().ipOwnerId())
          .field(
              "association.public-ip",
              n -> n.association() == null ? null : n.association().publicIp())
          .field(
              "association.public-dns-name",
              n -> n.association() == null ? null : n.association().publicDnsName())
          .field(
              "attachment.attachment-id",
              n -> n.attachment() == null ? null : n.attachment().attachmentId())
          .field(
              "attachment.attach-time",
              n -> n.attachment() == null ? null : str(n.attachment().attachTime()))
          .field(
              "attachment.delete-on-termination",
              n -> n.attachment() == null ? null : n.attachment().deleteOnTermination())
          .field(
              "attachment.device-index",
              n -> n.attachment() == null ? null : n.attachment().deviceIndex())
          .field(
              "attachment.instance-id",
              n -> n.attachment() == null ? null : n.attachment().instanceId())
          .field(
              "attachment.instance-owner-id",
              n -> n.attachment() == null ? null : n.attachment().instanceOwnerId())
          .field(
              "attachment.status",
              n -> n.attachment() == null ? null : n.attachment().statusAsString())
          .tags(n -> tags(n.tagSet()));

  static final FilterSpec<Address> ADDRESSES =
      FilterSpec.<Address>of()
          .field("allocation-id", Address::allocationId)
          .field("association-id", Address::associationId)
          .field("domain", Address::domainAsString)
          .field("instance-id", Address::instanceId)
          .field("network-border-group", Address::networkBorderGroup)
          .field("network-interface-id", Address::networkInterfaceId)
          .field("network-interface-owner-id", Address::networkInterfaceOwnerId)
          .field("private-ip-address", Address::privateIpAddress)
          .field("public-ip", Address::publicIp)
          .tags(a -> tags(a.tags()));

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  private static <T> Collection<String> map(List<T> items, Function<T, String> value) {
    return items.stream().map(value).filter(v -> v != null).toList();
  }

  private static <T> Collection<String> flat(
      List<T> items, Function<T, Collection<String>> values) {
    return items.stream().flatMap(i -> values.apply(i).stream()).toList();
  }

  private static Collection<String> assoc(Vpc v, String what) {
    return v.cidrBlockAssociationSet().stream()
        .flatMap(
            a ->
                Stream.of(
                    what.equals("id") ? a.associationId() : a.cidrBlockState().stateAsString()))
        .toList();
  }

  static Map<String, String> tags(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
  }
}
