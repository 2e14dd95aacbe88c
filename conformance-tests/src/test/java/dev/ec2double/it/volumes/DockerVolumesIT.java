package dev.ec2double.it.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.instances.Exec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeState;

/**
 * Volumes on the docker backend hold data: what one instance writes, another reads after the volume
 * moves, without either instance restarting; snapshots are point-in-time copies.
 */
class DockerVolumesIT extends VolumesContract {
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

  @Override
  protected Ec2Client ec2() {
    return ec2;
  }

  @Override
  protected String ami() {
    return DockerTestServer.BUSYBOX_AMI;
  }

  private static String sh(String instanceId, String script) {
    return Exec.run(docker, "ec2double-" + instanceId, "sh", "-c", script);
  }

  /** When the instance's processes last started: unchanged means nothing was restarted. */
  private static String startedAt(String instanceId) {
    return docker.inspectContainerCmd("ec2double-" + instanceId).exec().getState().getStartedAt();
  }

  private static List<InspectVolumeResponse> engineVolumes(String volumeId) {
    return docker
        .listVolumesCmd()
        .withFilter("label", List.of("dev.ec2double.resource=" + volumeId))
        .exec()
        .getVolumes();
  }

  @Override
  protected void assertMachineStorageGone(String volumeId) {
    assertThat(engineVolumes(volumeId)).isEmpty();
  }

  @Override
  protected void assertMachineStorageKept(String volumeId) {
    assertThat(engineVolumes(volumeId)).hasSize(1);
    assertThat(engineVolumes(volumeId).get(0).getLabels())
        .containsEntry("dev.ec2double.kind", "volume")
        .containsEntry("dev.ec2double.server", DockerTestServer.get().serverId());
  }

  @Test
  void movesDataFromOneRunningInstanceToAnotherWithoutRestartingEither(TestInfo test) {
    String a = runInstance(test);
    String b = runInstance(test);
    String volumeId = createVolume(test, zoneOf(a), 1);
    String aStarted = startedAt(a);
    String bStarted = startedAt(b);
    sh(a, "sleep 3600 & echo $! > /tmp/marker.pid");

    long t0 = System.nanoTime();
    attach(volumeId, a, "/dev/sdf");
    long attachMillis = (System.nanoTime() - t0) / 1_000_000;
    sh(a, "echo written-on-a > /mnt/ec2-double/sdf/note.txt");
    detach(volumeId);

    assertThat(sh(a, "ls /mnt/ec2-double/sdf/note.txt 2>&1")).contains("No such file");
    assertThat(sh(a, "kill -0 $(cat /tmp/marker.pid) && echo alive")).contains("alive");
    attach(volumeId, b, "/dev/sdg");
    assertThat(sh(b, "cat /mnt/ec2-double/sdg/note.txt")).isEqualTo("written-on-a\n");
    assertThat(startedAt(a)).isEqualTo(aStarted);
    assertThat(startedAt(b)).isEqualTo(bStarted);
    System.out.println(
        "attach to a running instance took " + attachMillis + " ms (API to attached)");

    ec2().stopInstances(r -> r.instanceIds(b));
    waiter().waitUntilInstanceStopped(r -> r.instanceIds(b));
    ec2().startInstances(r -> r.instanceIds(b));
    waiter().waitUntilInstanceRunning(r -> r.instanceIds(b));
    assertThat(sh(b, "cat /mnt/ec2-double/sdg/note.txt")).isEqualTo("written-on-a\n");

    ec2().terminateInstances(r -> r.instanceIds(a, b));
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
    ec2().deleteVolume(r -> r.volumeId(volumeId));
    waiter().waitUntilVolumeDeleted(r -> r.volumeIds(volumeId));
    assertThat(engineVolumes(volumeId)).isEmpty();
  }

  @Test
  void snapshotHoldsOnlyWhatWasWrittenBeforeIt(TestInfo test) {
    String a = runInstance(test);
    String volumeId = createVolume(test, zoneOf(a), 1);
    attach(volumeId, a, "/dev/sdf");
    sh(a, "echo before > /mnt/ec2-double/sdf/data.txt");

    long t0 = System.nanoTime();
    String snapshotId =
        ec2()
            .createSnapshot(r -> r.volumeId(volumeId).description(test.getDisplayName()))
            .snapshotId();
    long snapMillis = (System.nanoTime() - t0) / 1_000_000;
    sh(a, "echo after >> /mnt/ec2-double/sdf/data.txt; echo new > /mnt/ec2-double/sdf/later.txt");
    waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds(snapshotId));
    String restored =
        ec2().createVolume(r -> r.availabilityZone(zoneOf(a)).snapshotId(snapshotId)).volumeId();
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(restored));
    attach(restored, a, "/dev/sdh");

    assertThat(sh(a, "cat /mnt/ec2-double/sdh/data.txt")).isEqualTo("before\n");
    assertThat(sh(a, "ls /mnt/ec2-double/sdh/")).doesNotContain("later.txt");
    assertThat(sh(a, "cat /mnt/ec2-double/sdf/data.txt")).isEqualTo("before\nafter\n");
    System.out.println("CreateSnapshot of a small volume took " + snapMillis + " ms");

    ec2().terminateInstances(r -> r.instanceIds(a));
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId, restored));
    ec2().deleteVolume(r -> r.volumeId(volumeId));
    ec2().deleteVolume(r -> r.volumeId(restored));
    ec2().deleteSnapshot(r -> r.snapshotId(snapshotId));
  }

  @Test
  void aSnapshotCopiedToAnotherRegionRestoresTheSameFilesThere(TestInfo test) {
    String a = runInstance(test);
    String volumeId = createVolume(test, zoneOf(a), 1);
    attach(volumeId, a, "/dev/sdf");
    sh(a, "echo from-us-east-1 > /mnt/ec2-double/sdf/data.txt");
    String snapshotId = ec2().createSnapshot(r -> r.volumeId(volumeId)).snapshotId();
    waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds(snapshotId));

    try (Ec2Client europe =
        Clients.ec2Builder(DockerTestServer.get().endpoint(), "eu-west-1", "AKIDDOCKER", "secret")
            .build()) {
      String copy =
          europe
              .copySnapshot(
                  // a presigned URL given keeps the SDK from presigning for 127.0.0.1
                  r ->
                      r.sourceSnapshotId(snapshotId)
                          .sourceRegion("us-east-1")
                          .presignedUrl("https://ec2.us-east-1.amazonaws.com/"))
              .snapshotId();
      europe.waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds(copy));
      // the copy holds files of its own: the source may go
      ec2().deleteSnapshot(r -> r.snapshotId(snapshotId));
      String b = DockerTestServer.runBusybox(europe);
      europe.waiter().waitUntilInstanceRunning(r -> r.instanceIds(b));
      String zone =
          europe
              .describeInstances(r -> r.instanceIds(b))
              .reservations()
              .get(0)
              .instances()
              .get(0)
              .placement()
              .availabilityZone();
      String restored =
          europe.createVolume(r -> r.availabilityZone(zone).snapshotId(copy)).volumeId();
      europe.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(restored));
      europe.attachVolume(r -> r.volumeId(restored).instanceId(b).device("/dev/sdg"));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  europe
                      .describeVolumes(r -> r.volumeIds(restored))
                      .volumes()
                      .get(0)
                      .attachments()
                      .stream()
                      .anyMatch(x -> x.state() == VolumeAttachmentState.ATTACHED));

      assertThat(sh(b, "cat /mnt/ec2-double/sdg/data.txt")).isEqualTo("from-us-east-1\n");

      europe.terminateInstances(r -> r.instanceIds(b));
      europe.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(restored));
      europe.deleteVolume(r -> r.volumeId(restored));
      europe.deleteSnapshot(r -> r.snapshotId(copy));
    }
    ec2().terminateInstances(r -> r.instanceIds(a));
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
    ec2().deleteVolume(r -> r.volumeId(volumeId));
  }

  @Test
  void deleteVolumeOfAnAttachedVolumeChangesNothing(TestInfo test) {
    String a = runInstance(test);
    String volumeId = createVolume(test, zoneOf(a), 1);
    attach(volumeId, a, "/dev/sdf");
    sh(a, "echo keep > /mnt/ec2-double/sdf/k.txt");

    assertError(() -> ec2().deleteVolume(r -> r.volumeId(volumeId)), "VolumeInUse");

    assertThat(volume(volumeId).state()).isEqualTo(VolumeState.IN_USE);
    assertThat(sh(a, "cat /mnt/ec2-double/sdf/k.txt")).isEqualTo("keep\n");
    assertThat(engineVolumes(volumeId)).hasSize(1);
    ec2().terminateInstances(r -> r.instanceIds(a));
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
    ec2().deleteVolume(r -> r.volumeId(volumeId));
  }

  @Test
  void volumesFromBlockDeviceMappingsAreThereAtFirstBoot(TestInfo test) {
    String a = runInstance(test);
    String volumeId = createVolume(test, zoneOf(a), 1);
    attach(volumeId, a, "/dev/sdf");
    sh(a, "echo seeded > /mnt/ec2-double/sdf/seed.txt");
    String snapshotId = ec2().createSnapshot(r -> r.volumeId(volumeId)).snapshotId();
    waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds(snapshotId));

    String b =
        runInstance(
            test,
            BlockDeviceMapping.builder()
                .deviceName("/dev/sdk")
                .ebs(e -> e.snapshotId(snapshotId).deleteOnTermination(true))
                .build());

    assertThat(sh(b, "cat /mnt/ec2-double/sdk/seed.txt")).isEqualTo("seeded\n");
    Map<String, String> mounts = Map.of("b", sh(b, "cat /proc/mounts"));
    assertThat(mounts.get("b")).contains("/mnt/ec2-double/sdk");
    ec2().terminateInstances(r -> r.instanceIds(a, b));
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
    ec2().deleteVolume(r -> r.volumeId(volumeId));
    ec2().deleteSnapshot(r -> r.snapshotId(snapshotId));
  }

  @Test
  void instanceFromAnImageFindsTheDataItsSourceVolumesHeld(TestInfo test) {
    String a =
        runInstance(
            test,
            BlockDeviceMapping.builder()
                .deviceName("/dev/sdf")
                .ebs(e -> e.volumeSize(1).deleteOnTermination(true))
                .build());
    sh(a, "echo in-the-image > /mnt/ec2-double/sdf/data.txt");

    String imageId =
        ec2()
            .createImage(
                r -> r.instanceId(a).name("bdm-" + test.getTestMethod().orElseThrow().getName()))
            .imageId();
    // the commit pauses the instance (as AWS reboots it): write once the AMI is available
    waiter().waitUntilImageAvailable(r -> r.imageIds(imageId));
    sh(a, "echo after > /mnt/ec2-double/sdf/later.txt");
    String b =
        ec2()
            .runInstances(r -> r.imageId(imageId).instanceType("t3.micro").minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    waiter().waitUntilInstanceRunning(r -> r.instanceIds(b));

    assertThat(sh(b, "cat /mnt/ec2-double/sdf/data.txt")).isEqualTo("in-the-image\n");
    assertThat(sh(b, "ls /mnt/ec2-double/sdf/")).doesNotContain("later.txt");
    String volumeOfB = volumeAt(instance(b).blockDeviceMappings(), "/dev/sdf");
    assertThat(volumeOfB).isNotEqualTo(volumeAt(instance(a).blockDeviceMappings(), "/dev/sdf"));
    assertThat(volume(volumeOfB).snapshotId()).startsWith("snap-");

    ec2().terminateInstances(r -> r.instanceIds(a, b));
    waiter().waitUntilInstanceTerminated(r -> r.instanceIds(a, b));
    ec2().deregisterImage(r -> r.imageId(imageId));
    Filter madeForIt = Filter.builder().name("description").values("*for " + imageId).build();
    List<String> snapshots =
        ec2().describeSnapshots(r -> r.filters(madeForIt)).snapshots().stream()
            .map(Snapshot::snapshotId)
            .toList();
    assertThat(snapshots).hasSize(2); // the root's (a record) and /dev/sdf's: kept after deregister
    snapshots.forEach(id -> ec2().deleteSnapshot(r -> r.snapshotId(id)));
  }
}
