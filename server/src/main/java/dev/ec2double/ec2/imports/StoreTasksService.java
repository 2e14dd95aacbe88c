package dev.ec2double.ec2.imports;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.CreateTags;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.volumes.Ebs;
import dev.ec2double.ec2.volumes.SnapshotRecord;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CreateRestoreImageTaskRequest;
import software.amazon.awssdk.services.ec2.model.CreateRestoreImageTaskResponse;
import software.amazon.awssdk.services.ec2.model.CreateStoreImageTaskRequest;
import software.amazon.awssdk.services.ec2.model.CreateStoreImageTaskResponse;
import software.amazon.awssdk.services.ec2.model.DescribeStoreImageTasksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeStoreImageTasksResponse;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Store and restore AMIs through S3. There is no S3 here: CreateStoreImageTask records the object
 * AWS would write ({@code <ami-id>.bin}) with what the AMI is, and reaches {@code Completed};
 * CreateRestoreImageTask makes a new AMI of the caller's from such an object (one this server
 * stored, in any account or region), with the stored AMI's properties, its snapshots copied.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-store-restore.html
 */
public final class StoreTasksService {
  private static final FilterSpec<StoreImageTaskResult> FILTERS =
      FilterSpec.<StoreImageTaskResult>of()
          .field("task-state", StoreImageTaskResult::storeTaskState)
          .field("bucket", StoreImageTaskResult::bucket);

  private final Completions completions;

  public StoreTasksService(ImportsService imports) {
    this.completions = imports.completions();
  }

  private ImagesService images() {
    return completions.results().images();
  }

  public CreateStoreImageTaskResponse createStoreImageTask(
      RequestContext ctx, CreateStoreImageTaskRequest req) {
    if (req.bucket() == null || req.bucket().isEmpty()) {
      throw AwsException.missingParameter("Bucket");
    }
    ImageRecord image = images().require(ctx.state(), req.imageId());
    if (!image.ownerId().equals(ctx.account())) {
      throw new AwsException(
          "AuthFailure",
          "Not authorized for image:" + image.imageId() + ": you can store only AMIs you own.");
    }
    if (!image.state().equals("available")) {
      throw new AwsException(
          "InvalidAMIID.Unavailable",
          "The image " + image.imageId() + " is in the '" + image.state() + "' state.");
    }
    StoreTask t = new StoreTask(image.imageId(), req.bucket(), ctx.account(), ctx.region());
    t.name = image.name();
    t.description = image.description();
    t.architecture = image.architecture();
    t.imageRef = image.imageRef();
    t.managed = image.managed();
    t.mappings = image.blockDeviceMappings();
    Map<String, String> objectTags = new LinkedHashMap<>();
    req.s3ObjectTags().forEach(o -> objectTags.put(o.key(), o.value()));
    t.objectTags = objectTags;
    ImportStore store = ImportStore.of(ctx.state());
    synchronized (store) {
      store.stores.add(t);
    }
    ctx.state().changed();
    completions.schedule(ctx.state(), t);
    return CreateStoreImageTaskResponse.builder().objectKey(t.key).build();
  }

  public DescribeStoreImageTasksResponse describeStoreImageTasks(
      RequestContext ctx, DescribeStoreImageTasksRequest req) {
    if (!req.imageIds().isEmpty() && req.maxResults() != null) {
      throw AwsException.invalidParameterCombination("MaxResults cannot be given with ImageIds.");
    }
    if (req.imageIds().size() > 20) {
      throw AwsException.invalidParameterValue("At most 20 image ids can be given.");
    }
    Predicate<StoreImageTaskResult> filter = FILTERS.compile(req.filters());
    Set<String> ids = Set.copyOf(req.imageIds());
    ids.forEach(id -> images().require(ctx.state(), id));
    completions.settle(ctx.state());
    ImportStore store = ImportStore.of(ctx.state());
    List<StoreImageTaskResult> out;
    synchronized (store) {
      out =
          store.stores.stream()
              .filter(t -> ids.isEmpty() || ids.contains(t.imageId))
              .sorted(Comparator.comparing((StoreTask t) -> t.created).reversed())
              .map(StoreTask::view)
              .filter(filter)
              .toList();
    }
    Pages.Page<StoreImageTaskResult> page =
        Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeStoreImageTasksResponse.builder()
        .storeImageTaskResults(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public CreateRestoreImageTaskResponse createRestoreImageTask(
      RequestContext ctx, CreateRestoreImageTaskRequest req) {
    if (req.bucket() == null || req.bucket().isEmpty()) {
      throw AwsException.missingParameter("Bucket");
    }
    if (req.objectKey() == null || req.objectKey().isEmpty()) {
      throw AwsException.missingParameter("ObjectKey");
    }
    Map<String, List<TagSpecification>> byType =
        req.tagSpecifications().stream()
            .collect(Collectors.groupingBy(s -> String.valueOf(s.resourceTypeAsString())));
    for (String type : byType.keySet()) {
      if (!type.equals("image") && !type.equals("snapshot")) {
        throw AwsException.invalidParameterValue(
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
    }
    List<TagSpecification> imageSpecs = byType.getOrDefault("image", List.of());
    CreateTags.of(imageSpecs, "image");
    List<Tag> snapshotTags = CreateTags.of(byType.getOrDefault("snapshot", List.of()), "snapshot");
    StoreTask object = stored(req.bucket(), req.objectKey());
    String name = req.name() != null ? req.name() : object.name;
    images().validateName(ctx, name);
    RegionState owner = state(object.account, object.region);
    String id = Ids.next("ami");
    List<BlockDeviceMapping> mappings =
        images().storage().copy(ctx, owner, id, existing(owner, object.mappings), false, null);
    if (!snapshotTags.isEmpty()) {
      List<String> snapshots =
          mappings.stream()
              .filter(m -> m.ebs() != null && m.ebs().snapshotId() != null)
              .map(m -> m.ebs().snapshotId())
              .toList();
      if (!snapshots.isEmpty()) {
        ctx.tags().add(snapshots, snapshotTags);
      }
    }
    ImageRecord image =
        new ImageRecord(
            id,
            name,
            object.description,
            object.imageRef,
            ctx.account(),
            null,
            object.architecture,
            Instant.now(),
            "available",
            false,
            object.managed);
    image.blockDeviceMappings(mappings);
    images().add(ctx, image, imageSpecs);
    return CreateRestoreImageTaskResponse.builder().imageId(id).build();
  }

  /** The newest completed store task that wrote this object, in any account or region. */
  private StoreTask stored(String bucket, String key) {
    StoreTask found = null;
    for (RegionState r : completions.states()) {
      ImportStore s = r.existingPart(ImportStore.class);
      if (s == null) {
        continue;
      }
      completions.settle(r);
      synchronized (s) {
        for (StoreTask t : s.stores) {
          if (t.finished
              && t.bucket.equals(bucket)
              && t.key.equals(key)
              && (found == null || t.created.isAfter(found.created))) {
            found = t;
          }
        }
      }
    }
    if (found == null) {
      throw AwsException.invalidParameterValue(
          "The object s3://"
              + bucket
              + "/"
              + key
              + " does not exist or is not an AMI stored with CreateStoreImageTask.");
    }
    return found;
  }

  private RegionState state(String account, String region) {
    for (RegionState r : completions.states()) {
      if (r.account().equals(account) && r.region().equals(region)) {
        return r;
      }
    }
    throw AwsException.invalidParameterValue("The stored AMI's account and region are gone.");
  }

  /**
   * The stored mappings, without the snapshots deleted since (the object holds the AMI's data, so
   * the volume keeps its size, empty).
   */
  private static List<BlockDeviceMapping> existing(RegionState owner, List<BlockDeviceMapping> ms) {
    Set<String> live =
        Ebs.store(owner).snapshots().stream()
            .map((SnapshotRecord s) -> s.id)
            .collect(Collectors.toSet());
    List<BlockDeviceMapping> out = new ArrayList<>();
    for (BlockDeviceMapping m : ms) {
      if (m.ebs() != null && m.ebs().snapshotId() != null && !live.contains(m.ebs().snapshotId())) {
        out.add(m.toBuilder().ebs(m.ebs().toBuilder().snapshotId(null).build()).build());
      } else {
        out.add(m);
      }
    }
    return out;
  }
}
