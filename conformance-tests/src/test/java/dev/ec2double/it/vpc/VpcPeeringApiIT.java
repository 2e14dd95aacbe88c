package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;

/**
 * VPC peering connections on the mock backend: AWS's states and messages, who may accept, reject,
 * delete and modify, the filters and pages of DescribeVpcPeeringConnections, a connection between
 * two accounts, and the AWS CLI driving the whole life once.
 */
class VpcPeeringApiIT {
  private static final String REGION = "eu-west-3";
  private static final Ec2Client ec2 = TestServer.ec2(REGION, "210987654321");
  private static final Ec2Client other = TestServer.ec2(REGION, "444455556666");

  @AfterAll
  static void close() {
    ec2.close();
    other.close();
  }

  private static String vpc(Ec2Client client, String cidr) {
    return client.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
  }

  private static String account(Ec2Client client) {
    return client.describeVpcs().vpcs().get(0).ownerId();
  }

  private static VpcPeeringConnection describe(Ec2Client client, String id) {
    return client
        .describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(id))
        .vpcPeeringConnections()
        .get(0);
  }

  @Test
  void aRequestWaitsForAcceptanceThenIsActiveThenDeleted() {
    String a = vpc(ec2, "10.81.0.0/16");
    String b = vpc(ec2, "10.82.0.0/16");
    String me = account(ec2);
    VpcPeeringConnection made =
        ec2.createVpcPeeringConnection(
                r ->
                    r.vpcId(a)
                        .peerVpcId(b)
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.VPC_PEERING_CONNECTION)
                                .tags(t -> t.key("Name").value("a-to-b"))
                                .build()))
            .vpcPeeringConnection();
    String id = made.vpcPeeringConnectionId();
    assertThat(id).matches("pcx-[0-9a-f]{17}");
    assertThat(made.status().codeAsString()).isEqualTo("initiating-request");
    assertThat(made.status().message()).isEqualTo("Initiating Request to " + me);
    assertThat(made.requesterVpcInfo().vpcId()).isEqualTo(a);
    assertThat(made.requesterVpcInfo().cidrBlock()).isEqualTo("10.81.0.0/16");
    assertThat(made.requesterVpcInfo().ownerId()).isEqualTo(me);
    assertThat(made.requesterVpcInfo().region()).isEqualTo(REGION);
    assertThat(made.accepterVpcInfo().vpcId()).isEqualTo(b);
    assertThat(made.expirationTime()).isNotNull();
    assertThat(made.tags()).extracting(t -> t.value()).containsExactly("a-to-b");

    VpcPeeringConnection pending = describe(ec2, id);
    assertThat(pending.status().codeAsString()).isEqualTo("pending-acceptance");
    assertThat(pending.status().message()).isEqualTo("Pending Acceptance by " + me);
    assertThat(pending.accepterVpcInfo().cidrBlock()).isEqualTo("10.82.0.0/16");

    assertThat(
            error(
                () ->
                    ec2.modifyVpcPeeringConnectionOptions(
                        r ->
                            r.vpcPeeringConnectionId(id)
                                .requesterPeeringConnectionOptions(
                                    o -> o.allowDnsResolutionFromRemoteVpc(true)))))
        .startsWith("OperationNotPermitted");

    VpcPeeringConnection active =
        ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id)).vpcPeeringConnection();
    assertThat(active.status().codeAsString()).isEqualTo("active");
    assertThat(active.status().message()).isEqualTo("Active");
    assertThat(active.expirationTime()).isNull();
    assertThat(active.requesterVpcInfo().peeringOptions().allowDnsResolutionFromRemoteVpc())
        .isFalse();
    assertThat(error(() -> ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id))))
        .isEqualTo(
            "InvalidStateTransition: Invalid state transition for "
                + id
                + ", attempted to transition from active to active");
    assertThat(error(() -> ec2.rejectVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id))))
        .startsWith("InvalidStateTransition");

    var modified =
        ec2.modifyVpcPeeringConnectionOptions(
            r ->
                r.vpcPeeringConnectionId(id)
                    .accepterPeeringConnectionOptions(
                        o -> o.allowDnsResolutionFromRemoteVpc(true)));
    assertThat(modified.accepterPeeringConnectionOptions().allowDnsResolutionFromRemoteVpc())
        .isTrue();
    assertThat(modified.requesterPeeringConnectionOptions()).isNull();
    assertThat(
            describe(ec2, id).accepterVpcInfo().peeringOptions().allowDnsResolutionFromRemoteVpc())
        .isTrue();

    assertThat(ec2.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id)).returnValue())
        .isTrue();
    VpcPeeringConnection deleted = describe(ec2, id);
    assertThat(deleted.status().codeAsString()).isEqualTo("deleted");
    assertThat(deleted.status().message()).isEqualTo("Deleted by " + me);
    assertThat(error(() -> ec2.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id))))
        .startsWith("InvalidStateTransition");
  }

  @Test
  void overlappingBlocksFailAndARejectedRequestStaysRejected() {
    String a = vpc(ec2, "10.83.0.0/16");
    String overlapping = vpc(ec2, "10.83.128.0/17");
    String c = vpc(ec2, "10.84.0.0/16");
    String failed =
        ec2.createVpcPeeringConnection(r -> r.vpcId(a).peerVpcId(overlapping))
            .vpcPeeringConnection()
            .vpcPeeringConnectionId();
    VpcPeeringConnection f = describe(ec2, failed);
    assertThat(f.status().codeAsString()).isEqualTo("failed");
    assertThat(f.status().message())
        .isEqualTo("Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range");
    assertThat(error(() -> ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(failed))))
        .startsWith("InvalidStateTransition");

    String rejected =
        ec2.createVpcPeeringConnection(r -> r.vpcId(a).peerVpcId(c))
            .vpcPeeringConnection()
            .vpcPeeringConnectionId();
    assertThat(
            ec2.rejectVpcPeeringConnection(r -> r.vpcPeeringConnectionId(rejected)).returnValue())
        .isTrue();
    assertThat(describe(ec2, rejected).status().codeAsString()).isEqualTo("rejected");
    assertThat(error(() -> ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(rejected))))
        .startsWith("InvalidStateTransition");
  }

  @Test
  void badRequestsGetAwsErrors() {
    String a = vpc(ec2, "10.85.0.0/16");
    assertThat(
            error(
                () ->
                    ec2.createVpcPeeringConnection(
                        r -> r.vpcId(a).peerVpcId("vpc-0000000000000000f"))))
        .isEqualTo("InvalidVpcID.NotFound: The vpc ID 'vpc-0000000000000000f' does not exist");
    assertThat(
            error(
                () ->
                    ec2.createVpcPeeringConnection(
                        r -> r.vpcId("vpc-0000000000000000e").peerVpcId(a))))
        .startsWith("InvalidVpcID.NotFound");
    assertThat(error(() -> ec2.createVpcPeeringConnection(r -> r.vpcId(a))))
        .startsWith("MissingParameter");
    assertThat(
            error(
                () ->
                    ec2.createVpcPeeringConnection(
                        r -> r.vpcId(a).peerVpcId(a).peerRegion("mars-1"))))
        .startsWith("InvalidParameterValue");
    assertThat(
            error(
                () ->
                    ec2.acceptVpcPeeringConnection(
                        r -> r.vpcPeeringConnectionId("pcx-0123456789abcdef0"))))
        .isEqualTo(
            "InvalidVpcPeeringConnectionID.NotFound: The vpcPeeringConnection ID"
                + " 'pcx-0123456789abcdef0' does not exist");
    assertThat(
            error(() -> ec2.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId("pcx-nope"))))
        .startsWith("InvalidVpcPeeringConnectionId.Malformed");
    assertThat(
            error(
                () ->
                    ec2.describeVpcPeeringConnections(r -> r.filters(filter("status", "active")))))
        .startsWith("InvalidParameterValue");
    assertThat(error(() -> ec2.describeVpcPeeringConnections(r -> r.maxResults(4))))
        .startsWith("InvalidParameterValue");
  }

  @Test
  void describeFiltersAndPages() {
    String a = vpc(ec2, "10.86.0.0/16");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String peer = vpc(ec2, "10.87." + (i * 16) + ".0/20");
      ids.add(
          ec2.createVpcPeeringConnection(r -> r.vpcId(a).peerVpcId(peer))
              .vpcPeeringConnection()
              .vpcPeeringConnectionId());
    }
    ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(ids.get(0)));
    ec2.createTags(r -> r.resources(ids.get(1)).tags(t -> t.key("team").value("blue")));

    assertThat(
            ids(
                ec2.describeVpcPeeringConnections(
                    r -> r.filters(filter("requester-vpc-info.vpc-id", a)))))
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(
            ids(
                ec2.describeVpcPeeringConnections(
                    r ->
                        r.filters(
                            filter("requester-vpc-info.vpc-id", a),
                            filter("status-code", "active")))))
        .containsExactly(ids.get(0));
    assertThat(
            ids(
                ec2.describeVpcPeeringConnections(
                    r ->
                        r.filters(
                            filter("requester-vpc-info.cidr-block", "10.86.0.0/16"),
                            filter("status-message", "Pending*")))))
        .hasSize(5);
    assertThat(
            ids(
                ec2.describeVpcPeeringConnections(
                    r -> r.filters(filter("accepter-vpc-info.cidr-block", "10.87.16.0/20")))))
        .containsExactly(ids.get(1));
    assertThat(ids(ec2.describeVpcPeeringConnections(r -> r.filters(filter("tag:team", "blue")))))
        .containsExactly(ids.get(1));
    assertThat(
            ids(
                ec2.describeVpcPeeringConnections(
                    r ->
                        r.filters(
                            filter("vpc-peering-connection-id", ids.get(2)),
                            filter("accepter-vpc-info.owner-id", account(ec2))))))
        .containsExactly(ids.get(2));

    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      DescribeVpcPeeringConnectionsResponse page =
          ec2.describeVpcPeeringConnections(
              r -> r.maxResults(5).nextToken(t).filters(filter("requester-vpc-info.vpc-id", a)));
      paged.addAll(ids(page));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(2);
    assertThat(paged).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void anotherAccountAcceptsARequestToItsVpc() {
    String mine = vpc(ec2, "10.88.0.0/16");
    String theirs = vpc(other, "10.89.0.0/16");
    String them = account(other);
    assertThat(them).isNotEqualTo(account(ec2));
    String id =
        ec2.createVpcPeeringConnection(r -> r.vpcId(mine).peerVpcId(theirs).peerOwnerId(them))
            .vpcPeeringConnection()
            .vpcPeeringConnectionId();
    assertThat(describe(other, id).status().message()).isEqualTo("Pending Acceptance by " + them);
    assertThat(error(() -> ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id))))
        .startsWith("OperationNotPermitted");
    assertThat(error(() -> other.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id))))
        .startsWith("OperationNotPermitted");
    other.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id));
    assertThat(describe(ec2, id).status().codeAsString()).isEqualTo("active");
    assertThat(describe(ec2, id).accepterVpcInfo().ownerId()).isEqualTo(them);
    assertThat(
            error(
                () ->
                    ec2.modifyVpcPeeringConnectionOptions(
                        r ->
                            r.vpcPeeringConnectionId(id)
                                .accepterPeeringConnectionOptions(
                                    o -> o.allowDnsResolutionFromRemoteVpc(true)))))
        .startsWith("OperationNotPermitted");
    other.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id));
    assertThat(describe(ec2, id).status().message()).isEqualTo("Deleted by " + them);

    // a VPC the other account does not have: the request fails
    String failed =
        ec2.createVpcPeeringConnection(
                r -> r.vpcId(mine).peerVpcId("vpc-0000000000000000d").peerOwnerId(them))
            .vpcPeeringConnection()
            .vpcPeeringConnectionId();
    assertThat(describe(ec2, failed).status().codeAsString()).isEqualTo("failed");
  }

  /** botocore reads element names the Java SDK ignores. */
  @Test
  void theAwsCliPeersTwoVpcs() throws Exception {
    AwsCli.requireInstalled("VpcPeeringApiIT");
    ObjectMapper json = new ObjectMapper();
    String region = "ca-central-1";
    String a = cliVpc(json, region, "10.90.0.0/16");
    String b = cliVpc(json, region, "10.91.0.0/16");
    AwsCli.Run made =
        AwsCli.run(
            region,
            "ec2",
            "create-vpc-peering-connection",
            "--vpc-id",
            a,
            "--peer-vpc-id",
            b,
            "--tag-specifications",
            "ResourceType=vpc-peering-connection,Tags=[{Key=Name,Value=cli}]");
    assertThat(made.exit()).as(made.stderr()).isZero();
    JsonNode pcx = json.readTree(made.stdout()).get("VpcPeeringConnection");
    String id = pcx.get("VpcPeeringConnectionId").asText();
    assertThat(pcx.get("Status").get("Code").asText()).isEqualTo("initiating-request");
    assertThat(pcx.get("AccepterVpcInfo").get("VpcId").asText()).isEqualTo(b);
    assertThat(pcx.get("RequesterVpcInfo").get("CidrBlockSet").get(0).get("CidrBlock").asText())
        .isEqualTo("10.90.0.0/16");
    assertThat(pcx.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");

    AwsCli.Run accepted =
        AwsCli.run(
            region, "ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", id);
    assertThat(accepted.exit()).as(accepted.stderr()).isZero();
    JsonNode active = json.readTree(accepted.stdout()).get("VpcPeeringConnection");
    assertThat(active.get("Status").get("Code").asText()).isEqualTo("active");
    assertThat(
            active
                .get("RequesterVpcInfo")
                .get("PeeringOptions")
                .get("AllowDnsResolutionFromRemoteVpc")
                .asBoolean())
        .isFalse();

    AwsCli.Run described =
        AwsCli.run(
            region,
            "ec2",
            "describe-vpc-peering-connections",
            "--filters",
            "Name=status-code,Values=active",
            "Name=requester-vpc-info.vpc-id,Values=" + a);
    assertThat(described.exit()).as(described.stderr()).isZero();
    JsonNode list = json.readTree(described.stdout()).get("VpcPeeringConnections");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("Status").get("Message").asText()).isEqualTo("Active");

    String rtb =
        json.readTree(
                AwsCli.run(
                        region,
                        "ec2",
                        "describe-route-tables",
                        "--filters",
                        "Name=vpc-id,Values=" + a)
                    .stdout())
            .get("RouteTables")
            .get(0)
            .get("RouteTableId")
            .asText();
    AwsCli.Run route =
        AwsCli.run(
            region,
            "ec2",
            "create-route",
            "--route-table-id",
            rtb,
            "--destination-cidr-block",
            "10.91.0.0/16",
            "--vpc-peering-connection-id",
            id);
    assertThat(route.exit()).as(route.stderr()).isZero();
    JsonNode routes =
        json.readTree(
                AwsCli.run(region, "ec2", "describe-route-tables", "--route-table-ids", rtb)
                    .stdout())
            .get("RouteTables")
            .get(0)
            .get("Routes");
    JsonNode toPeer = null;
    for (JsonNode r : routes) {
      if (id.equals(r.path("VpcPeeringConnectionId").asText())) {
        toPeer = r;
      }
    }
    assertThat(toPeer).isNotNull();
    assertThat(toPeer.get("State").asText()).isEqualTo("active");
    assertThat(toPeer.get("Origin").asText()).isEqualTo("CreateRoute");

    AwsCli.Run deleted =
        AwsCli.run(
            region, "ec2", "delete-vpc-peering-connection", "--vpc-peering-connection-id", id);
    assertThat(deleted.exit()).as(deleted.stderr()).isZero();
    assertThat(json.readTree(deleted.stdout()).get("Return").asBoolean()).isTrue();
  }

  private static String cliVpc(ObjectMapper json, String region, String cidr) throws Exception {
    AwsCli.Run vpc = AwsCli.run(region, "ec2", "create-vpc", "--cidr-block", cidr);
    assertThat(vpc.exit()).as(vpc.stderr()).isZero();
    return json.readTree(vpc.stdout()).get("Vpc").get("VpcId").asText();
  }

  private static List<String> ids(DescribeVpcPeeringConnectionsResponse r) {
    return r.vpcPeeringConnections().stream()
        .map(VpcPeeringConnection::vpcPeeringConnectionId)
        .toList();
  }
}
