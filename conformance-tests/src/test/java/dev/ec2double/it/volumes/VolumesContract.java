package dev.ec2double.it.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttachVolumeResponse;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DetachVolumeResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeModification;
import software.amazon.awssdk.services.ec2.model.VolumeState;
import software.amazon.awssdk.services.ec2.model.VolumeStatusItem;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** EBS volumes and snapshots as an SDK user sees them; runs on both backends. */
abstract class VolumesContract {
  protected abstract Ec2Client ec2();

  protected abstract String ami();

  private Ec2Waiter waiter;

  protected Ec2Waiter waiter() {
    if (waiter == null) {
      waiter =
          Ec2Waiter.builder()
              .client(ec2())
              .overrideConfiguration(
                  WaiterOverrideConfiguration.builder()
                      .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
                      .maxAttempts(600)
                      .build())
              .build();
    }
    return waiter;
  }

  protected String runInstance(TestInfo test, BlockDeviceMapping... mappings) {
    String id =
        ec2()
            .runInstances(
                r ->
                    r.imageId(ami())
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .blockDeviceMappings(mappings)
                        .tagSpecifications(nameTag(ResourceType.INSTANCE, test)))
            .instances()
            .get(0)
            .instanceId();
    waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
    return id;
  }

  protected Instance instance(String id) {
    return ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
  }

  protected String zoneOf(String instanceId) {
    return instance(instanceId).placement().availabilityZone();
  }

  protected static TagSpecification nameTag(ResourceType type, TestInfo test) {
    return TagSpecification.builder()
        .resourceType(type)
        .tags(Tag.builder().key("Name").value(test.getDisplayName()).build())
        .build();
  }

  protected String createVolume(TestInfo test, String zone, int size) {
    CreateVolumeResponse v =
        ec2()
            .createVolume(
                r ->
                    r.availabilityZone(zone)
                        .size(size)
                        .volumeType("gp3")
                        .tagSpecifications(nameTag(ResourceType.VOLUME, test)));
    assertThat(v.state()).isEqualTo(VolumeState.CREATING);
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(v.volumeId()));
    return v.volumeId();
  }

  protected Volume volume(String id) {
    return ec2().describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
  }

  protected void attach(String volumeId, String instanceId, String device) {
    AttachVolumeResponse a =
        ec2().attachVolume(r -> r.volumeId(volumeId).instanceId(instanceId).device(device));
    assertThat(a.state()).isEqualTo(VolumeAttachmentState.ATTACHING);
    awaitAttachment(volumeId, VolumeAttachmentState.ATTACHED);
  }

  protected void detach(String volumeId) {
    DetachVolumeResponse d = ec2().detachVolume(r -> r.volumeId(volumeId));
    assertThat(d.state()).isEqualTo(VolumeAttachmentState.DETACHING);
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
    assertThat(volume(volumeId).attachments()).isEmpty();
  }

  protected void awaitAttachment(String volumeId, VolumeAttachmentState state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> volume(volumeId).attachments().stream().anyMatch(a -> a.state() == state));
  }

  protected static void assertError(Executable call, String code) {
    assertThatThrownBy(call::execute)
        .isInstanceOfSatisfying(
            Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
  }

  @Test
  void createsAVolumeWithItsTypeDefaultsAndTagsAndFindsItByFilters(TestInfo test) {
    String id = createVolume(test, "us-east-1a", 10);

    Volume v = volume(id);
    assertThat(v.state()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(v.size()).isEqualTo(10);
    assertThat(v.volumeTypeAsString()).isEqualTo("gp3");
    assertThat(v.iops()).isEqualTo(3000);
    assertThat(v.throughput()).isEqualTo(125);
    assertThat(v.availabilityZone()).isEqualTo("us-east-1a");
    assertThat(v.attachments()).isEmpty();
    assertThat(v.tags()).contains(Tag.builder().key("Name").value(test.getDisplayName()).build());
    List<Volume> found =
        ec2()
            .describeVolumes(
                r ->
                    r.filters(
                        Filter.builder().name("tag:Name").values(test.getDisplayName()).build(),
                        Filter.builder().name("volume-type").values("gp3").build(),
                        Filter.builder().name("size").values("10").build(),
                        Filter.builder().name("status").values("available").build()))
            .volumes();
    assertThat(found).extracting(Volume::volumeId).containsExactly(id);
    assertThat(
            ec2()
                .describeVolumes(
                    r ->
                        r.filters(
                            Filter.builder().name("tag:Name").values(test.getDisplayName()).build(),
                            Filter.builder().name("status").values("in-use").build()))
                .volumes())
        .isEmpty();
    ec2().deleteVolume(r -> r.volumeId(id));
    waiter().waitUntilVolumeDeleted(r -> r.volumeIds(id));
  }

  @Test
  void aOneGibGp3VolumeTakesItsIopsBaselineAskedFor() {
    // what Ansible's ec2_vol sends for a 1 GiB gp3 volume: Iops=3000, the baseline at any size
    Volume v =
        ec2()
            .createVolume(
                r -> r.availabilityZone("us-east-1a").size(1).volumeType("gp3").iops(3000))
            .volumeId()
            .transform(id -> ec2().describeVolumes(d -> d.volumeIds(id)).volumes().get(0));
    try {
      assertThat(v.iops()).isEqualTo(3000);
      assertThat(v.throughput()).isEqualTo(125);
      assertError(
          () ->
              ec2()
                  .createVolume(
                      r -> r.availabilityZone("us-east-1a").size(1).volumeType("gp3").iops(3001)),
          "InvalidParameterValue");
      assertError(
          () ->
              ec2()
                  .createVolume(
                      r ->
                          r.availabilityZone("us-east-1a")
                              .size(10)
                              .volumeType("gp3")
                              .throughput(1000)),
          "InvalidParameterValue");
    } finally {
      waiter().waitUntilVolumeAvailable(r -> r.volumeIds(v.volumeId()));
      ec2().deleteVolume(r -> r.volumeId(v.volumeId()));
    }
  }

  @Test
  void rejectsVolumesAwsWouldReject() {
    assertError(
        () -> ec2().createVolume(r -> r.availabilityZone("us-east-1a").size(10).volumeType("io1")),
        "MissingParameter");
    assertError(
        () ->
            ec2()
                .createVolume(
                    r -> r.availabilityZone("us-east-1a").size(10).volumeType("gp2").iops(3000)),
        "InvalidParameterCombination");
    assertError(
        () -> ec2().createVolume(r -> r.availabilityZone("us-east-1z").size(10)),
        "InvalidParameterValue");
    assertError(
        () -> ec2().createVolume(r -> r.availabilityZone("us-east-1a").size(20000)),
        "InvalidParameterValue");
    assertError(
        () -> ec2().describeVolumes(r -> r.volumeIds("vol-0123456789abcdef0")),
        "InvalidVolume.NotFound");
    assertError(
        () -> ec2().describeSnapshots(r -> r.snapshotIds("snap-0123456789abcdef0")),
        "InvalidSnapshot.NotFound");
  }

  @Test
  void attachesAndDetachesMovingThroughAwsStatesAndListsTheRootVolume(TestInfo test) {
    String instanceId = runInstance(test);
    String zone = zoneOf(instanceId);
    String volumeId = createVolume(test, zone, 1);

    attach(volumeId, instanceId, "/dev/sdf");

    Volume v = volume(volumeId);
    assertThat(v.state()).isEqualTo(VolumeState.IN_USE);
    assertThat(v.attachments().get(0).instanceId()).isEqualTo(instanceId);
    assertThat(v.attachments().get(0).device()).isEqualTo("/dev/sdf");
    List<InstanceBlockDeviceMapping> devices = instance(instanceId).blockDeviceMappings();
    assertThat(devices)
        .extracting(InstanceBlockDeviceMapping::deviceName)
        .containsExactly("/dev/sdf", "/dev/xvda");
    String rootId =
        devices.stream()
            .filter(d -> d.deviceName().equals("/dev/xvda"))
            .findFirst()
            .orElseThrow()
            .ebs()
            .volumeId();
    Volume root = volume(rootId);
    assertThat(root.state()).isEqualTo(VolumeState.IN_USE);
    assertThat(root.attachments().get(0).deleteOnTermination()).isTrue();
    assertThat(
            ec2()
                .describeVolumes(
                    r ->
                        r.filters(
                            Filter.builder()
                                .name("attachment.instance-id")
                                .values(instanceId)
                                .build()))
                .volumes())
        .extracting(Volume::volumeId)
        .containsExactlyInAnyOrder(volumeId, rootId);

    detach(volumeId);
    assertThat(instance(instanceId).blockDeviceMappings())
        .extracting(InstanceBlockDeviceMapping::deviceName)
        .containsExactly("/dev/xvda");
    ec2().terminateInstances(r -> r.instanceIds(instanceId));
    ec2().deleteVolume(r -> r.volumeId(volumeId));
  }

  @Test
  void refusesAttachmentsAwsWouldRefuse(TestInfo test) {
    String instanceId = runInstance(test);
    String zone = zoneOf(instanceId);
    String other = zone.endsWith("a") ? zone.replaceAll("a$", "b") : zone.replaceAll(".$", "a");
    String first = createVolume(test, zone, 1);
    String second = createVolume(test, zone, 1);
    String elsewhere = createVolume(test, other, 1);
    attach(first, instanceId, "/dev/sdf");

    assertError(
        () -> ec2().attachVolume(r -> r.volumeId(second).instanceId(instanceId).device("/dev/sdf")),
        "InvalidParameterValue");
    assertError(
        () -> ec2().attachVolume(r -> r.volumeId(first).instanceId(instanceId).device("/dev/sdg")),
        "VolumeInUse");
    assertError(
        () ->
            ec2()
                .attachVolume(r -> r.volumeId(elsewhere).instanceId(instanceId).device("/dev/sdg")),
        "InvalidVolume.ZoneMismatch");
    assertError(
        () -> ec2().attachVolume(r -> r.volumeId(second).instanceId(instanceId).device("sdg!")),
        "InvalidParameterValue");
    assertError(() -> ec2().detachVolume(r -> r.volumeId(second)), "IncorrectState");
    assertError(() -> ec2().deleteVolume(r -> r.volumeId(first)), "VolumeInUse");
    assertThat(volume(first).state()).isEqualTo(VolumeState.IN_USE);
    assertThat(volume(first).attachments().get(0).state())
        .isEqualTo(VolumeAttachmentState.ATTACHED);

    ec2().terminateInstances(r -> r.instanceIds(instanceId));
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(first));
    for (String v : List.of(first, second, elsewhere)) {
      ec2().deleteVolume(r -> r.volumeId(v));
    }
  }

  @Test
  void deletesVolumesWithTheInstanceOnlyWhenDeleteOnTerminationIsSet(TestInfo test) {
    String instanceId =
        runInstance(
            test,
            BlockDeviceMapping.builder()
                .deviceName("/dev/sdf")
                .ebs(e -> e.volumeSize(1).volumeType("gp3").deleteOnTermination(true))
                .build(),
            BlockDeviceMapping.builder()
                .deviceName("/dev/sdg")
                .ebs(e -> e.volumeSize(2).deleteOnTermination(false))
                .build());
    List<InstanceBlockDeviceMapping> devices = instance(instanceId).blockDeviceMappings();
    assertThat(devices)
        .extracting(InstanceBlockDeviceMapping::deviceName)
        .containsExactly("/dev/sdf", "/dev/sdg", "/dev/xvda");
    String gone = volumeAt(devices, "/dev/sdf");
    String kept = volumeAt(devices, "/dev/sdg");
    String root = volumeAt(devices, "/dev/xvda");
    assertThat(volume(kept).size()).isEqualTo(2);

    ec2().terminateInstances(r -> r.instanceIds(instanceId));
    waiter().waitUntilInstanceTerminated(r -> r.instanceIds(instanceId));

    waiter().waitUntilVolumeDeleted(r -> r.volumeIds(gone));
    waiter().waitUntilVolumeDeleted(r -> r.volumeIds(root));
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(kept));
    assertThat(volume(kept).attachments()).isEmpty();
    assertMachineStorageGone(gone);
    assertMachineStorageKept(kept);
    ec2().deleteVolume(r -> r.volumeId(kept));
  }

  protected static String volumeAt(List<InstanceBlockDeviceMapping> devices, String device) {
    return devices.stream()
        .filter(d -> d.deviceName().equals(device))
        .findFirst()
        .orElseThrow()
        .ebs()
        .volumeId();
  }

  /** Engine-side checks; the mock backend has none. */
  protected void assertMachineStorageGone(String volumeId) {}

  protected void assertMachineStorageKept(String volumeId) {}

  @Test
  void snapshotsVolumesAndMakesVolumesFromThem(TestInfo test) {
    String volumeId = createVolume(test, "us-east-1a", 3);

    Snapshot created =
        Snapshot.builder()
            .snapshotId(
                ec2()
                    .createSnapshot(
                        r ->
                            r.volumeId(volumeId)
                                .description("first")
                                .tagSpecifications(nameTag(ResourceType.SNAPSHOT, test)))
                    .snapshotId())
            .build();
    waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds(created.snapshotId()));

    List<Snapshot> found =
        ec2()
            .describeSnapshots(
                r ->
                    r.ownerIds("self")
                        .filters(
                            Filter.builder().name("volume-id").values(volumeId).build(),
                            Filter.builder()
                                .name("tag:Name")
                                .values(test.getDisplayName())
                                .build()))
            .snapshots();
    assertThat(found).hasSize(1);
    Snapshot s = found.get(0);
    assertThat(s.volumeSize()).isEqualTo(3);
    assertThat(s.description()).isEqualTo("first");
    assertThat(s.progress()).isEqualTo("100%");
    String restored =
        ec2()
            .createVolume(r -> r.availabilityZone("us-east-1b").snapshotId(s.snapshotId()))
            .volumeId();
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(restored));
    assertThat(volume(restored).snapshotId()).isEqualTo(s.snapshotId());
    assertThat(volume(restored).size()).isEqualTo(3);
    assertError(
        () ->
            ec2()
                .createVolume(
                    r -> r.availabilityZone("us-east-1b").size(1).snapshotId(s.snapshotId())),
        "InvalidParameterValue");

    String copy =
        ec2()
            .copySnapshot(
                // the SDK presigns a copy from the endpoint's region, which 127.0.0.1 has not; a
                // presigned URL given skips that (the server does not read it)
                r ->
                    r.sourceSnapshotId(s.snapshotId())
                        .sourceRegion("us-east-1")
                        .presignedUrl("https://ec2.us-east-1.amazonaws.com/"))
            .snapshotId();
    waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds(copy));
    ec2()
        .modifySnapshotAttribute(
            r ->
                r.snapshotId(copy)
                    .attribute("createVolumePermission")
                    .operationType("add")
                    .userIds("111122223333"));
    assertThat(
            ec2()
                .describeSnapshotAttribute(
                    r -> r.snapshotId(copy).attribute("createVolumePermission"))
                .createVolumePermissions())
        .extracting(p -> p.userId())
        .containsExactly("111122223333");

    ec2().deleteSnapshot(r -> r.snapshotId(copy));
    ec2().deleteSnapshot(r -> r.snapshotId(s.snapshotId()));
    assertError(
        () -> ec2().describeSnapshots(r -> r.snapshotIds(copy)), "InvalidSnapshot.NotFound");
    ec2().deleteVolume(r -> r.volumeId(restored));
    ec2().deleteVolume(r -> r.volumeId(volumeId));
  }

  @Test
  void modifiesVolumesAndReportsTheirStatus(TestInfo test) {
    String volumeId = createVolume(test, "us-east-1a", 5);

    VolumeModification m =
        ec2()
            .modifyVolume(r -> r.volumeId(volumeId).size(20).iops(4000).throughput(250))
            .volumeModification();

    assertThat(m.originalSize()).isEqualTo(5);
    assertThat(m.targetSize()).isEqualTo(20);
    Volume v = volume(volumeId);
    assertThat(v.size()).isEqualTo(20);
    assertThat(v.iops()).isEqualTo(4000);
    assertThat(v.throughput()).isEqualTo(250);
    assertThat(
            ec2().describeVolumesModifications(r -> r.volumeIds(volumeId)).volumesModifications())
        .singleElement()
        .satisfies(x -> assertThat(x.modificationStateAsString()).isEqualTo("completed"));
    assertError(
        () -> ec2().modifyVolume(r -> r.volumeId(volumeId).size(4)), "InvalidParameterValue");
    VolumeStatusItem status =
        ec2().describeVolumeStatus(r -> r.volumeIds(volumeId)).volumeStatuses().get(0);
    assertThat(status.volumeStatus().statusAsString()).isEqualTo("ok");
    ec2().enableVolumeIO(r -> r.volumeId(volumeId));
    ec2().deleteVolume(r -> r.volumeId(volumeId));
  }
}
