package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * Routes of every target kind this server has, their active and blackhole states, the errors of
 * CreateRoute, ReplaceRoute and DeleteRoute, main-table replacement and gateway (edge)
 * associations, on the mock backend.
 */
class RoutesApiIT {
  private static final Ec2Client ec2 = TestServer.ec2("eu-north-1", "AKIDROUTESMOCK");

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String vpc(String cidr) {
    return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
  }

  private static RouteTable table(String id) {
    return ec2.describeRouteTables(r -> r.routeTableIds(id)).routeTables().get(0);
  }

  private static Route route(String table, String destination) {
    return table(table).routes().stream()
        .filter(
            r ->
                destination.equals(r.destinationCidrBlock())
                    || destination.equals(r.destinationIpv6CidrBlock()))
        .findFirst()
        .orElseThrow();
  }

  /** The error of a route from the table to 0.0.0.0/0 with the given target. */
  private static String toAnywhere(
      String rtb, java.util.function.Consumer<CreateRouteRequest.Builder> target) {
    return error(
        () ->
            ec2.createRoute(
                r -> {
                  r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0");
                  target.accept(r);
                }));
  }

  private static String mainTable(String vpc) {
    return ec2.describeRouteTables(
            r -> r.filters(filter("vpc-id", vpc), filter("association.main", "true")))
        .routeTables()
        .get(0)
        .routeTableId();
  }

  @Test
  void aRouteToAPeeringIsActiveWhileItIsAndABlackholeAfter() {
    String a = vpc("10.92.0.0/16");
    String b = vpc("10.93.0.0/16");
    String pcx =
        ec2.createVpcPeeringConnection(r -> r.vpcId(a).peerVpcId(b))
            .vpcPeeringConnection()
            .vpcPeeringConnectionId();
    String rtb = ec2.createRouteTable(r -> r.vpcId(a)).routeTable().routeTableId();
    ec2.createRoute(
        r -> r.routeTableId(rtb).destinationCidrBlock("10.93.0.0/16").vpcPeeringConnectionId(pcx));
    assertThat(route(rtb, "10.93.0.0/16").stateAsString())
        .as("pending acceptance")
        .isEqualTo("blackhole");
    ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
    Route active = route(rtb, "10.93.0.0/16");
    assertThat(active.stateAsString()).isEqualTo("active");
    assertThat(active.vpcPeeringConnectionId()).isEqualTo(pcx);
    assertThat(active.originAsString()).isEqualTo("CreateRoute");
    assertThat(
            ec2.describeRouteTables(
                    r ->
                        r.filters(
                            filter("route.vpc-peering-connection-id", pcx),
                            filter("route.state", "active")))
                .routeTables())
        .extracting(RouteTable::routeTableId)
        .containsExactly(rtb);

    assertThat(
            error(
                () ->
                    ec2.createRoute(
                        r ->
                            r.routeTableId(rtb)
                                .destinationCidrBlock("10.93.0.0/16")
                                .vpcPeeringConnectionId(pcx))))
        .isEqualTo("RouteAlreadyExists: The route identified by 10.93.0.0/16 already exists.");

    // a VPC the peering does not join
    String c = vpc("10.94.0.0/16");
    String other = ec2.createRouteTable(r -> r.vpcId(c)).routeTable().routeTableId();
    assertThat(
            error(
                () ->
                    ec2.createRoute(
                        r ->
                            r.routeTableId(other)
                                .destinationCidrBlock("10.93.0.0/16")
                                .vpcPeeringConnectionId(pcx))))
        .startsWith("InvalidParameterValue");

    ec2.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
    assertThat(route(rtb, "10.93.0.0/16").stateAsString()).isEqualTo("blackhole");
    ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.93.0.0/16"));
    assertThat(table(rtb).routes()).hasSize(1);
    assertThat(
            error(
                () ->
                    ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.93.0.0/16"))))
        .startsWith("InvalidRoute.NotFound");
  }

  @Test
  void targetsMustExistAndExactlyOneIsGiven() {
    String a = vpc("10.95.0.0/16");
    String rtb = ec2.createRouteTable(r -> r.vpcId(a)).routeTable().routeTableId();
    assertThat(toAnywhere(rtb, r -> r.natGatewayId("nat-0123456789abcdef0")))
        .isEqualTo(
            "InvalidNatGatewayID.NotFound: The natGateway ID 'nat-0123456789abcdef0' does not exist");
    assertThat(toAnywhere(rtb, r -> r.gatewayId("igw-0123456789abcdef0")))
        .startsWith("InvalidGatewayID.NotFound");
    assertThat(toAnywhere(rtb, r -> r.transitGatewayId("tgw-0123456789abcdef0")))
        .startsWith("InvalidTransitGatewayID.NotFound");
    assertThat(toAnywhere(rtb, r -> r.carrierGatewayId("cagw-0123456789abcdef0")))
        .startsWith("InvalidCarrierGatewayID.NotFound");
    assertThat(toAnywhere(rtb, r -> r.vpcEndpointId("vpce-0123456789abcdef0")))
        .startsWith("InvalidVpcEndpointId.NotFound");
    assertThat(toAnywhere(rtb, r -> r.vpcPeeringConnectionId("pcx-0123456789abcdef0")))
        .startsWith("InvalidVpcPeeringConnectionID.NotFound");
    assertThat(toAnywhere(rtb, r -> r.networkInterfaceId("eni-0123456789abcdef0")))
        .startsWith("InvalidNetworkInterfaceID.NotFound");
    assertThat(toAnywhere(rtb, r -> r.instanceId("i-0123456789abcdef0")))
        .startsWith("InvalidInstanceID.NotFound");
    assertThat(
            error(
                () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0"))))
        .startsWith("InvalidParameterCombination");
    assertThat(
            error(
                () ->
                    ec2.createRoute(
                        r ->
                            r.routeTableId(rtb)
                                .destinationCidrBlock("10.0.0.0/33")
                                .gatewayId("local"))))
        .startsWith("InvalidParameterValue");
    assertThat(
            error(
                () ->
                    ec2.createRoute(
                        r ->
                            r.routeTableId("rtb-0123456789abcdef0")
                                .destinationCidrBlock("0.0.0.0/0")
                                .gatewayId("igw-0123456789abcdef0"))))
        .startsWith("InvalidRouteTableID.NotFound");
  }

  @Test
  void gatewaysAndEgressOnlyGatewaysAsTargetsAndReplaceKeepsTheOrigin() {
    String a = vpc("10.96.0.0/16");
    String rtb = mainTable(a);
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    assertThat(
            error(
                () ->
                    ec2.createRoute(
                        r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw))))
        .as("not attached to the VPC")
        .startsWith("InvalidParameterValue");
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(a));
    ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    assertThat(route(rtb, "0.0.0.0/0").stateAsString()).isEqualTo("active");

    String eigw =
        ec2.createEgressOnlyInternetGateway(r -> r.vpcId(a))
            .egressOnlyInternetGateway()
            .egressOnlyInternetGatewayId();
    ec2.createRoute(
        r ->
            r.routeTableId(rtb).destinationIpv6CidrBlock("::/0").egressOnlyInternetGatewayId(eigw));
    Route v6 = route(rtb, "::/0");
    assertThat(v6.egressOnlyInternetGatewayId()).isEqualTo(eigw);
    assertThat(v6.destinationCidrBlock()).isNull();
    assertThat(
            error(
                () ->
                    ec2.createRoute(
                        r ->
                            r.routeTableId(rtb)
                                .destinationCidrBlock("10.0.0.0/8")
                                .egressOnlyInternetGatewayId(eigw))))
        .startsWith("InvalidParameterValue");

    // replace: the other target, the same origin
    ec2.replaceRoute(r -> r.routeTableId(rtb).destinationIpv6CidrBlock("::/0").gatewayId(igw));
    assertThat(route(rtb, "::/0").gatewayId()).isEqualTo(igw);
    assertThat(route(rtb, "::/0").egressOnlyInternetGatewayId()).isNull();
    assertThat(
            error(
                () ->
                    ec2.replaceRoute(
                        r ->
                            r.routeTableId(rtb)
                                .destinationCidrBlock("10.97.0.0/16")
                                .gatewayId(igw))))
        .startsWith("InvalidRoute.NotFound");
    assertThat(
            error(
                () ->
                    ec2.replaceRoute(
                        r ->
                            r.routeTableId(rtb)
                                .destinationCidrBlock("10.96.0.0/16")
                                .gatewayId(igw))))
        .as("the local route")
        .startsWith("InvalidParameterValue");
    assertThat(
            error(
                () ->
                    ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.96.0.0/16"))))
        .startsWith("InvalidParameterValue");
    Route local = route(rtb, "10.96.0.0/16");
    assertThat(local.gatewayId()).isEqualTo("local");
    assertThat(local.originAsString()).isEqualTo("CreateRouteTable");

    ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(a));
    assertThat(route(rtb, "0.0.0.0/0").stateAsString()).isEqualTo("blackhole");
    ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0"));
    ec2.deleteRoute(r -> r.routeTableId(rtb).destinationIpv6CidrBlock("::/0"));
  }

  @Test
  void theMainTableIsReplacedAndAGatewayGetsAnEdgeAssociation() {
    String a = vpc("10.97.0.0/16");
    String main = mainTable(a);
    String next = ec2.createRouteTable(r -> r.vpcId(a)).routeTable().routeTableId();
    String association =
        table(main).associations().stream()
            .filter(x -> x.main())
            .findFirst()
            .orElseThrow()
            .routeTableAssociationId();
    String moved =
        ec2.replaceRouteTableAssociation(r -> r.associationId(association).routeTableId(next))
            .newAssociationId();
    assertThat(mainTable(a)).isEqualTo(next);
    assertThat(table(next).associations())
        .extracting(x -> x.routeTableAssociationId())
        .containsExactly(moved);
    assertThat(error(() -> ec2.disassociateRouteTable(r -> r.associationId(moved))))
        .startsWith("InvalidParameterValue");
    // the old main table may go now
    ec2.deleteRouteTable(r -> r.routeTableId(main));

    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    String edge = ec2.createRouteTable(r -> r.vpcId(a)).routeTable().routeTableId();
    assertThat(error(() -> ec2.associateRouteTable(r -> r.routeTableId(edge).gatewayId(igw))))
        .as("not attached")
        .startsWith("InvalidParameterValue");
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(a));
    String edgeAssociation =
        ec2.associateRouteTable(r -> r.routeTableId(edge).gatewayId(igw)).associationId();
    assertThat(table(edge).associations().get(0).gatewayId()).isEqualTo(igw);
    assertThat(
            ec2.describeRouteTables(r -> r.filters(filter("association.gateway-id", igw)))
                .routeTables())
        .extracting(RouteTable::routeTableId)
        .containsExactly(edge);
    assertThat(error(() -> ec2.associateRouteTable(r -> r.routeTableId(next).gatewayId(igw))))
        .startsWith("Resource.AlreadyAssociated");
    assertThat(error(() -> ec2.deleteRouteTable(r -> r.routeTableId(edge))))
        .startsWith("DependencyViolation");
    ec2.disassociateRouteTable(r -> r.associationId(edgeAssociation));
    ec2.deleteRouteTable(r -> r.routeTableId(edge));
  }
}
