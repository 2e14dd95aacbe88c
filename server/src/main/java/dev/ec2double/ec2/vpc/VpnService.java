package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttachVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.AttachVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionRouteResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpnConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpnConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpnGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpnGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DetachVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DetachVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DisableVgwRoutePropagationRequest;
import software.amazon.awssdk.services.ec2.model.DisableVgwRoutePropagationResponse;
import software.amazon.awssdk.services.ec2.model.EnableVgwRoutePropagationRequest;
import software.amazon.awssdk.services.ec2.model.EnableVgwRoutePropagationResponse;
import software.amazon.awssdk.services.ec2.model.VpcAttachment;

/**
 * Virtual private gateways (create, attach, detach, delete, describe), Site-to-Site VPN connections
 * with their static routes, and route propagation into route tables: records with AWS's states and
 * dependency rules. No tunnel comes up. https://docs.aws.amazon.com/vpn/latest/s2svpn/VPC_VPN.html
 */
public final class VpnService {
  private static final long DELETED_VISIBLE_MILLIS = 60 * 60 * 1000L;

  public CreateVpnGatewayResponse createVpnGateway(
      RequestContext ctx, CreateVpnGatewayRequest req) {
    ipsec(req.typeAsString());
    long asn = amazonSideAsn(req.amazonSideAsn());
    String zone = null;
    if (req.availabilityZone() != null) {
      zone = SubnetsService.zone(ctx, req.availabilityZone(), null).name();
    }
    var tags = VpnGateways.GATEWAYS.tags(req.tagSpecifications());
    String z = zone;
    VpnGatewayRecord g =
        VpnGateways.GATEWAYS.create(ctx, tags, id -> new VpnGatewayRecord(id, z, asn));
    return CreateVpnGatewayResponse.builder()
        .vpnGateway(VpnGateways.GATEWAYS.view(ctx, g).toBuilder().state("pending").build())
        .build();
  }

  private static void ipsec(String type) {
    if (type == null) {
      throw AwsException.missingParameter("Type");
    }
    if (!type.equals("ipsec.1")) {
      throw AwsException.invalidParameterValue(
          "The value '" + type + "' for parameter Type is invalid. Valid values: ipsec.1");
    }
  }

  /** 64512 unless given: a private ASN, 64512-65534 or 4200000000-4294967294. */
  private static long amazonSideAsn(Long asn) {
    if (asn == null) {
      return 64512L;
    }
    boolean ok =
        (asn >= 64512L && asn <= 65534L) || (asn >= 4_200_000_000L && asn <= 4_294_967_294L);
    if (!ok) {
      throw AwsException.invalidParameterValue(
          "The value '"
              + asn
              + "' for AmazonSideAsn is invalid. It must be a private ASN: 64512-65534 or"
              + " 4200000000-4294967294.");
    }
    return asn;
  }

  public DescribeVpnGatewaysResponse describeVpnGateways(
      RequestContext ctx, DescribeVpnGatewaysRequest req) {
    forget(ctx);
    var page = VpnGateways.GATEWAYS.describe(ctx, req.vpnGatewayIds(), req.filters(), null, null);
    return DescribeVpnGatewaysResponse.builder().vpnGateways(page.items()).build();
  }

  /** Deleted gateways and connections go an hour after they were deleted. */
  private static void forget(RequestContext ctx) {
    VpcState st = VpcState.of(ctx.state());
    long now = System.currentTimeMillis();
    synchronized (st) {
      st.vpnGateways
          .values()
          .removeIf(g -> !g.live() && now - g.deletedAt > DELETED_VISIBLE_MILLIS);
      st.vpnConnections
          .values()
          .removeIf(c -> !c.live() && now - c.deletedAt > DELETED_VISIBLE_MILLIS);
    }
  }

  private static VpnGatewayRecord liveGateway(VpcState st, RequestContext ctx, String id) {
    return VpnGateways.GATEWAYS.getLive(ctx.state(), id, VpnGatewayRecord::live);
  }

  /** One VPC per gateway and one gateway per VPC. */
  public AttachVpnGatewayResponse attachVpnGateway(
      RequestContext ctx, AttachVpnGatewayRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      VpnGatewayRecord g = liveGateway(st, ctx, req.vpnGatewayId());
      VpcRecord vpc = st.vpc(req.vpcId());
      if (g.vpcId != null) {
        throw new AwsException(
            "VpnGatewayAttachmentLimitExceeded",
            "The virtual private gateway " + g.id + " is already attached to " + g.vpcId + ".");
      }
      for (VpnGatewayRecord other : st.vpnGateways.values()) {
        if (vpc.id.equals(other.vpcId)) {
          throw new AwsException(
              "InvalidParameterValue",
              "The VPC " + vpc.id + " already has the virtual private gateway " + other.id + ".");
        }
      }
      g.vpcId = vpc.id;
      g.detachedFrom = null;
    }
    return AttachVpnGatewayResponse.builder()
        .vpcAttachment(VpcAttachment.builder().vpcId(req.vpcId()).state("attaching").build())
        .build();
  }

  public DetachVpnGatewayResponse detachVpnGateway(
      RequestContext ctx, DetachVpnGatewayRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      VpnGatewayRecord g = liveGateway(st, ctx, req.vpnGatewayId());
      st.vpc(req.vpcId());
      if (!req.vpcId().equals(g.vpcId)) {
        throw new AwsException(
            "InvalidVpnGatewayAttachment.NotFound",
            "The attachment with vpn gateway ID '"
                + g.id
                + "' and vpc ID '"
                + req.vpcId()
                + "' does not exist");
      }
      g.detachedFrom = g.vpcId;
      g.vpcId = null;
      // propagation ends with the attachment
      for (RouteTableRecord t : st.routeTables.values()) {
        t.propagatingVgws.remove(g.id);
      }
    }
    return DetachVpnGatewayResponse.builder().build();
  }

  public DeleteVpnGatewayResponse deleteVpnGateway(
      RequestContext ctx, DeleteVpnGatewayRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      VpnGatewayRecord g = liveGateway(st, ctx, req.vpnGatewayId());
      boolean connected =
          st.vpnConnections.values().stream()
              .anyMatch(c -> c.live() && g.id.equals(c.vpnGatewayId));
      if (g.vpcId != null || connected) {
        throw new AwsException(
            "IncorrectState",
            "The vpnGateway '"
                + g.id
                + "' is "
                + (g.vpcId != null ? "attached to " + g.vpcId : "in use by a VPN connection")
                + " and cannot be deleted.");
      }
      g.state = "deleted";
      g.deletedAt = System.currentTimeMillis();
    }
    return DeleteVpnGatewayResponse.builder().build();
  }

  public CreateVpnConnectionResponse createVpnConnection(
      RequestContext ctx, CreateVpnConnectionRequest request) {
    CreateVpnConnectionRequest req = VpnTunnels.concentrated(ctx, request);
    ipsec(req.type());
    if (req.customerGatewayId() == null) {
      throw AwsException.missingParameter("CustomerGatewayId");
    }
    if (req.vpnGatewayId() != null && req.transitGatewayId() != null) {
      throw AwsException.invalidParameterCombination(
          "Specify either VpnGatewayId or TransitGatewayId, not both.");
    }
    if (req.vpnGatewayId() == null && req.transitGatewayId() == null) {
      throw AwsException.missingParameter("VpnGatewayId");
    }
    var options = req.options();
    boolean staticOnly = options != null && Boolean.TRUE.equals(options.staticRoutesOnly());
    String inside =
        options == null || options.tunnelInsideIpVersionAsString() == null
            ? "ipv4"
            : options.tunnelInsideIpVersionAsString();
    if (!inside.equals("ipv4") && !inside.equals("ipv6")) {
      throw AwsException.invalidParameterValue(
          "Value (" + inside + ") for parameter TunnelInsideIpVersion is invalid.");
    }
    if (inside.equals("ipv6") && req.transitGatewayId() == null) {
      throw AwsException.invalidParameterValue(
          "IPv6 inside tunnel addresses are supported only for transit gateway VPN connections.");
    }
    var tags = VpnGateways.CONNECTIONS.tags(req.tagSpecifications());
    VpnTunnels.Given given = VpnTunnels.given(options, inside);
    VpcState st = VpcState.of(ctx.state());
    VpnConnectionRecord c;
    synchronized (st) {
      CustomerGatewayRecord cgw =
          CustomerGateways.KIND.getLive(
              ctx.state(), req.customerGatewayId(), g -> g.deletedAt == 0);
      String vgw = null;
      TransitGatewayRecords.Gateway tgw = null;
      if (req.vpnGatewayId() != null) {
        vgw = liveGateway(st, ctx, req.vpnGatewayId()).id;
      } else {
        tgw = TransitGatewaysService.live(ctx, req.transitGatewayId());
      }
      String gateway = vgw;
      List<String> outside = List.of(st.nextPublicIp(), st.nextPublicIp());
      c =
          VpnGateways.CONNECTIONS.create(
              ctx,
              tags,
              id ->
                  new VpnConnectionRecord(
                      id, cgw.id, gateway, req.transitGatewayId(), staticOnly, inside, outside));
      given.applyTo(c);
      if (req.vpnConcentratorId() != null) {
        // its connections share the concentrator's attachment
        c.vpnConcentratorId = req.vpnConcentratorId();
      } else if (tgw != null) {
        // a VPN connection to a transit gateway is one of its attachments
        String vpnId = c.id;
        String tgwId = tgw.id;
        var a =
            TransitGateways.ATTACHMENTS.create(
                ctx,
                List.of(),
                id -> new TransitGatewayRecords.Attachment(id, tgwId, "vpn", vpnId));
        TransitGatewayRoutesService.attachDefaults(st, tgw, a);
      }
    }
    return CreateVpnConnectionResponse.builder()
        .vpnConnection(VpnGateways.CONNECTIONS.view(ctx, c).toBuilder().state("pending").build())
        .build();
  }

  public DescribeVpnConnectionsResponse describeVpnConnections(
      RequestContext ctx, DescribeVpnConnectionsRequest req) {
    forget(ctx);
    var page =
        VpnGateways.CONNECTIONS.describe(ctx, req.vpnConnectionIds(), req.filters(), null, null);
    return DescribeVpnConnectionsResponse.builder().vpnConnections(page.items()).build();
  }

  public DeleteVpnConnectionResponse deleteVpnConnection(
      RequestContext ctx, DeleteVpnConnectionRequest req) {
    liveConnection(
        ctx,
        req.vpnConnectionId(),
        c -> {
          c.state = "deleted";
          c.deletedAt = System.currentTimeMillis();
          c.staticRoutes.clear();
          VpcState st = VpcState.of(ctx.state());
          for (var a : st.transitGatewayAttachments.values()) {
            if (a.live() && a.resourceId.equals(c.id)) {
              TransitGatewayRoutesService.detach(st, a);
              a.delete();
            }
          }
        });
    return DeleteVpnConnectionResponse.builder().build();
  }

  private static void liveConnection(
      RequestContext ctx, String id, java.util.function.Consumer<VpnConnectionRecord> change) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      change.accept(VpnGateways.CONNECTIONS.getLive(ctx.state(), id, VpnConnectionRecord::live));
    }
  }

  public CreateVpnConnectionRouteResponse createVpnConnectionRoute(
      RequestContext ctx, CreateVpnConnectionRouteRequest req) {
    Cidr cidr = staticRoute(req.destinationCidrBlock());
    liveConnection(
        ctx,
        req.vpnConnectionId(),
        c -> {
          if (c.vpnGatewayId == null) {
            throw AwsException.invalidParameterValue(
                "Static routes are for VPN connections to a virtual private gateway; "
                    + c.id
                    + " ends at a transit gateway.");
          }
          if (c.staticRoutes.contains(cidr.toString())) {
            throw new AwsException(
                "RouteAlreadyExists",
                "The route identified by " + cidr + " already exists on " + c.id + ".");
          }
          c.staticRoutes.add(cidr.toString());
        });
    return CreateVpnConnectionRouteResponse.builder().build();
  }

  public DeleteVpnConnectionRouteResponse deleteVpnConnectionRoute(
      RequestContext ctx, DeleteVpnConnectionRouteRequest req) {
    Cidr cidr = staticRoute(req.destinationCidrBlock());
    liveConnection(
        ctx,
        req.vpnConnectionId(),
        c -> {
          if (!c.staticRoutes.remove(cidr.toString())) {
            throw new AwsException(
                "InvalidRoute.NotFound",
                "The route identified by " + cidr + " does not exist on " + c.id + ".");
          }
        });
    return DeleteVpnConnectionRouteResponse.builder().build();
  }

  private static Cidr staticRoute(String text) {
    if (text == null) {
      throw AwsException.missingParameter("DestinationCidrBlock");
    }
    Cidr cidr = Cidr.parseOrNull(text);
    if (cidr == null) {
      throw AwsException.invalidParameterValue(
          "Value (" + text + ") for parameter destinationCidrBlock is invalid.");
    }
    return cidr;
  }

  /** The gateway must be attached to the table's VPC (Gateway.NotAttached). */
  public EnableVgwRoutePropagationResponse enableVgwRoutePropagation(
      RequestContext ctx, EnableVgwRoutePropagationRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      RouteTableRecord t = st.routeTable(req.routeTableId());
      VpnGatewayRecord g = liveGateway(st, ctx, req.gatewayId());
      if (!t.vpcId.equals(g.vpcId)) {
        throw new AwsException(
            "Gateway.NotAttached",
            "resource " + g.id + " is not attached to the network " + t.vpcId);
      }
      if (!t.propagatingVgws.contains(g.id)) {
        t.propagatingVgws.add(g.id);
      }
    }
    return EnableVgwRoutePropagationResponse.builder().build();
  }

  public DisableVgwRoutePropagationResponse disableVgwRoutePropagation(
      RequestContext ctx, DisableVgwRoutePropagationRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      RouteTableRecord t = st.routeTable(req.routeTableId());
      liveGateway(st, ctx, req.gatewayId());
      t.propagatingVgws.remove(req.gatewayId());
    }
    return DisableVgwRoutePropagationResponse.builder().build();
  }
}
