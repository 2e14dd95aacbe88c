package dev.ec2double.it.transitgateways;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.ModifyVpnTunnelOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.TunnelOption;
import software.amazon.awssdk.services.ec2.model.VpnConnection;

/**
 * Site-to-Site VPN connections changed after they are made: target gateway, traffic selectors,
 * tunnel options, tunnel replacement; sample configurations; VPN concentrators. Mock backend.
 */
class VpnChangesIT {
  private static final Ec2Client ec2 = TestServer.ec2("ca-central-1", "330987654321");

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String cgw() {
    return ec2.createCustomerGateway(
            r -> r.type(GatewayType.IPSEC_1).ipAddress("203.0.113.9").bgpAsn(65200))
        .customerGateway()
        .customerGatewayId();
  }

  private static VpnConnection describe(String id) {
    return ec2.describeVpnConnections(r -> r.vpnConnectionIds(id)).vpnConnections().get(0);
  }

  @Test
  void tunnelsTakeTheirOptionsAndTheSampleConfigurationShowsThem() {
    String vgw = ec2.createVpnGateway(r -> r.type(GatewayType.IPSEC_1)).vpnGateway().vpnGatewayId();
    VpnConnection made =
        ec2.createVpnConnection(
                r ->
                    r.type("ipsec.1")
                        .customerGatewayId(cgw())
                        .vpnGatewayId(vgw)
                        .options(
                            o ->
                                o.tunnelOptions(
                                    t ->
                                        t.tunnelInsideCidr("169.254.44.0/30")
                                            .preSharedKey("first_key.1"))))
            .vpnConnection();
    String id = made.vpnConnectionId();
    TunnelOption first = describe(id).options().tunnelOptions().get(0);
    assertThat(first.tunnelInsideCidr()).isEqualTo("169.254.44.0/30");
    assertThat(first.preSharedKey()).isEqualTo("first_key.1");
    String outside = first.outsideIpAddress();
    String second = describe(id).options().tunnelOptions().get(1).outsideIpAddress();

    List<Consumer<ModifyVpnTunnelOptionsSpecification.Builder>> refused =
        List.of(
            t -> t.tunnelInsideCidr("169.254.1.0/30"),
            t -> t.preSharedKey("0short"),
            t -> t.phase1LifetimeSeconds(100),
            t -> t.dpdTimeoutAction("explode"));
    for (Consumer<ModifyVpnTunnelOptionsSpecification.Builder> spec : refused) {
      assertError(
          () ->
              ec2.modifyVpnTunnelOptions(
                  r ->
                      r.vpnConnectionId(id).vpnTunnelOutsideIpAddress(outside).tunnelOptions(spec)),
          "InvalidParameterValue");
    }
    assertThat(
            ec2.modifyVpnTunnelOptions(
                    r ->
                        r.vpnConnectionId(id)
                            .vpnTunnelOutsideIpAddress(outside)
                            .tunnelOptions(
                                t ->
                                    t.tunnelInsideCidr("169.254.45.0/30")
                                        .phase1LifetimeSeconds(14400)
                                        .ikeVersions(v -> v.value("ikev2"))))
                .vpnConnection()
                .stateAsString())
        .isEqualTo("modifying");
    TunnelOption changed = describe(id).options().tunnelOptions().get(0);
    assertThat(changed.tunnelInsideCidr()).isEqualTo("169.254.45.0/30");
    assertThat(changed.phase1LifetimeSeconds()).isEqualTo(14400);
    assertThat(changed.preSharedKey()).isEqualTo("first_key.1");
    assertError(
        () ->
            ec2.modifyVpnTunnelOptions(
                r ->
                    r.vpnConnectionId(id)
                        .vpnTunnelOutsideIpAddress("198.51.100.200")
                        .tunnelOptions(t -> t.phase1LifetimeSeconds(14400))),
        "InvalidParameterValue");

    ec2.modifyVpnConnectionOptions(r -> r.vpnConnectionId(id).localIpv4NetworkCidr("10.10.0.0/16"));
    assertThat(describe(id).options().localIpv4NetworkCidr()).isEqualTo("10.10.0.0/16");
    assertError(
        () ->
            ec2.modifyVpnConnectionOptions(r -> r.vpnConnectionId(id).localIpv6NetworkCidr("::/0")),
        "InvalidParameterCombination");

    var types = ec2.getVpnConnectionDeviceTypes(r -> r.maxResults(200)).vpnConnectionDeviceTypes();
    String strongswan =
        types.stream()
            .filter(t -> t.vendor().equals("Strongswan"))
            .findFirst()
            .orElseThrow()
            .vpnConnectionDeviceTypeId();
    String sample =
        ec2.getVpnConnectionDeviceSampleConfiguration(
                r ->
                    r.vpnConnectionId(id)
                        .vpnConnectionDeviceTypeId(strongswan)
                        .internetKeyExchangeVersion("ikev2"))
            .vpnConnectionDeviceSampleConfiguration();
    assertThat(sample)
        .contains("right=" + outside, "right=" + second, "PSK \"first_key.1\"", "keyexchange=ikev2")
        .contains("169.254.45.2/30");
    assertError(
        () ->
            ec2.getVpnConnectionDeviceSampleConfiguration(
                r -> r.vpnConnectionId(id).vpnConnectionDeviceTypeId("00000000")),
        "InvalidParameterValue");
    assertError(
        () -> ec2.getVpnConnectionDeviceTypes(r -> r.maxResults(5)), "InvalidParameterValue");

    assertThat(
            ec2.replaceVpnTunnel(r -> r.vpnConnectionId(id).vpnTunnelOutsideIpAddress(outside))
                .returnValue())
        .isTrue();
    assertThat(
            ec2.getVpnTunnelReplacementStatus(
                    r -> r.vpnConnectionId(id).vpnTunnelOutsideIpAddress(outside))
                .maintenanceDetails()
                .lastMaintenanceApplied())
        .isNotNull();
    assertThat(
            ec2.getActiveVpnTunnelStatus(
                    r -> r.vpnConnectionId(id).vpnTunnelOutsideIpAddress(outside))
                .activeVpnTunnelStatus()
                .ikeVersion())
        .isEqualTo("ikev2");
  }

  @Test
  void aConnectionMovesFromAVirtualPrivateGatewayToATransitGateway() {
    String vgw = ec2.createVpnGateway(r -> r.type(GatewayType.IPSEC_1)).vpnGateway().vpnGatewayId();
    String tgw =
        ec2.createTransitGateway(r -> r.description("vpn")).transitGateway().transitGatewayId();
    String id =
        ec2.createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw()).vpnGatewayId(vgw))
            .vpnConnection()
            .vpnConnectionId();
    assertError(
        () ->
            ec2.modifyVpnConnection(
                r -> r.vpnConnectionId(id).vpnGatewayId(vgw).transitGatewayId(tgw)),
        "InvalidParameterCombination");
    VpnConnection moved =
        ec2.modifyVpnConnection(r -> r.vpnConnectionId(id).transitGatewayId(tgw)).vpnConnection();
    assertThat(moved.transitGatewayId()).isEqualTo(tgw);
    assertThat(moved.vpnGatewayId()).isNull();
    assertThat(
            ec2.describeTransitGatewayAttachments(
                    r -> r.filters(filter("resource-id", id), filter("resource-type", "vpn")))
                .transitGatewayAttachments())
        .hasSize(1);
    ec2.modifyVpnConnection(r -> r.vpnConnectionId(id).vpnGatewayId(vgw));
    assertThat(
            ec2.describeTransitGatewayAttachments(
                    r -> r.filters(filter("resource-id", id), filter("state", "available")))
                .transitGatewayAttachments())
        .isEmpty();
    assertError(
        () ->
            ec2.modifyVpnConnection(
                r -> r.vpnConnectionId("vpn-0123456789abcdef0").vpnGatewayId(vgw)),
        "InvalidVpnConnectionID.NotFound");
  }

  @Test
  void aVpnConcentratorCarriesConnectionsBehindOneAttachment() {
    String tgw =
        ec2.createTransitGateway(r -> r.description("vcn")).transitGateway().transitGatewayId();
    var vcn =
        ec2.createVpnConcentrator(r -> r.type("ipsec.1").transitGatewayId(tgw)).vpnConcentrator();
    assertThat(vcn.transitGatewayAttachmentId()).startsWith("tgw-attach-");
    assertError(
        () -> ec2.createVpnConcentrator(r -> r.type("ipsec.2").transitGatewayId(tgw)),
        "InvalidParameterValue");
    String connection =
        ec2.createVpnConnection(
                r ->
                    r.type("ipsec.1")
                        .customerGatewayId(cgw())
                        .vpnConcentratorId(vcn.vpnConcentratorId()))
            .vpnConnection()
            .vpnConnectionId();
    assertThat(describe(connection).transitGatewayId()).isEqualTo(tgw);
    assertThat(describe(connection).vpnConcentratorId()).isEqualTo(vcn.vpnConcentratorId());
    assertThat(
            ec2.describeVpnConcentrators(r -> r.filters(filter("transit-gateway-id", tgw)))
                .vpnConcentrators())
        .hasSize(1);
    assertError(
        () -> ec2.deleteVpnConcentrator(r -> r.vpnConcentratorId(vcn.vpnConcentratorId())),
        "DependencyViolation");
    ec2.deleteVpnConnection(r -> r.vpnConnectionId(connection));
    ec2.deleteVpnConcentrator(r -> r.vpnConcentratorId(vcn.vpnConcentratorId()));
    assertThat(
            ec2.describeTransitGatewayAttachments(
                    r -> r.transitGatewayAttachmentIds(vcn.transitGatewayAttachmentId()))
                .transitGatewayAttachments()
                .get(0)
                .stateAsString())
        .isEqualTo("deleted");
  }
}
