package dev.ec2double.it.volumes;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ReplaceRootVolumeTask;
import software.amazon.awssdk.services.ec2.model.ReplaceRootVolumeTaskState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeModification;

/**
 * Multi-Attach rules, encryption by default, root volume replacement tasks, CopyVolumes and the
 * Recycle Bin through the SDK (mock backend: the records and AWS's errors; the real effects are in
 * the docker ITs).
 */
class EbsInFullIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("us-east-2", "717171717171");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static Instance running(String type) {
    String id =
        ec2.runInstances(
                r ->
                    r.imageId(AMI)
                        .instanceType(type)
                        .minCount(1)
                        .maxCount(1)
                        .placement(p -> p.availabilityZone("us-east-2a")))
            .instances()
            .get(0)
            .instanceId();
    return Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(30));
  }

  private static String volume(String zone, String type, Integer iops, boolean multi) {
    String id =
        ec2.createVolume(
                r ->
                    r.availabilityZone(zone)
                        .size(10)
                        .volumeType(type)
                        .iops(iops)
                        .multiAttachEnabled(multi))
            .volumeId();
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(id));
    return id;
  }

  private static Volume describe(String id) {
    return ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
  }

  @Test
  void multiAttachTakesIoVolumesOnNitroInstancesOfItsZone() {
    assertError(
        () ->
            ec2.createVolume(
                r -> r.availabilityZone("us-east-2a").size(10).multiAttachEnabled(true)),
        "InvalidParameterCombination");
    Instance a = running("m5.large");
    Instance b = running("m5.large");
    Instance xen = running("t2.micro");
    String zone = a.placement().availabilityZone();
    String id = volume(zone, "io1", 500, true);
    assertThat(describe(id).multiAttachEnabled()).isTrue();
    assertThat(
            ec2.describeVolumes(r -> r.filters(filter("multi-attach-enabled", "true"))).volumes())
        .extracting(Volume::volumeId)
        .contains(id);

    ec2.attachVolume(r -> r.volumeId(id).instanceId(a.instanceId()).device("/dev/sdf"));
    if (b.placement().availabilityZone().equals(zone)) {
      ec2.attachVolume(r -> r.volumeId(id).instanceId(b.instanceId()).device("/dev/sdf"));
      assertThat(describe(id).attachments()).hasSize(2);
      assertThat(
              ec2.describeVolumes(
                      r ->
                          r.filters(
                              filter("attachment.instance-id", b.instanceId()),
                              filter("volume-type", "io1")))
                  .volumes())
          .extracting(Volume::volumeId)
          .containsExactly(id);
      // with two instances, DetachVolume must say which
      assertError(() -> ec2.detachVolume(r -> r.volumeId(id)), "MissingParameter");
    }
    assertError(
        () -> ec2.attachVolume(r -> r.volumeId(id).instanceId(a.instanceId()).device("/dev/sdg")),
        "VolumeInUse");
    assertError(
        () -> ec2.attachVolume(r -> r.volumeId(id).instanceId(xen.instanceId()).device("/dev/sdf")),
        "UnsupportedOperation");
    // io1 Multi-Attach keeps its size; io2's may be turned off only while attached to at most one
    assertError(
        () -> ec2.modifyVolume(r -> r.volumeId(id).size(20)), "InvalidParameterCombination");
    assertError(
        () -> ec2.modifyVolume(r -> r.volumeId(id).multiAttachEnabled(false)),
        "InvalidParameterCombination");
    String io2 = volume(zone, "io2", 1000, false);
    VolumeModification m =
        ec2.modifyVolume(r -> r.volumeId(io2).multiAttachEnabled(true)).volumeModification();
    assertThat(m.originalMultiAttachEnabled()).isFalse();
    assertThat(m.targetMultiAttachEnabled()).isTrue();
    assertThat(describe(io2).multiAttachEnabled()).isTrue();
    assertError(
        () -> ec2.modifyVolume(r -> r.volumeId(io2).volumeType("gp3").iops(3000)),
        "InvalidParameterCombination");
    // a plain volume still takes one instance
    String plain = volume(zone, "gp3", null, false);
    ec2.attachVolume(r -> r.volumeId(plain).instanceId(a.instanceId()).device("/dev/sdh"));
    assertError(
        () ->
            ec2.attachVolume(r -> r.volumeId(plain).instanceId(b.instanceId()).device("/dev/sdh")),
        "VolumeInUse");
    ec2.terminateInstances(r -> r.instanceIds(a.instanceId(), b.instanceId(), xen.instanceId()));
  }

  @Test
  void encryptionByDefaultEncryptsNewVolumesWithTheDefaultKey() {
    try (Ec2Client west = TestServer.ec2("us-west-1", "828282828282")) {
      assertThat(west.getEbsEncryptionByDefault(r -> {}).ebsEncryptionByDefault()).isFalse();
      assertThat(west.getEbsDefaultKmsKeyId(r -> {}).kmsKeyId())
          .isEqualTo("arn:aws:kms:us-west-1:828282828282:alias/aws/ebs");
      String plain = west.createVolume(r -> r.availabilityZone("us-west-1a").size(1)).volumeId();
      assertThat(west.enableEbsEncryptionByDefault(r -> {}).ebsEncryptionByDefault()).isTrue();
      String key = "1234abcd-12ab-34cd-56ef-1234567890ab";
      assertThat(west.modifyEbsDefaultKmsKeyId(r -> r.kmsKeyId(key)).kmsKeyId())
          .isEqualTo("arn:aws:kms:us-west-1:828282828282:key/" + key);
      assertError(
          () -> west.modifyEbsDefaultKmsKeyId(r -> r.kmsKeyId("not a key")),
          "InvalidParameterValue");

      Volume made =
          west.describeVolumes(
                  r ->
                      r.volumeIds(
                          west.createVolume(q -> q.availabilityZone("us-west-1a").size(1))
                              .volumeId()))
              .volumes()
              .get(0);
      assertThat(made.encrypted()).isTrue();
      assertThat(made.kmsKeyId()).endsWith(":key/" + key);
      assertThat(west.describeVolumes(r -> r.filters(filter("encrypted", "true"))).volumes())
          .extracting(Volume::volumeId)
          .containsExactly(made.volumeId());
      // another region of the same account is untouched
      try (Ec2Client east = TestServer.ec2("us-east-1", "828282828282")) {
        assertThat(east.getEbsEncryptionByDefault(r -> {}).ebsEncryptionByDefault()).isFalse();
      }
      // a snapshot of an encrypted volume is encrypted, so are volumes made from it
      west.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(made.volumeId()));
      String snap = west.createSnapshot(r -> r.volumeId(made.volumeId())).snapshotId();
      assertThat(west.describeSnapshots(r -> r.snapshotIds(snap)).snapshots().get(0).encrypted())
          .isTrue();
      assertThat(west.resetEbsDefaultKmsKeyId(r -> {}).kmsKeyId()).endsWith(":alias/aws/ebs");
      west.disableEbsEncryptionByDefault(r -> {});
      assertThat(describeIn(west, plain).encrypted()).isFalse();
      Volume fromSnap =
          describeIn(
              west,
              west.createVolume(r -> r.availabilityZone("us-west-1b").snapshotId(snap)).volumeId());
      assertThat(fromSnap.encrypted()).isTrue();
      assertThat(fromSnap.kmsKeyId()).endsWith(":key/" + key);
      assertError(
          () ->
              west.createVolume(
                  r -> r.availabilityZone("us-west-1a").size(1).kmsKeyId("alias/mine")),
          "InvalidParameterDependency");
    }
  }

  private static Volume describeIn(Ec2Client client, String id) {
    return client.describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
  }

  @Test
  void replaceRootVolumeTasksRunToSucceededAndAreFilteredByInstance() {
    Instance i = running("t3.micro");
    String oldRoot = i.blockDeviceMappings().get(0).ebs().volumeId();
    ReplaceRootVolumeTask t =
        ec2.createReplaceRootVolumeTask(
                r ->
                    r.instanceId(i.instanceId())
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.REPLACE_ROOT_VOLUME_TASK)
                                .tags(Tag.builder().key("purpose").value("patch").build())
                                .build()))
            .replaceRootVolumeTask();
    assertThat(t.replaceRootVolumeTaskId()).startsWith("replacevol-");
    assertThat(t.taskState()).isEqualTo(ReplaceRootVolumeTaskState.PENDING);
    assertThat(t.tags()).extracting(Tag::value).containsExactly("patch");
    ReplaceRootVolumeTask done =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    ec2.describeReplaceRootVolumeTasks(
                            r -> r.filters(filter("instance-id", i.instanceId())))
                        .replaceRootVolumeTasks(),
                l -> l.size() == 1 && l.get(0).taskState() == ReplaceRootVolumeTaskState.SUCCEEDED)
            .get(0);
    assertThat(done.completeTime()).isNotNull();
    String newRoot =
        Ec2Calls.describe(ec2, i.instanceId()).blockDeviceMappings().stream()
            .filter(m -> m.deviceName().equals("/dev/xvda"))
            .findFirst()
            .orElseThrow()
            .ebs()
            .volumeId();
    assertThat(newRoot).isNotEqualTo(oldRoot);
    assertThat(describe(oldRoot).stateAsString()).isEqualTo("available");
    assertThat(
            ec2.describeTags(r -> r.filters(filter("resource-type", "replace-root-volume-task")))
                .tags())
        .extracting(t2 -> t2.resourceId())
        .contains(t.replaceRootVolumeTaskId());
    assertThat(
            ec2.describeReplaceRootVolumeTasks(r -> r.filters(filter("instance-id", "i-0000")))
                .replaceRootVolumeTasks())
        .isEmpty();

    // a snapshot of another volume, both a snapshot and an image, unknown ids, a stopped instance
    String other = volume(i.placement().availabilityZone(), "gp3", null, false);
    String foreign = ec2.createSnapshot(r -> r.volumeId(other)).snapshotId();
    assertError(
        () ->
            ec2.createReplaceRootVolumeTask(r -> r.instanceId(i.instanceId()).snapshotId(foreign)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createReplaceRootVolumeTask(
                r -> r.instanceId(i.instanceId()).snapshotId(foreign).imageId(AMI)),
        "InvalidParameterCombination");
    assertError(
        () ->
            ec2.createReplaceRootVolumeTask(
                r -> r.instanceId(i.instanceId()).imageId("ami-0123456789abcdef0")),
        "InvalidAMIID.NotFound");
    assertError(
        () ->
            ec2.describeReplaceRootVolumeTasks(
                r -> r.replaceRootVolumeTaskIds("replacevol-0123456789abcdef0")),
        "InvalidReplaceRootVolumeTaskId.NotFound");
    assertError(
        () -> ec2.describeReplaceRootVolumeTasks(r -> r.maxResults(51)), "InvalidParameterValue");
    ec2.stopInstances(r -> r.instanceIds(i.instanceId()));
    Ec2Calls.awaitState(ec2, i.instanceId(), InstanceStateName.STOPPED, Duration.ofSeconds(30));
    assertError(
        () -> ec2.createReplaceRootVolumeTask(r -> r.instanceId(i.instanceId())),
        "IncorrectInstanceState");
    ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
  }

  @Test
  void copyVolumesCopiesAndTheRecycleBinIsEmptyWithoutRetentionRules() {
    String src = volume("us-east-2b", "io2", 2000, false);
    Volume copy =
        ec2.copyVolumes(
                r ->
                    r.sourceVolumeId(src)
                        .size(20)
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.VOLUME)
                                .tags(Tag.builder().key("Name").value("copy").build())
                                .build()))
            .volumes()
            .get(0);
    assertThat(copy.volumeId()).isNotEqualTo(src);
    assertThat(copy.size()).isEqualTo(20);
    assertThat(copy.volumeTypeAsString()).isEqualTo("io2");
    assertThat(copy.iops()).isEqualTo(2000);
    assertThat(copy.availabilityZone()).isEqualTo("us-east-2b");
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(copy.volumeId()));
    assertThat(describe(copy.volumeId()).tags()).extracting(Tag::value).containsExactly("copy");
    assertError(() -> ec2.copyVolumes(r -> r.sourceVolumeId(src).size(5)), "InvalidParameterValue");
    assertError(
        () -> ec2.copyVolumes(r -> r.sourceVolumeId("vol-0123456789abcdef0")),
        "InvalidVolume.NotFound");

    ec2.deleteVolume(r -> r.volumeId(src));
    assertThat(ec2.listVolumesInRecycleBin(r -> {}).volumes()).isEmpty();
    assertError(
        () -> ec2.restoreVolumeFromRecycleBin(r -> r.volumeId(src)), "InvalidVolume.NotFound");
    assertError(
        () -> ec2.restoreVolumeFromRecycleBin(r -> r.volumeId("volume")),
        "InvalidVolume.Malformed");
    assertError(
        () -> ec2.restoreSnapshotFromRecycleBin(r -> r.snapshotId("snap-0123456789abcdef0")),
        "InvalidSnapshot.NotFound");
    assertError(
        () -> ec2.restoreImageFromRecycleBin(r -> r.imageId("ami-0123456789abcdef0")),
        "InvalidAMIID.NotFound");
    assertError(() -> ec2.listVolumesInRecycleBin(r -> r.maxResults(2)), "InvalidParameterValue");
  }
}
