package dev.ec2double.it.placement;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.awaitState;
import static dev.ec2double.it.Ec2Calls.describe;
import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.CapacityReservationSpecification;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * On-Demand Capacity Reservations: open ones are used by matching launches, targeted ones only when
 * named; counts, usage, modify, cancel and expiry by the clock. Each test has an account of its
 * own, so that reservations of one never take another's instances.
 */
class CapacityReservationsIT {
  private static final String REGION = "eu-north-1";
  private static final String A = REGION + "a";
  private static int accounts = 10;
  private Ec2Client ec2;
  private final List<String> launched = new ArrayList<>();

  private Ec2Client client() {
    ec2 = TestServer.ec2(REGION, "2100000000" + (accounts++));
    return ec2;
  }

  @AfterEach
  void cleanUp() {
    if (!launched.isEmpty()) {
      ec2.terminateInstances(r -> r.instanceIds(launched));
    }
    ec2.close();
  }

  private String reserve(String type, int count, String match) {
    return ec2.createCapacityReservation(
            r ->
                r.instanceType(type)
                    .instancePlatform("Linux/UNIX")
                    .availabilityZone(A)
                    .instanceCount(count)
                    .instanceMatchCriteria(match)
                    .tagSpecifications(
                        t ->
                            t.resourceType(ResourceType.CAPACITY_RESERVATION)
                                .tags(g -> g.key("Team").value("cr"))))
        .capacityReservation()
        .capacityReservationId();
  }

  private CapacityReservation reservation(String id) {
    return ec2.describeCapacityReservations(r -> r.capacityReservationIds(id))
        .capacityReservations()
        .get(0);
  }

  private List<Instance> run(String type, int count, CapacityReservationSpecification spec) {
    List<Instance> out =
        ec2.runInstances(
                r ->
                    r.imageId("ami-0ec2d00000000de12")
                        .instanceType(type)
                        .minCount(count)
                        .maxCount(count)
                        .placement(p -> p.availabilityZone(A))
                        .capacityReservationSpecification(spec))
            .instances();
    out.forEach(i -> launched.add(i.instanceId()));
    return out;
  }

  @Test
  void anOpenReservationIsUsedByMatchingLaunchesUntilItIsFull() {
    client();
    String id = reserve("t3.micro", 2, "open");
    CapacityReservation made = reservation(id);
    assertThat(id).matches("cr-[0-9a-f]{17}");
    assertThat(made.stateAsString()).isEqualTo("active");
    assertThat(made.totalInstanceCount()).isEqualTo(2);
    assertThat(made.availableInstanceCount()).isEqualTo(2);
    assertThat(made.endDateTypeAsString()).isEqualTo("unlimited");
    assertThat(made.tags()).hasSize(1);

    Instance first = run("t3.micro", 1, null).get(0);
    assertThat(first.capacityReservationId()).isEqualTo(id);
    assertThat(reservation(id).availableInstanceCount()).isEqualTo(1);
    // another type does not match
    assertThat(run("c5.large", 1, null).get(0).capacityReservationId()).isNull();
    List<Instance> two = run("t3.micro", 2, null);
    assertThat(two.stream().filter(i -> id.equals(i.capacityReservationId())).count()).isEqualTo(1);
    assertThat(reservation(id).availableInstanceCount()).isZero();

    GetCapacityReservationUsageResponse usage =
        ec2.getCapacityReservationUsage(r -> r.capacityReservationId(id));
    assertThat(usage.instanceUsages()).hasSize(1);
    assertThat(usage.instanceUsages().get(0).usedInstanceCount()).isEqualTo(2);
    assertThat(usage.availableInstanceCount()).isZero();

    // a stopped instance gives its place back
    awaitState(ec2, first.instanceId(), InstanceStateName.RUNNING, Duration.ofSeconds(30));
    ec2.stopInstances(r -> r.instanceIds(first.instanceId()));
    awaitState(ec2, first.instanceId(), InstanceStateName.STOPPED, Duration.ofSeconds(30));
    assertThat(reservation(id).availableInstanceCount()).isEqualTo(1);
    // "none" keeps a launch out of it
    assertThat(
            run(
                    "t3.micro",
                    1,
                    CapacityReservationSpecification.builder()
                        .capacityReservationPreference("none")
                        .build())
                .get(0)
                .capacityReservationSpecification()
                .capacityReservationPreferenceAsString())
        .isEqualTo("none");
    assertThat(reservation(id).availableInstanceCount()).isEqualTo(1);
  }

  @Test
  void aTargetedReservationIsUsedOnlyByLaunchesThatNameIt() {
    client();
    String id = reserve("m5.large", 2, "targeted");
    CapacityReservationSpecification target =
        CapacityReservationSpecification.builder()
            .capacityReservationTarget(t -> t.capacityReservationId(id))
            .build();
    assertThat(run("m5.large", 1, null).get(0).capacityReservationId()).isNull();
    Instance in = run("m5.large", 1, target).get(0);
    assertThat(in.capacityReservationId()).isEqualTo(id);
    assertThat(
            describe(ec2, in.instanceId())
                .capacityReservationSpecification()
                .capacityReservationTarget()
                .capacityReservationId())
        .isEqualTo(id);
    assertThat(
            ec2.describeInstances(r -> r.filters(filter("capacity-reservation-id", id)))
                .reservations())
        .hasSize(1);
    assertThat(error(() -> run("m5.large", 2, target))).startsWith("ReservationCapacityExceeded: ");
    assertError(() -> run("c5.large", 1, target), "InvalidParameterCombination");
    assertError(
        () ->
            run(
                "m5.large",
                1,
                CapacityReservationSpecification.builder()
                    .capacityReservationTarget(t -> t.capacityReservationId("cr-0123456789abcdef0"))
                    .build()),
        "InvalidCapacityReservationId.NotFound");
  }

  @Test
  void modifyAndCancelChangeTheReservationAndFiltersFindIt() {
    client();
    String id = reserve("t3.micro", 1, "open");
    run("t3.micro", 1, null);
    assertThat(
            ec2.modifyCapacityReservation(r -> r.capacityReservationId(id).instanceCount(3))
                .returnValue())
        .isTrue();
    assertThat(reservation(id).availableInstanceCount()).isEqualTo(2);
    assertError(
        () -> ec2.modifyCapacityReservation(r -> r.capacityReservationId(id).instanceCount(0)),
        "InvalidParameterValue");
    assertThat(
            ec2.describeCapacityReservations(
                    r -> r.filters(filter("instance-type", "t3.micro"), filter("state", "active")))
                .capacityReservations())
        .extracting(CapacityReservation::capacityReservationId)
        .containsExactly(id);

    ec2.cancelCapacityReservation(r -> r.capacityReservationId(id));
    assertThat(reservation(id).stateAsString()).isEqualTo("cancelled");
    assertThat(reservation(id).availableInstanceCount()).isZero();
    assertThat(run("t3.micro", 1, null).get(0).capacityReservationId()).isNull();
    assertError(
        () -> ec2.cancelCapacityReservation(r -> r.capacityReservationId(id)), "IncorrectState");
    assertThat(
            ec2.describeCapacityReservations(r -> r.filters(filter("state", "active")))
                .capacityReservations())
        .isEmpty();
  }

  @Test
  void aLimitedReservationExpiresAtItsEndDate() {
    client();
    Instant end = Instant.now().plusSeconds(2);
    String id =
        ec2.createCapacityReservation(
                r ->
                    r.instanceType("t3.micro")
                        .instancePlatform("Linux/UNIX")
                        .availabilityZone(A)
                        .instanceCount(1)
                        .endDateType("limited")
                        .endDate(end))
            .capacityReservation()
            .capacityReservationId();
    assertThat(reservation(id).endDateTypeAsString()).isEqualTo("limited");
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> reservation(id).stateAsString(), "expired"::equals);
    assertThat(run("t3.micro", 1, null).get(0).capacityReservationId()).isNull();
  }

  @Test
  void createRefusesWhatAwsRefuses() {
    client();
    CreateCapacityReservationRequest ok =
        CreateCapacityReservationRequest.builder()
            .instanceType("t3.micro")
            .instancePlatform("Linux/UNIX")
            .availabilityZone(A)
            .instanceCount(1)
            .build();
    assertError(
        () -> ec2.createCapacityReservation(ok.toBuilder().instanceType("t9.huge").build()),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createCapacityReservation(ok.toBuilder().instanceCount(null).build()),
        "MissingParameter");
    assertError(
        () -> ec2.createCapacityReservation(ok.toBuilder().availabilityZone("us-east-1a").build()),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createCapacityReservation(
                ok.toBuilder()
                    .endDateType("limited")
                    .endDate(Instant.now().minusSeconds(60))
                    .build()),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createCapacityReservation(ok.toBuilder().endDateType("limited").build()),
        "MissingParameter");
    assertError(
        () -> ec2.describeCapacityReservations(r -> r.capacityReservationIds("cr-nope")),
        "InvalidCapacityReservationId.Malformed");
    assertError(
        () -> ec2.describeCapacityReservations(r -> r.filters(filter("colour", "red"))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createCapacityReservation(ok.toBuilder().dryRun(true).build()),
        "DryRunOperation");
    assertThat(ec2.describeCapacityReservations(r -> r.maxResults(5)).capacityReservations())
        .isEmpty();
  }

  @Test
  void modifyInstanceCapacityReservationAttributesTargetsAStoppedInstance() {
    client();
    String id = reserve("t3.micro", 1, "targeted");
    String instance = run("t3.micro", 1, null).get(0).instanceId();
    awaitState(ec2, instance, InstanceStateName.RUNNING, Duration.ofSeconds(30));
    CapacityReservationSpecification target =
        CapacityReservationSpecification.builder()
            .capacityReservationTarget(t -> t.capacityReservationId(id))
            .build();
    assertError(
        () ->
            ec2.modifyInstanceCapacityReservationAttributes(
                r -> r.instanceId(instance).capacityReservationSpecification(target)),
        "IncorrectInstanceState");
    ec2.stopInstances(r -> r.instanceIds(instance));
    awaitState(ec2, instance, InstanceStateName.STOPPED, Duration.ofSeconds(30));
    ec2.modifyInstanceCapacityReservationAttributes(
        r -> r.instanceId(instance).capacityReservationSpecification(target));
    assertThat(describe(ec2, instance).capacityReservationId()).isEqualTo(id);
    ec2.startInstances(r -> r.instanceIds(instance));
    awaitState(ec2, instance, InstanceStateName.RUNNING, Duration.ofSeconds(30));
    assertThat(reservation(id).availableInstanceCount()).isZero();
  }
}
