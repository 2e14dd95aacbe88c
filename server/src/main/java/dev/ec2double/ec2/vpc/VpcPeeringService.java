package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ec2.model.AcceptVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.AcceptVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcPeeringConnectionOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcPeeringConnectionOptionsResponse;
import software.amazon.awssdk.services.ec2.model.PeeringConnectionOptions;
import software.amazon.awssdk.services.ec2.model.PeeringConnectionOptionsRequest;
import software.amazon.awssdk.services.ec2.model.RejectVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.RejectVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionStateReason;

/**
 * VPC peering connections between VPCs of this server, in one account or two, in one region or two.
 * The states are AWS's: a request is {@code initiating-request} in the Create answer, then {@code
 * pending-acceptance} for seven days (then {@code expired}); the accepter's account accepts ({@code
 * active}) or rejects it ({@code rejected}); either side deletes it ({@code deleted}). A request
 * whose VPCs' IPv4 blocks overlap, or whose peer VPC is not there, is {@code failed}. Records of
 * ended connections stay visible. Once active, the routes to it decide what the host routes between
 * the two VPCs' networks ({@link VpcPeeringEnforcer}).
 */
public final class VpcPeeringService {
  private static final Duration ACCEPT_WITHIN = Duration.ofDays(7);
  static final String FAILED =
      "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range";

  private final BiFunction<String, String, RegionState> states;
  private final VpcPeeringEnforcer enforcer;

  /**
   * @param states the state of an account and region (the accepter's)
   */
  public VpcPeeringService(
      BiFunction<String, String, RegionState> states, VpcPeeringEnforcer enforcer) {
    this.states = states;
    this.enforcer = enforcer;
  }

  public CreateVpcPeeringConnectionResponse createVpcPeeringConnection(
      RequestContext ctx, CreateVpcPeeringConnectionRequest req) {
    var tags = VpcPeerings.KIND.tags(req.tagSpecifications());
    if (req.vpcId() == null) {
      throw AwsException.missingParameter("vpcId");
    }
    if (req.peerVpcId() == null) {
      throw AwsException.missingParameter("peerVpcId");
    }
    String peerAccount = req.peerOwnerId() == null ? ctx.account() : req.peerOwnerId();
    if (!peerAccount.matches("[0-9]{12}")) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + peerAccount + "' for peerOwnerId: must be a 12-digit account id");
    }
    String peerRegion = req.peerRegion() == null ? ctx.region() : req.peerRegion();
    if (!RegionCatalog.isRegion(peerRegion)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + peerRegion + "' for peerRegion: no such region");
    }
    VpcState st = VpcState.of(ctx.state());
    VpcRecord vpc = st.vpc(req.vpcId());
    boolean here = peerAccount.equals(ctx.account()) && peerRegion.equals(ctx.region());
    RegionState peerState = here ? ctx.state() : states.apply(peerAccount, peerRegion);
    VpcState peer = VpcState.of(peerState);
    VpcRecord peerVpc;
    synchronized (peer) {
      peerVpc = peer.vpcs.get(req.peerVpcId());
    }
    if (peerVpc == null && here) {
      throw new AwsException(
          "InvalidVpcID.NotFound", "The vpc ID '" + req.peerVpcId() + "' does not exist");
    }
    VpcPeeringRecord.Side requester =
        new VpcPeeringRecord.Side(
            ctx.account(), ctx.region(), vpc.id, vpc.cidr.toString(), vpc.networkName());
    VpcPeeringRecord.Side accepter =
        new VpcPeeringRecord.Side(
            peerAccount,
            peerRegion,
            req.peerVpcId(),
            peerVpc == null ? null : peerVpc.cidr.toString(),
            peerVpc == null ? null : peerVpc.networkName());
    boolean fails = peerVpc == null || vpc.cidr.overlaps(peerVpc.cidr);
    Instant expiration = Instant.now().plus(ACCEPT_WITHIN).truncatedTo(ChronoUnit.SECONDS);
    VpcPeeringRecord p =
        VpcPeerings.KIND.create(
            ctx, tags, id -> new VpcPeeringRecord(id, requester, accepter, expiration));
    if (fails) {
      p.set("failed", FAILED);
    } else {
      p.set("pending-acceptance", "Pending Acceptance by " + peerAccount);
      if (!here) {
        synchronized (peer) {
          peer.peerings.put(p.id, p);
        }
      }
    }
    VpcPeeringConnection shown = VpcPeerings.KIND.view(ctx, p);
    // the Create answer shows the request as it starts
    return CreateVpcPeeringConnectionResponse.builder()
        .vpcPeeringConnection(
            shown.toBuilder()
                .status(
                    VpcPeeringConnectionStateReason.builder()
                        .code("initiating-request")
                        .message("Initiating Request to " + peerAccount)
                        .build())
                .expirationTime(expiration)
                .build())
        .build();
  }

  public DescribeVpcPeeringConnectionsResponse describeVpcPeeringConnections(
      RequestContext ctx, DescribeVpcPeeringConnectionsRequest req) {
    var page =
        VpcPeerings.KIND.describe(
            ctx, req.vpcPeeringConnectionIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeVpcPeeringConnectionsResponse.builder()
        .vpcPeeringConnections(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public AcceptVpcPeeringConnectionResponse acceptVpcPeeringConnection(
      RequestContext ctx, AcceptVpcPeeringConnectionRequest req) {
    VpcPeeringRecord p = accepterOnly(ctx, req.vpcPeeringConnectionId(), "accept");
    transition(p, "active", "Active");
    enforcer.refresh(ctx.state());
    return AcceptVpcPeeringConnectionResponse.builder()
        .vpcPeeringConnection(VpcPeerings.KIND.view(ctx, p))
        .build();
  }

  public RejectVpcPeeringConnectionResponse rejectVpcPeeringConnection(
      RequestContext ctx, RejectVpcPeeringConnectionRequest req) {
    VpcPeeringRecord p = accepterOnly(ctx, req.vpcPeeringConnectionId(), "reject");
    transition(p, "rejected", "Rejected by " + ctx.account());
    return RejectVpcPeeringConnectionResponse.builder().returnValue(true).build();
  }

  public DeleteVpcPeeringConnectionResponse deleteVpcPeeringConnection(
      RequestContext ctx, DeleteVpcPeeringConnectionRequest req) {
    VpcPeeringRecord p = found(ctx, req.vpcPeeringConnectionId());
    synchronized (p) {
      String code = p.code();
      if (code.equals("pending-acceptance") && !isRequester(ctx, p)) {
        throw new AwsException(
            "OperationNotPermitted",
            "User "
                + ctx.account()
                + " cannot delete pending peering "
                + p.id
                + ": only its requester can; the accepter rejects it");
      }
      if (!code.equals("pending-acceptance") && !code.equals("active")) {
        throw invalidTransition(p, code, "deleted");
      }
      p.set("deleted", "Deleted by " + ctx.account());
    }
    enforcer.refresh(ctx.state());
    return DeleteVpcPeeringConnectionResponse.builder().returnValue(true).build();
  }

  /**
   * Each account sets the options of its own side (both, when it owns both VPCs), on an active
   * connection; only DNS resolution is left to set now that ClassicLink is retired.
   */
  public ModifyVpcPeeringConnectionOptionsResponse modifyVpcPeeringConnectionOptions(
      RequestContext ctx, ModifyVpcPeeringConnectionOptionsRequest req) {
    VpcPeeringRecord p = found(ctx, req.vpcPeeringConnectionId());
    PeeringConnectionOptionsRequest asRequester = req.requesterPeeringConnectionOptions();
    PeeringConnectionOptionsRequest asAccepter = req.accepterPeeringConnectionOptions();
    if (asRequester == null && asAccepter == null) {
      throw AwsException.missingParameter("requesterPeeringConnectionOptions");
    }
    for (PeeringConnectionOptionsRequest o :
        new PeeringConnectionOptionsRequest[] {asRequester, asAccepter}) {
      if (o != null
          && (Boolean.TRUE.equals(o.allowEgressFromLocalClassicLinkToRemoteVpc())
              || Boolean.TRUE.equals(o.allowEgressFromLocalVpcToRemoteClassicLink()))) {
        throw new AwsException(
            "UnsupportedOperation", "ClassicLink is not supported: EC2-Classic has been retired");
      }
    }
    synchronized (p) {
      if (!p.active()) {
        throw new AwsException(
            "OperationNotPermitted",
            "Peering connection " + p.id + " is not active (it is " + p.code() + ")");
      }
      if (asRequester != null && !isRequester(ctx, p)) {
        throw new AwsException(
            "OperationNotPermitted",
            "User " + ctx.account() + " cannot modify the requester options of " + p.id);
      }
      if (asAccepter != null && !isAccepter(ctx, p)) {
        throw new AwsException(
            "OperationNotPermitted",
            "User " + ctx.account() + " cannot modify the accepter options of " + p.id);
      }
      if (asRequester != null && asRequester.allowDnsResolutionFromRemoteVpc() != null) {
        p.requesterDns = asRequester.allowDnsResolutionFromRemoteVpc();
      }
      if (asAccepter != null && asAccepter.allowDnsResolutionFromRemoteVpc() != null) {
        p.accepterDns = asAccepter.allowDnsResolutionFromRemoteVpc();
      }
      return ModifyVpcPeeringConnectionOptionsResponse.builder()
          .requesterPeeringConnectionOptions(asRequester == null ? null : options(p.requesterDns))
          .accepterPeeringConnectionOptions(asAccepter == null ? null : options(p.accepterDns))
          .build();
    }
  }

  private static PeeringConnectionOptions options(boolean dns) {
    return PeeringConnectionOptions.builder()
        .allowDnsResolutionFromRemoteVpc(dns)
        .allowEgressFromLocalClassicLinkToRemoteVpc(false)
        .allowEgressFromLocalVpcToRemoteClassicLink(false)
        .build();
  }

  private static VpcPeeringRecord found(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("vpcPeeringConnectionId");
    }
    return VpcPeerings.KIND.get(ctx.state(), id);
  }

  /** The connection, when the caller is its accepter (Accept and Reject). */
  private static VpcPeeringRecord accepterOnly(RequestContext ctx, String id, String verb) {
    VpcPeeringRecord p = found(ctx, id);
    if (!isAccepter(ctx, p)) {
      throw new AwsException(
          "OperationNotPermitted",
          "User " + ctx.account() + " cannot " + verb + " peering " + p.id);
    }
    return p;
  }

  private static boolean isRequester(RequestContext ctx, VpcPeeringRecord p) {
    return p.requester.account().equals(ctx.account()) && p.requester.region().equals(ctx.region());
  }

  private static boolean isAccepter(RequestContext ctx, VpcPeeringRecord p) {
    return p.accepter.account().equals(ctx.account()) && p.accepter.region().equals(ctx.region());
  }

  /** From pending-acceptance to {@code code}, else AWS's InvalidStateTransition. */
  private static void transition(VpcPeeringRecord p, String code, String message) {
    synchronized (p) {
      String now = p.code();
      if (!now.equals("pending-acceptance")) {
        throw invalidTransition(p, now, code);
      }
      p.set(code, message);
    }
  }

  private static AwsException invalidTransition(VpcPeeringRecord p, String from, String to) {
    return new AwsException(
        "InvalidStateTransition",
        "Invalid state transition for "
            + p.id
            + ", attempted to transition from "
            + from
            + " to "
            + to);
  }
}
