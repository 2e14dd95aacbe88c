package dev.ec2double.it.placement;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.awaitState;
import static dev.ec2double.it.Ec2Calls.describe;
import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.PlacementStrategy;

/** Instances in placement groups: the strategies' rules, the errors, and the moves between them. */
class PlacementGroupInstancesIT {
  private static final String REGION = "eu-north-1";
  private static final String A = REGION + "a";
  private static final String B = REGION + "b";
  private static Ec2Client ec2;
  private final List<String> launched = new ArrayList<>();
  private String group;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2(REGION, "210000000001");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @AfterEach
  void cleanUp() {
    if (!launched.isEmpty()) {
      ec2.terminateInstances(r -> r.instanceIds(launched));
      launched.forEach(
          id -> awaitState(ec2, id, InstanceStateName.TERMINATED, Duration.ofSeconds(30)));
    }
    if (group != null) {
      ec2.deletePlacementGroup(r -> r.groupName(group));
    }
  }

  private void group(TestInfo test, PlacementStrategy strategy, Integer partitions) {
    group = "pg-" + test.getTestMethod().orElseThrow().getName();
    ec2.createPlacementGroup(r -> r.groupName(group).strategy(strategy).partitionCount(partitions));
  }

  private List<Instance> run(int count, Consumer<Placement.Builder> placement) {
    List<Instance> out =
        ec2.runInstances(
                r ->
                    r.imageId("ami-0ec2d00000000de12")
                        .instanceType("t3.micro")
                        .minCount(count)
                        .maxCount(count)
                        .placement(placement))
            .instances();
    out.forEach(i -> launched.add(i.instanceId()));
    return out;
  }

  @Test
  void aSpreadGroupRefusesTheEighthRunningInstanceOfAZone(TestInfo test) {
    group(test, PlacementStrategy.SPREAD, null);
    List<Instance> seven = run(7, p -> p.groupName(group).availabilityZone(A));
    assertThat(seven).allSatisfy(i -> assertThat(i.placement().groupName()).isEqualTo(group));

    assertThat(error(() -> run(1, p -> p.groupName(group).availabilityZone(A))))
        .startsWith("InsufficientInstanceCapacity: ")
        .contains("7 running instances per Availability Zone");
    // another zone has seven of its own
    assertThat(run(1, p -> p.groupName(group).availabilityZone(B))).hasSize(1);
    // a terminated instance frees its place
    ec2.terminateInstances(r -> r.instanceIds(seven.get(0).instanceId()));
    assertThat(run(1, p -> p.groupName(group).availabilityZone(A))).hasSize(1);
    assertThat(
            ec2
                .describeInstances(
                    r ->
                        r.filters(
                            filter("placement-group-name", group),
                            filter("instance-state-name", "pending", "running")))
                .reservations()
                .stream()
                .mapToInt(res -> res.instances().size())
                .sum())
        .isEqualTo(8);
  }

  @Test
  void startingAStoppedMemberCountsTowardTheSpreadLimit(TestInfo test) {
    group(test, PlacementStrategy.SPREAD, null);
    List<Instance> seven = run(7, p -> p.groupName(group).availabilityZone(A));
    String stopped = seven.get(0).instanceId();
    awaitState(ec2, stopped, InstanceStateName.RUNNING, Duration.ofSeconds(30));
    ec2.stopInstances(r -> r.instanceIds(stopped));
    awaitState(ec2, stopped, InstanceStateName.STOPPED, Duration.ofSeconds(30));
    // a stopped member holds no place: the zone takes a seventh running one
    String seventh = run(1, p -> p.groupName(group).availabilityZone(A)).get(0).instanceId();

    assertThat(error(() -> ec2.startInstances(r -> r.instanceIds(stopped))))
        .startsWith("InsufficientInstanceCapacity: ")
        .contains("7 running instances per Availability Zone");
    assertThat(describe(ec2, stopped).state().name()).isEqualTo(InstanceStateName.STOPPED);

    // once a place is free, it starts
    ec2.terminateInstances(r -> r.instanceIds(seventh));
    awaitState(ec2, seventh, InstanceStateName.TERMINATED, Duration.ofSeconds(30));
    assertThat(
            ec2.startInstances(r -> r.instanceIds(stopped))
                .startingInstances()
                .get(0)
                .currentState()
                .name())
        .isEqualTo(InstanceStateName.PENDING);
  }

  @Test
  void aPartitionGroupSpreadsInstancesOverItsPartitionsOrTakesTheOneAskedFor(TestInfo test) {
    group(test, PlacementStrategy.PARTITION, 3);
    List<Integer> partitions =
        run(3, p -> p.groupName(group).availabilityZone(A)).stream()
            .map(i -> i.placement().partitionNumber())
            .toList();
    assertThat(partitions).containsExactlyInAnyOrder(1, 2, 3);

    Instance second = run(1, p -> p.groupName(group).availabilityZone(A).partitionNumber(2)).get(0);
    assertThat(describe(ec2, second.instanceId()).placement().partitionNumber()).isEqualTo(2);
    assertThat(
            ec2
                .describeInstances(
                    r ->
                        r.filters(
                            filter("placement-group-name", group),
                            filter("placement-partition-number", "2")))
                .reservations()
                .stream()
                .mapToInt(res -> res.instances().size())
                .sum())
        .isEqualTo(2);
    assertThat(error(() -> run(1, p -> p.groupName(group).partitionNumber(4))))
        .startsWith("InvalidParameterValue: ")
        .contains("partitions 1 to 3");
  }

  @Test
  void launchesNameOnlyGroupsThatExistAndPartitionsOnlyOfPartitionGroups(TestInfo test) {
    group(test, PlacementStrategy.CLUSTER, null);
    assertError(() -> run(1, p -> p.groupName("pg-nowhere")), "InvalidPlacementGroup.Unknown");
    assertError(
        () -> run(1, p -> p.groupId("pg-0123456789abcdef0")), "InvalidPlacementGroupId.NotFound");
    assertError(
        () -> run(1, p -> p.groupName(group).partitionNumber(1)), "InvalidParameterCombination");
    assertError(
        () -> run(1, p -> p.groupName(group).tenancy("host")), "InvalidParameterCombination");
    assertThat(launched).isEmpty();
  }

  @Test
  void aClusterGroupKeepsToOneZone(TestInfo test) {
    group(test, PlacementStrategy.CLUSTER, null);
    String groupId =
        ec2.describePlacementGroups(r -> r.groupNames(group)).placementGroups().get(0).groupId();
    Instance first = run(1, p -> p.groupId(groupId).availabilityZone(A)).get(0);
    assertThat(first.placement().groupName()).isEqualTo(group);
    assertThat(first.placement().groupId()).isEqualTo(groupId);
    assertThat(error(() -> run(1, p -> p.groupName(group).availabilityZone(B))))
        .startsWith("InvalidParameterValue: ")
        .contains("cannot span Availability Zones");
  }

  @Test
  void aGroupWithInstancesIsInUseUntilTheyAreTerminated(TestInfo test) {
    group(test, PlacementStrategy.SPREAD, null);
    Instance i = run(1, p -> p.groupName(group)).get(0);
    assertThat(error(() -> ec2.deletePlacementGroup(r -> r.groupName(group))))
        .startsWith("InvalidPlacementGroup.InUse: ");
    ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
    awaitState(ec2, i.instanceId(), InstanceStateName.TERMINATED, Duration.ofSeconds(30));
    launched.clear();
    ec2.deletePlacementGroup(r -> r.groupName(group));
    assertError(
        () -> ec2.describePlacementGroups(r -> r.groupNames(group)),
        "InvalidPlacementGroup.Unknown");
    group = null;
  }

  @Test
  void modifyInstancePlacementMovesAStoppedInstanceBetweenGroupsAndPartitions(TestInfo test) {
    group(test, PlacementStrategy.PARTITION, 4);
    String id = run(1, p -> p.availabilityZone(A)).get(0).instanceId();
    awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(30));
    assertError(
        () -> ec2.modifyInstancePlacement(r -> r.instanceId(id).groupName(group)),
        "IncorrectInstanceState");

    ec2.stopInstances(r -> r.instanceIds(id));
    awaitState(ec2, id, InstanceStateName.STOPPED, Duration.ofSeconds(30));
    assertThat(
            ec2.modifyInstancePlacement(r -> r.instanceId(id).groupName(group).partitionNumber(3))
                .returnValue())
        .isTrue();
    Placement moved = describe(ec2, id).placement();
    assertThat(moved.groupName()).isEqualTo(group);
    assertThat(moved.partitionNumber()).isEqualTo(3);

    ec2.modifyInstancePlacement(r -> r.instanceId(id).partitionNumber(1));
    assertThat(describe(ec2, id).placement().partitionNumber()).isEqualTo(1);
    assertError(
        () -> ec2.modifyInstancePlacement(r -> r.instanceId(id).partitionNumber(5)),
        "InvalidParameterValue");

    ec2.modifyInstancePlacement(r -> r.instanceId(id).groupName(""));
    Placement out = describe(ec2, id).placement();
    assertThat(out.groupName()).isEmpty();
    assertThat(out.partitionNumber()).isNull();
    assertError(() -> ec2.modifyInstancePlacement(r -> r.instanceId(id)), "MissingParameter");
  }
}
