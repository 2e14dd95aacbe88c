package dev.ec2double.ec2.imports;

import dev.ec2double.core.RequestContext;
import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.ImportSnapshotTask;
import software.amazon.awssdk.services.ec2.model.SnapshotTaskDetail;
import software.amazon.awssdk.services.ec2.model.UserBucketDetails;

/** An ImportSnapshot task ({@code import-snap-}): at its end an EBS snapshot of the disk's size. */
final class SnapshotImport extends Task {
  static final Stages STAGES =
      Stages.of("pending", "3", "downloading/converting", "21", "converting", "60");

  String description;
  Disk disk;
  boolean encrypted;
  String kmsKeyId;
  String roleName;
  String snapshotId;

  SnapshotImport(String id) {
    super(id, STAGES);
  }

  @Override
  void finish(Results results, RequestContext ctx) {
    results.snapshot(ctx, this);
  }

  ImportSnapshotTask view(RequestContext ctx) {
    Instant now = Instant.now();
    String status = importStatus(now);
    String message = importMessage(now);
    return ImportSnapshotTask.builder()
        .importTaskId(id)
        .description(description)
        .snapshotTaskDetail(
            SnapshotTaskDetail.builder()
                .description(disk.description())
                .diskImageSize((double) disk.bytes())
                .format(disk.format())
                .url(disk.url())
                .userBucket(
                    disk.bucket() == null
                        ? null
                        : UserBucketDetails.builder()
                            .s3Bucket(disk.bucket())
                            .s3Key(disk.key())
                            .build())
                .encrypted(encrypted)
                .kmsKeyId(kmsKeyId)
                .snapshotId(status.equals("completed") ? snapshotId : null)
                .status(status)
                .statusMessage(message)
                .progress(status.equals("active") ? stage(now).progress() : null)
                .build())
        .tags(ctx.tags().sdkTags(id))
        .build();
  }
}
