package dev.ec2double.it.spot;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Spot Instance requests as an SDK user sees them, on the mock backend: RequestSpotInstances,
 * RunInstances with InstanceMarketOptions, DescribeSpotInstanceRequests (filters, pages),
 * CancelSpotInstanceRequests, and the requests following their instances.
 */
class SpotRequestsIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-west-3", "AKIDSPOTREQUESTS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  static SpotInstanceRequest request(String id) {
    return ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(id))
        .spotInstanceRequests()
        .get(0);
  }

  private static List<SpotInstanceRequest> request(String price, int count, String team) {
    return ec2.requestSpotInstances(
            r ->
                r.spotPrice(price)
                    .instanceCount(count)
                    .launchSpecification(s -> s.imageId(AMI).instanceType("m5.large"))
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.SPOT_INSTANCES_REQUEST)
                            .tags(Tag.builder().key("Team").value(team).build())
                            .build()))
        .spotInstanceRequests();
  }

  @Test
  void aRequestIsAnsweredOpenThenFulfilledWithARealSpotInstance() {
    SpotInstanceRequest answered = request("0.50", 1, "fulfil").get(0);

    assertThat(answered.spotInstanceRequestId()).matches("sir-[0-9a-f]{8}");
    assertThat(answered.stateAsString()).isEqualTo("open");
    assertThat(answered.status().code()).isEqualTo("pending-evaluation");
    assertThat(answered.tags()).containsExactly(Tag.builder().key("Team").value("fulfil").build());
    assertThat(answered.spotPrice()).isEqualTo("0.500000");
    SpotInstanceRequest now = request(answered.spotInstanceRequestId());
    assertThat(now.stateAsString()).isEqualTo("active");
    assertThat(now.status().code()).isEqualTo("fulfilled");
    assertThat(now.launchedAvailabilityZone()).startsWith("eu-west-3");
    assertThat(now.launchSpecification().instanceTypeAsString()).isEqualTo("m5.large");
    Instance i = Ec2Calls.describe(ec2, now.instanceId());
    assertThat(i.instanceLifecycleAsString()).isEqualTo("spot");
    assertThat(i.spotInstanceRequestId()).isEqualTo(answered.spotInstanceRequestId());
    assertThat(
            ec2.describeInstances(
                    r ->
                        r.filters(
                            filter("instance-lifecycle", "spot"),
                            filter("spot-instance-request-id", now.spotInstanceRequestId())))
                .reservations())
        .hasSize(1);
  }

  @Test
  void aPriceBelowTheSpotPriceLeavesTheRequestOpen() {
    SpotInstanceRequest r = request("0.0001", 1, "cheap").get(0);

    SpotInstanceRequest now = request(r.spotInstanceRequestId());
    assertThat(now.stateAsString()).isEqualTo("open");
    assertThat(now.status().code()).isEqualTo("price-too-low");
    assertThat(now.status().message())
        .startsWith("Your Spot request price of 0.000100 is lower than the minimum required");
    assertThat(now.instanceId()).isNull();
    assertThat(
            ec2.cancelSpotInstanceRequests(c -> c.spotInstanceRequestIds(r.spotInstanceRequestId()))
                .cancelledSpotInstanceRequests()
                .get(0)
                .stateAsString())
        .isEqualTo("cancelled");
    assertThat(request(r.spotInstanceRequestId()).status().code())
        .isEqualTo("canceled-before-fulfillment");
  }

  @Test
  void runInstancesWithMarketOptionsLaunchesSpotInstancesWithTheirRequests() {
    List<Instance> launched =
        ec2.runInstances(
                r ->
                    r.imageId(AMI)
                        .instanceType("t3.micro")
                        .minCount(2)
                        .maxCount(2)
                        .instanceMarketOptions(
                            m ->
                                m.marketType("spot")
                                    .spotOptions(
                                        o ->
                                            o.spotInstanceType(SpotInstanceType.PERSISTENT)
                                                .instanceInterruptionBehavior(
                                                    InstanceInterruptionBehavior.STOP))))
            .instances();

    assertThat(launched).hasSize(2).allMatch(i -> i.instanceLifecycleAsString().equals("spot"));
    SpotInstanceRequest req = request(launched.get(1).spotInstanceRequestId());
    assertThat(req.instanceId()).isEqualTo(launched.get(1).instanceId());
    assertThat(req.typeAsString()).isEqualTo("persistent");
    assertThat(req.instanceInterruptionBehaviorAsString()).isEqualTo("stop");
    assertThat(req.stateAsString()).isEqualTo("active");
    assertThat(req.spotPrice()).matches("0\\.\\d{6}");
  }

  @Test
  void marketOptionsAreCheckedAsAwsChecksThem() {
    assertThat(error(() -> runSpot("0.00001", "one-time", "terminate")))
        .startsWith("SpotMaxPriceTooLow: Your Spot request price of 0.00001 is lower than");
    assertThat(error(() -> runSpot(null, "persistent", "terminate")))
        .startsWith("InvalidParameterCombination: For RunInstances, persistent Spot Instance");
    assertThat(error(() -> runSpot(null, "one-time", "hibernate")))
        .isEqualTo(
            "InvalidParameterCombination: The instance interruption behavior 'hibernate' is only"
                + " supported for persistent Spot Instance requests.");
    assertThat(error(() -> runSpot(null, "sometimes", "terminate")))
        .startsWith("InvalidParameterValue: Value (sometimes) for parameter SpotInstanceType");
    assertThat(
            error(
                () ->
                    ec2.requestSpotInstances(
                        r ->
                            r.type("one-time")
                                .instanceInterruptionBehavior("stop")
                                .launchSpecification(s -> s.imageId(AMI)))))
        .startsWith("InvalidParameterCombination:");
    assertThat(error(() -> ec2.requestSpotInstances(r -> r.spotPrice("0.1"))))
        .isEqualTo("MissingParameter: The request must contain the parameter LaunchSpecification.");
    assertThat(
            error(
                () ->
                    ec2.requestSpotInstances(
                        r -> r.launchSpecification(s -> s.imageId("ami-0000000000000dead")))))
        .startsWith("InvalidAMIID.NotFound");
    assertThat(
            error(
                () ->
                    ec2.requestSpotInstances(
                        r ->
                            r.launchSpecification(s -> s.imageId(AMI))
                                .tagSpecifications(
                                    TagSpecification.builder()
                                        .resourceType(ResourceType.INSTANCE)
                                        .tags(Tag.builder().key("a").value("b").build())
                                        .build()))))
        .startsWith("InvalidParameterValue:");
  }

  private static Instance runSpot(String price, String type, String behavior) {
    return ec2.runInstances(
            r ->
                r.imageId(AMI)
                    .minCount(1)
                    .maxCount(1)
                    .instanceMarketOptions(
                        m ->
                            m.marketType("spot")
                                .spotOptions(
                                    o ->
                                        o.maxPrice(price)
                                            .spotInstanceType(type)
                                            .instanceInterruptionBehavior(behavior))))
        .instances()
        .get(0);
  }

  @Test
  void cancellingLeavesTheInstanceRunningAndTerminatingClosesAOneTimeRequest() {
    SpotInstanceRequest a = request("1", 1, "cancel").get(0);
    SpotInstanceRequest b = request("1", 1, "terminate").get(0);
    String ia = request(a.spotInstanceRequestId()).instanceId();
    String ib = request(b.spotInstanceRequestId()).instanceId();

    ec2.cancelSpotInstanceRequests(c -> c.spotInstanceRequestIds(a.spotInstanceRequestId()));
    ec2.terminateInstances(t -> t.instanceIds(ib));

    assertThat(request(a.spotInstanceRequestId()).stateAsString()).isEqualTo("cancelled");
    assertThat(request(a.spotInstanceRequestId()).status().code())
        .isEqualTo("request-canceled-and-instance-running");
    Ec2Calls.awaitState(ec2, ia, InstanceStateName.RUNNING, Duration.ofSeconds(10));
    Ec2Calls.awaitState(ec2, ib, InstanceStateName.TERMINATED, Duration.ofSeconds(10));
    SpotInstanceRequest closed = request(b.spotInstanceRequestId());
    assertThat(closed.stateAsString()).isEqualTo("closed");
    assertThat(closed.status().code()).isEqualTo("instance-terminated-by-user");
  }

  @Test
  void aPersistentRequestLaunchesAnotherInstanceWhenItsInstanceIsTerminated() {
    String id =
        ec2.requestSpotInstances(r -> r.type("persistent").launchSpecification(s -> s.imageId(AMI)))
            .spotInstanceRequests()
            .get(0)
            .spotInstanceRequestId();
    String first = request(id).instanceId();

    ec2.terminateInstances(t -> t.instanceIds(first));
    Ec2Calls.awaitState(ec2, first, InstanceStateName.TERMINATED, Duration.ofSeconds(10));

    SpotInstanceRequest again = request(id);
    assertThat(again.stateAsString()).isEqualTo("active");
    assertThat(again.instanceId()).isNotEqualTo(first);
    assertThat(Ec2Calls.describe(ec2, again.instanceId()).spotInstanceRequestId()).isEqualTo(id);
  }

  @Test
  void describeFiltersAndPages() {
    List<String> ids =
        request("2", 6, "paged").stream().map(SpotInstanceRequest::spotInstanceRequestId).toList();
    Filter team = filter("tag:Team", "paged");

    assertThat(ids(team)).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(ids(team, filter("state", "active"), filter("status-code", "fulfilled"))).hasSize(6);
    assertThat(ids(team, filter("launch.instance-type", "m5.large"), filter("type", "one-time")))
        .hasSize(6);
    assertThat(ids(team, filter("spot-price", "2.000000"), filter("launch.image-id", AMI)))
        .hasSize(6);
    assertThat(ids(team, filter("state", "open"))).isEmpty();
    var first = ec2.describeSpotInstanceRequests(r -> r.filters(team).maxResults(5));
    assertThat(first.spotInstanceRequests()).hasSize(5);
    var second =
        ec2.describeSpotInstanceRequests(
            r -> r.filters(team).maxResults(5).nextToken(first.nextToken()));
    assertThat(second.spotInstanceRequests()).hasSize(1);
    assertThat(second.nextToken()).isNull();
    assertThat(error(() -> ec2.describeSpotInstanceRequests(r -> r.maxResults(4))))
        .startsWith("InvalidParameterValue:");
    assertThat(error(() -> ec2.describeSpotInstanceRequests(r -> r.filters(filter("colour", "x")))))
        .startsWith("InvalidParameterValue:");
    assertThat(
            error(
                () ->
                    ec2.describeSpotInstanceRequests(
                        r -> r.spotInstanceRequestIds("sir-0000dead"))))
        .startsWith("InvalidSpotInstanceRequestID.NotFound:");
    assertThat(
            error(() -> ec2.cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds("sir-nope"))))
        .startsWith("InvalidSpotInstanceRequestID.Malformed:");
  }

  private static List<String> ids(Filter... filters) {
    return ec2.describeSpotInstanceRequests(r -> r.filters(filters)).spotInstanceRequests().stream()
        .map(SpotInstanceRequest::spotInstanceRequestId)
        .toList();
  }

  @Test
  void anInterruptedRequestIsMarkedThenItsInstanceStopsAndStartsWhenCapacityIsBack()
      throws Exception {
    Instance i = runSpot(null, "persistent", "stop");
    Ec2Calls.awaitState(ec2, i.instanceId(), InstanceStateName.RUNNING, Duration.ofSeconds(10));

    var fault =
        dev.ec2double.it.ControlApi.send(
            TestServer.endpoint(),
            "POST",
            "/_ec2double/faults",
            "{\"kind\":\"spot-interruption\",\"target\":\""
                + i.instanceId()
                + "\",\"noticeSeconds\":2}");
    assertThat(fault.statusCode()).isEqualTo(201);
    assertThat(request(i.spotInstanceRequestId()).status().code()).isEqualTo("marked-for-stop");

    Ec2Calls.awaitState(ec2, i.instanceId(), InstanceStateName.STOPPED, Duration.ofSeconds(20));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(request(i.spotInstanceRequestId()).status().code())
                    .isEqualTo("instance-stopped-no-capacity"));
    assertThat(request(i.spotInstanceRequestId()).stateAsString()).isEqualTo("disabled");

    String faultId = fault.body().replaceAll(".*\"id\":\"(fault-[0-9a-f]+)\".*", "$1");
    dev.ec2double.it.ControlApi.send(
        TestServer.endpoint(), "DELETE", "/_ec2double/faults/" + faultId, null);
    Ec2Calls.awaitState(ec2, i.instanceId(), InstanceStateName.RUNNING, Duration.ofSeconds(20));
    SpotInstanceRequest back = request(i.spotInstanceRequestId());
    assertThat(back.stateAsString()).isEqualTo("active");
    assertThat(back.status().code()).isEqualTo("fulfilled");
  }

  @Test
  void aSpotInterruptionOfAnOnDemandInstanceIsRefused() throws Exception {
    Instance i = ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1)).instances().get(0);

    var answer =
        dev.ec2double.it.ControlApi.send(
            TestServer.endpoint(),
            "POST",
            "/_ec2double/faults",
            "{\"kind\":\"spot-interruption\",\"target\":\"" + i.instanceId() + "\"}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("is not a Spot Instance");
  }
}
