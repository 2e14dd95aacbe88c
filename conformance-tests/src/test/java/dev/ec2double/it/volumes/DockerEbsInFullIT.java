package dev.ec2double.it.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.instances.Exec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ReplaceRootVolumeTask;
import software.amazon.awssdk.services.ec2.model.ReplaceRootVolumeTaskState;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;

/**
 * EBS in full on the docker backend: an io1/io2 Multi-Attach volume attached to several running
 * instances at once, every one of them reading what another writes, at once; and root volume
 * replacement, the running instance's root filesystem really replaced (to its launch state, to a
 * snapshot of its root volume) while it keeps its id, address and attached volumes.
 */
class DockerEbsInFullIT {
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

  private static String running() {
    String id = DockerTestServer.runBusybox(ec2);
    Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    return id;
  }

  private static Volume volume(String id) {
    return ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
  }

  @Test
  void aFileWrittenByOneInstanceIsReadByTheOthersAtOnce() {
    String a = running();
    String b = running();
    String c = running();
    String zone = Ec2Calls.describe(ec2, a).placement().availabilityZone();
    String volumeId =
        ec2.createVolume(
                r ->
                    r.availabilityZone(zone)
                        .size(4)
                        .volumeType("io2")
                        .iops(1000)
                        .multiAttachEnabled(true))
            .volumeId();
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));

    ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(a).device("/dev/sdf"));
    ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(b).device("/dev/sdg"));
    ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(c).device("/dev/sdf"));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> volume(volumeId).attachments(),
            l ->
                l.size() == 3
                    && l.stream().allMatch(x -> x.state() == VolumeAttachmentState.ATTACHED));
    Volume v = volume(volumeId);
    assertThat(v.multiAttachEnabled()).isTrue();
    assertThat(v.stateAsString()).isEqualTo("in-use");
    assertThat(v.attachments())
        .extracting(VolumeAttachment::instanceId, VolumeAttachment::device)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(a, "/dev/sdf"),
            org.assertj.core.groups.Tuple.tuple(b, "/dev/sdg"),
            org.assertj.core.groups.Tuple.tuple(c, "/dev/sdf"));

    sh(a, "echo from-a > /mnt/ec2-double/sdf/shared.txt");
    assertThat(sh(b, "cat /mnt/ec2-double/sdg/shared.txt")).isEqualTo("from-a\n");
    sh(b, "echo from-b >> /mnt/ec2-double/sdg/shared.txt");
    assertThat(sh(c, "cat /mnt/ec2-double/sdf/shared.txt")).isEqualTo("from-a\nfrom-b\n");

    // one instance lets go; the others keep the volume and its files
    ec2.detachVolume(r -> r.volumeId(volumeId).instanceId(a));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> volume(volumeId).attachments().size() == 2);
    assertThat(sh(a, "ls /mnt/ec2-double/sdf/shared.txt 2>&1")).contains("No such file");
    assertThat(sh(c, "cat /mnt/ec2-double/sdf/shared.txt")).isEqualTo("from-a\nfrom-b\n");
    assertThat(volume(volumeId).stateAsString()).isEqualTo("in-use");

    ec2.terminateInstances(r -> r.instanceIds(a, b, c));
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
    assertThat(volume(volumeId).attachments()).isEmpty();
    ec2.deleteVolume(r -> r.volumeId(volumeId));
    await().atMost(Duration.ofSeconds(30)).until(() -> volumeGone(volumeId));
  }

  private static boolean volumeGone(String volumeId) {
    return docker
        .listVolumesCmd()
        .withFilter("label", List.of("dev.ec2double.resource=" + volumeId))
        .exec()
        .getVolumes()
        .isEmpty();
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
