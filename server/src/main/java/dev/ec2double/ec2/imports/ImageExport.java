package dev.ec2double.ec2.imports;

import dev.ec2double.core.RequestContext;
import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.ExportImageTask;
import software.amazon.awssdk.services.ec2.model.ExportTaskS3Location;

/** An ExportImage task ({@code export-ami-}): a record of the object it would write. */
final class ImageExport extends Task {
  static final Stages STAGES =
      Stages.of("validating", "0", "validated", "20", "converting", "30", "uploading", "80");

  String description;
  String imageId;
  String diskImageFormat;
  String roleName;
  String bucket;
  String prefix;

  ImageExport(String id) {
    super(id, STAGES);
  }

  /** The object AWS writes: the prefix, the task id, the format's extension. */
  String key() {
    return (prefix == null ? "" : prefix)
        + id
        + "."
        + diskImageFormat.toLowerCase(java.util.Locale.ROOT);
  }

  ExportImageTask view(RequestContext ctx) {
    Instant now = Instant.now();
    String status = importStatus(now);
    boolean active = status.equals("active");
    return ExportImageTask.builder()
        .exportImageTaskId(id)
        .description(description)
        .imageId(imageId)
        .s3ExportLocation(ExportTaskS3Location.builder().s3Bucket(bucket).s3Prefix(prefix).build())
        .status(status)
        .statusMessage(importMessage(now))
        .progress(active ? stage(now).progress() : null)
        .tags(ctx.tags().sdkTags(id))
        .build();
  }
}
