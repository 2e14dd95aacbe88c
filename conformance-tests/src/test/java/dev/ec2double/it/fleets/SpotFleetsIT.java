package dev.ec2double.it.fleets;

import static dev.ec2double.it.Ec2Calls.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.SpotFleetLaunchSpecification;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfig;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfigData;

/** Spot Fleet on the mock backend: request, views, history, modification, cancellation. */
class SpotFleetsIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static final String ROLE =
      "arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("sa-east-1", "AKIDSPOTFLEETS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static SpotFleetRequestConfigData.Builder config(String type, int target) {
    return SpotFleetRequestConfigData.builder()
        .iamFleetRole(ROLE)
        .type(type)
        .targetCapacity(target)
        .launchSpecifications(
            SpotFleetLaunchSpecification.builder().imageId(AMI).instanceType("c5.large").build());
  }

  private static String request(SpotFleetRequestConfigData.Builder c) {
    return ec2.requestSpotFleet(r -> r.spotFleetRequestConfig(c.build())).spotFleetRequestId();
  }

  private static SpotFleetRequestConfig fleet(String id) {
    return ec2.describeSpotFleetRequests(r -> r.spotFleetRequestIds(id))
        .spotFleetRequestConfigs()
        .get(0);
  }

  private static List<ActiveInstance> active(String id) {
    return ec2.describeSpotFleetInstances(r -> r.spotFleetRequestId(id)).activeInstances();
  }

  @Test
  void aMaintainRequestLaunchesSpotInstancesAndKeepsItsTarget() {
    String id = request(config("maintain", 2));

    assertThat(id).matches("sfr-[0-9a-f-]{36}");
    SpotFleetRequestConfig f = fleet(id);
    assertThat(f.spotFleetRequestStateAsString()).isEqualTo("active");
    assertThat(f.activityStatusAsString()).isEqualTo("fulfilled");
    assertThat(f.spotFleetRequestConfig().fulfilledCapacity()).isEqualTo(2.0);
    assertThat(f.spotFleetRequestConfig().iamFleetRole()).isEqualTo(ROLE);
    List<ActiveInstance> first = active(id);
    assertThat(first).hasSize(2).allMatch(a -> a.spotInstanceRequestId().startsWith("sir-"));
    assertThat(Ec2Calls.describe(ec2, first.get(0).instanceId()).instanceTypeAsString())
        .isEqualTo("c5.large");

    ec2.terminateInstances(r -> r.instanceIds(first.get(0).instanceId()));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(active(id))
                    .hasSize(2)
                    .extracting(ActiveInstance::instanceId)
                    .doesNotContain(first.get(0).instanceId()));
    assertThat(
            ec2.describeSpotFleetRequestHistory(
                    r ->
                        r.spotFleetRequestId(id)
                            .startTime(Instant.now().minusSeconds(600))
                            .eventType("instanceChange"))
                .historyRecords())
        .extracting(h -> h.eventInformation().eventSubType())
        .containsExactly("launched", "launched", "terminated", "launched");
  }

  @Test
  void modifyingAndCancellingWithTheInstances() {
    String id = request(config("maintain", 1).onDemandTargetCapacity(1));
    assertThat(Ec2Calls.describe(ec2, active(id).get(0).instanceId()).instanceLifecycle()).isNull();

    ec2.modifySpotFleetRequest(r -> r.spotFleetRequestId(id).targetCapacity(3));
    assertThat(active(id)).hasSize(3);
    ec2.modifySpotFleetRequest(r -> r.spotFleetRequestId(id).targetCapacity(2));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(active(id)).hasSize(2));
    List<String> left = active(id).stream().map(ActiveInstance::instanceId).toList();

    var cancelled =
        ec2.cancelSpotFleetRequests(
            r -> r.spotFleetRequestIds(id, "sfr-nope").terminateInstances(true));

    assertThat(cancelled.successfulFleetRequests().get(0).currentSpotFleetRequestStateAsString())
        .isEqualTo("cancelled_terminating");
    assertThat(cancelled.unsuccessfulFleetRequests().get(0).error().codeAsString())
        .isEqualTo("fleetRequestIdDoesNotExist");
    left.forEach(
        i -> Ec2Calls.awaitState(ec2, i, InstanceStateName.TERMINATED, Duration.ofSeconds(10)));
    assertThat(fleet(id).spotFleetRequestStateAsString()).isEqualTo("cancelled");
  }

  @Test
  void badConfigurationsAreRefused() {
    assertThat(error(() -> request(config("maintain", 1).iamFleetRole(null))))
        .startsWith("MissingParameter:");
    assertThat(error(() -> request(config("instant", 1))))
        .startsWith("InvalidSpotFleetRequestConfig:");
    assertThat(
            error(
                () ->
                    request(
                        config("maintain", 1)
                            .launchTemplateConfigs(
                                c ->
                                    c.launchTemplateSpecification(
                                        s -> s.launchTemplateName("x").version("1"))))))
        .startsWith("InvalidSpotFleetRequestConfig:");
    assertThat(
            error(
                () ->
                    request(
                        config("request", 1)
                            .launchSpecifications(
                                SpotFleetLaunchSpecification.builder()
                                    .imageId("ami-0000000000000dead")
                                    .build()))))
        .startsWith("InvalidAMIID.NotFound");
    String id = request(config("request", 1));
    assertThat(
            error(
                () -> ec2.modifySpotFleetRequest(r -> r.spotFleetRequestId(id).targetCapacity(2))))
        .startsWith("InvalidSpotFleetRequestConfig:");
    assertThat(
            error(
                () ->
                    ec2.describeSpotFleetRequests(
                        r -> r.spotFleetRequestIds("sfr-00000000-0000-0000-0000-000000000000"))))
        .startsWith("InvalidSpotFleetRequestId.NotFound:");
    assertThat(error(() -> ec2.describeSpotFleetRequestHistory(r -> r.spotFleetRequestId(id))))
        .startsWith("MissingParameter:");
  }
}
