package dev.ec2double.ec2.imports;

import dev.ec2double.core.RequestContext;
import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.ExportTask;
import software.amazon.awssdk.services.ec2.model.ExportToS3Task;
import software.amazon.awssdk.services.ec2.model.InstanceExportDetails;

/** A CreateInstanceExportTask task ({@code export-i-}): a record of the object it would write. */
final class InstanceExport extends Task {
  static final Stages STAGES = Stages.of("Converting", "0", "Uploading", "50");

  String description;
  String instanceId;
  String targetEnvironment;
  String diskImageFormat;
  String containerFormat;
  String bucket;
  String key;

  InstanceExport(String id) {
    super(id, STAGES);
  }

  String state(Instant now) {
    if (cancelled != null) {
      return leaving(now) ? "cancelling" : "cancelled";
    }
    return finished ? "completed" : "active";
  }

  ExportTask view(RequestContext ctx) {
    Instant now = Instant.now();
    String state = state(now);
    return ExportTask.builder()
        .exportTaskId(id)
        .description(description)
        .exportToS3Task(
            ExportToS3Task.builder()
                .containerFormat(containerFormat)
                .diskImageFormat(diskImageFormat)
                .s3Bucket(bucket)
                .s3Key(key)
                .build())
        .instanceExportDetails(
            InstanceExportDetails.builder()
                .instanceId(instanceId)
                .targetEnvironment(targetEnvironment)
                .build())
        .state(state)
        .statusMessage(state.equals("active") ? stage(now).message() : null)
        .tags(ctx.tags().sdkTags(id))
        .build();
  }
}
