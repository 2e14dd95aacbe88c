package dev.ec2double.it.transitgateways;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Outposts local gateways answer as AWS does for an account without an Outpost. */
class LocalGatewaysIT {
  private static final Ec2Client ec2 = TestServer.ec2("us-east-2", "340987654321");

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void listsAreEmptyAndIdsAreNotFound() {
    assertThat(
            ec2.describeLocalGateways(r -> r.filters(filter("state", "available"))).localGateways())
        .isEmpty();
    assertThat(ec2.describeLocalGatewayRouteTables(r -> {}).localGatewayRouteTables()).isEmpty();
    assertThat(ec2.describeLocalGatewayVirtualInterfaces(r -> {}).localGatewayVirtualInterfaces())
        .isEmpty();
    assertThat(ec2.describeOutpostLags(r -> {}).outpostLags()).isEmpty();
    assertThat(ec2.describeServiceLinkVirtualInterfaces(r -> {}).serviceLinkVirtualInterfaces())
        .isEmpty();
    assertError(
        () -> ec2.describeLocalGateways(r -> r.localGatewayIds("lgw-0123456789abcdef0")),
        "InvalidLocalGatewayID.NotFound");
    assertError(
        () -> ec2.describeLocalGateways(r -> r.filters(filter("no-such", "x"))),
        "InvalidParameterValue");
    assertError(() -> ec2.describeLocalGateways(r -> r.maxResults(1)), "InvalidParameterValue");
    assertError(
        () ->
            ec2.describeLocalGatewayRouteTableVpcAssociations(
                r -> r.localGatewayRouteTableVpcAssociationIds("lgw-vpc-assoc-0123456789abcdef0")),
        "InvalidLocalGatewayRouteTableVpcAssociationID.NotFound");
  }

  @Test
  void changesCheckTheirInputThenFindNoLocalGateway() {
    assertError(
        () ->
            ec2.createLocalGatewayRoute(
                r ->
                    r.localGatewayRouteTableId("lgw-rtb-0123456789abcdef0")
                        .destinationCidrBlock("10.0.0.0/33")
                        .networkInterfaceId("eni-0123456789abcdef0")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createLocalGatewayRoute(
                r ->
                    r.localGatewayRouteTableId("lgw-rtb-0123456789abcdef0")
                        .destinationCidrBlock("10.0.0.0/16")),
        "InvalidParameterCombination");
    assertError(
        () ->
            ec2.createLocalGatewayRoute(
                r ->
                    r.localGatewayRouteTableId("lgw-rtb-0123456789abcdef0")
                        .destinationCidrBlock("10.0.0.0/16")
                        .networkInterfaceId("eni-0123456789abcdef0")),
        "InvalidLocalGatewayRouteTableID.NotFound");
    assertError(
        () ->
            ec2.createLocalGatewayRouteTable(
                r -> r.localGatewayId("lgw-0123456789abcdef0").mode("other")),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createLocalGatewayRouteTable(r -> r.localGatewayId("lgw-0123456789abcdef0")),
        "InvalidLocalGatewayID.NotFound");
    assertError(
        () ->
            ec2.createLocalGatewayRouteTableVpcAssociation(
                r ->
                    r.localGatewayRouteTableId("lgw-rtb-0123456789abcdef0")
                        .vpcId("vpc-0123456789abcdef0")),
        "InvalidVpcID.NotFound");
    assertError(
        () ->
            ec2.createLocalGatewayVirtualInterface(
                r ->
                    r.localGatewayVirtualInterfaceGroupId("lgw-vif-grp-0123456789abcdef0")
                        .outpostLagId("lag-0123456789abcdef0")
                        .vlan(5000)
                        .localAddress("10.0.0.1/30")
                        .peerAddress("10.0.0.2/30")
                        .peerBgpAsn(65000)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.searchLocalGatewayRoutes(
                r ->
                    r.localGatewayRouteTableId("lgw-rtb-0123456789abcdef0")
                        .filters(filter("type", "static"))),
        "InvalidLocalGatewayRouteTableID.NotFound");
    assertError(
        () ->
            ec2.deleteLocalGatewayVirtualInterfaceGroup(
                r -> r.localGatewayVirtualInterfaceGroupId("lgw-vif-grp-0123456789abcdef0")),
        "InvalidLocalGatewayVirtualInterfaceGroupID.NotFound");
  }
}
