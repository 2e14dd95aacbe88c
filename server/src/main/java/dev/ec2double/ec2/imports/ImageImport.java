package dev.ec2double.ec2.imports;

import dev.ec2double.core.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ImportImageLicenseConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.ImportImageTask;
import software.amazon.awssdk.services.ec2.model.SnapshotDetail;
import software.amazon.awssdk.services.ec2.model.UserBucketDetails;

/** An ImportImage task ({@code import-ami-}): at its end a registered AMI of the caller's. */
final class ImageImport extends Task {
  static final Stages STAGES =
      Stages.of(
          "pending",
          "2",
          "validating",
          "10",
          "validated",
          "19",
          "converting",
          "28",
          "updating",
          "47",
          "booting",
          "58",
          "booted",
          "66",
          "preparing ami",
          "85");

  String description;
  String architecture;
  String platform;
  String licenseType;
  String hypervisor;
  String bootMode;
  String usageOperation;
  String roleName;
  boolean encrypted;
  String kmsKeyId;
  List<String> licenseArns = List.of();
  List<Disk> disks = List.of();

  /** The AMI and its snapshots (one per disk), once made. */
  String imageId;

  final List<String> snapshotIds = new ArrayList<>();

  ImageImport(String id) {
    super(id, STAGES);
  }

  @Override
  void finish(Results results, RequestContext ctx) {
    results.image(ctx, this);
  }

  ImportImageTask view(RequestContext ctx) {
    Instant now = Instant.now();
    String status = importStatus(now);
    boolean done = finished && cancelled == null;
    List<SnapshotDetail> details = new ArrayList<>();
    for (int i = 0; i < disks.size(); i++) {
      Disk d = disks.get(i);
      details.add(
          SnapshotDetail.builder()
              .description(d.description())
              .deviceName(d.deviceName())
              .diskImageSize((double) d.bytes())
              .format(d.format())
              .url(d.url())
              .userBucket(
                  d.bucket() == null
                      ? null
                      : UserBucketDetails.builder().s3Bucket(d.bucket()).s3Key(d.key()).build())
              .snapshotId(done && i < snapshotIds.size() ? snapshotIds.get(i) : null)
              .status(status)
              .build());
    }
    return ImportImageTask.builder()
        .importTaskId(id)
        .description(description)
        .architecture(done && architecture == null ? "x86_64" : architecture)
        .platform(done && platform == null ? "Linux" : platform)
        .licenseType(done && licenseType == null ? "BYOL" : licenseType)
        .hypervisor(hypervisor)
        .bootMode(bootMode)
        .usageOperation(usageOperation)
        .encrypted(encrypted)
        .kmsKeyId(kmsKeyId)
        .licenseSpecifications(
            licenseArns.stream()
                .map(
                    a ->
                        ImportImageLicenseConfigurationResponse.builder()
                            .licenseConfigurationArn(a)
                            .build())
                .toList())
        .imageId(done ? imageId : null)
        .snapshotDetails(details)
        .status(status)
        .statusMessage(importMessage(now))
        .progress(status.equals("active") ? stage(now).progress() : null)
        .tags(ctx.tags().sdkTags(id))
        .build();
  }
}
