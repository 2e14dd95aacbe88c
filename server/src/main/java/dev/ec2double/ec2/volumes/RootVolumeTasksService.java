package dev.ec2double.ec2.volumes;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.instances.RootReplacement;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CreateReplaceRootVolumeTaskRequest;
import software.amazon.awssdk.services.ec2.model.CreateReplaceRootVolumeTaskResponse;
import software.amazon.awssdk.services.ec2.model.DescribeReplaceRootVolumeTasksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeReplaceRootVolumeTasksResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceRootVolumeTask;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * CreateReplaceRootVolumeTask and DescribeReplaceRootVolumeTasks. The running instance's root
 * filesystem is really replaced, to its launch state, to a snapshot of its root volume, or to an
 * AMI of the same architecture: it boots again from the new disk with the same id, addresses and
 * attached volumes. The old root volume is detached (kept {@code available}, or deleted).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/replace-root.html
 */
public final class RootVolumeTasksService {
  private static final FilterSpec<ReplaceRootVolumeTask> FILTERS =
      FilterSpec.<ReplaceRootVolumeTask>of()
          .field("instance-id", ReplaceRootVolumeTask::instanceId)
          .tags(
              t ->
                  t.tags().stream()
                      .collect(
                          java.util.stream.Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));

  private final Ebs ebs;
  private final ImagesService images;
  private final RootReplacement replacement;

  public RootVolumeTasksService(Ebs ebs, ImagesService images, RootReplacement replacement) {
    this.ebs = ebs;
    this.images = images;
    this.replacement = replacement;
  }

  /** A task's state ({@code pending}, {@code in-progress}, {@code succeeded}, ...), or null. */
  public static String taskState(dev.ec2double.core.RegionState region, String taskId) {
    RootVolumeTask t = Ebs.store(region).rootTasks.get(taskId);
    if (t == null) {
      return null;
    }
    synchronized (t) {
      return t.state;
    }
  }

  public CreateReplaceRootVolumeTaskResponse createReplaceRootVolumeTask(
      RequestContext ctx, CreateReplaceRootVolumeTaskRequest req) {
    InstanceRecord instance = Instances.require(ctx, req.instanceId());
    if (req.snapshotId() != null && req.imageId() != null) {
      throw AwsException.invalidParameterCombination(
          "Specify either a snapshot or an image to replace the root volume from, not both.");
    }
    List<Tag> tags = VolumesService.tags(req.tagSpecifications(), "replace-root-volume-task");
    if (instance.state() != InstanceState.RUNNING) {
      throw new AwsException(
          "IncorrectInstanceState",
          "The instance '" + instance.id() + "' is not in the 'running' state.");
    }
    EbsStore store = Ebs.store(ctx.state());
    VolumeRecord root = rootOf(store, instance.id());
    String imageRef;
    String sourceSnapshot;
    if (req.snapshotId() != null) {
      SnapshotRecord s = ebs.requireSnapshot(ctx, req.snapshotId());
      if (!lineage(store, instance.id(), root).contains(s.volumeId)) {
        throw AwsException.invalidParameterValue(
            "Snapshot '"
                + s.id
                + "' was not created from the root volume of instance '"
                + instance.id()
                + "'.");
      }
      imageRef = s.imageRef;
      sourceSnapshot = s.id;
    } else if (req.imageId() != null) {
      ImageRecord image = images.find(ctx.state(), req.imageId());
      if (image == null) {
        throw new AwsException(
            "InvalidAMIID.NotFound", "The image id '[" + req.imageId() + "]' does not exist");
      }
      if (!image.architecture().equals(RootReplacement.architecture(instance))) {
        throw AwsException.invalidParameterValue(
            "Image '"
                + image.imageId()
                + "' does not have the same architecture as instance '"
                + instance.id()
                + "'.");
      }
      imageRef = image.imageRef();
      sourceSnapshot = rootSnapshot(image);
    } else {
      imageRef = RootReplacement.launchImage(instance);
      sourceSnapshot = root == null ? null : root.snapshotId;
    }
    RootVolumeTask task;
    synchronized (store) {
      for (RootVolumeTask t : store.rootTasks.values()) {
        if (t.instanceId.equals(instance.id()) && t.running()) {
          throw new AwsException(
              "IncorrectState",
              "Instance '"
                  + instance.id()
                  + "' already has a root volume replacement task in progress ("
                  + t.id
                  + ").");
        }
      }
      task =
          new RootVolumeTask(
              Ids.next("replacevol"),
              instance.id(),
              req.snapshotId(),
              req.imageId(),
              Boolean.TRUE.equals(req.deleteReplacedRootVolume()),
              root == null ? null : root.id);
      if (!tags.isEmpty()) {
        ctx.tags().add(List.of(task.id), tags);
      }
      store.rootTasks.put(task.id, task);
    }
    ReplaceRootVolumeTask answer = task.toSdk(ctx.tags().sdkTags(task.id));
    synchronized (task) {
      task.state = "in-progress";
    }
    if (imageRef == null) {
      failLater(ctx, task);
    } else {
      replacement.replace(
          instance,
          imageRef,
          () -> swapVolumes(ctx, task, instance, root, sourceSnapshot),
          e -> {
            task.ended("failed");
            ctx.state().changed();
          });
    }
    return CreateReplaceRootVolumeTaskResponse.builder().replaceRootVolumeTask(answer).build();
  }

  /** A snapshot without the root filesystem (taken on the mock backend) cannot boot anything. */
  private void failLater(RequestContext ctx, RootVolumeTask task) {
    ebs.executor()
        .execute(
            () -> {
              task.ended("failed");
              ctx.state().changed();
            });
  }

  /** After the machine booted from the new disk: the new root volume in the old one's place. */
  private void swapVolumes(
      RequestContext ctx,
      RootVolumeTask task,
      InstanceRecord instance,
      VolumeRecord old,
      String sourceSnapshot) {
    String machine = Instances.machineName(instance.id());
    VolumeTypes.Shape shape = old == null ? VolumeTypes.check("gp3", 8, null, null) : old.shape();
    SnapshotRecord from =
        sourceSnapshot == null ? null : Ebs.store(ctx.state()).snapshots.get(sourceSnapshot);
    boolean dot = true;
    EbsEncryption.Choice encryption = null;
    if (old != null) {
      synchronized (old) {
        VolumeRecord.Attachment a = old.attachment(instance.id());
        dot = a == null || a.deleteOnTermination;
        encryption = new EbsEncryption.Choice(old.encrypted, old.kmsKeyId);
      }
    }
    VolumeRecord made =
        ebs.newVolume(ctx, instance.zone(), shape, from, List.of(), true, encryption, false);
    VolumeRecord.Attachment a =
        made.attached(instance.id(), machine, ImagesService.ROOT_DEVICE, dot);
    synchronized (made) {
      a.state = "attached";
    }
    if (old != null) {
      VolumeRecord.Attachment was = old.attachment(instance.id());
      if (was != null) {
        ebs.detach(old, was, true, task.deleteReplaced ? () -> ebs.delete(ctx, old) : () -> {});
      }
    }
    synchronized (task) {
      task.newVolumeId = made.id;
    }
    task.ended("succeeded");
    ctx.state().changed();
  }

  /** The instance's root volume now, or null. */
  private static VolumeRecord rootOf(EbsStore store, String instanceId) {
    for (EbsStore.Attached x : store.attachedTo(instanceId)) {
      if (x.volume().root()) {
        return x.volume();
      }
    }
    return null;
  }

  /** The root volumes the instance has had: its snapshots may be restored. */
  private static List<String> lineage(EbsStore store, String instanceId, VolumeRecord root) {
    List<String> out = new ArrayList<>();
    if (root != null) {
      out.add(root.id);
    }
    for (RootVolumeTask t : store.rootTasks.values()) {
      if (t.instanceId.equals(instanceId) && t.oldVolumeId != null) {
        out.add(t.oldVolumeId);
      }
    }
    return out;
  }

  private static String rootSnapshot(ImageRecord image) {
    for (BlockDeviceMapping m : image.blockDeviceMappings()) {
      if (ImagesService.ROOT_DEVICE.equals(m.deviceName()) && m.ebs() != null) {
        return m.ebs().snapshotId();
      }
    }
    return null;
  }

  public DescribeReplaceRootVolumeTasksResponse describeReplaceRootVolumeTasks(
      RequestContext ctx, DescribeReplaceRootVolumeTasksRequest req) {
    if (req.maxResults() != null && !req.replaceRootVolumeTaskIds().isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "The parameter ReplaceRootVolumeTaskIds cannot be used with the parameter MaxResults");
    }
    EbsStore store = Ebs.store(ctx.state());
    List<RootVolumeTask> tasks = new ArrayList<>();
    if (req.replaceRootVolumeTaskIds().isEmpty()) {
      tasks.addAll(store.rootTasks.values());
      tasks.sort(
          java.util.Comparator.comparing((RootVolumeTask t) -> t.startTime)
              .thenComparing(t -> t.id));
    } else {
      for (String id : req.replaceRootVolumeTaskIds()) {
        RootVolumeTask t = store.rootTasks.get(id);
        if (t == null) {
          throw new AwsException(
              "InvalidReplaceRootVolumeTaskId.NotFound",
              "The root volume replacement task '" + id + "' does not exist.");
        }
        tasks.add(t);
      }
    }
    Predicate<ReplaceRootVolumeTask> filter = FILTERS.compile(req.filters());
    List<ReplaceRootVolumeTask> views =
        tasks.stream().map(t -> t.toSdk(ctx.tags().sdkTags(t.id))).filter(filter).toList();
    Pages.Page<ReplaceRootVolumeTask> page =
        Pages.page("DescribeReplaceRootVolumeTasks", views, req.maxResults(), req.nextToken());
    return DescribeReplaceRootVolumeTasksResponse.builder()
        .replaceRootVolumeTasks(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
