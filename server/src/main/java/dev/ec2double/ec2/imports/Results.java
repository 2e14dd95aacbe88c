package dev.ec2double.ec2.imports;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.volumes.Ebs;
import dev.ec2double.ec2.volumes.SnapshotRecord;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;

/**
 * What an import makes at its end, as the EBS and AMI code make it: an AMI (registered, the
 * caller's, launchable) with a snapshot per disk, a snapshot, a volume. A disk's bytes are not here
 * (no S3), so an imported AMI launches the engine image the server maps Debian 12's AMI to, and its
 * data disks' snapshots hold empty storage of their own.
 */
final class Results {
  /** The AMI whose engine image an imported VM launches: Debian 12 (remapped with --ami). */
  static final String BASE_AMI = "ami-0ec2d00000000de12";

  private final Ebs ebs;
  private final ImagesService images;

  Results(Ebs ebs, ImagesService images) {
    this.ebs = ebs;
    this.images = images;
  }

  Ebs ebs() {
    return ebs;
  }

  ImagesService images() {
    return images;
  }

  void image(RequestContext ctx, ImageImport t) {
    ImageRecord base = images.find(ctx.state(), BASE_AMI);
    if (base == null) {
      throw new AwsException("ClientError", "No base image " + BASE_AMI + " to launch imports on.");
    }
    List<BlockDeviceMapping> mappings = new ArrayList<>();
    for (int i = 0; i < t.disks.size(); i++) {
      Disk d = t.disks.get(i);
      boolean root = i == 0;
      int size = root ? Math.max(d.sizeGiB(), ImageRecord.ROOT_SIZE) : d.sizeGiB();
      SnapshotRecord s =
          ebs.importedSnapshot(
              ctx, size, "Created by AWS-VMImport service for " + t.id, !root, List.of());
      s.encrypted = t.encrypted;
      s.kmsKeyId = t.kmsKeyId;
      t.snapshotIds.add(s.id);
      mappings.add(
          BlockDeviceMapping.builder()
              .deviceName(root ? ImagesService.ROOT_DEVICE : d.deviceName())
              .ebs(
                  EbsBlockDevice.builder()
                      .snapshotId(s.id)
                      .volumeSize(size)
                      .volumeType("gp2")
                      .deleteOnTermination(true)
                      .encrypted(t.encrypted)
                      .build())
              .build());
    }
    ImageRecord image =
        new ImageRecord(
            Ids.next("ami"),
            t.id,
            t.description,
            base.imageRef(),
            ctx.account(),
            null,
            t.architecture != null ? t.architecture : "x86_64",
            Instant.now(),
            "available",
            false,
            false);
    image.blockDeviceMappings(mappings);
    images.add(ctx, image, List.of());
    t.imageId = image.imageId();
    ImportStore.of(ctx.state()).importedImages.add(image.imageId());
  }

  void snapshot(RequestContext ctx, SnapshotImport t) {
    SnapshotRecord s =
        ebs.importedSnapshot(
            ctx, t.disk.sizeGiB(), "Created by AWS-VMImport service for " + t.id, true, List.of());
    s.encrypted = t.encrypted;
    s.kmsKeyId = t.kmsKeyId;
    t.snapshotId = s.id;
  }

  void volume(RequestContext ctx, Conversion c) {
    c.volumeId = ebs.importedVolume(ctx, c.zone, c.volumeSize, List.of()).id();
  }
}
