package dev.ec2double.it.routeservers;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteServer;
import software.amazon.awssdk.services.ec2.model.RouteServerEndpoint;
import software.amazon.awssdk.services.ec2.model.RouteServerPeer;

/** VPC Route Server as an SDK user sees it: records, with endpoints on real subnet addresses. */
class RouteServersIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-west-3", "AKIDROUTESERVERS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String vpc(String cidr) {
    return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
  }

  @Test
  void aRouteServerPeersThroughAnEndpointOfItsVpcAndSaysItsSessionIsDown() {
    RouteServer made =
        ec2.createRouteServer(
                r ->
                    r.amazonSideAsn(65010L)
                        .persistRoutes("enable")
                        .persistRoutesDuration(2L)
                        .snsNotificationsEnabled(true)
                        .tagSpecifications(
                            t ->
                                t.resourceType(ResourceType.ROUTE_SERVER)
                                    .tags(g -> g.key("Name").value("edge"))))
            .routeServer();
    String rs = made.routeServerId();
    assertThat(rs).matches("rs-[0-9a-f]{17}");
    assertThat(made.stateAsString()).isEqualTo("pending");
    RouteServer shown = ec2.describeRouteServers(r -> r.routeServerIds(rs)).routeServers().get(0);
    assertThat(shown.stateAsString()).isEqualTo("available");
    assertThat(shown.amazonSideAsn()).isEqualTo(65010L);
    assertThat(shown.persistRoutesStateAsString()).isEqualTo("enabled");
    assertThat(shown.persistRoutesDuration()).isEqualTo(2L);
    assertThat(shown.snsTopicArn()).startsWith("arn:aws:sns:eu-west-3:");
    assertThat(shown.tags().get(0).value()).isEqualTo("edge");
    assertThat(ec2.describeRouteServers(r -> r.filters(filter("tag:Name", "edge"))).routeServers())
        .extracting(RouteServer::routeServerId)
        .containsExactly(rs);

    assertThat(ec2.describeTags(r -> r.filters(filter("resource-type", "route-server"))).tags())
        .extracting(t -> t.resourceId())
        .contains(rs);
    assertError(
        () -> ec2.createRouteServer(r -> r.amazonSideAsn(65010L).dryRun(true)), "DryRunOperation");

    String vpc = vpc("10.61.0.0/16");
    String other = vpc("10.62.0.0/16");
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.61.1.0/24")).subnet().subnetId();
    assertError(
        () -> ec2.createRouteServerEndpoint(r -> r.routeServerId(rs).subnetId(subnet)),
        "InvalidRouteServerId.NotAssociated");
    assertThat(
            ec2.associateRouteServer(r -> r.routeServerId(rs).vpcId(vpc))
                .routeServerAssociation()
                .stateAsString())
        .isEqualTo("associating");
    assertThat(ec2.getRouteServerAssociations(r -> r.routeServerId(rs)).routeServerAssociations())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.vpcId()).isEqualTo(vpc);
              assertThat(a.stateAsString()).isEqualTo("associated");
            });
    assertError(
        () -> ec2.associateRouteServer(r -> r.routeServerId(rs).vpcId(other)),
        "Resource.AlreadyAssociated");

    RouteServerEndpoint endpoint =
        ec2.createRouteServerEndpoint(
                r ->
                    r.routeServerId(rs)
                        .subnetId(subnet)
                        .tagSpecifications(
                            t ->
                                t.resourceType(ResourceType.ROUTE_SERVER_ENDPOINT)
                                    .tags(g -> g.key("Name").value("a"))))
            .routeServerEndpoint();
    assertThat(endpoint.stateAsString()).isEqualTo("pending");
    assertThat(endpoint.vpcId()).isEqualTo(vpc);
    assertThat(endpoint.eniAddress()).startsWith("10.61.1.");
    String rse = endpoint.routeServerEndpointId();
    NetworkInterface eni =
        ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(endpoint.eniId()))
            .networkInterfaces()
            .get(0);
    assertThat(eni.privateIpAddress()).isEqualTo(endpoint.eniAddress());
    assertThat(eni.requesterManaged()).isTrue();
    assertThat(eni.statusAsString()).isEqualTo("in-use");
    assertError(
        () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(endpoint.eniId())),
        "InvalidNetworkInterface.InUse");
    assertError(
        () ->
            ec2.createNetworkInterface(
                r -> r.subnetId(subnet).privateIpAddress(eni.privateIpAddress())),
        "InvalidIPAddress.InUse");

    assertError(
        () ->
            ec2.createRouteServerPeer(
                r ->
                    r.routeServerEndpointId(rse)
                        .peerAddress("10.62.0.9")
                        .bgpOptions(b -> b.peerAsn(65020L))),
        "InvalidParameterValue");
    RouteServerPeer peer =
        ec2.createRouteServerPeer(
                r ->
                    r.routeServerEndpointId(rse)
                        .peerAddress("10.61.1.200")
                        .bgpOptions(b -> b.peerAsn(65020L).peerLivenessDetection("bfd")))
            .routeServerPeer();
    assertThat(peer.stateAsString()).isEqualTo("pending");
    assertThat(peer.endpointEniAddress()).isEqualTo(endpoint.eniAddress());
    RouteServerPeer described =
        ec2.describeRouteServerPeers(r -> r.filters(filter("route-server-endpoint-id", rse)))
            .routeServerPeers()
            .get(0);
    assertThat(described.stateAsString()).isEqualTo("available");
    assertThat(described.bgpStatus().statusAsString()).isEqualTo("down");
    assertThat(described.bfdStatus().statusAsString()).isEqualTo("down");
    assertThat(described.bgpOptions().peerAsn()).isEqualTo(65020L);

    String table =
        ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc)))
            .routeTables()
            .get(0)
            .routeTableId();
    assertThat(
            ec2.enableRouteServerPropagation(r -> r.routeServerId(rs).routeTableId(table))
                .routeServerPropagation()
                .stateAsString())
        .isEqualTo("pending");
    assertThat(ec2.getRouteServerPropagations(r -> r.routeServerId(rs)).routeServerPropagations())
        .singleElement()
        .satisfies(p -> assertThat(p.stateAsString()).isEqualTo("available"));
    var database = ec2.getRouteServerRoutingDatabase(r -> r.routeServerId(rs));
    assertThat(database.routes()).isEmpty();
    assertThat(database.areRoutesPersisted()).isFalse();

    // what still depends on something holds it
    assertError(() -> ec2.deleteRouteServer(r -> r.routeServerId(rs)), "DependencyViolation");
    assertError(
        () -> ec2.disassociateRouteServer(r -> r.routeServerId(rs).vpcId(vpc)),
        "DependencyViolation");
    assertError(
        () -> ec2.deleteRouteServerEndpoint(r -> r.routeServerEndpointId(rse)),
        "DependencyViolation");

    // taken down in order
    assertThat(
            ec2.deleteRouteServerPeer(r -> r.routeServerPeerId(peer.routeServerPeerId()))
                .routeServerPeer()
                .stateAsString())
        .isEqualTo("deleting");
    assertThat(
            ec2.describeRouteServerPeers(r -> r.routeServerPeerIds(peer.routeServerPeerId()))
                .routeServerPeers()
                .get(0)
                .stateAsString())
        .isEqualTo("deleted");
    ec2.deleteRouteServerEndpoint(r -> r.routeServerEndpointId(rse));
    assertError(
        () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(endpoint.eniId())),
        "InvalidNetworkInterfaceID.NotFound");
    ec2.disableRouteServerPropagation(r -> r.routeServerId(rs).routeTableId(table));
    assertError(
        () -> ec2.disableRouteServerPropagation(r -> r.routeServerId(rs).routeTableId(table)),
        "InvalidRouteServerId.NotPropagated");
    assertThat(
            ec2.disassociateRouteServer(r -> r.routeServerId(rs).vpcId(vpc))
                .routeServerAssociation()
                .stateAsString())
        .isEqualTo("disassociating");
    assertThat(ec2.getRouteServerAssociations(r -> r.routeServerId(rs)).routeServerAssociations())
        .isEmpty();
    assertThat(ec2.deleteRouteServer(r -> r.routeServerId(rs)).routeServer().stateAsString())
        .isEqualTo("deleting");
    assertThat(
            ec2.describeRouteServers(r -> r.routeServerIds(rs))
                .routeServers()
                .get(0)
                .stateAsString())
        .isEqualTo("deleted");
    assertError(
        () -> ec2.modifyRouteServer(r -> r.routeServerId(rs).snsNotificationsEnabled(false)),
        "InvalidRouteServerId.NotFound");
    // the subnet's address came back with the endpoint's interface
    assertThat(
            ec2.createNetworkInterface(
                    r -> r.subnetId(subnet).privateIpAddress(eni.privateIpAddress()))
                .networkInterface()
                .privateIpAddress())
        .isEqualTo(eni.privateIpAddress());
  }

  @Test
  void inputIsCheckedAsAwsChecksIt() {
    assertError(() -> ec2.createRouteServer(r -> r.amazonSideAsn(0L)), "InvalidParameterValue");
    assertError(
        () -> ec2.createRouteServer(r -> r.amazonSideAsn(4294967296L)), "InvalidParameterValue");
    assertError(
        () -> ec2.createRouteServer(r -> r.amazonSideAsn(65000L).persistRoutes("enable")),
        "InvalidParameterCombination");
    assertError(
        () ->
            ec2.createRouteServer(
                r -> r.amazonSideAsn(65000L).persistRoutes("enable").persistRoutesDuration(6L)),
        "InvalidParameterValue");
    assertError(
        () -> ec2.describeRouteServers(r -> r.routeServerIds("rs-0123456789abcdef0")),
        "InvalidRouteServerId.NotFound");
    assertError(
        () -> ec2.describeRouteServers(r -> r.routeServerIds("rs-nothex")),
        "InvalidRouteServerId.Malformed");
    assertError(
        () -> ec2.describeRouteServers(r -> r.filters(filter("colour", "red"))),
        "InvalidParameterValue");
    assertError(() -> ec2.describeRouteServers(r -> r.maxResults(4)), "InvalidParameterValue");
    assertError(
        () ->
            ec2.getRouteServerRoutingDatabase(
                r -> r.routeServerId("rs-0123456789abcdef0").maxResults(5)),
        "InvalidRouteServerId.NotFound");

    for (long asn = 4200000001L; asn <= 4200000006L; asn++) {
      long a = asn;
      ec2.createRouteServer(r -> r.amazonSideAsn(a));
    }
    var first =
        ec2.describeRouteServers(
            r -> r.maxResults(5).filters(filter("amazon-side-asn", "42000000*")));
    assertThat(first.routeServers()).hasSize(5);
    assertThat(first.nextToken()).isNotNull();
    assertThat(
            ec2.describeRouteServers(
                    r ->
                        r.maxResults(5)
                            .nextToken(first.nextToken())
                            .filters(filter("amazon-side-asn", "42000000*")))
                .routeServers())
        .hasSize(1);

    String rs = first.routeServers().get(0).routeServerId();
    RouteServer modified =
        ec2.modifyRouteServer(
                r -> r.routeServerId(rs).persistRoutes("enable").persistRoutesDuration(3L))
            .routeServer();
    assertThat(modified.persistRoutesStateAsString()).isEqualTo("enabling");
    RouteServer after = ec2.describeRouteServers(r -> r.routeServerIds(rs)).routeServers().get(0);
    assertThat(after.persistRoutesStateAsString()).isEqualTo("enabled");
    assertThat(after.persistRoutesDuration()).isEqualTo(3L);
    assertError(
        () -> ec2.associateRouteServer(r -> r.routeServerId(rs).vpcId("vpc-0123456789abcdef0")),
        "InvalidVpcID.NotFound");
    String vpc = vpc("10.63.0.0/16");
    ec2.associateRouteServer(r -> r.routeServerId(rs).vpcId(vpc));
    String second = first.routeServers().get(1).routeServerId();
    assertError(
        () -> ec2.associateRouteServer(r -> r.routeServerId(second).vpcId(vpc)),
        "Resource.AlreadyAssociated");
    String foreignTable =
        ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc("10.64.0.0/16"))))
            .routeTables()
            .get(0)
            .routeTableId();
    assertError(
        () -> ec2.enableRouteServerPropagation(r -> r.routeServerId(rs).routeTableId(foreignTable)),
        "InvalidParameterValue");
    assertError(
        () -> ec2.disassociateRouteServer(r -> r.routeServerId(rs).vpcId("vpc-0123456789abcdef0")),
        "InvalidRouteServerId.NotAssociated");
  }
}
