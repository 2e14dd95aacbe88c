package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.VpcAttachment;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnGateway;
import software.amazon.awssdk.services.ec2.model.VpnStaticRoute;

/**
 * Virtual private gateways and VPN connections as resource kinds, with the filters of
 * DescribeVpnGateways and DescribeVpnConnections (neither pages).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpnGateways.html
 */
final class VpnGateways {
  private VpnGateways() {}

  static final ResourceKind<VpnGatewayRecord, VpnGateway> GATEWAYS =
      ResourceKind.<VpnGatewayRecord, VpnGateway>of("vgw", "vpn-gateway")
          .errors("InvalidVpnGatewayID.NotFound", "vpnGateway", "InvalidVpnGatewayID.Malformed")
          .storedIn(VpcState::of, st -> st.vpnGateways)
          .id(g -> g.id)
          .view(VpnGateways::gateway, VpnGateway::tags)
          .filter("amazon-side-asn", VpnGateway::amazonSideAsn)
          .filterMany(
              "attachment.state",
              g -> g.vpcAttachments().stream().map(VpcAttachment::stateAsString).toList())
          .filterMany(
              "attachment.vpc-id",
              g -> g.vpcAttachments().stream().map(VpcAttachment::vpcId).toList())
          .filter("availability-zone", VpnGateway::availabilityZone)
          .filter("state", VpnGateway::stateAsString)
          .filter("type", VpnGateway::typeAsString)
          .filter("vpn-gateway-id", VpnGateway::vpnGatewayId)
          .build();

  static final ResourceKind<VpnConnectionRecord, VpnConnection> CONNECTIONS =
      ResourceKind.<VpnConnectionRecord, VpnConnection>of("vpn", "vpn-connection")
          .errors(
              "InvalidVpnConnectionID.NotFound",
              "vpnConnection",
              "InvalidVpnConnectionID.Malformed")
          .storedIn(VpcState::of, st -> st.vpnConnections)
          .id(c -> c.id)
          .view(VpnGateways::connection, VpnConnection::tags)
          .filter("customer-gateway-configuration", VpnConnection::customerGatewayConfiguration)
          .filter("customer-gateway-id", VpnConnection::customerGatewayId)
          .filter("state", VpnConnection::stateAsString)
          .filter("option.static-routes-only", c -> c.options().staticRoutesOnly())
          .filterMany(
              "route.destination-cidr-block",
              c -> c.routes().stream().map(VpnStaticRoute::destinationCidrBlock).toList())
          .filter("type", VpnConnection::typeAsString)
          .filter("vpn-connection-id", VpnConnection::vpnConnectionId)
          .filter("vpn-gateway-id", VpnConnection::vpnGatewayId)
          .filter("transit-gateway-id", VpnConnection::transitGatewayId)
          .build();

  private static VpnGateway gateway(RequestContext ctx, VpnGatewayRecord r) {
    List<VpcAttachment> attachments =
        r.vpcId != null
            ? List.of(VpcAttachment.builder().vpcId(r.vpcId).state("attached").build())
            : r.detachedFrom != null
                ? List.of(VpcAttachment.builder().vpcId(r.detachedFrom).state("detached").build())
                : List.of();
    return VpnGateway.builder()
        .vpnGatewayId(r.id)
        .state(r.state)
        .type("ipsec.1")
        .availabilityZone(r.zone)
        .amazonSideAsn(r.amazonSideAsn)
        .vpcAttachments(attachments)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  private static VpnConnection connection(RequestContext ctx, VpnConnectionRecord r) {
    return VpnConnection.builder()
        .vpnConnectionId(r.id)
        .customerGatewayId(r.customerGatewayId)
        .vpnGatewayId(r.vpnGatewayId)
        .transitGatewayId(r.transitGatewayId)
        .vpnConcentratorId(r.vpnConcentratorId)
        .category("VPN")
        .type("ipsec.1")
        .state(r.state)
        .customerGatewayConfiguration(r.live() ? VpnConfigurations.xml(r) : null)
        .options(
            o ->
                o.staticRoutesOnly(r.staticRoutesOnly)
                    .tunnelInsideIpVersion(r.tunnelInsideIpVersion)
                    .localIpv4NetworkCidr(r.options.get("LocalIpv4NetworkCidr"))
                    .remoteIpv4NetworkCidr(r.options.get("RemoteIpv4NetworkCidr"))
                    .localIpv6NetworkCidr(r.options.get("LocalIpv6NetworkCidr"))
                    .remoteIpv6NetworkCidr(r.options.get("RemoteIpv6NetworkCidr"))
                    .tunnelBandwidth(r.options.get("TunnelBandwidth"))
                    .outsideIpAddressType("PublicIpv4")
                    .enableAcceleration(false)
                    .tunnelOptions(r.tunnels.stream().map(t -> t.view(true)).toList()))
        .routes(
            r.staticRoutes.stream()
                .map(
                    c ->
                        VpnStaticRoute.builder()
                            .destinationCidrBlock(c)
                            .source("Static")
                            .state("available")
                            .build())
                .toList())
        .vgwTelemetry(
            r.outsideAddresses.stream()
                .map(
                    a ->
                        software.amazon.awssdk.services.ec2.model.VgwTelemetry.builder()
                            .outsideIpAddress(a)
                            .status("DOWN")
                            .statusMessage("")
                            .acceptedRouteCount(0)
                            .lastStatusChange(r.created)
                            .build())
                .toList())
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }
}
