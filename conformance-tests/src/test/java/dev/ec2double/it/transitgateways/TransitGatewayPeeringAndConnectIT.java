package dev.ec2double.it.transitgateways;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TransitGatewayConnectPeer;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPeeringAttachment;

/**
 * Transit gateway peering across accounts and regions of one server, Connect attachments and
 * Connect peers, on the mock backend.
 */
class TransitGatewayPeeringAndConnectIT {
  private static final Ec2Client ec2 = TestServer.ec2("ap-south-1", "310987654321");
  private static final Ec2Client other = TestServer.ec2("eu-west-3", "344455556666");

  @AfterAll
  static void close() {
    ec2.close();
    other.close();
  }

  private static String tgw(Ec2Client client) {
    return client
        .createTransitGateway(r -> r.options(o -> o.transitGatewayCidrBlocks("192.0.2.0/24")))
        .transitGateway()
        .transitGatewayId();
  }

  private static TransitGatewayPeeringAttachment peering(Ec2Client client, String id) {
    return client
        .describeTransitGatewayPeeringAttachments(r -> r.transitGatewayAttachmentIds(id))
        .transitGatewayPeeringAttachments()
        .get(0);
  }

  @Test
  void aPeeringAcrossAccountsAndRegionsWaitsForTheAccepterThenIsAvailableThenDeleted() {
    String mine = tgw(ec2);
    String theirs = tgw(other);
    TransitGatewayPeeringAttachment made =
        ec2.createTransitGatewayPeeringAttachment(
                r ->
                    r.transitGatewayId(mine)
                        .peerTransitGatewayId(theirs)
                        .peerAccountId("344455556666")
                        .peerRegion("eu-west-3")
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.TRANSIT_GATEWAY_ATTACHMENT)
                                .tags(Tag.builder().key("Name").value("peer").build())
                                .build()))
            .transitGatewayPeeringAttachment();
    String id = made.transitGatewayAttachmentId();
    assertThat(id).matches("tgw-attach-[0-9a-f]{17}");
    assertThat(made.stateAsString()).isEqualTo("initiatingRequest");
    assertThat(made.accepterTgwInfo().region()).isEqualTo("eu-west-3");
    assertThat(made.accepterTgwInfo().ownerId()).isEqualTo("344455556666");

    // both sides see it pending; only the accepter may accept
    assertThat(peering(ec2, id).stateAsString()).isEqualTo("pendingAcceptance");
    assertThat(peering(other, id).stateAsString()).isEqualTo("pendingAcceptance");
    assertThat(peering(ec2, id).tags()).extracting(Tag::value).containsExactly("peer");
    assertError(
        () -> ec2.acceptTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(id)),
        "InvalidParameterValue");
    assertThat(
            other
                .describeTransitGatewayAttachments(
                    r ->
                        r.filters(
                            filter("resource-type", "peering"),
                            filter("transit-gateway-id", theirs)))
                .transitGatewayAttachments())
        .extracting(a -> a.transitGatewayAttachmentId())
        .containsExactly(id);

    assertThat(
            other
                .acceptTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(id))
                .transitGatewayPeeringAttachment()
                .stateAsString())
        .isEqualTo("pending");
    assertThat(peering(ec2, id).stateAsString()).isEqualTo("available");
    assertThat(
            ec2.describeTransitGatewayPeeringAttachments(
                    r ->
                        r.filters(
                            filter("state", "available"), filter("transit-gateway-id", theirs)))
                .transitGatewayPeeringAttachments())
        .hasSize(1);
    assertError(
        () -> other.acceptTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(id)),
        "IncorrectState");
    // a gateway with a live peering cannot go
    assertError(() -> ec2.deleteTransitGateway(r -> r.transitGatewayId(mine)), "IncorrectState");

    // the peering is announced from a route table of the gateway
    String table =
        ec2.describeTransitGateways(r -> r.transitGatewayIds(mine))
            .transitGateways()
            .get(0)
            .options()
            .associationDefaultRouteTableId();
    String announcement =
        ec2.createTransitGatewayRouteTableAnnouncement(
                r -> r.transitGatewayRouteTableId(table).peeringAttachmentId(id))
            .transitGatewayRouteTableAnnouncement()
            .transitGatewayRouteTableAnnouncementId();
    assertThat(
            ec2.describeTransitGatewayRouteTableAnnouncements(
                    r -> r.filters(filter("peer-transit-gateway-id", theirs)))
                .transitGatewayRouteTableAnnouncements())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.transitGatewayRouteTableAnnouncementId()).isEqualTo(announcement);
              assertThat(a.announcementDirectionAsString()).isEqualTo("outgoing");
            });
    ec2.deleteTransitGatewayRouteTableAnnouncement(
        r -> r.transitGatewayRouteTableAnnouncementId(announcement));

    other.deleteTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(id));
    assertThat(peering(ec2, id).stateAsString()).isEqualTo("deleted");
    ec2.deleteTransitGateway(r -> r.transitGatewayId(mine));
  }

  @Test
  void aRejectedPeeringEndsAndAMissingPeerFails() {
    String mine = tgw(ec2);
    String theirs = tgw(other);
    String id =
        ec2.createTransitGatewayPeeringAttachment(
                r ->
                    r.transitGatewayId(mine)
                        .peerTransitGatewayId(theirs)
                        .peerAccountId("344455556666")
                        .peerRegion("eu-west-3"))
            .transitGatewayPeeringAttachment()
            .transitGatewayAttachmentId();
    assertThat(
            other
                .rejectTransitGatewayPeeringAttachment(r -> r.transitGatewayAttachmentId(id))
                .transitGatewayPeeringAttachment()
                .stateAsString())
        .isEqualTo("rejecting");
    assertThat(peering(ec2, id).stateAsString()).isEqualTo("rejected");

    String failed =
        ec2.createTransitGatewayPeeringAttachment(
                r ->
                    r.transitGatewayId(mine)
                        .peerTransitGatewayId("tgw-0123456789abcdef0")
                        .peerAccountId("344455556666")
                        .peerRegion("eu-west-3"))
            .transitGatewayPeeringAttachment()
            .transitGatewayAttachmentId();
    assertThat(peering(ec2, failed).stateAsString()).isEqualTo("failed");
    assertError(
        () ->
            ec2.createTransitGatewayPeeringAttachment(
                r ->
                    r.transitGatewayId(mine)
                        .peerTransitGatewayId("tgw-0123456789abcdef0")
                        .peerAccountId("310987654321")
                        .peerRegion("ap-south-1")),
        "InvalidTransitGatewayID.NotFound");
    assertError(
        () ->
            ec2.createTransitGatewayPeeringAttachment(
                r ->
                    r.transitGatewayId(mine)
                        .peerTransitGatewayId(theirs)
                        .peerAccountId("344455556666")
                        .peerRegion("mars-1")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.describeTransitGatewayPeeringAttachments(
                r -> r.filters(filter("no-such-filter", "x"))),
        "InvalidParameterValue");
  }

  @Test
  void aConnectAttachmentRidesAVpcAttachmentAndItsPeersTakeInsideCidrs() {
    String tgw = tgw(ec2);
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.91.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.91.1.0/24")).subnet().subnetId();
    String transport =
        ec2.createTransitGatewayVpcAttachment(
                r -> r.transitGatewayId(tgw).vpcId(vpc).subnetIds(subnet))
            .transitGatewayVpcAttachment()
            .transitGatewayAttachmentId();
    assertError(
        () ->
            ec2.createTransitGatewayConnect(
                r ->
                    r.transportTransitGatewayAttachmentId(transport)
                        .options(o -> o.protocol("udp"))),
        "InvalidParameterValue");
    String connect =
        ec2.createTransitGatewayConnect(
                r ->
                    r.transportTransitGatewayAttachmentId(transport)
                        .options(o -> o.protocol("gre")))
            .transitGatewayConnect()
            .transitGatewayAttachmentId();
    assertThat(
            ec2.describeTransitGatewayConnects(
                    r -> r.filters(filter("transport-transit-gateway-attachment-id", transport)))
                .transitGatewayConnects())
        .singleElement()
        .satisfies(c -> assertThat(c.options().protocolAsString()).isEqualTo("gre"));
    assertThat(
            ec2.describeTransitGatewayAttachments(r -> r.transitGatewayAttachmentIds(connect))
                .transitGatewayAttachments()
                .get(0)
                .resourceId())
        .isEqualTo(transport);

    // BGP inside CIDRs: a /29 of 169.254.0.0/16, not a reserved one
    for (String bad : new String[] {"169.254.6.0/28", "10.0.0.0/29", "169.254.1.0/29"}) {
      assertError(
          () ->
              ec2.createTransitGatewayConnectPeer(
                  r ->
                      r.transitGatewayAttachmentId(connect)
                          .peerAddress("198.51.100.7")
                          .insideCidrBlocks(bad)),
          "InvalidParameterValue");
    }
    TransitGatewayConnectPeer peer =
        ec2.createTransitGatewayConnectPeer(
                r ->
                    r.transitGatewayAttachmentId(connect)
                        .peerAddress("198.51.100.7")
                        .bgpOptions(b -> b.peerAsn(65010L))
                        .insideCidrBlocks("169.254.10.0/29"))
            .transitGatewayConnectPeer();
    var config = peer.connectPeerConfiguration();
    assertThat(config.transitGatewayAddress()).isEqualTo("192.0.2.1");
    assertThat(config.bgpConfigurations())
        .extracting(b -> b.transitGatewayAddress() + ">" + b.peerAddress() + ":" + b.peerAsn())
        .containsExactly("169.254.10.2>169.254.10.1:65010", "169.254.10.3>169.254.10.1:65010");
    assertError(
        () ->
            ec2.createTransitGatewayConnectPeer(
                r ->
                    r.transitGatewayAttachmentId(connect)
                        .peerAddress("198.51.100.8")
                        .insideCidrBlocks("169.254.10.0/29")),
        "InvalidParameterValue");

    // dependency rules: peers before the Connect, the Connect before its transport
    assertError(
        () -> ec2.deleteTransitGatewayConnect(r -> r.transitGatewayAttachmentId(connect)),
        "IncorrectState");
    assertError(
        () -> ec2.deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(transport)),
        "IncorrectState");
    ec2.deleteTransitGatewayConnectPeer(
        r -> r.transitGatewayConnectPeerId(peer.transitGatewayConnectPeerId()));
    assertThat(
            ec2.describeTransitGatewayConnectPeers(
                    r -> r.transitGatewayConnectPeerIds(peer.transitGatewayConnectPeerId()))
                .transitGatewayConnectPeers()
                .get(0)
                .stateAsString())
        .isEqualTo("deleted");
    ec2.deleteTransitGatewayConnect(r -> r.transitGatewayAttachmentId(connect));
    ec2.deleteTransitGatewayVpcAttachment(r -> r.transitGatewayAttachmentId(transport));
    assertError(
        () ->
            ec2.describeTransitGatewayConnectPeers(
                r -> r.transitGatewayConnectPeerIds("tgw-connect-peer-0123456789abcdef0")),
        "InvalidTransitGatewayConnectPeerID.NotFound");
  }
}
