package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRouteTableAnnouncementRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRouteTableAnnouncementResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRouteTableAnnouncementRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRouteTableAnnouncementResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayRouteTableAnnouncementsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayRouteTableAnnouncementsResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTableAnnouncement;

/**
 * Route table announcements: a transit gateway route table announced over an available peering
 * attachment of the same gateway (outgoing). Records.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayRouteTableAnnouncement.html
 */
public final class AnnouncementsService {
  static final ResourceKind<TransitStore.Announcement, TransitGatewayRouteTableAnnouncement> KIND =
      ResourceKind.<TransitStore.Announcement, TransitGatewayRouteTableAnnouncement>of(
              "tgw-rtb-announcement", "transit-gateway-route-table-announcement")
          .errors(
              "InvalidTransitGatewayRouteTableAnnouncementId.NotFound",
              "transitGatewayRouteTableAnnouncement",
              "InvalidTransitGatewayRouteTableAnnouncementId.Malformed")
          .storedIn(TransitStore::of, s -> s.announcements)
          .id(a -> a.id)
          .view(AnnouncementsService::view, TransitGatewayRouteTableAnnouncement::tags)
          .filter(
              "peer-transit-gateway-id", TransitGatewayRouteTableAnnouncement::peerTransitGatewayId)
          .filter("state", TransitGatewayRouteTableAnnouncement::stateAsString)
          .filter("transit-gateway-id", TransitGatewayRouteTableAnnouncement::transitGatewayId)
          .filter(
              "transit-gateway-route-table-announcement-id",
              TransitGatewayRouteTableAnnouncement::transitGatewayRouteTableAnnouncementId)
          .build();

  private static TransitGatewayRouteTableAnnouncement view(
      RequestContext ctx, TransitStore.Announcement a) {
    return TransitGatewayRouteTableAnnouncement.builder()
        .transitGatewayRouteTableAnnouncementId(a.id)
        .transitGatewayId(a.transitGatewayId)
        .peerTransitGatewayId(a.peerTransitGatewayId)
        .peeringAttachmentId(a.peeringAttachmentId)
        .announcementDirection("outgoing")
        .transitGatewayRouteTableId(a.routeTableId)
        .state(a.state)
        .creationTime(a.created)
        .tags(ctx.tags().sdkTags(a.id))
        .build();
  }

  public CreateTransitGatewayRouteTableAnnouncementResponse
      createTransitGatewayRouteTableAnnouncement(
          RequestContext ctx, CreateTransitGatewayRouteTableAnnouncementRequest req) {
    var tags = KIND.tags(req.tagSpecifications());
    String gateway = TransitGatewayLookups.routeTableGateway(ctx, req.transitGatewayRouteTableId());
    if (req.peeringAttachmentId() == null) {
      throw AwsException.missingParameter("PeeringAttachmentId");
    }
    TransitGatewayLookups.Attachment p =
        TransitGatewayLookups.attachment(ctx, req.peeringAttachmentId());
    if (!p.resourceType().equals("peering") || !p.transitGatewayId().equals(gateway)) {
      throw AwsException.invalidParameterValue(
          p.id() + " is not a peering attachment of " + gateway + ".");
    }
    if (!p.state().equals("available")) {
      throw new AwsException(
          "IncorrectState", "The peering attachment " + p.id() + " is " + p.state() + ".");
    }
    TransitStore.Announcement a =
        KIND.create(
            ctx,
            tags,
            id ->
                new TransitStore.Announcement(
                    id, gateway, req.transitGatewayRouteTableId(), p.id(), p.resourceId()));
    return CreateTransitGatewayRouteTableAnnouncementResponse.builder()
        .transitGatewayRouteTableAnnouncement(
            KIND.view(ctx, a).toBuilder().state("pending").build())
        .build();
  }

  public DescribeTransitGatewayRouteTableAnnouncementsResponse
      describeTransitGatewayRouteTableAnnouncements(
          RequestContext ctx, DescribeTransitGatewayRouteTableAnnouncementsRequest req) {
    var page =
        KIND.describe(
            ctx,
            req.transitGatewayRouteTableAnnouncementIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeTransitGatewayRouteTableAnnouncementsResponse.builder()
        .transitGatewayRouteTableAnnouncements(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteTransitGatewayRouteTableAnnouncementResponse
      deleteTransitGatewayRouteTableAnnouncement(
          RequestContext ctx, DeleteTransitGatewayRouteTableAnnouncementRequest req) {
    if (req.transitGatewayRouteTableAnnouncementId() == null) {
      throw AwsException.missingParameter("TransitGatewayRouteTableAnnouncementId");
    }
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.Announcement a =
          KIND.getLive(
              ctx.state(), req.transitGatewayRouteTableAnnouncementId(), TransitStore.Base::live);
      a.state = "deleted";
      return DeleteTransitGatewayRouteTableAnnouncementResponse.builder()
          .transitGatewayRouteTableAnnouncement(
              KIND.view(ctx, a).toBuilder().state("deleting").build())
          .build();
    }
  }
}
