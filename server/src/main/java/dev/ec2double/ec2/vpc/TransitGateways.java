package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.TransitGateway;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachmentAssociation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayOptions;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable;
import software.amazon.awssdk.services.ec2.model.TransitGatewayVpcAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayVpcAttachmentOptions;

/**
 * Transit gateways, their attachments and route tables as resource kinds, with the filters of
 * DescribeTransitGateways, DescribeTransitGatewayAttachments, DescribeTransitGatewayVpcAttachments
 * and DescribeTransitGatewayRouteTables (MaxResults 5 to 1000 each).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTransitGateways.html
 */
final class TransitGateways {
  private TransitGateways() {}

  static final ResourceKind<TransitGatewayRecords.Gateway, TransitGateway> GATEWAYS =
      ResourceKind.<TransitGatewayRecords.Gateway, TransitGateway>of("tgw", "transit-gateway")
          .errors(
              "InvalidTransitGatewayID.NotFound",
              "transitGateway",
              "InvalidTransitGatewayID.Malformed")
          .storedIn(VpcState::of, st -> st.transitGateways)
          .id(g -> g.id)
          .view(TransitGateways::gateway, TransitGateway::tags)
          .filter(
              "options.propagation-default-route-table-id",
              g -> g.options().propagationDefaultRouteTableId())
          .filter("options.amazon-side-asn", g -> g.options().amazonSideAsn())
          .filter(
              "options.association-default-route-table-id",
              g -> g.options().associationDefaultRouteTableId())
          .filter(
              "options.auto-accept-shared-attachments",
              g -> g.options().autoAcceptSharedAttachmentsAsString())
          .filter(
              "options.default-route-table-association",
              g -> g.options().defaultRouteTableAssociationAsString())
          .filter(
              "options.default-route-table-propagation",
              g -> g.options().defaultRouteTablePropagationAsString())
          .filter("options.dns-support", g -> g.options().dnsSupportAsString())
          .filter("options.vpn-ecmp-support", g -> g.options().vpnEcmpSupportAsString())
          .filter("owner-id", TransitGateway::ownerId)
          .filter("state", TransitGateway::stateAsString)
          .filter("transit-gateway-id", TransitGateway::transitGatewayId)
          .build();

  static final ResourceKind<TransitGatewayRecords.Attachment, TransitGatewayAttachment>
      ATTACHMENTS =
          TransitGateways.<TransitGatewayAttachment>attachments()
              .view(TransitGateways::attachment, TransitGatewayAttachment::tags)
              .filter(
                  "association.transit-gateway-route-table-id",
                  a ->
                      a.association() == null ? null : a.association().transitGatewayRouteTableId())
              .filter(
                  "association.state",
                  a -> a.association() == null ? null : a.association().stateAsString())
              .filter("resource-id", TransitGatewayAttachment::resourceId)
              .filter("resource-owner-id", TransitGatewayAttachment::resourceOwnerId)
              .filter("resource-type", TransitGatewayAttachment::resourceTypeAsString)
              .filter("state", TransitGatewayAttachment::stateAsString)
              .filter(
                  "transit-gateway-attachment-id",
                  TransitGatewayAttachment::transitGatewayAttachmentId)
              .filter("transit-gateway-id", TransitGatewayAttachment::transitGatewayId)
              .filter("transit-gateway-owner-id", TransitGatewayAttachment::transitGatewayOwnerId)
              .build();

  /** The VPC attachments alone, as DescribeTransitGatewayVpcAttachments shows them. */
  static final ResourceKind<TransitGatewayRecords.Attachment, TransitGatewayVpcAttachment>
      VPC_ATTACHMENTS =
          TransitGateways.<TransitGatewayVpcAttachment>attachments()
              .view(TransitGateways::vpcAttachment, TransitGatewayVpcAttachment::tags)
              .filter("state", TransitGatewayVpcAttachment::stateAsString)
              .filter(
                  "transit-gateway-attachment-id",
                  TransitGatewayVpcAttachment::transitGatewayAttachmentId)
              .filter("transit-gateway-id", TransitGatewayVpcAttachment::transitGatewayId)
              .filter("vpc-id", TransitGatewayVpcAttachment::vpcId)
              .build();

  static final ResourceKind<TransitGatewayRecords.RouteTable, TransitGatewayRouteTable>
      ROUTE_TABLES =
          ResourceKind.<TransitGatewayRecords.RouteTable, TransitGatewayRouteTable>of(
                  "tgw-rtb", "transit-gateway-route-table")
              .errors(
                  "InvalidRouteTableID.NotFound",
                  "transitGatewayRouteTable",
                  "InvalidRouteTableId.Malformed")
              .storedIn(VpcState::of, st -> st.transitGatewayRouteTables)
              .id(t -> t.id)
              .view(TransitGateways::routeTable, TransitGatewayRouteTable::tags)
              .filter(
                  "default-association-route-table",
                  TransitGatewayRouteTable::defaultAssociationRouteTable)
              .filter(
                  "default-propagation-route-table",
                  TransitGatewayRouteTable::defaultPropagationRouteTable)
              .filter("state", TransitGatewayRouteTable::stateAsString)
              .filter("transit-gateway-id", TransitGatewayRouteTable::transitGatewayId)
              .filter(
                  "transit-gateway-route-table-id",
                  TransitGatewayRouteTable::transitGatewayRouteTableId)
              .build();

  /** Both views of the attachments share their records, ids and errors. */
  private static <V> ResourceKind.Builder<TransitGatewayRecords.Attachment, V> attachments() {
    return ResourceKind.<TransitGatewayRecords.Attachment, V>of(
            "tgw-attach", "transit-gateway-attachment")
        .errors(
            "InvalidTransitGatewayAttachmentID.NotFound",
            "transitGatewayAttachment",
            "InvalidTransitGatewayAttachmentID.Malformed")
        .storedIn(VpcState::of, st -> st.transitGatewayAttachments)
        .id(a -> a.id);
  }

  private static TransitGateway gateway(RequestContext ctx, TransitGatewayRecords.Gateway g) {
    Map<String, String> o = g.options;
    return TransitGateway.builder()
        .transitGatewayId(g.id)
        .transitGatewayArn(
            "arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":transit-gateway/" + g.id)
        .state(g.state)
        .ownerId(ctx.account())
        .description(g.description)
        .creationTime(g.created)
        .options(
            TransitGatewayOptions.builder()
                .amazonSideAsn(g.amazonSideAsn)
                .transitGatewayCidrBlocks(g.cidrBlocks)
                .autoAcceptSharedAttachments(o.get("AutoAcceptSharedAttachments"))
                .defaultRouteTableAssociation(o.get("DefaultRouteTableAssociation"))
                .associationDefaultRouteTableId(g.associationDefaultTable)
                .defaultRouteTablePropagation(o.get("DefaultRouteTablePropagation"))
                .propagationDefaultRouteTableId(g.propagationDefaultTable)
                .vpnEcmpSupport(o.get("VpnEcmpSupport"))
                .dnsSupport(o.get("DnsSupport"))
                .securityGroupReferencingSupport(o.get("SecurityGroupReferencingSupport"))
                .multicastSupport(o.get("MulticastSupport"))
                .build())
        .tags(ctx.tags().sdkTags(g.id))
        .build();
  }

  private static TransitGatewayAttachment attachment(
      RequestContext ctx, TransitGatewayRecords.Attachment a) {
    return TransitGatewayAttachment.builder()
        .transitGatewayAttachmentId(a.id)
        .transitGatewayId(a.transitGatewayId)
        .transitGatewayOwnerId(ctx.account())
        .resourceOwnerId(ctx.account())
        .resourceType(a.resourceType)
        .resourceId(a.resourceId)
        .state(a.state)
        .association(
            a.routeTableId == null
                ? null
                : TransitGatewayAttachmentAssociation.builder()
                    .transitGatewayRouteTableId(a.routeTableId)
                    .state("associated")
                    .build())
        .creationTime(a.created)
        .tags(ctx.tags().sdkTags(a.id))
        .build();
  }

  private static TransitGatewayVpcAttachment vpcAttachment(
      RequestContext ctx, TransitGatewayRecords.Attachment a) {
    Map<String, String> o = a.options;
    return TransitGatewayVpcAttachment.builder()
        .transitGatewayAttachmentId(a.id)
        .transitGatewayId(a.transitGatewayId)
        .vpcId(a.resourceId)
        .vpcOwnerId(ctx.account())
        .state(a.state)
        .subnetIds(a.subnetIds)
        .creationTime(a.created)
        .options(
            TransitGatewayVpcAttachmentOptions.builder()
                .dnsSupport(o.get("DnsSupport"))
                .ipv6Support(o.get("Ipv6Support"))
                .applianceModeSupport(o.get("ApplianceModeSupport"))
                .securityGroupReferencingSupport(o.get("SecurityGroupReferencingSupport"))
                .build())
        .tags(ctx.tags().sdkTags(a.id))
        .build();
  }

  private static TransitGatewayRouteTable routeTable(
      RequestContext ctx, TransitGatewayRecords.RouteTable t) {
    return TransitGatewayRouteTable.builder()
        .transitGatewayRouteTableId(t.id)
        .transitGatewayId(t.transitGatewayId)
        .state(t.state)
        .defaultAssociationRouteTable(t.defaultAssociation)
        .defaultPropagationRouteTable(t.defaultPropagation)
        .creationTime(t.created)
        .tags(ctx.tags().sdkTags(t.id))
        .build();
  }
}
