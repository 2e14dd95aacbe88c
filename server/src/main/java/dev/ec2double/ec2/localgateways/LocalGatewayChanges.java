package dev.ec2double.ec2.localgateways;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.CreateTags;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableVirtualInterfaceGroupAssociationRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableVirtualInterfaceGroupAssociationResponse;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableVpcAssociationRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableVpcAssociationResponse;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayVirtualInterfaceGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayVirtualInterfaceGroupResponse;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayVirtualInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayVirtualInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableVirtualInterfaceGroupAssociationRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableVirtualInterfaceGroupAssociationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableVpcAssociationRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableVpcAssociationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayVirtualInterfaceGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayVirtualInterfaceGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayVirtualInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayVirtualInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.ModifyLocalGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.ModifyLocalGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.SearchLocalGatewayRoutesRequest;
import software.amazon.awssdk.services.ec2.model.SearchLocalGatewayRoutesResponse;

/**
 * The calls that make, change or search Outposts local gateway resources. Without an Outpost every
 * one of them names a local gateway, route table, virtual interface group or association that does
 * not exist; the input is checked first (required parameters, CIDRs, VLANs, ASNs, tags), so a wrong
 * request gets the error AWS gives it.
 * https://docs.aws.amazon.com/outposts/latest/network-userguide/outposts-local-gateways.html
 */
public final class LocalGatewayChanges {
  private static final FilterSpec<Object> ROUTES =
      NoOutpost.filters(
          "prefix-list-id",
          "route-search.exact-match",
          "route-search.longest-prefix-match",
          "route-search.subnet-of-match",
          "route-search.supernet-of-match",
          "state",
          "type");

  public CreateLocalGatewayRouteResponse createLocalGatewayRoute(
      RequestContext ctx, CreateLocalGatewayRouteRequest req) {
    String table = NoOutpost.required(req.localGatewayRouteTableId(), "LocalGatewayRouteTableId");
    NoOutpost.destination(req.destinationCidrBlock(), req.destinationPrefixListId());
    NoOutpost.target(req.localGatewayVirtualInterfaceGroupId(), req.networkInterfaceId());
    throw NoOutpost.noTable(table);
  }

  public ModifyLocalGatewayRouteResponse modifyLocalGatewayRoute(
      RequestContext ctx, ModifyLocalGatewayRouteRequest req) {
    String table = NoOutpost.required(req.localGatewayRouteTableId(), "LocalGatewayRouteTableId");
    NoOutpost.destination(req.destinationCidrBlock(), req.destinationPrefixListId());
    NoOutpost.target(req.localGatewayVirtualInterfaceGroupId(), req.networkInterfaceId());
    throw NoOutpost.noTable(table);
  }

  public DeleteLocalGatewayRouteResponse deleteLocalGatewayRoute(
      RequestContext ctx, DeleteLocalGatewayRouteRequest req) {
    String table = NoOutpost.required(req.localGatewayRouteTableId(), "LocalGatewayRouteTableId");
    NoOutpost.destination(req.destinationCidrBlock(), req.destinationPrefixListId());
    throw NoOutpost.noTable(table);
  }

  /** Filters are checked, then the table: there is none to search. */
  public SearchLocalGatewayRoutesResponse searchLocalGatewayRoutes(
      RequestContext ctx, SearchLocalGatewayRoutesRequest req) {
    String table = NoOutpost.required(req.localGatewayRouteTableId(), "LocalGatewayRouteTableId");
    ROUTES.compile(req.filters());
    dev.ec2double.core.Pages.size(ctx.action(), req.maxResults());
    throw NoOutpost.noTable(table);
  }

  public CreateLocalGatewayRouteTableResponse createLocalGatewayRouteTable(
      RequestContext ctx, CreateLocalGatewayRouteTableRequest req) {
    String gateway = NoOutpost.required(req.localGatewayId(), "LocalGatewayId");
    String mode = req.modeAsString();
    if (mode != null && !mode.equals("direct-vpc-routing") && !mode.equals("coip")) {
      throw AwsException.invalidParameterValue(
          "Value (" + mode + ") for parameter Mode is invalid. Use direct-vpc-routing or coip.");
    }
    CreateTags.of(req.tagSpecifications(), "local-gateway-route-table");
    throw NoOutpost.noGateway(gateway);
  }

  public DeleteLocalGatewayRouteTableResponse deleteLocalGatewayRouteTable(
      RequestContext ctx, DeleteLocalGatewayRouteTableRequest req) {
    throw NoOutpost.noTable(
        NoOutpost.required(req.localGatewayRouteTableId(), "LocalGatewayRouteTableId"));
  }

  /** The VPC must exist in the account; the table never does. */
  public CreateLocalGatewayRouteTableVpcAssociationResponse
      createLocalGatewayRouteTableVpcAssociation(
          RequestContext ctx, CreateLocalGatewayRouteTableVpcAssociationRequest req) {
    String table = NoOutpost.required(req.localGatewayRouteTableId(), "LocalGatewayRouteTableId");
    String vpc = NoOutpost.required(req.vpcId(), "VpcId");
    if (!VpcLookups.vpcExists(ctx.state(), vpc)) {
      throw NoOutpost.missing("InvalidVpcID.NotFound", "vpc", vpc);
    }
    CreateTags.of(req.tagSpecifications(), "local-gateway-route-table-vpc-association");
    throw NoOutpost.noTable(table);
  }

  public DeleteLocalGatewayRouteTableVpcAssociationResponse
      deleteLocalGatewayRouteTableVpcAssociation(
          RequestContext ctx, DeleteLocalGatewayRouteTableVpcAssociationRequest req) {
    String id =
        NoOutpost.required(
            req.localGatewayRouteTableVpcAssociationId(), "LocalGatewayRouteTableVpcAssociationId");
    throw NoOutpost.missing(
        "InvalidLocalGatewayRouteTableVpcAssociationID.NotFound",
        "localGatewayRouteTableVpcAssociation",
        id);
  }

  public CreateLocalGatewayRouteTableVirtualInterfaceGroupAssociationResponse
      createLocalGatewayRouteTableVirtualInterfaceGroupAssociation(
          RequestContext ctx,
          CreateLocalGatewayRouteTableVirtualInterfaceGroupAssociationRequest req) {
    String table = NoOutpost.required(req.localGatewayRouteTableId(), "LocalGatewayRouteTableId");
    NoOutpost.required(
        req.localGatewayVirtualInterfaceGroupId(), "LocalGatewayVirtualInterfaceGroupId");
    CreateTags.of(
        req.tagSpecifications(), "local-gateway-route-table-virtual-interface-group-association");
    throw NoOutpost.noTable(table);
  }

  public DeleteLocalGatewayRouteTableVirtualInterfaceGroupAssociationResponse
      deleteLocalGatewayRouteTableVirtualInterfaceGroupAssociation(
          RequestContext ctx,
          DeleteLocalGatewayRouteTableVirtualInterfaceGroupAssociationRequest req) {
    String id =
        NoOutpost.required(
            req.localGatewayRouteTableVirtualInterfaceGroupAssociationId(),
            "LocalGatewayRouteTableVirtualInterfaceGroupAssociationId");
    throw NoOutpost.missing(
        "InvalidLocalGatewayRouteTableVirtualInterfaceGroupAssociationID.NotFound",
        "localGatewayRouteTableVirtualInterfaceGroupAssociation",
        id);
  }

  /** VLAN 1-4094, the two addresses as CIDRs, the peer's ASN; then the group is not found. */
  public CreateLocalGatewayVirtualInterfaceResponse createLocalGatewayVirtualInterface(
      RequestContext ctx, CreateLocalGatewayVirtualInterfaceRequest req) {
    String group =
        NoOutpost.required(
            req.localGatewayVirtualInterfaceGroupId(), "LocalGatewayVirtualInterfaceGroupId");
    NoOutpost.required(req.outpostLagId(), "OutpostLagId");
    if (req.vlan() == null) {
      throw AwsException.missingParameter("Vlan");
    }
    if (req.vlan() < 1 || req.vlan() > 4094) {
      throw AwsException.invalidParameterValue(
          "The value '" + req.vlan() + "' for Vlan is invalid: it must be 1-4094.");
    }
    for (String[] a :
        new String[][] {{req.localAddress(), "LocalAddress"}, {req.peerAddress(), "PeerAddress"}}) {
      if (Cidr.parseOrNull(NoOutpost.required(a[0], a[1])) == null) {
        throw AwsException.invalidParameterValue(
            "Value (" + a[0] + ") for parameter " + a[1] + " is invalid: it must be a CIDR.");
      }
    }
    NoOutpost.asn(
        req.peerBgpAsnExtended() != null
            ? req.peerBgpAsnExtended()
            : req.peerBgpAsn() == null ? null : req.peerBgpAsn().longValue(),
        "PeerBgpAsn");
    CreateTags.of(req.tagSpecifications(), "local-gateway-virtual-interface");
    throw NoOutpost.noGroup(group);
  }

  public DeleteLocalGatewayVirtualInterfaceResponse deleteLocalGatewayVirtualInterface(
      RequestContext ctx, DeleteLocalGatewayVirtualInterfaceRequest req) {
    throw NoOutpost.missing(
        "InvalidLocalGatewayVirtualInterfaceID.NotFound",
        "localGatewayVirtualInterface",
        NoOutpost.required(req.localGatewayVirtualInterfaceId(), "LocalGatewayVirtualInterfaceId"));
  }

  public CreateLocalGatewayVirtualInterfaceGroupResponse createLocalGatewayVirtualInterfaceGroup(
      RequestContext ctx, CreateLocalGatewayVirtualInterfaceGroupRequest req) {
    String gateway = NoOutpost.required(req.localGatewayId(), "LocalGatewayId");
    if (req.localBgpAsn() != null || req.localBgpAsnExtended() != null) {
      NoOutpost.asn(
          req.localBgpAsnExtended() != null
              ? req.localBgpAsnExtended()
              : req.localBgpAsn().longValue(),
          "LocalBgpAsn");
    }
    CreateTags.of(req.tagSpecifications(), "local-gateway-virtual-interface-group");
    throw NoOutpost.noGateway(gateway);
  }

  public DeleteLocalGatewayVirtualInterfaceGroupResponse deleteLocalGatewayVirtualInterfaceGroup(
      RequestContext ctx, DeleteLocalGatewayVirtualInterfaceGroupRequest req) {
    throw NoOutpost.noGroup(
        NoOutpost.required(
            req.localGatewayVirtualInterfaceGroupId(), "LocalGatewayVirtualInterfaceGroupId"));
  }
}
