package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.PropagatingVgw;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TransitGateway;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnGateway;

/**
 * Site-to-Site VPN and transit gateways (records) as Terraform's aws_vpn_* and
 * aws_ec2_transit_gateway_* resources drive them, on the mock backend.
 */
class VpnAndTransitGatewaysIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-north-1", "AKIDVPNTGW");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static TagSpecification name(ResourceType type, String value) {
    return TagSpecification.builder()
        .resourceType(type)
        .tags(Tag.builder().key("Name").value(value).build())
        .build();
  }

  private static String cgw(String ip) {
    return ec2.createCustomerGateway(r -> r.type(GatewayType.IPSEC_1).ipAddress(ip).bgpAsn(65100))
        .customerGateway()
        .customerGatewayId();
  }

  @Test
  void aVirtualPrivateGatewayAttachesPropagatesAndCarriesVpnConnections() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.71.0.0/16")).vpc().vpcId();
    VpnGateway made =
        ec2.createVpnGateway(
                r ->
                    r.type(GatewayType.IPSEC_1)
                        .amazonSideAsn(64600L)
                        .tagSpecifications(name(ResourceType.VPN_GATEWAY, "vgw-one")))
            .vpnGateway();
    String vgw = made.vpnGatewayId();
    assertThat(vgw).matches("vgw-[0-9a-f]{17}");
    assertThat(made.amazonSideAsn()).isEqualTo(64600L);
    assertError(
        () -> ec2.createVpnGateway(r -> r.type(GatewayType.IPSEC_1).amazonSideAsn(100L)),
        "InvalidParameterValue");

    assertThat(
            ec2.attachVpnGateway(r -> r.vpcId(vpc).vpnGatewayId(vgw))
                .vpcAttachment()
                .stateAsString())
        .isEqualTo("attaching");
    VpnGateway shown =
        ec2.describeVpnGateways(r -> r.filters(filter("attachment.vpc-id", vpc)))
            .vpnGateways()
            .get(0);
    assertThat(shown.vpnGatewayId()).isEqualTo(vgw);
    assertThat(shown.vpcAttachments().get(0).stateAsString()).isEqualTo("attached");
    assertThat(shown.tags()).extracting(Tag::value).containsExactly("vgw-one");
    assertError(
        () -> ec2.attachVpnGateway(r -> r.vpcId(vpc).vpnGatewayId(vgw)),
        "VpnGatewayAttachmentLimitExceeded");
    assertError(() -> ec2.deleteVpc(r -> r.vpcId(vpc)), "DependencyViolation");

    String rtb =
        ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc)))
            .routeTables()
            .get(0)
            .routeTableId();
    ec2.enableVgwRoutePropagation(r -> r.routeTableId(rtb).gatewayId(vgw));
    assertThat(
            ec2.describeRouteTables(r -> r.routeTableIds(rtb))
                .routeTables()
                .get(0)
                .propagatingVgws())
        .extracting(PropagatingVgw::gatewayId)
        .containsExactly(vgw);

    String cgw = cgw("203.0.113.10");
    VpnConnection vpn =
        ec2.createVpnConnection(
                r ->
                    r.type("ipsec.1")
                        .customerGatewayId(cgw)
                        .vpnGatewayId(vgw)
                        .options(o -> o.staticRoutesOnly(true))
                        .tagSpecifications(name(ResourceType.VPN_CONNECTION, "office")))
            .vpnConnection();
    assertThat(vpn.vpnConnectionId()).matches("vpn-[0-9a-f]{17}");
    assertThat(vpn.stateAsString()).isEqualTo("pending");
    assertThat(vpn.customerGatewayConfiguration())
        .contains("<vpn_connection id=\"" + vpn.vpnConnectionId());
    assertThat(vpn.vgwTelemetry())
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.statusAsString()).isEqualTo("DOWN"));
    ec2.createVpnConnectionRoute(
        r -> r.vpnConnectionId(vpn.vpnConnectionId()).destinationCidrBlock("192.168.10.0/24"));
    assertError(
        () ->
            ec2.createVpnConnectionRoute(
                r ->
                    r.vpnConnectionId(vpn.vpnConnectionId())
                        .destinationCidrBlock("192.168.10.0/24")),
        "RouteAlreadyExists");
    VpnConnection described =
        ec2.describeVpnConnections(
                r ->
                    r.filters(
                        filter("route.destination-cidr-block", "192.168.10.0/24"),
                        filter("option.static-routes-only", "true")))
            .vpnConnections()
            .get(0);
    assertThat(described.vpnConnectionId()).isEqualTo(vpn.vpnConnectionId());
    assertThat(described.stateAsString()).isEqualTo("available");
    assertThat(described.routes().get(0).stateAsString()).isEqualTo("available");
    assertThat(described.tags()).extracting(Tag::value).containsExactly("office");

    // what is in use cannot go
    assertError(() -> ec2.deleteCustomerGateway(r -> r.customerGatewayId(cgw)), "IncorrectState");
    assertError(() -> ec2.deleteVpnGateway(r -> r.vpnGatewayId(vgw)), "IncorrectState");
    assertError(
        () -> ec2.createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw)),
        "MissingParameter");
    assertError(
        () ->
            ec2.createVpnConnection(
                r ->
                    r.type("ipsec.1").customerGatewayId("cgw-0123456789abcdef0").vpnGatewayId(vgw)),
        "InvalidCustomerGatewayID.NotFound");

    ec2.deleteVpnConnectionRoute(
        r -> r.vpnConnectionId(vpn.vpnConnectionId()).destinationCidrBlock("192.168.10.0/24"));
    assertError(
        () ->
            ec2.deleteVpnConnectionRoute(
                r ->
                    r.vpnConnectionId(vpn.vpnConnectionId())
                        .destinationCidrBlock("192.168.10.0/24")),
        "InvalidRoute.NotFound");
    ec2.deleteVpnConnection(r -> r.vpnConnectionId(vpn.vpnConnectionId()));
    assertThat(
            ec2.describeVpnConnections(r -> r.vpnConnectionIds(vpn.vpnConnectionId()))
                .vpnConnections()
                .get(0)
                .stateAsString())
        .isEqualTo("deleted");
    ec2.deleteCustomerGateway(r -> r.customerGatewayId(cgw));

    ec2.detachVpnGateway(r -> r.vpcId(vpc).vpnGatewayId(vgw));
    assertThat(
            ec2.describeRouteTables(r -> r.routeTableIds(rtb))
                .routeTables()
                .get(0)
                .propagatingVgws())
        .as("propagation ends with the attachment")
        .isEmpty();
    assertError(
        () -> ec2.detachVpnGateway(r -> r.vpcId(vpc).vpnGatewayId(vgw)),
        "InvalidVpnGatewayAttachment.NotFound");
    assertError(
        () -> ec2.enableVgwRoutePropagation(r -> r.routeTableId(rtb).gatewayId(vgw)),
        "Gateway.NotAttached");
    ec2.deleteVpnGateway(r -> r.vpnGatewayId(vgw));
    assertThat(
            ec2.describeVpnGateways(r -> r.vpnGatewayIds(vgw)).vpnGateways().get(0).stateAsString())
        .isEqualTo("deleted");
    assertError(
        () -> ec2.attachVpnGateway(r -> r.vpcId(vpc).vpnGatewayId(vgw)),
        "InvalidVpnGatewayID.NotFound");
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void aTransitGatewayAttachesVpcsAndRoutesByTable() {
    String vpcA = ec2.createVpc(r -> r.cidrBlock("10.72.0.0/16")).vpc().vpcId();
    String vpcB = ec2.createVpc(r -> r.cidrBlock("10.73.0.0/16")).vpc().vpcId();
    String subnetA =
        ec2.createSubnet(r -> r.vpcId(vpcA).cidrBlock("10.72.1.0/24")).subnet().subnetId();
    String subnetB =
        ec2.createSubnet(r -> r.vpcId(vpcB).cidrBlock("10.73.1.0/24")).subnet().subnetId();

    TransitGateway tgw =
        ec2.createTransitGateway(
                r ->
                    r.description("hub")
                        .options(o -> o.amazonSideAsn(64700L))
                        .tagSpecifications(name(ResourceType.TRANSIT_GATEWAY, "hub")))
            .transitGateway();
    String tgwId = tgw.transitGatewayId();
    assertThat(tgwId).matches("tgw-[0-9a-f]{17}");
    assertThat(tgw.stateAsString()).isEqualTo("pending");
    assertThat(tgw.options().defaultRouteTableAssociationAsString()).isEqualTo("enable");
    String defaultTable = tgw.options().associationDefaultRouteTableId();
    assertThat(defaultTable).matches("tgw-rtb-[0-9a-f]{17}");
    assertThat(tgw.options().propagationDefaultRouteTableId()).isEqualTo(defaultTable);
    assertThat(
            ec2.describeTransitGateways(r -> r.filters(filter("options.amazon-side-asn", "64700")))
                .transitGateways())
        .extracting(TransitGateway::transitGatewayId)
        .containsExactly(tgwId);

    String attachA =
        ec2.createTransitGatewayVpcAttachment(
                r -> r.transitGatewayId(tgwId).vpcId(vpcA).subnetIds(subnetA))
            .transitGatewayVpcAttachment()
            .transitGatewayAttachmentId();
    assertThat(attachA).matches("tgw-attach-[0-9a-f]{17}");
    String attachB =
        ec2.createTransitGatewayVpcAttachment(
                r -> r.transitGatewayId(tgwId).vpcId(vpcB).subnetIds(subnetB))
            .transitGatewayVpcAttachment()
            .transitGatewayAttachmentId();
    assertError(
        () ->
            ec2.createTransitGatewayVpcAttachment(
                r -> r.transitGatewayId(tgwId).vpcId(vpcA).subnetIds(subnetA)),
        "DuplicateTransitGatewayAttachment");
    assertError(
        () ->
            ec2.createTransitGatewayVpcAttachment(
                r -> r.transitGatewayId(tgwId).vpcId(vpcA).subnetIds(subnetB)),
        "InvalidParameterValue");
    assertThat(
            ec2.describeTransitGatewayVpcAttachments(r -> r.filters(filter("vpc-id", vpcA)))
                .transitGatewayVpcAttachments()
                .get(0)
                .stateAsString())
        .isEqualTo("available");
    TransitGatewayAttachment listed =
        ec2.describeTransitGatewayAttachments(r -> r.transitGatewayAttachmentIds(attachA))
            .transitGatewayAttachments()
            .get(0);
    assertThat(listed.resourceTypeAsString()).isEqualTo("vpc");
    assertThat(listed.association().transitGatewayRouteTableId())
        .as("associated with the default table")
        .isEqualTo(defaultTable);
    assertError(() -> ec2.deleteSubnet(r -> r.subnetId(subnetA)), "DependencyViolation");
    assertError(() -> ec2.deleteVpc(r -> r.vpcId(vpcA)), "DependencyViolation");
    assertError(
        () -> ec2.acceptTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(attachA)),
        "IncorrectState");

    // both VPCs' blocks propagate into the default table
    assertThat(
            ec2.searchTransitGatewayRoutes(
                    r ->
                        r.transitGatewayRouteTableId(defaultTable)
                            .filters(filter("type", "propagated")))
                .routes())
        .extracting(TransitGatewayRoute::destinationCidrBlock)
        .containsExactlyInAnyOrder("10.72.0.0/16", "10.73.0.0/16");

    // a table of its own for B, with a static and a blackhole route
    String table =
        ec2.createTransitGatewayRouteTable(r -> r.transitGatewayId(tgwId))
            .transitGatewayRouteTable()
            .transitGatewayRouteTableId();
    assertError(
        () ->
            ec2.associateTransitGatewayRouteTable(
                r -> r.transitGatewayRouteTableId(table).transitGatewayAttachmentId(attachB)),
        "Resource.AlreadyAssociated");
    ec2.disassociateTransitGatewayRouteTable(
        r -> r.transitGatewayRouteTableId(defaultTable).transitGatewayAttachmentId(attachB));
    ec2.associateTransitGatewayRouteTable(
        r -> r.transitGatewayRouteTableId(table).transitGatewayAttachmentId(attachB));
    assertThat(
            ec2.getTransitGatewayRouteTableAssociations(r -> r.transitGatewayRouteTableId(table))
                .associations())
        .singleElement()
        .satisfies(a -> assertThat(a.resourceId()).isEqualTo(vpcB));
    ec2.enableTransitGatewayRouteTablePropagation(
        r -> r.transitGatewayRouteTableId(table).transitGatewayAttachmentId(attachA));
    assertError(
        () ->
            ec2.enableTransitGatewayRouteTablePropagation(
                r -> r.transitGatewayRouteTableId(table).transitGatewayAttachmentId(attachA)),
        "TransitGatewayRouteTablePropagation.Duplicate");
    assertThat(
            ec2.getTransitGatewayRouteTablePropagations(r -> r.transitGatewayRouteTableId(table))
                .transitGatewayRouteTablePropagations())
        .singleElement()
        .satisfies(p -> assertThat(p.transitGatewayAttachmentId()).isEqualTo(attachA));
    ec2.createTransitGatewayRoute(
        r ->
            r.transitGatewayRouteTableId(table)
                .destinationCidrBlock("0.0.0.0/0")
                .transitGatewayAttachmentId(attachA));
    ec2.createTransitGatewayRoute(
        r ->
            r.transitGatewayRouteTableId(table)
                .destinationCidrBlock("10.99.0.0/16")
                .blackhole(true));
    assertError(
        () ->
            ec2.createTransitGatewayRoute(
                r ->
                    r.transitGatewayRouteTableId(table)
                        .destinationCidrBlock("10.99.0.0/16")
                        .blackhole(true)),
        "RouteAlreadyExists");
    assertThat(
            ec2.searchTransitGatewayRoutes(
                    r -> r.transitGatewayRouteTableId(table).filters(filter("state", "blackhole")))
                .routes())
        .extracting(TransitGatewayRoute::destinationCidrBlock)
        .containsExactly("10.99.0.0/16");
    assertThat(
            ec2.searchTransitGatewayRoutes(
                    r ->
                        r.transitGatewayRouteTableId(table)
                            .filters(filter("attachment.resource-id", vpcA)))
                .routes())
        .extracting(TransitGatewayRoute::destinationCidrBlock)
        .containsExactlyInAnyOrder("0.0.0.0/0", "10.72.0.0/16");
    ec2.deleteTransitGatewayRoute(
        r -> r.transitGatewayRouteTableId(table).destinationCidrBlock("10.99.0.0/16"));
    assertError(
        () ->
            ec2.deleteTransitGatewayRoute(
                r -> r.transitGatewayRouteTableId(table).destinationCidrBlock("10.99.0.0/16")),
        "InvalidRoute.NotFound");
    assertError(
        () -> ec2.deleteTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(table)),
        "IncorrectState");
    assertError(
        () -> ec2.deleteTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(defaultTable)),
        "IncorrectState");

    // a VPN connection to the gateway is an attachment of type vpn
    String cgw = cgw("203.0.113.20");
    String vpn =
        ec2.createVpnConnection(
                r -> r.type("ipsec.1").customerGatewayId(cgw).transitGatewayId(tgwId))
            .vpnConnection()
            .vpnConnectionId();
    assertThat(
            ec2.describeTransitGatewayAttachments(r -> r.filters(filter("resource-type", "vpn")))
                .transitGatewayAttachments())
        .extracting(TransitGatewayAttachment::resourceId)
        .containsExactly(vpn);

    // teardown in Terraform's order; the gateway waits for its attachments
    assertError(() -> ec2.deleteTransitGateway(r -> r.transitGatewayId(tgwId)), "IncorrectState");
    ec2.deleteVpnConnection(r -> r.vpnConnectionId(vpn));
    ec2.deleteCustomerGateway(r -> r.customerGatewayId(cgw));
    ec2.disassociateTransitGatewayRouteTable(
        r -> r.transitGatewayRouteTableId(table).transitGatewayAttachmentId(attachB));
    ec2.deleteTransitGatewayRouteTable(r -> r.transitGatewayRouteTableId(table));
    ec2.deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(attachA));
    ec2.deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(attachB));
    assertThat(
            ec2.deleteTransitGateway(r -> r.transitGatewayId(tgwId))
                .transitGateway()
                .stateAsString())
        .isEqualTo("deleting");
    assertThat(
            ec2.describeTransitGateways(r -> r.transitGatewayIds(tgwId))
                .transitGateways()
                .get(0)
                .stateAsString())
        .isEqualTo("deleted");
    ec2.deleteSubnet(r -> r.subnetId(subnetA));
    ec2.deleteSubnet(r -> r.subnetId(subnetB));
    ec2.deleteVpc(r -> r.vpcId(vpcA));
    ec2.deleteVpc(r -> r.vpcId(vpcB));
  }

  private static com.fasterxml.jackson.databind.JsonNode cli(String... args) throws Exception {
    dev.ec2double.it.AwsCli.Run run = dev.ec2double.it.AwsCli.run("eu-north-1", args);
    assertThat(run.exit()).as(run.stderr()).isZero();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.stdout());
  }

  /** botocore is stricter about element names than the Java SDK: each new family once. */
  @Test
  void theAwsCliDrivesTheNewFamilies() throws Exception {
    dev.ec2double.it.AwsCli.requireInstalled("VpnAndTransitGatewaysIT");
    String vpc =
        cli("ec2", "create-vpc", "--cidr-block", "10.74.0.0/16").get("Vpc").get("VpcId").asText();
    var assoc =
        cli("ec2", "associate-vpc-cidr-block", "--vpc-id", vpc, "--cidr-block", "10.75.0.0/16");
    assertThat(assoc.get("CidrBlockAssociation").get("CidrBlockState").get("State").asText())
        .isEqualTo("associating");
    assertThat(
            cli("ec2", "describe-vpcs", "--vpc-ids", vpc)
                .get("Vpcs")
                .get(0)
                .get("CidrBlockAssociationSet"))
        .hasSize(2);

    String tgw =
        cli("ec2", "create-transit-gateway", "--description", "cli")
            .get("TransitGateway")
            .get("TransitGatewayId")
            .asText();
    var described = cli("ec2", "describe-transit-gateways", "--transit-gateway-ids", tgw);
    assertThat(described.get("TransitGateways").get(0).get("Options").get("AmazonSideAsn").asLong())
        .isEqualTo(64512L);

    String vgw =
        cli("ec2", "create-vpn-gateway", "--type", "ipsec.1")
            .get("VpnGateway")
            .get("VpnGatewayId")
            .asText();
    cli("ec2", "attach-vpn-gateway", "--vpn-gateway-id", vgw, "--vpc-id", vpc);
    assertThat(
            cli("ec2", "describe-vpn-gateways", "--vpn-gateway-ids", vgw)
                .get("VpnGateways")
                .get(0)
                .get("VpcAttachments")
                .get(0)
                .get("State")
                .asText())
        .isEqualTo("attached");

    var flows =
        cli(
            "ec2",
            "create-flow-logs",
            "--resource-type",
            "VPC",
            "--resource-ids",
            vpc,
            "--traffic-type",
            "ALL",
            "--log-destination-type",
            "s3",
            "--log-destination",
            "arn:aws:s3:::cli-flows");
    String fl = flows.get("FlowLogIds").get(0).asText();
    assertThat(
            cli("ec2", "describe-flow-logs", "--flow-log-ids", fl)
                .get("FlowLogs")
                .get(0)
                .get("LogDestination")
                .asText())
        .isEqualTo("arn:aws:s3:::cli-flows");
    String cagw =
        cli("ec2", "create-carrier-gateway", "--vpc-id", vpc)
            .get("CarrierGateway")
            .get("CarrierGatewayId")
            .asText();
    assertThat(
            cli("ec2", "describe-carrier-gateways", "--carrier-gateway-ids", cagw)
                .get("CarrierGateways"))
        .hasSize(1);

    cli("ec2", "delete-carrier-gateway", "--carrier-gateway-id", cagw);
    cli("ec2", "delete-flow-logs", "--flow-log-ids", fl);
    cli("ec2", "detach-vpn-gateway", "--vpn-gateway-id", vgw, "--vpc-id", vpc);
    cli("ec2", "delete-vpn-gateway", "--vpn-gateway-id", vgw);
    cli("ec2", "delete-transit-gateway", "--transit-gateway-id", tgw);
    cli(
        "ec2",
        "disassociate-vpc-cidr-block",
        "--association-id",
        assoc.get("CidrBlockAssociation").get("AssociationId").asText());
    cli("ec2", "delete-vpc", "--vpc-id", vpc);
  }
}
