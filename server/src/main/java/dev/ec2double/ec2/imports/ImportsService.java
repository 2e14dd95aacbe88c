package dev.ec2double.ec2.imports;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.volumes.Ebs;
import dev.ec2double.ec2.volumes.EbsEncryption;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.CancelImportTaskRequest;
import software.amazon.awssdk.services.ec2.model.CancelImportTaskResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImportImageTasksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImportImageTasksResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImportSnapshotTasksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImportSnapshotTasksResponse;
import software.amazon.awssdk.services.ec2.model.ImageDiskContainer;
import software.amazon.awssdk.services.ec2.model.ImportImageLicenseConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ImportImageRequest;
import software.amazon.awssdk.services.ec2.model.ImportImageResponse;
import software.amazon.awssdk.services.ec2.model.ImportImageTask;
import software.amazon.awssdk.services.ec2.model.ImportSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.ImportSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.ImportSnapshotTask;
import software.amazon.awssdk.services.ec2.model.SnapshotDiskContainer;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * VM Import: ImportImage and ImportSnapshot tasks move through AWS's status messages on the
 * server's clock and at their end make a registered AMI (launchable here) or an EBS snapshot;
 * CancelImportTask ends an active one ({@code deleting}, then {@code deleted}).
 * https://docs.aws.amazon.com/vm-import/latest/userguide/what-is-vmimport.html
 */
public final class ImportsService {
  static final ResourceKind<ImageImport, ImportImageTask> IMAGE_TASKS =
      ResourceKind.<ImageImport, ImportImageTask>of("import-ami", "import-image-task")
          .errors("InvalidConversionTaskId", "import task", "InvalidConversionTaskId.Malformed")
          .storedIn(ImportStore::of, s -> s.images)
          .id(t -> t.id)
          .view((ctx, t) -> t.view(ctx), ImportImageTask::tags)
          .filter("task-state", ImportImageTask::status)
          .build();

  static final ResourceKind<SnapshotImport, ImportSnapshotTask> SNAPSHOT_TASKS =
      ResourceKind.<SnapshotImport, ImportSnapshotTask>of("import-snap", "import-snapshot-task")
          .errors("InvalidConversionTaskId", "import task", "InvalidConversionTaskId.Malformed")
          .storedIn(ImportStore::of, s -> s.snapshots)
          .id(t -> t.id)
          .view((ctx, t) -> t.view(ctx), ImportSnapshotTask::tags)
          .filter("task-state", t -> t.snapshotTaskDetail().status())
          .build();

  private static final Set<String> PLATFORMS = Set.of("Windows", "Linux");
  private static final Set<String> LICENSES = Set.of("AWS", "BYOL");
  private static final Set<String> BOOT_MODES = Set.of("legacy-bios", "uefi", "uefi-preferred");
  private static final Set<String> ARCHITECTURES = Set.of("i386", "x86_64", "arm64");

  private final Completions completions;

  public ImportsService(
      Ebs ebs,
      ImagesService images,
      Supplier<Collection<RegionState>> states,
      Resources resources) {
    this.completions = new Completions(states, new Results(ebs, images));
    IMAGE_TASKS.registerTaggable(resources);
    SNAPSHOT_TASKS.registerTaggable(resources);
  }

  /** The clock the other task services of the feature share. */
  Completions completions() {
    return completions;
  }

  public ImportImageResponse importImage(RequestContext ctx, ImportImageRequest req) {
    List<Tag> tags = IMAGE_TASKS.tags(req.tagSpecifications());
    DiskInputs.description(req.description());
    DiskInputs.oneOf(req.platform(), "Platform", PLATFORMS);
    DiskInputs.oneOf(req.licenseType(), "LicenseType", LICENSES);
    DiskInputs.oneOf(req.architecture(), "Architecture", ARCHITECTURES);
    DiskInputs.oneOf(req.hypervisor(), "Hypervisor", Set.of("xen"));
    DiskInputs.oneOf(req.bootModeAsString(), "BootMode", BOOT_MODES);
    DiskInputs.usageOperation(req.usageOperation());
    if (req.licenseType() != null && req.usageOperation() != null) {
      throw AwsException.invalidParameterCombination(
          "LicenseType and UsageOperation cannot be given together.");
    }
    String role = DiskInputs.role(req.roleName());
    boolean encrypted = Boolean.TRUE.equals(req.encrypted());
    EbsEncryption.Choice key =
        EbsEncryption.choose(ctx, req.encrypted(), req.kmsKeyId(), false, null);
    List<Disk> disks = disks(ctx, req);
    ImageImport t =
        IMAGE_TASKS.create(
            ctx,
            tags,
            id -> {
              ImageImport x = new ImageImport(id);
              x.description = req.description();
              x.architecture = req.architecture();
              x.platform = req.platform();
              x.licenseType = req.licenseType();
              x.hypervisor = req.hypervisor();
              x.bootMode = req.bootModeAsString();
              x.usageOperation = req.usageOperation();
              x.roleName = role;
              x.encrypted = encrypted || key.encrypted();
              x.kmsKeyId = key.encrypted() ? key.kmsKeyId() : null;
              x.licenseArns =
                  req.licenseSpecifications().stream()
                      .map(ImportImageLicenseConfigurationRequest::licenseConfigurationArn)
                      .toList();
              x.disks = disks;
              return x;
            });
    completions.schedule(ctx.state(), t);
    ImportImageTask v = IMAGE_TASKS.view(ctx, t);
    return ImportImageResponse.builder()
        .importTaskId(v.importTaskId())
        .description(v.description())
        .architecture(v.architecture())
        .platform(v.platform())
        .licenseType(v.licenseType())
        .hypervisor(v.hypervisor())
        .encrypted(v.encrypted())
        .kmsKeyId(v.kmsKeyId())
        .usageOperation(v.usageOperation())
        .licenseSpecifications(v.licenseSpecifications())
        .snapshotDetails(v.snapshotDetails())
        .status(v.status())
        .statusMessage(v.statusMessage())
        .progress(v.progress())
        .tags(v.tags())
        .build();
  }

  private List<Disk> disks(RequestContext ctx, ImportImageRequest req) {
    List<ImageDiskContainer> containers = req.diskContainers();
    if (containers.isEmpty()) {
      throw AwsException.missingParameter("DiskContainer");
    }
    List<Disk> out = new ArrayList<>();
    Ebs ebs = completions.results().ebs();
    for (int i = 0; i < containers.size(); i++) {
      ImageDiskContainer c = containers.get(i);
      if ("OVA".equalsIgnoreCase(c.format()) && containers.size() > 1) {
        throw AwsException.invalidParameterValue(
            "An OVA import takes exactly one disk container: the OVA holds every disk.");
      }
      String device =
          c.deviceName() != null
              ? c.deviceName()
              : i == 0 ? "/dev/sda1" : "/dev/sd" + (char) ('a' + i);
      out.add(
          DiskInputs.disk(
              ctx,
              ebs,
              c.description(),
              device,
              c.format(),
              c.url(),
              c.userBucket(),
              c.snapshotId(),
              i == 0 ? req.clientData() : null,
              DiskInputs.IMAGE_FORMATS));
    }
    return out;
  }

  public ImportSnapshotResponse importSnapshot(RequestContext ctx, ImportSnapshotRequest req) {
    List<Tag> tags = SNAPSHOT_TASKS.tags(req.tagSpecifications());
    DiskInputs.description(req.description());
    String role = DiskInputs.role(req.roleName());
    EbsEncryption.Choice key =
        EbsEncryption.choose(ctx, req.encrypted(), req.kmsKeyId(), false, null);
    SnapshotDiskContainer c = req.diskContainer();
    if (c == null) {
      throw AwsException.missingParameter("DiskContainer");
    }
    Disk disk =
        DiskInputs.disk(
            ctx,
            null,
            c.description(),
            null,
            c.format(),
            c.url(),
            c.userBucket(),
            null,
            req.clientData(),
            DiskInputs.SNAPSHOT_FORMATS);
    SnapshotImport t =
        SNAPSHOT_TASKS.create(
            ctx,
            tags,
            id -> {
              SnapshotImport x = new SnapshotImport(id);
              x.description = req.description();
              x.disk = disk;
              x.roleName = role;
              x.encrypted = key.encrypted();
              x.kmsKeyId = key.encrypted() ? key.kmsKeyId() : null;
              return x;
            });
    completions.schedule(ctx.state(), t);
    ImportSnapshotTask v = SNAPSHOT_TASKS.view(ctx, t);
    return ImportSnapshotResponse.builder()
        .importTaskId(v.importTaskId())
        .description(v.description())
        .snapshotTaskDetail(v.snapshotTaskDetail())
        .tags(v.tags())
        .build();
  }

  public DescribeImportImageTasksResponse describeImportImageTasks(
      RequestContext ctx, DescribeImportImageTasksRequest req) {
    completions.settle(ctx.state());
    var page =
        IMAGE_TASKS.describe(
            ctx, req.importTaskIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeImportImageTasksResponse.builder()
        .importImageTasks(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeImportSnapshotTasksResponse describeImportSnapshotTasks(
      RequestContext ctx, DescribeImportSnapshotTasksRequest req) {
    completions.settle(ctx.state());
    var page =
        SNAPSHOT_TASKS.describe(
            ctx, req.importTaskIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeImportSnapshotTasksResponse.builder()
        .importSnapshotTasks(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * Cancels an active import: {@code deleting} at once, {@code deleted} after; nothing it would
   * have made is made. A finished import cannot be cancelled.
   */
  public CancelImportTaskResponse cancelImportTask(
      RequestContext ctx, CancelImportTaskRequest req) {
    String id = req.importTaskId();
    if (id == null) {
      throw AwsException.missingParameter("ImportTaskId");
    }
    ResourceKind<? extends Task, ?> kind =
        id.startsWith("import-snap-") ? SNAPSHOT_TASKS : IMAGE_TASKS;
    completions.cancel(kind, ctx, id, req.cancelReason(), "import task");
    return CancelImportTaskResponse.builder()
        .importTaskId(id)
        .previousState("active")
        .state("deleting")
        .build();
  }
}
