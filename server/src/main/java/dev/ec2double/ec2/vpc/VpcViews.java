package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.PrivateDnsNameOptionsOnLaunch;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociationState;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetCidrBlockState;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockState;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;

/** VPCs, subnets, internet gateways and route tables as the Describe calls show them. */
final class VpcViews {
  private VpcViews() {}

  static Vpc vpc(RequestContext ctx, VpcState st, VpcRecord r, String state) {
    return Vpc.builder()
        .vpcId(r.id)
        .state(state)
        .cidrBlock(r.cidr.toString())
        .dhcpOptionsId(r.dhcpOptionsId)
        .instanceTenancy(r.instanceTenancy)
        .isDefault(r.isDefault)
        .ownerId(st.account)
        .cidrBlockAssociationSet(cidrBlocks(r))
        .ipv6CidrBlockAssociationSet(
            r.extraCidrs.stream()
                .filter(VpcRecord.CidrBlock::ipv6)
                .map(b -> ipv6Block(st, b, "associated"))
                .toList())
        .tags(VpcTags.shown(ctx, r.id))
        .build();
  }

  /** The VPC's IPv4 blocks, the primary first. */
  private static List<VpcCidrBlockAssociation> cidrBlocks(VpcRecord r) {
    List<VpcCidrBlockAssociation> out = new java.util.ArrayList<>();
    out.add(ipv4Block(r.cidrAssociationId, r.cidr.toString(), "associated"));
    for (VpcRecord.CidrBlock b : r.extraCidrs) {
      if (!b.ipv6()) {
        out.add(ipv4Block(b.associationId(), b.cidr(), "associated"));
      }
    }
    return out;
  }

  static VpcCidrBlockAssociation ipv4Block(String associationId, String cidr, String state) {
    return VpcCidrBlockAssociation.builder()
        .associationId(associationId)
        .cidrBlock(cidr)
        .cidrBlockState(VpcCidrBlockState.builder().state(state).build())
        .build();
  }

  static VpcIpv6CidrBlockAssociation ipv6Block(VpcState st, VpcRecord.CidrBlock b, String state) {
    return VpcIpv6CidrBlockAssociation.builder()
        .associationId(b.associationId())
        .ipv6CidrBlock(b.cidr())
        .ipv6CidrBlockState(VpcCidrBlockState.builder().state(state).build())
        .ipv6Pool("Amazon")
        .networkBorderGroup(st.region)
        .build();
  }

  static SubnetIpv6CidrBlockAssociation subnetIpv6Block(SubnetRecord r, String state) {
    return SubnetIpv6CidrBlockAssociation.builder()
        .associationId(r.ipv6AssociationId)
        .ipv6CidrBlock(r.ipv6Cidr)
        .ipv6CidrBlockState(SubnetCidrBlockState.builder().state(state).build())
        .ipSource("amazon")
        .ipv6AddressAttribute("public")
        .build();
  }

  static Subnet subnet(RequestContext ctx, VpcState st, SubnetRecord r) {
    return Subnet.builder()
        .subnetId(r.id)
        .subnetArn("arn:aws:ec2:" + st.region + ":" + st.account + ":subnet/" + r.id)
        .vpcId(r.vpcId)
        .state("available")
        .cidrBlock(r.cidr.toString())
        .availabilityZone(r.zone)
        .availabilityZoneId(r.zoneId)
        .availableIpAddressCount(r.pool.available())
        .defaultForAz(r.defaultForAz)
        .mapPublicIpOnLaunch(r.mapPublicIpOnLaunch)
        .mapCustomerOwnedIpOnLaunch(false)
        .assignIpv6AddressOnCreation(r.assignIpv6AddressOnCreation)
        .ipv6CidrBlockAssociationSet(
            r.ipv6Cidr == null ? List.of() : List.of(subnetIpv6Block(r, "associated")))
        .enableDns64(r.enableDns64)
        .enableLniAtDeviceIndex(r.lniAtDeviceIndex)
        .ipv6Native(false)
        .ownerId(st.account)
        .privateDnsNameOptionsOnLaunch(
            PrivateDnsNameOptionsOnLaunch.builder()
                .hostnameType(r.hostnameType)
                .enableResourceNameDnsARecord(r.resourceNameDnsA)
                .enableResourceNameDnsAAAARecord(r.resourceNameDnsAaaa)
                .build())
        .tags(VpcTags.shown(ctx, r.id))
        .build();
  }

  static RouteTable routeTable(RequestContext ctx, VpcState st, RouteTableRecord r) {
    return RouteTable.builder()
        .routeTableId(r.id)
        .vpcId(r.vpcId)
        .ownerId(st.account)
        .routes(r.routes.stream().map(route -> route(ctx, st, route)).toList())
        .associations(
            r.associations.stream()
                .map(
                    a ->
                        RouteTableAssociation.builder()
                            .routeTableAssociationId(a.id())
                            .routeTableId(r.id)
                            .subnetId(a.subnetId())
                            .gatewayId(a.gatewayId())
                            .main(a.main())
                            .associationState(
                                RouteTableAssociationState.builder().state("associated").build())
                            .build())
                .toList())
        .propagatingVgws(
            r.propagatingVgws.stream()
                .map(
                    g ->
                        software.amazon.awssdk.services.ec2.model.PropagatingVgw.builder()
                            .gatewayId(g)
                            .build())
                .toList())
        .tags(VpcTags.shown(ctx, r.id) == null ? List.of() : VpcTags.shown(ctx, r.id))
        .build();
  }

  /** A route is blackhole when its target is gone (a detached or deleted gateway). */
  private static Route route(RequestContext ctx, VpcState st, RouteTableRecord.Route r) {
    String d = r.destination();
    Route.Builder b =
        Route.builder()
            .gatewayId(r.gatewayId())
            .instanceId(r.instanceId())
            .instanceOwnerId(r.instanceId() == null ? null : st.account)
            .networkInterfaceId(r.eniId())
            .natGatewayId(r.natGatewayId())
            .vpcPeeringConnectionId(r.peeringId())
            .egressOnlyInternetGatewayId(r.egressOnlyGatewayId())
            .transitGatewayId(r.transitGatewayId())
            .carrierGatewayId(r.carrierGatewayId())
            .localGatewayId(r.localGatewayId())
            .coreNetworkArn(r.coreNetworkArn())
            .origin(r.origin())
            .state(RouteTargets.active(ctx.state(), st, r) ? "active" : "blackhole");
    if (r.vpcEndpointId() != null) {
      // AWS shows a gateway endpoint's route with the endpoint in gatewayId
      b.gatewayId(r.vpcEndpointId());
    }
    if (d.startsWith("pl-")) {
      b.destinationPrefixListId(d);
    } else if (RouteTargets.isIpv6(d)) {
      b.destinationIpv6CidrBlock(d);
    } else {
      b.destinationCidrBlock(d);
    }
    return b.build();
  }
}
