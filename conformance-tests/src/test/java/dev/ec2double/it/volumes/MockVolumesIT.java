package dev.ec2double.it.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * Volumes and snapshots on the mock backend: the API alone, and the block device mappings of AMIs
 * (RegisterImage, CreateImage, RunInstances of such an AMI) as DescribeImages and DescribeVolumes
 * show them.
 */
class MockVolumesIT extends VolumesContract {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2();
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
    return "ami-0ec2d00000000de12";
  }

  private static String imageName(TestInfo test) {
    return "bdm-" + test.getTestMethod().orElseThrow().getName();
  }

  private static BlockDeviceMapping mapping(Image image, String device) {
    return image.blockDeviceMappings().stream()
        .filter(m -> m.deviceName().equals(device))
        .findFirst()
        .orElseThrow(() -> new AssertionError(device + " not in " + image.blockDeviceMappings()));
  }

  private String runFrom(String imageId, BlockDeviceMapping... mappings) {
    String id =
        ec2.runInstances(
                r ->
                    r.imageId(imageId)
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .blockDeviceMappings(mappings))
            .instances()
            .get(0)
            .instanceId();
    waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
    return id;
  }

  private String snapshotOf(String volumeId) {
    String id = ec2.createSnapshot(r -> r.volumeId(volumeId)).snapshotId();
    waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds(id));
    return id;
  }

  @Test
  void registersAnImageWhoseVolumesComeFromSnapshots(TestInfo test) {
    String source = createVolume(test, "us-east-1a", 2);
    String snapshotId = snapshotOf(source);

    String imageId =
        ec2.registerImage(
                r ->
                    r.name(imageName(test))
                        .imageLocation("my/app:1")
                        .blockDeviceMappings(
                            BlockDeviceMapping.builder()
                                .deviceName("/dev/sdf")
                                .ebs(e -> e.snapshotId(snapshotId))
                                .build(),
                            BlockDeviceMapping.builder()
                                .deviceName("/dev/sdb")
                                .virtualName("ephemeral0")
                                .build(),
                            BlockDeviceMapping.builder()
                                .deviceName("/dev/sdc")
                                .noDevice("")
                                .build()))
            .imageId();

    Image image = ec2.describeImages(r -> r.imageIds(imageId)).images().get(0);
    assertThat(image.blockDeviceMappings())
        .extracting(BlockDeviceMapping::deviceName)
        .containsExactly("/dev/xvda", "/dev/sdf", "/dev/sdb", "/dev/sdc");
    EbsBlockDevice sdf = mapping(image, "/dev/sdf").ebs();
    assertThat(sdf.snapshotId()).isEqualTo(snapshotId);
    assertThat(sdf.volumeSize()).isEqualTo(2);
    assertThat(sdf.volumeTypeAsString()).isEqualTo("gp2");
    assertThat(sdf.deleteOnTermination()).isTrue();
    assertThat(sdf.encrypted()).isFalse();
    assertThat(mapping(image, "/dev/sdb").virtualName()).isEqualTo("ephemeral0");
    assertThat(mapping(image, "/dev/sdc").noDevice()).isEmpty();
    assertThat(mapping(image, "/dev/xvda").ebs().volumeSize()).isEqualTo(8);

    // RunInstances' own mapping for the same device wins; NoDevice drops the AMI's volume
    String a =
        runFrom(
            imageId,
            BlockDeviceMapping.builder()
                .deviceName("/dev/sdf")
                .ebs(e -> e.volumeSize(4).deleteOnTermination(false))
                .build());
    String b =
        runFrom(imageId, BlockDeviceMapping.builder().deviceName("/dev/sdf").noDevice("").build());

    List<InstanceBlockDeviceMapping> devicesOfA = instance(a).blockDeviceMappings();
    Volume fromImage = volume(volumeAt(devicesOfA, "/dev/sdf"));
    assertThat(fromImage.snapshotId()).isEqualTo(snapshotId);
    assertThat(fromImage.size()).isEqualTo(4);
    assertThat(fromImage.attachments().get(0).deleteOnTermination()).isFalse();
    assertThat(instance(b).blockDeviceMappings())
        .extracting(InstanceBlockDeviceMapping::deviceName)
        .containsExactly("/dev/xvda");

    // the AMI holds its snapshot until it is deregistered, and deregistering leaves it
    assertError(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId)), "InvalidSnapshot.InUse");
    ec2.terminateInstances(r -> r.instanceIds(a, b));
    ec2.deregisterImage(r -> r.imageId(imageId));
    assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots()).hasSize(1);
    ec2.deleteSnapshot(r -> r.snapshotId(snapshotId));
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(fromImage.volumeId()));
    ec2.deleteVolume(r -> r.volumeId(fromImage.volumeId()));
    ec2.deleteVolume(r -> r.volumeId(source));
  }

  @Test
  void refusesToRegisterAnImageWithASnapshotThatDoesNotExist(TestInfo test) {
    BlockDeviceMapping missing =
        BlockDeviceMapping.builder()
            .deviceName("/dev/sdf")
            .ebs(e -> e.snapshotId("snap-0123456789abcdef0"))
            .build();

    assertError(
        () ->
            ec2.registerImage(
                r ->
                    r.name(imageName(test)).imageLocation("my/app:1").blockDeviceMappings(missing)),
        "InvalidSnapshot.NotFound");

    Filter byName = Filter.builder().name("name").values(imageName(test)).build();
    assertThat(ec2.describeImages(r -> r.owners("self").filters(byName)).images()).isEmpty();
  }

  @Test
  void createImageSnapshotsEveryAttachedVolume(TestInfo test) {
    String instanceId =
        runInstance(
            test,
            BlockDeviceMapping.builder()
                .deviceName("/dev/sdf")
                .ebs(e -> e.volumeSize(3).volumeType("gp3").deleteOnTermination(false))
                .build());
    String dataVolume = volumeAt(instance(instanceId).blockDeviceMappings(), "/dev/sdf");

    String imageId =
        ec2.createImage(
                r ->
                    r.instanceId(instanceId)
                        .name(imageName(test))
                        .blockDeviceMappings(
                            BlockDeviceMapping.builder()
                                .deviceName("/dev/sdg")
                                .ebs(e -> e.volumeSize(1))
                                .build()))
            .imageId();
    waiter().waitUntilImageAvailable(r -> r.imageIds(imageId));

    Image image = ec2.describeImages(r -> r.imageIds(imageId)).images().get(0);
    assertThat(image.blockDeviceMappings())
        .extracting(BlockDeviceMapping::deviceName)
        .containsExactly("/dev/xvda", "/dev/sdf", "/dev/sdg");
    EbsBlockDevice root = mapping(image, "/dev/xvda").ebs();
    assertThat(root.snapshotId()).startsWith("snap-");
    assertThat(root.deleteOnTermination()).isTrue();
    EbsBlockDevice sdf = mapping(image, "/dev/sdf").ebs();
    assertThat(sdf.volumeSize()).isEqualTo(3);
    assertThat(sdf.volumeTypeAsString()).isEqualTo("gp3");
    assertThat(sdf.iops()).isEqualTo(3000);
    assertThat(sdf.throughput()).isEqualTo(125);
    assertThat(sdf.deleteOnTermination()).isFalse();
    assertThat(mapping(image, "/dev/sdg").ebs().snapshotId()).isNull();
    Snapshot taken = ec2.describeSnapshots(r -> r.snapshotIds(sdf.snapshotId())).snapshots().get(0);
    assertThat(taken.volumeId()).isEqualTo(dataVolume);
    assertThat(taken.description())
        .isEqualTo("Created by CreateImage(" + instanceId + ") for " + imageId);

    // NoDevice leaves an attached volume out of the AMI, and no snapshot is taken of it
    String withoutData =
        ec2.createImage(
                r ->
                    r.instanceId(instanceId)
                        .name(imageName(test) + "-2")
                        .blockDeviceMappings(
                            BlockDeviceMapping.builder()
                                .deviceName("/dev/sdf")
                                .noDevice("")
                                .build()))
            .imageId();
    assertThat(
            ec2.describeImages(r -> r.imageIds(withoutData)).images().get(0).blockDeviceMappings())
        .extracting(BlockDeviceMapping::deviceName)
        .containsExactly("/dev/xvda");
    Filter forIt =
        Filter.builder()
            .name("description")
            .values("Created by CreateImage(" + instanceId + ") for " + withoutData)
            .build();
    assertThat(ec2.describeSnapshots(r -> r.filters(forIt)).snapshots())
        .extracting(Snapshot::volumeId)
        .containsExactly(volumeAt(instance(instanceId).blockDeviceMappings(), "/dev/xvda"));

    ec2.terminateInstances(r -> r.instanceIds(instanceId));
    waiter().waitUntilVolumeAvailable(r -> r.volumeIds(dataVolume));
    ec2.deleteVolume(r -> r.volumeId(dataVolume));
  }
}
