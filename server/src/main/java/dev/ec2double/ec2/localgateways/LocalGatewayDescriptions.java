package dev.ec2double.ec2.localgateways;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTableVpcAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTableVpcAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayVirtualInterfaceGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayVirtualInterfaceGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayVirtualInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayVirtualInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DescribeOutpostLagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeOutpostLagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeServiceLinkVirtualInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeServiceLinkVirtualInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.LocalGateway;
import software.amazon.awssdk.services.ec2.model.LocalGatewayRouteTable;
import software.amazon.awssdk.services.ec2.model.LocalGatewayRouteTableVirtualInterfaceGroupAssociation;
import software.amazon.awssdk.services.ec2.model.LocalGatewayRouteTableVpcAssociation;
import software.amazon.awssdk.services.ec2.model.LocalGatewayVirtualInterface;
import software.amazon.awssdk.services.ec2.model.LocalGatewayVirtualInterfaceGroup;
import software.amazon.awssdk.services.ec2.model.OutpostLag;
import software.amazon.awssdk.services.ec2.model.ServiceLinkVirtualInterface;

/**
 * The Describe calls of Outposts local gateways, link aggregation groups and service link virtual
 * interfaces, as AWS answers them in an account with no Outpost: ids checked, each id not found,
 * filters checked against the ones the API reference lists, the list empty.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeLocalGateways.html
 */
public final class LocalGatewayDescriptions {
  private static final FilterSpec<Object> GATEWAYS =
      NoOutpost.filters("local-gateway-id", "outpost-arn", "owner-id", "state");
  private static final FilterSpec<Object> TABLES =
      NoOutpost.filters(
          "local-gateway-id",
          "local-gateway-route-table-arn",
          "local-gateway-route-table-id",
          "outpost-arn",
          "owner-id",
          "state");
  private static final FilterSpec<Object> INTERFACES =
      NoOutpost.filters(
          "local-address",
          "local-bgp-asn",
          "local-gateway-id",
          "local-gateway-virtual-interface-id",
          "owner-id",
          "peer-address",
          "peer-bgp-asn",
          "vlan");
  private static final FilterSpec<Object> GROUPS =
      NoOutpost.filters(
          "local-gateway-id",
          "local-gateway-virtual-interface-group-id",
          "local-gateway-virtual-interface-id",
          "owner-id");
  private static final FilterSpec<Object> VPC_ASSOCIATIONS =
      NoOutpost.filters(
          "local-gateway-id",
          "local-gateway-route-table-arn",
          "local-gateway-route-table-id",
          "local-gateway-route-table-vpc-association-id",
          "owner-id",
          "state",
          "vpc-id");
  private static final FilterSpec<Object> GROUP_ASSOCIATIONS =
      NoOutpost.filters(
          "local-gateway-id",
          "local-gateway-route-table-arn",
          "local-gateway-route-table-id",
          "local-gateway-route-table-virtual-interface-group-association-id",
          "local-gateway-route-table-virtual-interface-group-id",
          "owner-id",
          "state");
  private static final FilterSpec<Object> LAGS =
      NoOutpost.filters("outpost-lag-id", "outpost-arn", "owner-id", "state");
  private static final FilterSpec<Object> SERVICE_LINKS =
      NoOutpost.filters(
          "outpost-lag-id",
          "outpost-arn",
          "owner-id",
          "state",
          "vlan",
          "service-link-virtual-interface-id");

  public DescribeLocalGatewaysResponse describeLocalGateways(
      RequestContext ctx, DescribeLocalGatewaysRequest req) {
    var page =
        NoOutpost.<LocalGateway>describe(
            ctx,
            req.localGatewayIds(),
            "InvalidLocalGatewayID.NotFound",
            "localGateway",
            GATEWAYS,
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeLocalGatewaysResponse.builder()
        .localGateways(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeLocalGatewayRouteTablesResponse describeLocalGatewayRouteTables(
      RequestContext ctx, DescribeLocalGatewayRouteTablesRequest req) {
    var page =
        NoOutpost.<LocalGatewayRouteTable>describe(
            ctx,
            req.localGatewayRouteTableIds(),
            "InvalidLocalGatewayRouteTableID.NotFound",
            "localGatewayRouteTable",
            TABLES,
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeLocalGatewayRouteTablesResponse.builder()
        .localGatewayRouteTables(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeLocalGatewayVirtualInterfacesResponse describeLocalGatewayVirtualInterfaces(
      RequestContext ctx, DescribeLocalGatewayVirtualInterfacesRequest req) {
    var page =
        NoOutpost.<LocalGatewayVirtualInterface>describe(
            ctx,
            req.localGatewayVirtualInterfaceIds(),
            "InvalidLocalGatewayVirtualInterfaceID.NotFound",
            "localGatewayVirtualInterface",
            INTERFACES,
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeLocalGatewayVirtualInterfacesResponse.builder()
        .localGatewayVirtualInterfaces(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeLocalGatewayVirtualInterfaceGroupsResponse
      describeLocalGatewayVirtualInterfaceGroups(
          RequestContext ctx, DescribeLocalGatewayVirtualInterfaceGroupsRequest req) {
    var page =
        NoOutpost.<LocalGatewayVirtualInterfaceGroup>describe(
            ctx,
            req.localGatewayVirtualInterfaceGroupIds(),
            "InvalidLocalGatewayVirtualInterfaceGroupID.NotFound",
            "localGatewayVirtualInterfaceGroup",
            GROUPS,
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeLocalGatewayVirtualInterfaceGroupsResponse.builder()
        .localGatewayVirtualInterfaceGroups(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeLocalGatewayRouteTableVpcAssociationsResponse
      describeLocalGatewayRouteTableVpcAssociations(
          RequestContext ctx, DescribeLocalGatewayRouteTableVpcAssociationsRequest req) {
    var page =
        NoOutpost.<LocalGatewayRouteTableVpcAssociation>describe(
            ctx,
            req.localGatewayRouteTableVpcAssociationIds(),
            "InvalidLocalGatewayRouteTableVpcAssociationID.NotFound",
            "localGatewayRouteTableVpcAssociation",
            VPC_ASSOCIATIONS,
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeLocalGatewayRouteTableVpcAssociationsResponse.builder()
        .localGatewayRouteTableVpcAssociations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociationsResponse
      describeLocalGatewayRouteTableVirtualInterfaceGroupAssociations(
          RequestContext ctx,
          DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociationsRequest req) {
    var page =
        NoOutpost.<LocalGatewayRouteTableVirtualInterfaceGroupAssociation>describe(
            ctx,
            req.localGatewayRouteTableVirtualInterfaceGroupAssociationIds(),
            "InvalidLocalGatewayRouteTableVirtualInterfaceGroupAssociationID.NotFound",
            "localGatewayRouteTableVirtualInterfaceGroupAssociation",
            GROUP_ASSOCIATIONS,
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociationsResponse.builder()
        .localGatewayRouteTableVirtualInterfaceGroupAssociations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeOutpostLagsResponse describeOutpostLags(
      RequestContext ctx, DescribeOutpostLagsRequest req) {
    var page =
        NoOutpost.<OutpostLag>describe(
            ctx,
            req.outpostLagIds(),
            "InvalidOutpostLagId.NotFound",
            "outpostLag",
            LAGS,
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeOutpostLagsResponse.builder()
        .outpostLags(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeServiceLinkVirtualInterfacesResponse describeServiceLinkVirtualInterfaces(
      RequestContext ctx, DescribeServiceLinkVirtualInterfacesRequest req) {
    var page =
        NoOutpost.<ServiceLinkVirtualInterface>describe(
            ctx,
            req.serviceLinkVirtualInterfaceIds(),
            "InvalidServiceLinkVirtualInterfaceId.NotFound",
            "serviceLinkVirtualInterface",
            SERVICE_LINKS,
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeServiceLinkVirtualInterfacesResponse.builder()
        .serviceLinkVirtualInterfaces(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
