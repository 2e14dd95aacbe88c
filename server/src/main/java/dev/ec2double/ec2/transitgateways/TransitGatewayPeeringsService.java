package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayPeeringAttachmentsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayPeeringAttachmentsResponse;
import software.amazon.awssdk.services.ec2.model.PeeringAttachmentStatus;
import software.amazon.awssdk.services.ec2.model.PeeringTgwInfo;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPeeringAttachment;

/**
 * Transit gateway peering attachments between two gateways of this server, in one account or two,
 * in one region or two. The requester's side shows {@code initiatingRequest}, then both show {@code
 * pendingAcceptance} until the accepter's account accepts ({@code available}) or rejects; either
 * side may delete. Both regions hold the attachment under one id, each side with its own route
 * table association. Records: no traffic crosses.
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html
 */
public final class TransitGatewayPeeringsService {
  static final ResourceKind<TransitStore.Peering, TransitGatewayPeeringAttachment> KIND =
      ResourceKind.<TransitStore.Peering, TransitGatewayPeeringAttachment>of(
              "tgw-attach", "transit-gateway-attachment")
          .errors(
              "InvalidTransitGatewayAttachmentID.NotFound",
              "transitGatewayAttachment",
              "InvalidTransitGatewayAttachmentID.Malformed")
          .storedIn(TransitStore::of, s -> s.peerings)
          .id(p -> p.id)
          .view(TransitGatewayPeeringsService::view, TransitGatewayPeeringAttachment::tags)
          .filter(
              "transit-gateway-attachment-id",
              TransitGatewayPeeringAttachment::transitGatewayAttachmentId)
          .filter("local-owner-id", p -> p.requesterTgwInfo().ownerId())
          .filter("remote-owner-id", p -> p.accepterTgwInfo().ownerId())
          .filter("state", TransitGatewayPeeringAttachment::stateAsString)
          .filterMany(
              "transit-gateway-id",
              p ->
                  java.util.List.of(
                      p.requesterTgwInfo().transitGatewayId(),
                      p.accepterTgwInfo().transitGatewayId()))
          .build();

  private final BiFunction<String, String, RegionState> states;

  /**
   * @param states the state of an account and region (the accepter's)
   */
  public TransitGatewayPeeringsService(BiFunction<String, String, RegionState> states) {
    this.states = states;
  }

  private static TransitGatewayPeeringAttachment view(RequestContext ctx, TransitStore.Peering p) {
    return TransitGatewayPeeringAttachment.builder()
        .transitGatewayAttachmentId(p.id)
        .requesterTgwInfo(info(p.requester))
        .accepterTgwInfo(info(p.accepter))
        .options(o -> o.dynamicRouting(p.dynamicRouting))
        .status(PeeringAttachmentStatus.builder().code(p.state).message(message(p)).build())
        .state(p.state)
        .creationTime(p.created)
        .tags(ctx.tags().sdkTags(p.id))
        .build();
  }

  private static PeeringTgwInfo info(TransitStore.Side s) {
    return PeeringTgwInfo.builder()
        .transitGatewayId(s.transitGatewayId())
        .ownerId(s.account())
        .region(s.region())
        .build();
  }

  private static String message(TransitStore.Peering p) {
    return switch (p.state) {
      case "pendingAcceptance" -> "Pending Acceptance by " + p.accepter.account();
      case "failed" -> "Failed: the peer transit gateway does not exist";
      default -> p.state.substring(0, 1).toUpperCase() + p.state.substring(1);
    };
  }

  public CreateTransitGatewayPeeringAttachmentResponse createTransitGatewayPeeringAttachment(
      RequestContext ctx, CreateTransitGatewayPeeringAttachmentRequest req) {
    if (req.peerTransitGatewayId() == null) {
      throw AwsException.missingParameter("PeerTransitGatewayId");
    }
    String account = req.peerAccountId() == null ? ctx.account() : req.peerAccountId();
    if (!account.matches("[0-9]{12}")) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + account + "' for PeerAccountId: must be a 12-digit account id");
    }
    String region = req.peerRegion() == null ? ctx.region() : req.peerRegion();
    if (!RegionCatalog.isRegion(region)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + region + "' for PeerRegion: no such region");
    }
    String routing =
        req.options() == null || req.options().dynamicRoutingAsString() == null
            ? "disable"
            : req.options().dynamicRoutingAsString();
    Switches.check(routing, "DynamicRouting");
    var tags = KIND.tags(req.tagSpecifications());
    TransitGatewayLookups.Gateway tgw = TransitGatewayLookups.gateway(ctx, req.transitGatewayId());
    if (tgw.id().equals(req.peerTransitGatewayId())) {
      throw AwsException.invalidParameterValue("A transit gateway cannot peer with itself.");
    }
    boolean here = account.equals(ctx.account()) && region.equals(ctx.region());
    RegionState peerState = here ? ctx.state() : states.apply(account, region);
    boolean peerExists =
        here
            ? TransitGatewayLookups.gateway(ctx, req.peerTransitGatewayId()) != null
            : exists(peerState, account, region, req.peerTransitGatewayId());
    String id =
        TransitGatewayLookups.createAttachment(
            ctx, tags, tgw.id(), "peering", req.peerTransitGatewayId(), "pendingAcceptance", false);
    TransitStore.Peering p =
        new TransitStore.Peering(
            id,
            new TransitStore.Side(ctx.account(), ctx.region(), tgw.id()),
            new TransitStore.Side(account, region, req.peerTransitGatewayId()),
            routing);
    p.state = "pendingAcceptance";
    if (!peerExists) {
      p.state = "failed";
      TransitGatewayLookups.setState(ctx.state(), id, "failed");
    }
    put(ctx.state(), p);
    if (!here && peerExists) {
      TransitGatewayLookups.mirrorAttachment(
          peerState, id, req.peerTransitGatewayId(), "peering", tgw.id(), p.state);
      put(peerState, p);
    }
    return CreateTransitGatewayPeeringAttachmentResponse.builder()
        .transitGatewayPeeringAttachment(
            KIND.view(ctx, p).toBuilder()
                .state("initiatingRequest")
                .status(s -> s.code("initiatingRequest").message("Initiating Request"))
                .build())
        .build();
  }

  private static boolean exists(RegionState state, String account, String region, String tgwId) {
    RequestContext peer = new RequestContext(account, region, null, null, null, state);
    try {
      TransitGatewayLookups.gateway(peer, tgwId);
      return true;
    } catch (AwsException e) {
      return false;
    }
  }

  private static void put(RegionState state, TransitStore.Peering p) {
    TransitStore s = TransitStore.of(state);
    synchronized (s) {
      s.peerings.put(p.id, p);
    }
  }

  public DescribeTransitGatewayPeeringAttachmentsResponse describeTransitGatewayPeeringAttachments(
      RequestContext ctx, DescribeTransitGatewayPeeringAttachmentsRequest req) {
    var page =
        KIND.describe(
            ctx,
            req.transitGatewayAttachmentIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeTransitGatewayPeeringAttachmentsResponse.builder()
        .transitGatewayPeeringAttachments(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Only the accepter's account and region accept or reject, and only a pending request. */
  private TransitStore.Peering pending(RequestContext ctx, String id, String verb) {
    TransitStore.Peering p = live(ctx, id);
    boolean accepter =
        p.accepter.account().equals(ctx.account()) && p.accepter.region().equals(ctx.region());
    if (!accepter) {
      throw new AwsException(
          "InvalidParameterValue",
          "Cannot " + verb + " " + id + ": only the accepter " + p.accepter.account() + " can.");
    }
    if (!p.state.equals("pendingAcceptance")) {
      throw new AwsException(
          "IncorrectState",
          "tgw-attachment " + id + " is in invalid state " + p.state + ": not pendingAcceptance");
    }
    return p;
  }

  private static TransitStore.Peering live(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("TransitGatewayAttachmentId");
    }
    return KIND.getLive(ctx.state(), id, TransitStore.Base::live);
  }

  /** Sets the state on the peering and on both sides' attachments. */
  private void transition(TransitStore.Peering p, String state, boolean end) {
    synchronized (p) {
      p.state = state;
    }
    for (TransitStore.Side s : java.util.List.of(p.requester, p.accepter)) {
      RegionState rs = states.apply(s.account(), s.region());
      if (end) {
        TransitGatewayLookups.delete(rs, p.id);
      } else {
        TransitGatewayLookups.setState(rs, p.id, state);
      }
    }
  }

  public AcceptTransitGatewayPeeringAttachmentResponse acceptTransitGatewayPeeringAttachment(
      RequestContext ctx, AcceptTransitGatewayPeeringAttachmentRequest req) {
    TransitStore.Peering p = pending(ctx, req.transitGatewayAttachmentId(), "accept");
    transition(p, "available", false);
    return AcceptTransitGatewayPeeringAttachmentResponse.builder()
        .transitGatewayPeeringAttachment(
            KIND.view(ctx, p).toBuilder()
                .state("pending")
                .status(s -> s.code("pending").message("Pending"))
                .build())
        .build();
  }

  public RejectTransitGatewayPeeringAttachmentResponse rejectTransitGatewayPeeringAttachment(
      RequestContext ctx, RejectTransitGatewayPeeringAttachmentRequest req) {
    TransitStore.Peering p = pending(ctx, req.transitGatewayAttachmentId(), "reject");
    transition(p, "rejected", true);
    return RejectTransitGatewayPeeringAttachmentResponse.builder()
        .transitGatewayPeeringAttachment(KIND.view(ctx, p).toBuilder().state("rejecting").build())
        .build();
  }

  /** Either side deletes; the attachment leaves both gateways' route tables. */
  public DeleteTransitGatewayPeeringAttachmentResponse deleteTransitGatewayPeeringAttachment(
      RequestContext ctx, DeleteTransitGatewayPeeringAttachmentRequest req) {
    TransitStore.Peering p = live(ctx, req.transitGatewayAttachmentId());
    transition(p, "deleted", true);
    return DeleteTransitGatewayPeeringAttachmentResponse.builder()
        .transitGatewayPeeringAttachment(KIND.view(ctx, p).toBuilder().state("deleting").build())
        .build();
  }
}
