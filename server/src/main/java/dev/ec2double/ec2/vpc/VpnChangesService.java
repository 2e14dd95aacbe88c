package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.ActiveVpnTunnelStatus;
import software.amazon.awssdk.services.ec2.model.GetActiveVpnTunnelStatusRequest;
import software.amazon.awssdk.services.ec2.model.GetActiveVpnTunnelStatusResponse;
import software.amazon.awssdk.services.ec2.model.GetVpnConnectionDeviceSampleConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.GetVpnConnectionDeviceSampleConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.GetVpnConnectionDeviceTypesRequest;
import software.amazon.awssdk.services.ec2.model.GetVpnConnectionDeviceTypesResponse;
import software.amazon.awssdk.services.ec2.model.GetVpnTunnelReplacementStatusRequest;
import software.amazon.awssdk.services.ec2.model.GetVpnTunnelReplacementStatusResponse;
import software.amazon.awssdk.services.ec2.model.MaintenanceDetails;
import software.amazon.awssdk.services.ec2.model.ModifyVpnConnectionOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpnConnectionOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpnConnectionRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpnConnectionResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpnTunnelCertificateRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpnTunnelCertificateResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpnTunnelOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpnTunnelOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceVpnTunnelRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceVpnTunnelResponse;
import software.amazon.awssdk.services.ec2.model.VpnConnection;

/**
 * Changes to a Site-to-Site VPN connection after it is made (its target gateway, its traffic
 * selectors, its tunnels' options, a tunnel's replacement) and what AWS tells about it (sample
 * configurations per device, replacement status, the negotiated tunnel parameters). Records: no
 * tunnel comes up, so a change shows {@code modifying} in its answer and is in place at once.
 */
public final class VpnChangesService {

  /** Runs a change on a live connection under the VPC state's lock and shows the result. */
  private static <T> T onConnection(
      RequestContext ctx, String id, Function<VpnConnectionRecord, T> change) {
    if (id == null) {
      throw AwsException.missingParameter("VpnConnectionId");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      return change.apply(
          VpnGateways.CONNECTIONS.getLive(ctx.state(), id, VpnConnectionRecord::live));
    }
  }

  private static VpnConnection modifying(RequestContext ctx, VpnConnectionRecord c) {
    return VpnGateways.CONNECTIONS.view(ctx, c).toBuilder().state("modifying").build();
  }

  /**
   * One new target: a virtual private gateway, a transit gateway (the connection becomes one of its
   * attachments) or a customer gateway.
   */
  public ModifyVpnConnectionResponse modifyVpnConnection(
      RequestContext ctx, ModifyVpnConnectionRequest req) {
    long targets =
        java.util.stream.Stream.of(
                req.vpnGatewayId(), req.transitGatewayId(), req.customerGatewayId())
            .filter(java.util.Objects::nonNull)
            .count();
    if (targets != 1) {
      throw AwsException.invalidParameterCombination(
          "Specify exactly one of VpnGatewayId, TransitGatewayId and CustomerGatewayId.");
    }
    VpcState st = VpcState.of(ctx.state());
    VpnConnection shown =
        onConnection(
            ctx,
            req.vpnConnectionId(),
            c -> {
              if (req.customerGatewayId() != null) {
                c.customerGatewayId =
                    CustomerGateways.KIND.getLive(
                            ctx.state(), req.customerGatewayId(), g -> g.deletedAt == 0)
                        .id;
              } else if (req.vpnGatewayId() != null) {
                String vgw =
                    VpnGateways.GATEWAYS.getLive(
                            ctx.state(), req.vpnGatewayId(), VpnGatewayRecord::live)
                        .id;
                leaveTransitGateway(st, c);
                c.vpnGatewayId = vgw;
              } else {
                TransitGatewayRecords.Gateway tgw =
                    TransitGatewaysService.live(ctx, req.transitGatewayId());
                if (tgw.id.equals(c.transitGatewayId)) {
                  throw AwsException.invalidParameterValue(
                      c.id + " already ends at " + tgw.id + ".");
                }
                leaveTransitGateway(st, c);
                c.vpnGatewayId = null;
                c.staticRoutes.clear();
                c.transitGatewayId = tgw.id;
                var a =
                    TransitGateways.ATTACHMENTS.create(
                        ctx,
                        List.of(),
                        id -> new TransitGatewayRecords.Attachment(id, tgw.id, "vpn", c.id));
                TransitGatewayRoutesService.attachDefaults(st, tgw, a);
              }
              return modifying(ctx, c);
            });
    return ModifyVpnConnectionResponse.builder().vpnConnection(shown).build();
  }

  private static void leaveTransitGateway(VpcState st, VpnConnectionRecord c) {
    for (var a : st.transitGatewayAttachments.values()) {
      if (a.live() && a.resourceId.equals(c.id)) {
        TransitGatewayRoutesService.detach(st, a);
        a.delete();
      }
    }
    c.transitGatewayId = null;
  }

  /** The traffic selectors (IPv4 for an IPv4 connection, IPv6 for an IPv6 one) and bandwidth. */
  public ModifyVpnConnectionOptionsResponse modifyVpnConnectionOptions(
      RequestContext ctx, ModifyVpnConnectionOptionsRequest req) {
    VpnConnection shown =
        onConnection(
            ctx,
            req.vpnConnectionId(),
            c -> {
              boolean v6 = "ipv6".equals(c.tunnelInsideIpVersion);
              var changes = new java.util.LinkedHashMap<String, String>();
              VpnTunnels.selector(
                  changes, "LocalIpv4NetworkCidr", req.localIpv4NetworkCidr(), false, v6);
              VpnTunnels.selector(
                  changes, "RemoteIpv4NetworkCidr", req.remoteIpv4NetworkCidr(), false, v6);
              VpnTunnels.selector(
                  changes, "LocalIpv6NetworkCidr", req.localIpv6NetworkCidr(), true, v6);
              VpnTunnels.selector(
                  changes, "RemoteIpv6NetworkCidr", req.remoteIpv6NetworkCidr(), true, v6);
              String bandwidth = req.tunnelBandwidthAsString();
              if (bandwidth != null) {
                if (!bandwidth.equals("standard") && !bandwidth.equals("large")) {
                  throw AwsException.invalidParameterValue(
                      "Value (" + bandwidth + ") for TunnelBandwidth is invalid.");
                }
                if (bandwidth.equals("large") && c.transitGatewayId == null) {
                  throw AwsException.invalidParameterValue(
                      "Large tunnel bandwidth is for connections to a transit gateway.");
                }
                changes.put("TunnelBandwidth", bandwidth);
              }
              c.options.putAll(changes);
              return modifying(ctx, c);
            });
    return ModifyVpnConnectionOptionsResponse.builder().vpnConnection(shown).build();
  }

  public ModifyVpnTunnelOptionsResponse modifyVpnTunnelOptions(
      RequestContext ctx, ModifyVpnTunnelOptionsRequest req) {
    if (req.tunnelOptions() == null) {
      throw AwsException.missingParameter("TunnelOptions");
    }
    VpnConnection shown =
        onConnection(
            ctx,
            req.vpnConnectionId(),
            c -> {
              VpnTunnel t = c.tunnel(req.vpnTunnelOutsideIpAddress());
              String inside = req.tunnelOptions().tunnelInsideCidr();
              for (VpnTunnel other : c.tunnels) {
                if (other != t && inside != null && inside.equals(other.insideCidr)) {
                  throw AwsException.invalidParameterValue(
                      "The tunnel inside CIDR " + inside + " is used by the other tunnel.");
                }
              }
              t.modify(req.tunnelOptions());
              return modifying(ctx, c);
            });
    return ModifyVpnTunnelOptionsResponse.builder().vpnConnection(shown).build();
  }

  /** The tunnel's certificate is renewed (ec2-double's tunnels authenticate with keys). */
  public ModifyVpnTunnelCertificateResponse modifyVpnTunnelCertificate(
      RequestContext ctx, ModifyVpnTunnelCertificateRequest req) {
    VpnConnection shown =
        onConnection(
            ctx,
            req.vpnConnectionId(),
            c -> {
              c.tunnel(req.vpnTunnelOutsideIpAddress());
              return modifying(ctx, c);
            });
    return ModifyVpnTunnelCertificateResponse.builder().vpnConnection(shown).build();
  }

  public ReplaceVpnTunnelResponse replaceVpnTunnel(
      RequestContext ctx, ReplaceVpnTunnelRequest req) {
    onConnection(
        ctx,
        req.vpnConnectionId(),
        c -> c.tunnel(req.vpnTunnelOutsideIpAddress()).lastReplaced = Instant.now());
    return ReplaceVpnTunnelResponse.builder().returnValue(true).build();
  }

  public GetVpnTunnelReplacementStatusResponse getVpnTunnelReplacementStatus(
      RequestContext ctx, GetVpnTunnelReplacementStatusRequest req) {
    return onConnection(
        ctx,
        req.vpnConnectionId(),
        c -> {
          VpnTunnel t = c.tunnel(req.vpnTunnelOutsideIpAddress());
          return GetVpnTunnelReplacementStatusResponse.builder()
              .vpnConnectionId(c.id)
              .customerGatewayId(c.customerGatewayId)
              .vpnGatewayId(c.vpnGatewayId)
              .transitGatewayId(c.transitGatewayId)
              .vpnTunnelOutsideIpAddress(t.outsideIp)
              .maintenanceDetails(
                  MaintenanceDetails.builder()
                      .pendingMaintenance("None")
                      .lastMaintenanceApplied(t.lastReplaced)
                      .build())
              .build();
        });
  }

  /** What the tunnel would negotiate: the first value of each list it allows. */
  public GetActiveVpnTunnelStatusResponse getActiveVpnTunnelStatus(
      RequestContext ctx, GetActiveVpnTunnelStatusRequest req) {
    return onConnection(
        ctx,
        req.vpnConnectionId(),
        c -> {
          VpnTunnel t = c.tunnel(req.vpnTunnelOutsideIpAddress());
          return GetActiveVpnTunnelStatusResponse.builder()
              .activeVpnTunnelStatus(
                  ActiveVpnTunnelStatus.builder()
                      .phase1EncryptionAlgorithm(VpnTunnel.first(t.phase1Encryption, "AES128"))
                      .phase2EncryptionAlgorithm(VpnTunnel.first(t.phase2Encryption, "AES128"))
                      .phase1IntegrityAlgorithm(VpnTunnel.first(t.phase1Integrity, "SHA1"))
                      .phase2IntegrityAlgorithm(VpnTunnel.first(t.phase2Integrity, "SHA1"))
                      .phase1DHGroup(VpnTunnel.first(t.phase1DhGroups, 2))
                      .phase2DHGroup(VpnTunnel.first(t.phase2DhGroups, 2))
                      .ikeVersion(VpnTunnel.first(t.ikeVersions, "ikev2"))
                      .provisioningStatus("available")
                      .build())
              .build();
        });
  }

  public GetVpnConnectionDeviceTypesResponse getVpnConnectionDeviceTypes(
      RequestContext ctx, GetVpnConnectionDeviceTypesRequest req) {
    var page =
        Pages.page(
            ctx.action(), VpnSampleConfigurations.deviceTypes(), req.maxResults(), req.nextToken());
    return GetVpnConnectionDeviceTypesResponse.builder()
        .vpnConnectionDeviceTypes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetVpnConnectionDeviceSampleConfigurationResponse
      getVpnConnectionDeviceSampleConfiguration(
          RequestContext ctx, GetVpnConnectionDeviceSampleConfigurationRequest req) {
    String text =
        onConnection(
            ctx,
            req.vpnConnectionId(),
            c ->
                VpnSampleConfigurations.sample(
                    c, req.vpnConnectionDeviceTypeId(), req.internetKeyExchangeVersion()));
    return GetVpnConnectionDeviceSampleConfigurationResponse.builder()
        .vpnConnectionDeviceSampleConfiguration(text)
        .build();
  }
}
