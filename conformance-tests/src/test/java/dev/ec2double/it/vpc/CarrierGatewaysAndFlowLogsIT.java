package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CarrierGateway;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Carrier gateways and flow logs (records) as an SDK user sees them, on the mock backend. */
class CarrierGatewaysAndFlowLogsIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("ap-northeast-1", "AKIDCARRIERFLOW");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String vpc(String cidr) {
    return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
  }

  private static TagSpecification name(ResourceType type, String value) {
    return TagSpecification.builder()
        .resourceType(type)
        .tags(Tag.builder().key("Name").value(value).build())
        .build();
  }

  @Test
  void carrierGatewaysLiveOnePerVpcAndBlockTheVpcsDeletion() {
    String vpc = vpc("10.81.0.0/16");
    CarrierGateway made =
        ec2.createCarrierGateway(
                r -> r.vpcId(vpc).tagSpecifications(name(ResourceType.CARRIER_GATEWAY, "wl")))
            .carrierGateway();
    assertThat(made.carrierGatewayId()).matches("cagw-[0-9a-f]{17}");
    assertThat(made.stateAsString()).isEqualTo("pending");
    assertThat(made.vpcId()).isEqualTo(vpc);
    assertThat(made.tags()).extracting(Tag::value).containsExactly("wl");

    List<CarrierGateway> found =
        ec2.describeCarrierGateways(
                r -> r.filters(filter("vpc-id", vpc), filter("state", "available")))
            .carrierGateways();
    assertThat(found)
        .extracting(CarrierGateway::carrierGatewayId)
        .containsExactly(made.carrierGatewayId());
    assertThat(found.get(0).ownerId()).matches("\\d{12}");
    assertThat(
            ec2.describeCarrierGateways(r -> r.filters(filter("tag:Name", "other")))
                .carrierGateways())
        .isEmpty();
    assertError(
        () -> ec2.describeCarrierGateways(r -> r.filters(filter("zone", "x"))),
        "InvalidParameterValue");
    assertError(() -> ec2.createCarrierGateway(r -> r.vpcId(vpc)), "CarrierGatewayLimitExceeded");
    assertError(() -> ec2.deleteVpc(r -> r.vpcId(vpc)), "DependencyViolation");

    // a route to it needs a Wavelength subnet, which no region here has
    String main =
        ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc)))
            .routeTables()
            .get(0)
            .routeTableId();
    assertError(
        () ->
            ec2.createRoute(
                r ->
                    r.routeTableId(main)
                        .destinationCidrBlock("0.0.0.0/0")
                        .carrierGatewayId(made.carrierGatewayId())),
        "InvalidParameterValue");

    CarrierGateway deleting =
        ec2.deleteCarrierGateway(r -> r.carrierGatewayId(made.carrierGatewayId())).carrierGateway();
    assertThat(deleting.stateAsString()).isEqualTo("deleting");
    assertThat(
            ec2.describeCarrierGateways(r -> r.carrierGatewayIds(made.carrierGatewayId()))
                .carrierGateways()
                .get(0)
                .stateAsString())
        .isEqualTo("deleted");
    assertError(
        () -> ec2.deleteCarrierGateway(r -> r.carrierGatewayId(made.carrierGatewayId())),
        "InvalidCarrierGatewayID.NotFound");
    assertError(
        () -> ec2.deleteCarrierGateway(r -> r.carrierGatewayId("cagw-0123456789abcdef0")),
        "InvalidCarrierGatewayID.NotFound");
    assertError(
        () -> ec2.createCarrierGateway(r -> r.vpcId("vpc-0123456789abcdef0")),
        "InvalidVpcID.NotFound");
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void flowLogsAreRecordsWithTheirDestinations() {
    String vpc = vpc("10.82.0.0/16");
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.82.1.0/24")).subnet().subnetId();
    String role = "arn:aws:iam::123456789012:role/flow-logs";
    CreateFlowLogsResponse cw =
        ec2.createFlowLogs(
            r ->
                r.resourceType("VPC")
                    .resourceIds(vpc)
                    .trafficType("ALL")
                    .logGroupName("vpc-flows")
                    .deliverLogsPermissionArn(role)
                    .tagSpecifications(name(ResourceType.VPC_FLOW_LOG, "to-cw")));
    assertThat(cw.flowLogIds()).hasSize(1);
    assertThat(cw.unsuccessful()).isEmpty();
    String cwId = cw.flowLogIds().get(0);
    assertThat(cwId).matches("fl-[0-9a-f]{17}");

    CreateFlowLogsResponse s3 =
        ec2.createFlowLogs(
            r ->
                r.resourceType("Subnet")
                    .resourceIds(subnet)
                    .trafficType("REJECT")
                    .logDestinationType("s3")
                    .logDestination("arn:aws:s3:::my-flow-bucket/prefix")
                    .maxAggregationInterval(60)
                    .destinationOptions(o -> o.fileFormat("parquet").perHourPartition(true)));
    String s3Id = s3.flowLogIds().get(0);

    FlowLog shown = ec2.describeFlowLogs(r -> r.flowLogIds(cwId)).flowLogs().get(0);
    assertThat(shown.resourceId()).isEqualTo(vpc);
    assertThat(shown.trafficTypeAsString()).isEqualTo("ALL");
    assertThat(shown.logDestinationTypeAsString()).isEqualTo("cloud-watch-logs");
    assertThat(shown.logGroupName()).isEqualTo("vpc-flows");
    assertThat(shown.deliverLogsPermissionArn()).isEqualTo(role);
    assertThat(shown.flowLogStatus()).isEqualTo("ACTIVE");
    assertThat(shown.deliverLogsStatus()).isEqualTo("SUCCESS");
    assertThat(shown.maxAggregationInterval()).isEqualTo(600);
    assertThat(shown.logFormat()).startsWith("${version} ${account-id} ${interface-id}");
    assertThat(shown.creationTime()).isNotNull();
    assertThat(shown.tags()).extracting(Tag::value).containsExactly("to-cw");

    FlowLog inS3 =
        ec2
            .describeFlowLogs(r -> r.filter(filter("log-destination-type", "s3")))
            .flowLogs()
            .stream()
            .filter(f -> f.flowLogId().equals(s3Id))
            .findFirst()
            .orElseThrow();
    assertThat(inS3.logDestination()).isEqualTo("arn:aws:s3:::my-flow-bucket/prefix");
    assertThat(inS3.destinationOptions().fileFormatAsString()).isEqualTo("parquet");
    assertThat(inS3.destinationOptions().perHourPartition()).isTrue();
    assertThat(
            ec2.describeFlowLogs(
                    r -> r.filter(filter("resource-id", subnet), filter("traffic-type", "REJECT")))
                .flowLogs())
        .extracting(FlowLog::flowLogId)
        .containsExactly(s3Id);
    assertThat(ec2.describeFlowLogs(r -> r.filter(filter("tag:Name", "to-cw"))).flowLogs())
        .extracting(FlowLog::flowLogId)
        .containsExactly(cwId);

    // the same flow log again is an unsuccessful item
    CreateFlowLogsResponse again =
        ec2.createFlowLogs(
            r ->
                r.resourceType("VPC")
                    .resourceIds(vpc)
                    .trafficType("ALL")
                    .logGroupName("vpc-flows")
                    .deliverLogsPermissionArn(role));
    assertThat(again.flowLogIds()).isEmpty();
    assertThat(again.unsuccessful().get(0).error().code()).isEqualTo("FlowLogAlreadyExists");

    // AWS's checks of the destination
    assertError(
        () ->
            ec2.createFlowLogs(
                r -> r.resourceType("VPC").resourceIds(vpc).trafficType("ALL").logGroupName("g")),
        "MissingParameter");
    assertError(
        () ->
            ec2.createFlowLogs(
                r ->
                    r.resourceType("VPC")
                        .resourceIds(vpc)
                        .trafficType("ALL")
                        .logDestinationType("s3")
                        .logDestination("not-an-arn")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createFlowLogs(
                r ->
                    r.resourceType("VPC")
                        .resourceIds(vpc)
                        .trafficType("SOME")
                        .logGroupName("g")
                        .deliverLogsPermissionArn(role)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createFlowLogs(
                r ->
                    r.resourceType("VPC")
                        .resourceIds("vpc-0123456789abcdef0")
                        .trafficType("ALL")
                        .logGroupName("g")
                        .deliverLogsPermissionArn(role)),
        "InvalidVpcID.NotFound");
    assertError(
        () ->
            ec2.createFlowLogs(
                r ->
                    r.resourceType("VPC")
                        .resourceIds(vpc)
                        .trafficType("ALL")
                        .logGroupName("g")
                        .deliverLogsPermissionArn(role)
                        .maxAggregationInterval(30)),
        "InvalidParameterValue");

    var deleted = ec2.deleteFlowLogs(r -> r.flowLogIds(cwId, s3Id, "fl-0123456789abcdef0"));
    assertThat(deleted.unsuccessful())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.resourceId()).isEqualTo("fl-0123456789abcdef0");
              assertThat(u.error().code()).isEqualTo("InvalidFlowLogId.NotFound");
            });
    assertThat(ec2.describeFlowLogs(r -> r.filter(filter("resource-id", vpc))).flowLogs())
        .isEmpty();
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }
}
