package dev.ec2double.it.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.instances.Exec;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ReplaceRootVolumeTask;
import software.amazon.awssdk.services.ec2.model.ReplaceRootVolumeTaskState;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;

/**
 * Root volume replacement on the docker backend: the running instance's root filesystem is really
 * replaced (to its launch state, to a snapshot of its root volume), and it runs again with the same
 * id, address and attached volumes.
 */
class DockerRootReplacementIT {
  private static Ec2Client ec2;
  private static DockerClient docker;

  @BeforeAll
  static void client() {
    ec2 = DockerTestServer.ec2();
    docker = DockerTestServer.docker();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String sh(String instanceId, String script) {
    return Exec.run(docker, "ec2double-" + instanceId, "sh", "-c", script);
  }

  private static String rootVolume(Instance i) {
    return i.blockDeviceMappings().stream()
        .filter(m -> m.deviceName().equals("/dev/xvda"))
        .findFirst()
        .orElseThrow()
        .ebs()
        .volumeId();
  }

  private static ReplaceRootVolumeTask awaitTask(String taskId) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                ec2.describeReplaceRootVolumeTasks(r -> r.replaceRootVolumeTaskIds(taskId))
                    .replaceRootVolumeTasks()
                    .get(0),
            t ->
                t.taskState() != ReplaceRootVolumeTaskState.PENDING
                    && t.taskState() != ReplaceRootVolumeTaskState.IN_PROGRESS);
  }

  @Test
  void replacesTheRootFilesystemKeepingTheInstanceItsAddressAndItsVolumes() {
    String id = DockerTestServer.runBusybox(ec2);
    Instance before =
        Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    String volumeId =
        ec2.createVolume(r -> r.availabilityZone(before.placement().availabilityZone()).size(1))
            .volumeId();
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
    ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(id).device("/dev/sdf"));
    ec2.waiter().waitUntilVolumeInUse(r -> r.volumeIds(volumeId));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ec2.describeVolumes(r -> r.volumeIds(volumeId))
                        .volumes()
                        .get(0)
                        .attachments()
                        .get(0)
                        .state()
                    == VolumeAttachmentState.ATTACHED);
    sh(id, "echo data > /mnt/ec2-double/sdf/kept.txt; echo snapped > /marker.txt");
    String firstRoot = rootVolume(before);
    String snapshotId = ec2.createSnapshot(r -> r.volumeId(firstRoot)).snapshotId();
    sh(id, "echo later > /later.txt");

    // to the launch state: what was written on the root filesystem is gone, the rest stays
    ReplaceRootVolumeTask created =
        ec2.createReplaceRootVolumeTask(r -> r.instanceId(id)).replaceRootVolumeTask();
    assertThat(created.taskState()).isEqualTo(ReplaceRootVolumeTaskState.PENDING);
    assertThat(awaitTask(created.replaceRootVolumeTaskId()).taskState())
        .isEqualTo(ReplaceRootVolumeTaskState.SUCCEEDED);
    Instance after =
        Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(30));
    assertThat(after.privateIpAddress()).isEqualTo(before.privateIpAddress());
    assertThat(sh(id, "ls /marker.txt /later.txt 2>&1")).contains("No such file");
    assertThat(sh(id, "cat /mnt/ec2-double/sdf/kept.txt")).isEqualTo("data\n");
    assertThat(rootVolume(after)).isNotEqualTo(firstRoot);
    assertThat(ec2.describeVolumes(r -> r.volumeIds(firstRoot)).volumes().get(0).stateAsString())
        .isEqualTo("available");

    // to the snapshot: the root filesystem as it was when the snapshot was taken
    String secondRoot = rootVolume(after);
    ReplaceRootVolumeTask fromSnapshot =
        ec2.createReplaceRootVolumeTask(
                r -> r.instanceId(id).snapshotId(snapshotId).deleteReplacedRootVolume(true))
            .replaceRootVolumeTask();
    assertThat(awaitTask(fromSnapshot.replaceRootVolumeTaskId()).taskState())
        .isEqualTo(ReplaceRootVolumeTaskState.SUCCEEDED);
    Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(30));
    assertThat(sh(id, "cat /marker.txt")).isEqualTo("snapped\n");
    assertThat(sh(id, "ls /later.txt 2>&1")).contains("No such file");
    assertThat(sh(id, "cat /mnt/ec2-double/sdf/kept.txt")).isEqualTo("data\n");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ec2.describeVolumes(r -> r.filters(Ec2Calls.filter("volume-id", secondRoot)))
                    .volumes()
                    .isEmpty());

    // the instance still stops and terminates as itself
    ec2.terminateInstances(r -> r.instanceIds(id));
    Ec2Calls.awaitState(ec2, id, InstanceStateName.TERMINATED, Duration.ofSeconds(60));
    assertThat(DockerTestServer.containersOf(docker, id)).isEmpty();
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
    ec2.deleteVolume(r -> r.volumeId(volumeId));
    ec2.deleteVolume(r -> r.volumeId(firstRoot));
    ec2.deleteSnapshot(r -> r.snapshotId(snapshotId));
    Ec2Calls.assertError(
        () -> ec2.createReplaceRootVolumeTask(r -> r.instanceId(id)), "IncorrectInstanceState");
  }
}
