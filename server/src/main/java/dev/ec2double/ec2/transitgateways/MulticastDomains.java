package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastDomain;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastGroup;

/**
 * Multicast domains as a resource kind with DescribeTransitGatewayMulticastDomains' filters, and
 * the filters of SearchTransitGatewayMulticastGroups.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTransitGatewayMulticastDomains.html
 */
final class MulticastDomains {
  private MulticastDomains() {}

  static final ResourceKind<TransitStore.MulticastDomain, TransitGatewayMulticastDomain> KIND =
      ResourceKind.<TransitStore.MulticastDomain, TransitGatewayMulticastDomain>of(
              "tgw-mcast-domain", "transit-gateway-multicast-domain")
          .errors(
              "InvalidTransitGatewayMulticastDomainId.NotFound",
              "transitGatewayMulticastDomain",
              "InvalidTransitGatewayMulticastDomainId.Malformed")
          .storedIn(TransitStore::of, s -> s.domains)
          .id(d -> d.id)
          .view(MulticastDomains::view, TransitGatewayMulticastDomain::tags)
          .filter("state", TransitGatewayMulticastDomain::stateAsString)
          .filter("transit-gateway-id", TransitGatewayMulticastDomain::transitGatewayId)
          .filter(
              "transit-gateway-multicast-domain-id",
              TransitGatewayMulticastDomain::transitGatewayMulticastDomainId)
          .build();

  static final FilterSpec<TransitGatewayMulticastGroup> GROUP_FILTERS =
      FilterSpec.<TransitGatewayMulticastGroup>of()
          .field("group-ip-address", TransitGatewayMulticastGroup::groupIpAddress)
          .field("is-group-member", g -> Boolean.TRUE.equals(g.groupMember()))
          .field("is-group-source", g -> Boolean.TRUE.equals(g.groupSource()))
          .field("member-type", TransitGatewayMulticastGroup::memberTypeAsString)
          .field("resource-id", TransitGatewayMulticastGroup::resourceId)
          .field("resource-type", TransitGatewayMulticastGroup::resourceTypeAsString)
          .field("source-type", TransitGatewayMulticastGroup::sourceTypeAsString)
          .field("subnet-id", TransitGatewayMulticastGroup::subnetId)
          .field(
              "transit-gateway-attachment-id",
              TransitGatewayMulticastGroup::transitGatewayAttachmentId);

  private static TransitGatewayMulticastDomain view(
      RequestContext ctx, TransitStore.MulticastDomain d) {
    return TransitGatewayMulticastDomain.builder()
        .transitGatewayMulticastDomainId(d.id)
        .transitGatewayId(d.transitGatewayId)
        .transitGatewayMulticastDomainArn(
            "arn:aws:ec2:"
                + ctx.region()
                + ":"
                + ctx.account()
                + ":transit-gateway-multicast-domain/"
                + d.id)
        .ownerId(ctx.account())
        .options(
            o ->
                o.igmpv2Support(d.options.get("Igmpv2Support"))
                    .staticSourcesSupport(d.options.get("StaticSourcesSupport"))
                    .autoAcceptSharedAssociations(d.options.get("AutoAcceptSharedAssociations")))
        .state(d.state)
        .creationTime(d.created)
        .tags(ctx.tags().sdkTags(d.id))
        .build();
  }

  /** The registrations of a domain as Search shows them: one row per interface and group. */
  static List<TransitGatewayMulticastGroup> groups(
      RequestContext ctx, TransitStore.MulticastDomain d) {
    return d.groups.stream()
        .map(
            e -> {
              TransitStore.DomainSubnet where =
                  d.subnets.stream()
                      .filter(s -> s.subnetId().equals(e.subnetId()))
                      .findFirst()
                      .orElse(null);
              String attachment = where == null ? null : where.attachmentId();
              String resource = where == null ? null : where.resourceId();
              return TransitGatewayMulticastGroup.builder()
                  .groupIpAddress(e.group())
                  .networkInterfaceId(e.eni())
                  .subnetId(e.subnetId())
                  .transitGatewayAttachmentId(attachment)
                  .resourceId(resource)
                  .resourceType("vpc")
                  .resourceOwnerId(ctx.account())
                  .groupMember(!e.source())
                  .groupSource(e.source())
                  .memberType(e.source() ? null : "static")
                  .sourceType(e.source() ? "static" : null)
                  .build();
            })
        .toList();
  }
}
