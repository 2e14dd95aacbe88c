package dev.ec2double.ec2.imports;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CancelExportTaskRequest;
import software.amazon.awssdk.services.ec2.model.CancelExportTaskResponse;
import software.amazon.awssdk.services.ec2.model.CreateInstanceExportTaskRequest;
import software.amazon.awssdk.services.ec2.model.CreateInstanceExportTaskResponse;
import software.amazon.awssdk.services.ec2.model.DescribeExportImageTasksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeExportImageTasksResponse;
import software.amazon.awssdk.services.ec2.model.DescribeExportTasksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeExportTasksResponse;
import software.amazon.awssdk.services.ec2.model.ExportImageRequest;
import software.amazon.awssdk.services.ec2.model.ExportImageResponse;
import software.amazon.awssdk.services.ec2.model.ExportImageTask;
import software.amazon.awssdk.services.ec2.model.ExportTask;
import software.amazon.awssdk.services.ec2.model.ExportToS3TaskSpecification;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * VM Export: CreateInstanceExportTask ({@code export-i-}) and ExportImage ({@code export-ami-}).
 * There is no S3 here: a task records the object AWS would write ({@code
 * <prefix><task-id>.<format>}) and reaches {@code completed}. AWS's rules hold: only instances
 * launched from an AMI VM Import made can be exported (running or stopped), and only AMIs of the
 * caller's. https://docs.aws.amazon.com/vm-import/latest/userguide/vmexport.html
 */
public final class ExportTasksService {
  static final ResourceKind<InstanceExport, ExportTask> INSTANCE_EXPORTS =
      ResourceKind.<InstanceExport, ExportTask>of("export-i", "export-instance-task")
          .errors("InvalidExportTaskID.NotFound", "export task", null)
          .storedIn(ImportStore::of, s -> s.instanceExports)
          .id(t -> t.id)
          .view((ctx, t) -> t.view(ctx), ExportTask::tags)
          .filter("export-task-id", ExportTask::exportTaskId)
          .filter("instance-id", t -> t.instanceExportDetails().instanceId())
          .filter("state", ExportTask::stateAsString)
          .build();

  static final ResourceKind<ImageExport, ExportImageTask> IMAGE_EXPORTS =
      ResourceKind.<ImageExport, ExportImageTask>of("export-ami", "export-image-task")
          .errors("InvalidExportTaskID.NotFound", "export task", null)
          .storedIn(ImportStore::of, s -> s.imageExports)
          .id(t -> t.id)
          .view((ctx, t) -> t.view(ctx), ExportImageTask::tags)
          .filter("task-state", ExportImageTask::status)
          .build();

  private static final Set<String> ENVIRONMENTS = Set.of("citrix", "vmware", "microsoft");
  private static final Set<String> FORMATS = Set.of("VMDK", "RAW", "VHD");

  private final Completions completions;

  public ExportTasksService(ImportsService imports, Resources resources) {
    this.completions = imports.completions();
    INSTANCE_EXPORTS.registerTaggable(resources);
    IMAGE_EXPORTS.registerTaggable(resources);
  }

  public CreateInstanceExportTaskResponse createInstanceExportTask(
      RequestContext ctx, CreateInstanceExportTaskRequest req) {
    List<Tag> tags = INSTANCE_EXPORTS.tags(req.tagSpecifications());
    DiskInputs.description(req.description());
    if (req.targetEnvironmentAsString() == null) {
      throw AwsException.missingParameter("TargetEnvironment");
    }
    DiskInputs.oneOf(req.targetEnvironmentAsString(), "TargetEnvironment", ENVIRONMENTS);
    ExportToS3TaskSpecification s3 = req.exportToS3Task();
    if (s3 == null || s3.s3Bucket() == null || s3.s3Bucket().isEmpty()) {
      throw AwsException.missingParameter("ExportToS3.S3Bucket");
    }
    String format =
        s3.diskImageFormatAsString() == null
            ? "VMDK"
            : DiskInputs.format(s3.diskImageFormatAsString(), FORMATS);
    String container =
        DiskInputs.oneOf(s3.containerFormatAsString(), "ContainerFormat", Set.of("ova"));
    if (container != null && !format.equals("VMDK")) {
      throw AwsException.invalidParameterCombination(
          "An OVA container holds VMDK disk images only.");
    }
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    InstanceState state = r.state();
    if (state != InstanceState.RUNNING && state != InstanceState.STOPPED) {
      throw new AwsException(
          "IncorrectInstanceState",
          "The instance '" + r.id() + "' is not in a state from which it can be exported.");
    }
    ImportStore store = ImportStore.of(ctx.state());
    synchronized (store) {
      if (!store.importedImages.contains(r.imageId())) {
        throw new AwsException("NotExportable", "Only imported instances can be exported.");
      }
    }
    InstanceExport t =
        INSTANCE_EXPORTS.create(
            ctx,
            tags,
            id -> {
              InstanceExport x = new InstanceExport(id);
              x.description = req.description();
              x.instanceId = r.id();
              x.targetEnvironment = req.targetEnvironmentAsString();
              x.diskImageFormat = format;
              x.containerFormat = container;
              x.bucket = s3.s3Bucket();
              String ext = container != null ? container : format.toLowerCase(Locale.ROOT);
              x.key = (s3.s3Prefix() == null ? "" : s3.s3Prefix()) + id + "." + ext;
              return x;
            });
    completions.schedule(ctx.state(), t);
    return CreateInstanceExportTaskResponse.builder()
        .exportTask(INSTANCE_EXPORTS.view(ctx, t))
        .build();
  }

  public ExportImageResponse exportImage(RequestContext ctx, ExportImageRequest req) {
    List<Tag> tags = IMAGE_EXPORTS.tags(req.tagSpecifications());
    DiskInputs.description(req.description());
    if (req.diskImageFormatAsString() == null) {
      throw AwsException.missingParameter("DiskImageFormat");
    }
    String format = DiskInputs.format(req.diskImageFormatAsString(), FORMATS);
    if (req.s3ExportLocation() == null
        || req.s3ExportLocation().s3Bucket() == null
        || req.s3ExportLocation().s3Bucket().isEmpty()) {
      throw AwsException.missingParameter("S3ExportLocation.S3Bucket");
    }
    String role = DiskInputs.role(req.roleName());
    ImageRecord image = completions.results().images().require(ctx.state(), req.imageId());
    if (!image.ownerId().equals(ctx.account())) {
      throw new AwsException(
          "NotExportable",
          "The image "
              + image.imageId()
              + " is not exportable: only AMIs you own can be exported.");
    }
    if (!image.state().equals("available")) {
      throw new AwsException(
          "InvalidAMIID.Unavailable",
          "The image " + image.imageId() + " is in the '" + image.state() + "' state.");
    }
    ImageExport t =
        IMAGE_EXPORTS.create(
            ctx,
            tags,
            id -> {
              ImageExport x = new ImageExport(id);
              x.description = req.description();
              x.imageId = image.imageId();
              x.diskImageFormat = format;
              x.roleName = role;
              x.bucket = req.s3ExportLocation().s3Bucket();
              x.prefix = req.s3ExportLocation().s3Prefix();
              return x;
            });
    completions.schedule(ctx.state(), t);
    ExportImageTask v = IMAGE_EXPORTS.view(ctx, t);
    return ExportImageResponse.builder()
        .exportImageTaskId(v.exportImageTaskId())
        .description(v.description())
        .imageId(v.imageId())
        .diskImageFormat(format)
        .roleName(role)
        .s3ExportLocation(v.s3ExportLocation())
        .status(v.status())
        .statusMessage(v.statusMessage())
        .progress(v.progress())
        .tags(v.tags())
        .build();
  }

  public DescribeExportTasksResponse describeExportTasks(
      RequestContext ctx, DescribeExportTasksRequest req) {
    completions.settle(ctx.state());
    var page = INSTANCE_EXPORTS.describe(ctx, req.exportTaskIds(), req.filters(), null, null);
    return DescribeExportTasksResponse.builder().exportTasks(page.items()).build();
  }

  public DescribeExportImageTasksResponse describeExportImageTasks(
      RequestContext ctx, DescribeExportImageTasksRequest req) {
    completions.settle(ctx.state());
    var page =
        IMAGE_EXPORTS.describe(
            ctx, req.exportImageTaskIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeExportImageTasksResponse.builder()
        .exportImageTasks(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * Cancels an active export of either kind; a completed or cancelled one cannot be cancelled (AWS:
   * "If the export task is complete ... the command fails").
   */
  public CancelExportTaskResponse cancelExportTask(
      RequestContext ctx, CancelExportTaskRequest req) {
    String id = req.exportTaskId();
    if (id == null) {
      throw AwsException.missingParameter("ExportTaskId");
    }
    ResourceKind<? extends Task, ?> kind =
        id.startsWith("export-ami-") ? IMAGE_EXPORTS : INSTANCE_EXPORTS;
    completions.cancel(kind, ctx, id, null, "export task");
    return CancelExportTaskResponse.builder().build();
  }
}
