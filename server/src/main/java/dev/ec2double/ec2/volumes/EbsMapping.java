package dev.ec2double.ec2.volumes;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;

/**
 * One EBS block device mapping checked as AWS checks it (the snapshot exists, the size holds it,
 * the type takes the IOPS and throughput given), with AWS's defaults filled in: the size of the
 * snapshot, {@code gp2}, DeleteOnTermination true.
 */
record EbsMapping(
    String device,
    VolumeTypes.Shape shape,
    SnapshotRecord snapshot,
    boolean deleteOnTermination,
    EbsEncryption.Choice encryption) {

  boolean root() {
    return device.equals(ImagesService.ROOT_DEVICE);
  }

  static EbsMapping check(Ebs ebs, RequestContext ctx, BlockDeviceMapping m) {
    EbsBlockDevice e = m.ebs();
    SnapshotRecord snapshot =
        e.snapshotId() == null ? null : ebs.requireSnapshot(ctx, e.snapshotId());
    if (e.volumeSize() == null && snapshot == null) {
      throw new AwsException(
          "InvalidBlockDeviceMapping",
          "The device '" + m.deviceName() + "' needs a volume size or a snapshot id.");
    }
    int size = e.volumeSize() != null ? e.volumeSize() : snapshot.volumeSize;
    if (snapshot != null && size < snapshot.volumeSize) {
      throw new AwsException(
          "InvalidBlockDeviceMapping",
          "Volume of size "
              + size
              + "GB is smaller than snapshot '"
              + snapshot.id
              + "', expect size>= "
              + snapshot.volumeSize
              + "GB");
    }
    if (m.deviceName().equals(ImagesService.ROOT_DEVICE) && size < ImageRecord.ROOT_SIZE) {
      throw new AwsException(
          "InvalidBlockDeviceMapping",
          "Volume of size "
              + size
              + "GB is smaller than snapshot, expect size >= "
              + ImageRecord.ROOT_SIZE
              + "GB");
    }
    String type = e.volumeTypeAsString() == null ? "gp2" : e.volumeTypeAsString();
    VolumeTypes.Shape shape = VolumeTypes.check(type, size, e.iops(), e.throughput());
    boolean dot = e.deleteOnTermination() == null || e.deleteOnTermination();
    EbsEncryption.Choice encryption =
        EbsEncryption.choose(ctx, e.encrypted(), e.kmsKeyId(), snapshot);
    return new EbsMapping(m.deviceName(), shape, snapshot, dot, encryption);
  }

  /** As an AMI lists it in DescribeImages. */
  BlockDeviceMapping toImageMapping() {
    return BlockDeviceMapping.builder()
        .deviceName(device)
        .ebs(
            EbsBlockDevice.builder()
                .snapshotId(snapshot == null ? null : snapshot.id)
                .volumeSize(shape.size())
                .volumeType(shape.type())
                .iops(shape.type().equals("gp2") ? null : shape.iops())
                .throughput(shape.throughput())
                .deleteOnTermination(deleteOnTermination)
                .encrypted(false)
                .build())
        .build();
  }

  /**
   * The mapping's device name, required and named once among the mappings of one call ({@code seen}
   * collects them).
   */
  static String device(BlockDeviceMapping m, java.util.Set<String> seen) {
    String device = m.deviceName();
    if (device == null) {
      throw AwsException.missingParameter("BlockDeviceMapping.DeviceName");
    }
    if (!seen.add(device)) {
      throw new AwsException(
          "InvalidBlockDeviceMapping",
          "The device '" + device + "' is used in more than one block-device mapping");
    }
    return device;
  }
}
