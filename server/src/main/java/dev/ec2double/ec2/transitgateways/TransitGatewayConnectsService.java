package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayConnectPeerRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayConnectPeerResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayConnectRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayConnectResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayConnectPeerRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayConnectPeerResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayConnectRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayConnectResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayConnectPeersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayConnectPeersResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayConnectsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayConnectsResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachmentBgpConfiguration;
import software.amazon.awssdk.services.ec2.model.TransitGatewayConnect;
import software.amazon.awssdk.services.ec2.model.TransitGatewayConnectPeer;

/**
 * Connect attachments (GRE over a VPC attachment of the same gateway) and their Connect peers: a
 * GRE tunnel between an address of the gateway's CIDR blocks and the appliance's, with BGP over a
 * /29 inside CIDR of 169.254.0.0/16 (and optionally a /125 of fd00::/8). The appliance takes the
 * first inside address, the gateway the second and third. Records: no tunnel comes up, BGP shows
 * {@code down}. https://docs.aws.amazon.com/vpc/latest/tgw/tgw-connect.html
 */
public final class TransitGatewayConnectsService {
  /** The /29s AWS reserves. */
  private static final List<String> RESERVED =
      List.of(
          "169.254.0.0/29",
          "169.254.1.0/29",
          "169.254.2.0/29",
          "169.254.3.0/29",
          "169.254.4.0/29",
          "169.254.5.0/29",
          "169.254.169.248/29");

  static final ResourceKind<TransitStore.Connect, TransitGatewayConnect> CONNECTS =
      ResourceKind.<TransitStore.Connect, TransitGatewayConnect>of(
              "tgw-attach", "transit-gateway-attachment")
          .errors(
              "InvalidTransitGatewayAttachmentID.NotFound",
              "transitGatewayAttachment",
              "InvalidTransitGatewayAttachmentID.Malformed")
          .storedIn(TransitStore::of, s -> s.connects)
          .id(c -> c.id)
          .view(TransitGatewayConnectsService::connect, TransitGatewayConnect::tags)
          .filter("options.protocol", c -> c.options().protocolAsString())
          .filter("state", TransitGatewayConnect::stateAsString)
          .filter(
              "transit-gateway-attachment-id", TransitGatewayConnect::transitGatewayAttachmentId)
          .filter("transit-gateway-id", TransitGatewayConnect::transitGatewayId)
          .filter(
              "transport-transit-gateway-attachment-id",
              TransitGatewayConnect::transportTransitGatewayAttachmentId)
          .build();

  static final ResourceKind<TransitStore.ConnectPeer, TransitGatewayConnectPeer> PEERS =
      ResourceKind.<TransitStore.ConnectPeer, TransitGatewayConnectPeer>of(
              "tgw-connect-peer", "transit-gateway-connect-peer")
          .errors(
              "InvalidTransitGatewayConnectPeerID.NotFound",
              "transitGatewayConnectPeer",
              "InvalidTransitGatewayConnectPeerID.Malformed")
          .storedIn(TransitStore::of, s -> s.connectPeers)
          .id(p -> p.id)
          .view(TransitGatewayConnectsService::peer, TransitGatewayConnectPeer::tags)
          .filter("state", TransitGatewayConnectPeer::stateAsString)
          .filter(
              "transit-gateway-attachment-id",
              TransitGatewayConnectPeer::transitGatewayAttachmentId)
          .filter(
              "transit-gateway-connect-peer-id",
              TransitGatewayConnectPeer::transitGatewayConnectPeerId)
          .build();

  private static TransitGatewayConnect connect(RequestContext ctx, TransitStore.Connect c) {
    return TransitGatewayConnect.builder()
        .transitGatewayAttachmentId(c.id)
        .transportTransitGatewayAttachmentId(c.transportAttachmentId)
        .transitGatewayId(c.transitGatewayId)
        .state(c.state)
        .creationTime(c.created)
        .options(o -> o.protocol("gre"))
        .tags(ctx.tags().sdkTags(c.id))
        .build();
  }

  private static TransitGatewayConnectPeer peer(RequestContext ctx, TransitStore.ConnectPeer p) {
    Cidr inside = Cidr.parseOrNull(p.insideCidrBlocks.get(0));
    List<TransitGatewayAttachmentBgpConfiguration> bgp =
        List.of(2, 3).stream()
            .map(
                n ->
                    TransitGatewayAttachmentBgpConfiguration.builder()
                        .transitGatewayAsn(p.transitGatewayAsn)
                        .peerAsn(p.peerAsn)
                        .transitGatewayAddress(inside.address(n))
                        .peerAddress(inside.address(1))
                        .bgpStatus("down")
                        .build())
            .toList();
    return TransitGatewayConnectPeer.builder()
        .transitGatewayAttachmentId(p.attachmentId)
        .transitGatewayConnectPeerId(p.id)
        .state(p.state)
        .creationTime(p.created)
        .connectPeerConfiguration(
            c ->
                c.transitGatewayAddress(p.transitGatewayAddress)
                    .peerAddress(p.peerAddress)
                    .insideCidrBlocks(p.insideCidrBlocks)
                    .protocol("gre")
                    .bgpConfigurations(bgp))
        .tags(ctx.tags().sdkTags(p.id))
        .build();
  }

  /** The transport must be a live VPC attachment; the protocol is GRE. */
  public CreateTransitGatewayConnectResponse createTransitGatewayConnect(
      RequestContext ctx, CreateTransitGatewayConnectRequest req) {
    if (req.transportTransitGatewayAttachmentId() == null) {
      throw AwsException.missingParameter("TransportTransitGatewayAttachmentId");
    }
    if (req.options() == null || req.options().protocolAsString() == null) {
      throw AwsException.missingParameter("Options.Protocol");
    }
    if (!req.options().protocolAsString().equals("gre")) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.options().protocolAsString() + ") for Protocol is invalid. Use gre.");
    }
    var tags = CONNECTS.tags(req.tagSpecifications());
    TransitStore s = TransitStore.of(ctx.state());
    TransitStore.Connect c;
    synchronized (s) {
      var transport =
          TransitGatewayLookups.attachment(ctx, req.transportTransitGatewayAttachmentId());
      if (!transport.resourceType().equals("vpc")) {
        throw AwsException.invalidParameterValue(
            "The transport attachment " + transport.id() + " must be a VPC attachment.");
      }
      String id =
          TransitGatewayLookups.createAttachment(
              ctx,
              tags,
              transport.transitGatewayId(),
              "connect",
              transport.id(),
              "available",
              true);
      c = new TransitStore.Connect(id, transport.transitGatewayId(), transport.id());
      s.connects.put(id, c);
    }
    return CreateTransitGatewayConnectResponse.builder()
        .transitGatewayConnect(CONNECTS.view(ctx, c).toBuilder().state("pending").build())
        .build();
  }

  public DescribeTransitGatewayConnectsResponse describeTransitGatewayConnects(
      RequestContext ctx, DescribeTransitGatewayConnectsRequest req) {
    var page =
        CONNECTS.describe(
            ctx,
            req.transitGatewayAttachmentIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeTransitGatewayConnectsResponse.builder()
        .transitGatewayConnects(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static TransitStore.Connect liveConnect(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("TransitGatewayAttachmentId");
    }
    return CONNECTS.getLive(ctx.state(), id, TransitStore.Base::live);
  }

  /** Its Connect peers must be gone first. */
  public DeleteTransitGatewayConnectResponse deleteTransitGatewayConnect(
      RequestContext ctx, DeleteTransitGatewayConnectRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.Connect c = liveConnect(ctx, req.transitGatewayAttachmentId());
      boolean peers =
          s.connectPeers.values().stream().anyMatch(p -> p.live() && p.attachmentId.equals(c.id));
      if (peers) {
        throw new AwsException(
            "IncorrectState", "The Connect attachment " + c.id + " has Connect peers.");
      }
      c.state = "deleted";
      TransitGatewayLookups.delete(ctx.state(), c.id);
      return DeleteTransitGatewayConnectResponse.builder()
          .transitGatewayConnect(CONNECTS.view(ctx, c).toBuilder().state("deleting").build())
          .build();
    }
  }

  public CreateTransitGatewayConnectPeerResponse createTransitGatewayConnectPeer(
      RequestContext ctx, CreateTransitGatewayConnectPeerRequest req) {
    if (req.peerAddress() == null) {
      throw AwsException.missingParameter("PeerAddress");
    }
    if (Cidr.parseOrNull(req.peerAddress() + "/32") == null) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.peerAddress() + ") for PeerAddress is invalid.");
    }
    List<String> inside = insideCidrs(req.insideCidrBlocks());
    var tags = PEERS.tags(req.tagSpecifications());
    TransitStore s = TransitStore.of(ctx.state());
    TransitStore.ConnectPeer p;
    synchronized (s) {
      TransitStore.Connect c = liveConnect(ctx, req.transitGatewayAttachmentId());
      TransitGatewayLookups.Gateway g = TransitGatewayLookups.gateway(ctx, c.transitGatewayId);
      for (TransitStore.ConnectPeer other : s.connectPeers.values()) {
        boolean sameGateway =
            other.live() && s.connects.get(other.attachmentId).transitGatewayId.equals(g.id());
        if (sameGateway && other.insideCidrBlocks.get(0).equals(inside.get(0))) {
          throw AwsException.invalidParameterValue(
              "The inside CIDR block " + inside.get(0) + " is in use on " + g.id() + ".");
        }
      }
      String address = gatewayAddress(s, g, req.transitGatewayAddress());
      long peerAsn =
          req.bgpOptions() == null || req.bgpOptions().peerAsn() == null
              ? g.amazonSideAsn()
              : asn(req.bgpOptions().peerAsn());
      String connect = c.id;
      p =
          PEERS.create(
              ctx,
              tags,
              id ->
                  new TransitStore.ConnectPeer(
                      id, connect, address, req.peerAddress(), inside, g.amazonSideAsn(), peerAsn));
    }
    return CreateTransitGatewayConnectPeerResponse.builder()
        .transitGatewayConnectPeer(PEERS.view(ctx, p).toBuilder().state("pending").build())
        .build();
  }

  /** One IPv4 /29 of 169.254.0.0/16 (not a reserved one), then at most one IPv6 /125. */
  private static List<String> insideCidrs(List<String> given) {
    if (given.isEmpty()) {
      throw AwsException.missingParameter("InsideCidrBlocks");
    }
    Cidr v4 = Cidr.parseOrNull(given.get(0));
    if (v4 == null
        || v4.prefix() != 29
        || !Cidr.parseOrNull("169.254.0.0/16").contains(v4)
        || RESERVED.contains(v4.toString())) {
      throw AwsException.invalidParameterValue(
          "The inside CIDR block "
              + given.get(0)
              + " is invalid: the first must be a /29 of 169.254.0.0/16, not one of "
              + RESERVED);
    }
    if (given.size() > 2) {
      throw AwsException.invalidParameterValue("At most one IPv4 and one IPv6 inside CIDR block.");
    }
    if (given.size() == 2) {
      String v6 = given.get(1).toLowerCase();
      if (!v6.startsWith("fd") || !v6.endsWith("/125")) {
        throw AwsException.invalidParameterValue(
            "The inside CIDR block "
                + given.get(1)
                + " is invalid: it must be a /125 of fd00::/8.");
      }
    }
    return given.size() == 1 ? List.of(v4.toString()) : List.of(v4.toString(), given.get(1));
  }

  private static long asn(long asn) {
    boolean ok =
        (asn >= 1 && asn <= 4_294_967_294L)
            && asn != 7224
            && asn != 9059
            && asn != 10124
            && asn != 17493;
    if (!ok) {
      throw AwsException.invalidParameterValue(
          "The value '" + asn + "' for PeerAsn is invalid (1-4294967294, not an Amazon ASN).");
    }
    return asn;
  }

  /**
   * The address given, which must be in one of the gateway's IPv4 CIDR blocks, or the next free one
   * of its first block.
   */
  private static String gatewayAddress(
      TransitStore s, TransitGatewayLookups.Gateway g, String given) {
    List<Cidr> blocks =
        g.cidrBlocks().stream().map(Cidr::parseOrNull).filter(java.util.Objects::nonNull).toList();
    if (blocks.isEmpty()) {
      throw AwsException.invalidParameterValue(
          g.id() + " has no IPv4 CIDR block: add TransitGatewayCidrBlocks for Connect peers.");
    }
    java.util.Set<String> used = new java.util.HashSet<>();
    s.connectPeers.values().stream()
        .filter(TransitStore.Base::live)
        .forEach(p -> used.add(p.transitGatewayAddress));
    if (given != null) {
      long ip = Cidr.parseOrNull(given + "/32") == null ? -1 : Cidr.ip(given);
      if (ip < 0 || blocks.stream().noneMatch(b -> b.contains(ip))) {
        throw AwsException.invalidParameterValue(
            "The address " + given + " is not in a CIDR block of " + g.id() + ".");
      }
      return given;
    }
    Cidr first = blocks.get(0);
    for (long i = 1; i < first.size(); i++) {
      if (!used.contains(first.address(i))) {
        return first.address(i);
      }
    }
    throw new AwsException(
        "InsufficientFreeAddressesInSubnet", "No free address left in " + first + ".");
  }

  public DescribeTransitGatewayConnectPeersResponse describeTransitGatewayConnectPeers(
      RequestContext ctx, DescribeTransitGatewayConnectPeersRequest req) {
    var page =
        PEERS.describe(
            ctx,
            req.transitGatewayConnectPeerIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeTransitGatewayConnectPeersResponse.builder()
        .transitGatewayConnectPeers(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteTransitGatewayConnectPeerResponse deleteTransitGatewayConnectPeer(
      RequestContext ctx, DeleteTransitGatewayConnectPeerRequest req) {
    if (req.transitGatewayConnectPeerId() == null) {
      throw AwsException.missingParameter("TransitGatewayConnectPeerId");
    }
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.ConnectPeer p =
          PEERS.getLive(ctx.state(), req.transitGatewayConnectPeerId(), TransitStore.Base::live);
      p.state = "deleted";
      return DeleteTransitGatewayConnectPeerResponse.builder()
          .transitGatewayConnectPeer(PEERS.view(ctx, p).toBuilder().state("deleting").build())
          .build();
    }
  }
}
