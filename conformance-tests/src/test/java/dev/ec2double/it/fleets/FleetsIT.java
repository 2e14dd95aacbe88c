package dev.ec2double.it.fleets;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
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
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/** EC2 Fleet on the mock backend: each type, its views, history, modification and deletion. */
class FleetsIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-north-1", "AKIDFLEETS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String template(TestInfo test) {
    return ec2.createLaunchTemplate(
            r ->
                r.launchTemplateName("fleet-" + test.getTestMethod().orElseThrow().getName())
                    .launchTemplateData(d -> d.imageId(AMI).instanceType("t3.micro")))
        .launchTemplate()
        .launchTemplateId();
  }

  private static FleetLaunchTemplateConfigRequest config(String lt, String... types) {
    return FleetLaunchTemplateConfigRequest.builder()
        .launchTemplateSpecification(s -> s.launchTemplateId(lt).version("$Latest"))
        .overrides(
            java.util.Arrays.stream(types)
                .map(t -> FleetLaunchTemplateOverridesRequest.builder().instanceType(t).build())
                .toList())
        .build();
  }

  private static CreateFleetResponse create(
      String type, String lt, int total, int onDemand, String... types) {
    return ec2.createFleet(
        r ->
            r.type(type)
                .launchTemplateConfigs(config(lt, types))
                .targetCapacitySpecification(
                    t ->
                        t.totalTargetCapacity(total)
                            .onDemandTargetCapacity(onDemand)
                            .defaultTargetCapacityType("spot"))
                .tagSpecifications(
                    s ->
                        s.resourceType(ResourceType.FLEET)
                            .tags(Tag.builder().key("Team").value(type).build())));
  }

  private static FleetData fleet(String id) {
    return ec2.describeFleets(r -> r.fleetIds(id)).fleets().get(0);
  }

  private static List<ActiveInstance> active(String id) {
    return ec2.describeFleetInstances(r -> r.fleetId(id)).activeInstances();
  }

  @Test
  void anInstantFleetAnswersItsInstancesSplitIntoOnDemandAndSpot(TestInfo test) {
    CreateFleetResponse made = create("instant", template(test), 3, 1, "m5.large");

    assertThat(made.fleetId()).matches("fleet-[0-9a-f-]{36}");
    assertThat(made.errors()).isEmpty();
    assertThat(made.instances()).hasSize(2);
    var onDemand =
        made.instances().stream()
            .filter(i -> i.lifecycleAsString().equals("on-demand"))
            .findFirst();
    var spot =
        made.instances().stream().filter(i -> i.lifecycleAsString().equals("spot")).findFirst();
    assertThat(onDemand.orElseThrow().instanceIds()).hasSize(1);
    assertThat(spot.orElseThrow().instanceIds()).hasSize(2);
    assertThat(spot.get().instanceTypeAsString()).isEqualTo("m5.large");
    assertThat(spot.get().launchTemplateAndOverrides().overrides().instanceTypeAsString())
        .isEqualTo("m5.large");
    Instance s = Ec2Calls.describe(ec2, spot.get().instanceIds().get(0));
    assertThat(s.instanceLifecycleAsString()).isEqualTo("spot");
    assertThat(s.instanceTypeAsString()).isEqualTo("m5.large");
    assertThat(Ec2Calls.describe(ec2, onDemand.get().instanceIds().get(0)).instanceLifecycle())
        .isNull();
    FleetData f = fleet(made.fleetId());
    assertThat(f.typeAsString()).isEqualTo("instant");
    assertThat(f.fulfilledCapacity()).isEqualTo(3.0);
    assertThat(f.fulfilledOnDemandCapacity()).isEqualTo(1.0);
    assertThat(f.targetCapacitySpecification().spotTargetCapacity()).isEqualTo(2);
  }

  @Test
  void anInstantFleetReportsWhatCouldNotLaunchAsErrors(TestInfo test) {
    CreateFleetResponse made = create("instant", template(test), 1, 0, "t3.gigantic");

    assertThat(made.instances()).isEmpty();
    assertThat(made.errors()).hasSize(1);
    assertThat(made.errors().get(0).errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(made.errors().get(0).lifecycleAsString()).isEqualTo("spot");
  }

  @Test
  void aMaintainFleetReplacesAnInstanceTerminatedBehindItsBack(TestInfo test) {
    String id = create("maintain", template(test), 2, 0, "t3.small").fleetId();
    List<String> first = active(id).stream().map(ActiveInstance::instanceId).toList();
    assertThat(first).hasSize(2);
    assertThat(fleet(id).activityStatusAsString()).isEqualTo("fulfilled");

    ec2.terminateInstances(r -> r.instanceIds(first.get(0)));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(active(id))
                    .hasSize(2)
                    .extracting(ActiveInstance::instanceId)
                    .doesNotContain(first.get(0))
                    .contains(first.get(1)));
    var history =
        ec2.describeFleetHistory(
                r ->
                    r.fleetId(id)
                        .startTime(Instant.now().minusSeconds(600))
                        .eventType("instanceChange"))
            .historyRecords();
    assertThat(history)
        .extracting(h -> h.eventInformation().eventSubType())
        .containsExactly("launched", "launched", "terminated", "launched");
  }

  @Test
  void modifyingATargetLaunchesOrEndsInstancesAndDeleteEndsTheFleet(TestInfo test) {
    String id = create("maintain", template(test), 1, 1, "t3.micro").fleetId();

    ec2.modifyFleet(r -> r.fleetId(id).targetCapacitySpecification(t -> t.totalTargetCapacity(3)));
    assertThat(active(id)).hasSize(3);
    assertThat(fleet(id).fulfilledOnDemandCapacity()).isEqualTo(1.0);
    ec2.modifyFleet(r -> r.fleetId(id).targetCapacitySpecification(t -> t.totalTargetCapacity(1)));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(active(id)).hasSize(1));
    String last = active(id).get(0).instanceId();

    var deleted =
        ec2.deleteFleets(
            r ->
                r.fleetIds(id, "fleet-00000000-0000-0000-0000-000000000000")
                    .terminateInstances(true));

    assertThat(deleted.successfulFleetDeletions().get(0).currentFleetStateAsString())
        .isEqualTo("deleted_terminating");
    assertThat(deleted.unsuccessfulFleetDeletions().get(0).error().codeAsString())
        .isEqualTo("fleetIdDoesNotExist");
    Ec2Calls.awaitState(ec2, last, InstanceStateName.TERMINATED, Duration.ofSeconds(10));
    assertThat(fleet(id).fleetStateAsString()).isEqualTo("deleted");
    assertThat(
            ec2.describeFleetHistory(
                    r ->
                        r.fleetId(id)
                            .startTime(Instant.now().minusSeconds(600))
                            .eventType("fleetRequestChange"))
                .historyRecords())
        .extracting(h -> h.eventInformation().eventSubType())
        .contains("submitted", "active", "modify_in_progress", "modify_succeeded", "deleted");
  }

  @Test
  void aRequestFleetDeletedWithoutItsInstancesLeavesThemRunning(TestInfo test) {
    String id = create("request", template(test), 1, 0, "t3.micro").fleetId();
    String instance = active(id).get(0).instanceId();

    ec2.deleteFleets(r -> r.fleetIds(id).terminateInstances(false));

    assertThat(fleet(id).fleetStateAsString()).isEqualTo("deleted_running");
    assertThat(Ec2Calls.describe(ec2, instance).state().name())
        .isNotEqualTo(InstanceStateName.TERMINATED);
    assertThat(
            error(
                () ->
                    ec2.modifyFleet(
                        r ->
                            r.fleetId(id)
                                .targetCapacitySpecification(t -> t.totalTargetCapacity(2)))))
        .startsWith("InvalidParameterValue:");
  }

  @Test
  void filtersAndErrors(TestInfo test) {
    String lt = template(test);
    String id = create("request", lt, 1, 1, "t3.micro").fleetId();

    assertThat(
            ec2.describeFleets(
                    r -> r.filters(filter("type", "request"), filter("tag:Team", "request")))
                .fleets())
        .extracting(FleetData::fleetId)
        .contains(id);
    assertThat(
            ec2.describeFleets(r -> r.fleetIds(id).filters(filter("fleet-state", "deleted")))
                .fleets())
        .isEmpty();
    assertThat(
            ec2.describeFleetInstances(
                    r -> r.fleetId(id).filters(filter("instance-type", "m5.large")))
                .activeInstances())
        .isEmpty();
    assertThat(
            error(
                () ->
                    ec2.describeFleets(
                        r -> r.fleetIds("fleet-00000000-0000-0000-0000-00000000dead"))))
        .startsWith("InvalidFleetId.NotFound:");
    assertThat(error(() -> ec2.describeFleets(r -> r.filters(filter("colour", "x")))))
        .startsWith("InvalidParameterValue:");
    assertThat(error(() -> ec2.describeFleetHistory(r -> r.fleetId(id))))
        .startsWith("MissingParameter:");
    assertThat(
            error(
                () ->
                    ec2.createFleet(
                        CreateFleetRequest.builder()
                            .launchTemplateConfigs(config(lt, "t3.micro"))
                            .targetCapacitySpecification(
                                t ->
                                    t.totalTargetCapacity(1)
                                        .onDemandTargetCapacity(2)
                                        .spotTargetCapacity(1))
                            .build())))
        .startsWith("InvalidParameterValue:");
    assertThat(
            error(
                () ->
                    ec2.createFleet(
                        r ->
                            r.launchTemplateConfigs(
                                    c -> c.launchTemplateSpecification(s -> s.launchTemplateId(lt)))
                                .targetCapacitySpecification(t -> t.totalTargetCapacity(1)))))
        .isEqualTo(
            "MissingParameter: The request must contain the parameter LaunchTemplateSpecification.Version.");
    assertThat(
            error(
                () ->
                    ec2.createFleet(
                        r ->
                            r.type("maintain")
                                .launchTemplateConfigs(
                                    c ->
                                        c.launchTemplateSpecification(
                                            s ->
                                                s.launchTemplateId("lt-0000000000000dead")
                                                    .version("1")))
                                .targetCapacitySpecification(t -> t.totalTargetCapacity(1)))))
        .startsWith("InvalidLaunchTemplateId.NotFound");
  }
}
