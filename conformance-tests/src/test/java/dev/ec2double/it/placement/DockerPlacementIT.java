package dev.ec2double.it.placement;

import static dev.ec2double.it.Ec2Calls.awaitState;
import static dev.ec2double.it.Ec2Calls.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.instances.Exec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.PlacementStrategy;

/**
 * Placement groups with real instances (containers): a spread group's zone holds seven running
 * containers and refuses the eighth until one is gone; an instance reads its group and partition
 * from the metadata service.
 */
class DockerPlacementIT {
  private Ec2Client ec2;
  private final List<String> launched = new ArrayList<>();
  private String group;

  @BeforeEach
  void client(TestInfo test) {
    ec2 = Clients.ec2(DockerTestServer.get().endpoint(), "210000000050");
    group = "pg-docker-" + test.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void cleanUp() {
    if (!launched.isEmpty()) {
      ec2.terminateInstances(r -> r.instanceIds(launched));
      launched.forEach(
          id -> awaitState(ec2, id, InstanceStateName.TERMINATED, Duration.ofSeconds(60)));
    }
    ec2.deletePlacementGroup(r -> r.groupName(group));
    ec2.close();
  }

  private List<Instance> run(int count, Consumer<Placement.Builder> placement) {
    List<Instance> out =
        ec2.runInstances(
                r ->
                    r.imageId(DockerTestServer.BUSYBOX_AMI)
                        .instanceType("t3.nano")
                        .minCount(count)
                        .maxCount(count)
                        .placement(placement))
            .instances();
    out.forEach(i -> launched.add(i.instanceId()));
    return out;
  }

  private static String metadata(String instanceId, String path) {
    return Exec.run(
            DockerTestServer.docker(),
            "ec2double-" + instanceId,
            "sh",
            "-c",
            "wget -qO- \"${AWS_EC2_METADATA_SERVICE_ENDPOINT%/}/latest/meta-data/" + path + "\"")
        .trim();
  }

  @Test
  void aSpreadGroupRunsSevenContainersAZoneAndRefusesTheEighthUntilOneIsGone() {
    ec2.createPlacementGroup(r -> r.groupName(group).strategy(PlacementStrategy.SPREAD));
    List<Instance> seven = run(7, p -> p.groupName(group).availabilityZone("us-east-1a"));
    seven.forEach(
        i -> awaitState(ec2, i.instanceId(), InstanceStateName.RUNNING, Duration.ofSeconds(60)));
    assertThat(seven)
        .allSatisfy(
            i ->
                assertThat(DockerTestServer.containersOf(DockerTestServer.docker(), i.instanceId()))
                    .hasSize(1));

    assertThat(error(() -> run(1, p -> p.groupName(group).availabilityZone("us-east-1a"))))
        .startsWith("InsufficientInstanceCapacity: ");

    String gone = seven.get(0).instanceId();
    ec2.terminateInstances(r -> r.instanceIds(gone));
    awaitState(ec2, gone, InstanceStateName.TERMINATED, Duration.ofSeconds(60));
    String eighth =
        run(1, p -> p.groupName(group).availabilityZone("us-east-1a")).get(0).instanceId();
    awaitState(ec2, eighth, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    assertThat(metadata(eighth, "placement/group-name")).isEqualTo(group);
  }

  @Test
  void anInstanceReadsItsGroupAndPartitionFromTheMetadataService() {
    ec2.createPlacementGroup(
        r -> r.groupName(group).strategy(PlacementStrategy.PARTITION).partitionCount(5));
    String id = run(1, p -> p.groupName(group).partitionNumber(4)).get(0).instanceId();
    awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(metadata(id, "placement/partition-number")).isEqualTo("4"));
    assertThat(metadata(id, "placement/group-name")).isEqualTo(group);
    assertThat(metadata(id, "placement/")).contains("group-name", "partition-number");
  }
}
