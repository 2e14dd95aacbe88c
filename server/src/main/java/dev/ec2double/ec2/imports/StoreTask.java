package dev.ec2double.ec2.imports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;

/**
 * A CreateStoreImageTask task: the AMI written to {@code s3://<bucket>/<ami-id>.bin}. There is no
 * S3 here, so the object is this record: what the AMI was when stored, which CreateRestoreImageTask
 * makes a new AMI from.
 */
final class StoreTask extends Task {
  static final Stages STAGES = Stages.of("InProgress", "0", "InProgress", "35", "InProgress", "70");

  final String imageId;
  final String bucket;
  final String key;
  final String account;
  final String region;
  String name;
  String description;
  String architecture;
  String imageRef;
  boolean managed;
  List<BlockDeviceMapping> mappings = List.of();
  Map<String, String> objectTags = Map.of();

  StoreTask(String imageId, String bucket, String account, String region) {
    super(imageId, STAGES);
    this.imageId = imageId;
    this.bucket = bucket;
    this.key = imageId + ".bin";
    this.account = account;
    this.region = region;
  }

  String state(Instant now) {
    return finished ? "Completed" : failure != null ? "Failed" : "InProgress";
  }

  StoreImageTaskResult view() {
    Instant now = Instant.now();
    String state = state(now);
    return StoreImageTaskResult.builder()
        .amiId(imageId)
        .taskStartTime(created)
        .bucket(bucket)
        .s3objectKey(key)
        .progressPercentage(
            state.equals("Completed") ? 100 : Integer.parseInt(stage(now).progress()))
        .storeTaskState(state)
        .storeTaskFailureReason(failure)
        .build();
  }
}
