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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Egress-only internet gateways (records only) as an SDK user and the AWS CLI see them. */
class EgressOnlyInternetGatewaysIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-north-1", "AKIDEGRESSONLY");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String vpc(String cidr) {
    return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
  }

  private static EgressOnlyInternetGateway create(String vpc, String name) {
    return ec2.createEgressOnlyInternetGateway(
            r ->
                r.vpcId(vpc)
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.EGRESS_ONLY_INTERNET_GATEWAY)
                            .tags(Tag.builder().key("Name").value(name).build())
                            .build()))
        .egressOnlyInternetGateway();
  }

  private static List<String> ids(Filter... filters) {
    return ec2
        .describeEgressOnlyInternetGateways(r -> r.filters(filters))
        .egressOnlyInternetGateways()
        .stream()
        .map(EgressOnlyInternetGateway::egressOnlyInternetGatewayId)
        .toList();
  }

  @Test
  void createsAnAttachedGatewayThatHoldsItsVpc() {
    String vpc = vpc("10.71.0.0/16");
    EgressOnlyInternetGateway g = create(vpc, "eigw-one");
    try {
      assertThat(g.egressOnlyInternetGatewayId()).matches("eigw-[0-9a-f]{17}");
      assertThat(g.attachments()).hasSize(1);
      assertThat(g.attachments().get(0).vpcId()).isEqualTo(vpc);
      assertThat(g.attachments().get(0).stateAsString()).isEqualTo("attached");
      assertThat(g.tags()).containsExactly(Tag.builder().key("Name").value("eigw-one").build());
      assertThat(error(() -> ec2.deleteVpc(r -> r.vpcId(vpc)))).startsWith("DependencyViolation: ");
      assertThat(
              ec2.describeTags(
                      r -> r.filters(filter("resource-id", g.egressOnlyInternetGatewayId())))
                  .tags()
                  .get(0)
                  .resourceTypeAsString())
          .isEqualTo("egress-only-internet-gateway");
    } finally {
      assertThat(
              ec2.deleteEgressOnlyInternetGateway(
                      r -> r.egressOnlyInternetGatewayId(g.egressOnlyInternetGatewayId()))
                  .returnCode())
          .isTrue();
      ec2.deleteVpc(r -> r.vpcId(vpc));
    }
    assertThat(
            error(
                () ->
                    ec2.describeEgressOnlyInternetGateways(
                        r -> r.egressOnlyInternetGatewayIds(g.egressOnlyInternetGatewayId()))))
        .isEqualTo(
            "InvalidEgressOnlyInternetGatewayId.NotFound: The egressOnlyInternetGateway ID '"
                + g.egressOnlyInternetGatewayId()
                + "' does not exist");
  }

  @Test
  void refusesWhatAwsRefuses() {
    assertThat(error(() -> ec2.createEgressOnlyInternetGateway(r -> {})))
        .isEqualTo("MissingParameter: The request must contain the parameter VpcId.");
    assertThat(
            error(() -> ec2.createEgressOnlyInternetGateway(r -> r.vpcId("vpc-0123456789abcdef0"))))
        .startsWith("InvalidVpcID.NotFound: ");
    assertThat(
            error(
                () ->
                    ec2.deleteEgressOnlyInternetGateway(
                        r -> r.egressOnlyInternetGatewayId("igw-0123456789abcdef0"))))
        .startsWith("InvalidEgressOnlyInternetGatewayId.Malformed: ");
    assertThat(
            error(
                () ->
                    ec2.describeEgressOnlyInternetGateways(
                        r -> r.filters(filter("attachment.vpc-id", "vpc-1")))))
        .startsWith("InvalidParameterValue: ");
    assertThat(error(() -> ec2.describeEgressOnlyInternetGateways(r -> r.maxResults(256))))
        .startsWith("InvalidParameterValue: ");
    String vpc = ec2.describeVpcs().vpcs().get(0).vpcId();
    assertThat(error(() -> ec2.createEgressOnlyInternetGateway(r -> r.vpcId(vpc).dryRun(true))))
        .startsWith("DryRunOperation: ");
    assertThat(
            error(
                () ->
                    ec2.createEgressOnlyInternetGateway(
                        r ->
                            r.vpcId(vpc)
                                .tagSpecifications(
                                    TagSpecification.builder()
                                        .resourceType(ResourceType.VPC)
                                        .tags(Tag.builder().key("k").value("v").build())
                                        .build()))))
        .startsWith("InvalidParameterValue: ");
  }

  @Test
  void filtersByTagsAndPages() {
    String vpc = vpc("10.72.0.0/16");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      made.add(create(vpc, "eigw-page-" + i).egressOnlyInternetGatewayId());
    }
    try {
      assertThat(ids(filter("tag:Name", "eigw-page-3"))).containsExactly(made.get(3));
      assertThat(ids(filter("tag:Name", "eigw-page-*"))).containsExactlyElementsOf(made);
      assertThat(ids(filter("tag-value", "eigw-page-5"))).containsExactly(made.get(5));
      Filter mine = filter("tag:Name", "eigw-page-*");
      DescribeEgressOnlyInternetGatewaysResponse first =
          ec2.describeEgressOnlyInternetGateways(r -> r.filters(mine).maxResults(5));
      assertThat(first.egressOnlyInternetGateways()).hasSize(5);
      DescribeEgressOnlyInternetGatewaysResponse rest =
          ec2.describeEgressOnlyInternetGateways(
              r -> r.filters(mine).maxResults(5).nextToken(first.nextToken()));
      assertThat(rest.nextToken()).isNull();
      assertThat(rest.egressOnlyInternetGateways())
          .extracting(EgressOnlyInternetGateway::egressOnlyInternetGatewayId)
          .containsExactly(made.get(5));
    } finally {
      made.forEach(
          id -> ec2.deleteEgressOnlyInternetGateway(r -> r.egressOnlyInternetGatewayId(id)));
      ec2.deleteVpc(r -> r.vpcId(vpc));
    }
  }

  @Test
  void theAwsCliCreatesDescribesAndDeletesAGateway() throws Exception {
    AwsCli.requireInstalled("EgressOnlyInternetGatewaysIT");
    ObjectMapper json = new ObjectMapper();
    String vpc = vpc("10.73.0.0/16");
    try {
      AwsCli.Run made =
          AwsCli.run(
              "eu-north-1",
              "ec2",
              "create-egress-only-internet-gateway",
              "--vpc-id",
              vpc,
              "--tag-specifications",
              "ResourceType=egress-only-internet-gateway,Tags=[{Key=Name,Value=cli}]");
      assertThat(made.exit()).as(made.stderr()).isZero();
      String id =
          json.readTree(made.stdout())
              .get("EgressOnlyInternetGateway")
              .get("EgressOnlyInternetGatewayId")
              .asText();
      AwsCli.Run described =
          AwsCli.run(
              "eu-north-1",
              "ec2",
              "describe-egress-only-internet-gateways",
              "--egress-only-internet-gateway-ids",
              id);
      assertThat(described.exit()).as(described.stderr()).isZero();
      JsonNode g = json.readTree(described.stdout()).get("EgressOnlyInternetGateways").get(0);
      assertThat(g.get("Attachments").get(0).get("VpcId").asText()).isEqualTo(vpc);
      assertThat(g.get("Attachments").get(0).get("State").asText()).isEqualTo("attached");
      assertThat(g.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");
      AwsCli.Run deleted =
          AwsCli.run(
              "eu-north-1",
              "ec2",
              "delete-egress-only-internet-gateway",
              "--egress-only-internet-gateway-id",
              id);
      assertThat(deleted.exit()).as(deleted.stderr()).isZero();
      assertThat(json.readTree(deleted.stdout()).get("ReturnCode").asBoolean()).isTrue();
    } finally {
      ec2.deleteVpc(r -> r.vpcId(vpc));
    }
  }
}
