package dev.ec2double.ec2.instances;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.BundleInstanceRequest;
import software.amazon.awssdk.services.ec2.model.BundleInstanceResponse;
import software.amazon.awssdk.services.ec2.model.BundleTask;
import software.amazon.awssdk.services.ec2.model.CancelBundleTaskRequest;
import software.amazon.awssdk.services.ec2.model.CancelBundleTaskResponse;
import software.amazon.awssdk.services.ec2.model.DescribeBundleTasksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeBundleTasksResponse;

/**
 * Bundle tasks. BundleInstance bundles only instance store-backed Windows instances; every instance
 * here is EBS-backed (its root device type is {@code ebs}), so BundleInstance answers AWS's errors
 * after checking its input (CreateImage is the way to an AMI), no bundle task ever exists,
 * DescribeBundleTasks answers none (its filters checked), and CancelBundleTask answers
 * InvalidBundleID.NotFound.
 */
public final class BundleTasksService {
  private static final FilterSpec<BundleTask> FILTERS =
      FilterSpec.<BundleTask>of()
          .field("bundle-id", BundleTask::bundleId)
          .field("error-code", t -> t.bundleTaskError() == null ? null : t.bundleTaskError().code())
          .field(
              "error-message",
              t -> t.bundleTaskError() == null ? null : t.bundleTaskError().message())
          .field("instance-id", BundleTask::instanceId)
          .field("progress", BundleTask::progress)
          .field("s3-bucket", t -> t.storage().s3().bucket())
          .field("s3-prefix", t -> t.storage().s3().prefix())
          .field("start-time", t -> String.valueOf(t.startTime()))
          .field("state", BundleTask::stateAsString)
          .field("update-time", t -> String.valueOf(t.updateTime()));

  public BundleInstanceResponse bundleInstance(RequestContext ctx, BundleInstanceRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    if (req.storage() == null || req.storage().s3() == null) {
      throw AwsException.missingParameter("Storage.S3");
    }
    if (req.storage().s3().bucket() == null) {
      throw AwsException.missingParameter("Storage.S3.Bucket");
    }
    if (req.storage().s3().prefix() == null) {
      throw AwsException.missingParameter("Storage.S3.Prefix");
    }
    if (!r.windows) {
      throw new AwsException(
          "UnsupportedOperation",
          "The instance '" + r.id + "' is not a Windows instance: only Windows instances bundle.");
    }
    throw new AwsException(
        "UnsupportedOperation",
        "The instance '"
            + r.id
            + "' is EBS-backed: only instance store-backed instances bundle. Use CreateImage.");
  }

  public DescribeBundleTasksResponse describeBundleTasks(
      RequestContext ctx, DescribeBundleTasksRequest req) {
    FILTERS.compile(req.filters());
    if (!req.bundleIds().isEmpty()) {
      throw notFound(req.bundleIds().get(0));
    }
    return DescribeBundleTasksResponse.builder().bundleTasks(List.of()).build();
  }

  public CancelBundleTaskResponse cancelBundleTask(
      RequestContext ctx, CancelBundleTaskRequest req) {
    if (req.bundleId() == null) {
      throw AwsException.missingParameter("BundleId");
    }
    throw notFound(req.bundleId());
  }

  private static AwsException notFound(String id) {
    return new AwsException(
        "InvalidBundleID.NotFound", "The bundle task ID '" + id + "' does not exist");
  }
}
