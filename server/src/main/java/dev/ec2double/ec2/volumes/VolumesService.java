package dev.ec2double.ec2.volumes;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.TagStore;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateVolumeRequest;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesModificationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesModificationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoRequest;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeModification;
import software.amazon.awssdk.services.ec2.model.VolumeStatusDetails;
import software.amazon.awssdk.services.ec2.model.VolumeStatusInfo;
import software.amazon.awssdk.services.ec2.model.VolumeStatusItem;

/**
 * CreateVolume, DeleteVolume, DescribeVolumes, ModifyVolume, DescribeVolumesModifications,
 * DescribeVolumeStatus, EnableVolumeIO. A volume is storage on the engine (see docs/volumes.md).
 */
public final class VolumesService {
  /** The types that take Multi-Attach. */
  static final java.util.Set<String> MULTI_ATTACH_TYPES = java.util.Set.of("io1", "io2");

  private final Ebs ebs;

  public VolumesService(Ebs ebs) {
    this.ebs = ebs;
  }

  public CreateVolumeResponse createVolume(RequestContext ctx, CreateVolumeRequest req) {
    Ebs.requireZone(ctx, req.availabilityZone());
    SnapshotRecord from =
        req.snapshotId() == null ? null : ebs.requireSnapshot(ctx, req.snapshotId());
    if (req.size() == null && from == null) {
      throw AwsException.missingParameter("size or snapshotId");
    }
    int size = req.size() != null ? req.size() : from.volumeSize;
    if (from != null && size < from.volumeSize) {
      throw AwsException.invalidParameterValue(
          "Volume of "
              + size
              + "GiB is smaller than snapshot '"
              + from.id
              + "', expect size >= "
              + from.volumeSize
              + "GiB");
    }
    if (from != null && !from.state.equals("completed")) {
      throw new AwsException(
          "IncorrectState", "Snapshot '" + from.id + "' is in the '" + from.state + "' state.");
    }
    if (from != null && from.storageTier.equals("archive")) {
      throw new AwsException(
          "IncorrectState",
          "Snapshot '"
              + from.id
              + "' is in the archive tier; restore it (RestoreSnapshotTier) first.");
    }
    String type = req.volumeTypeAsString() == null ? "gp2" : req.volumeTypeAsString();
    VolumeTypes.Shape shape = VolumeTypes.check(type, size, req.iops(), req.throughput());
    boolean multiAttach = Boolean.TRUE.equals(req.multiAttachEnabled());
    if (multiAttach && !MULTI_ATTACH_TYPES.contains(type)) {
      throw AwsException.invalidParameterCombination(
          "The parameter MultiAttachEnabled is only supported for io1 and io2 volumes.");
    }
    List<Tag> tags = tags(req.tagSpecifications(), "volume");
    EbsEncryption.Choice encryption =
        EbsEncryption.choose(ctx, req.encrypted(), req.kmsKeyId(), from);
    VolumeRecord v =
        ebs.newVolume(
            ctx, req.availabilityZone(), shape, from, tags, false, encryption, multiAttach);
    Volume view = VolumeView.toSdk(v, ctx.tags());
    return CreateVolumeResponse.builder()
        .volumeId(view.volumeId())
        .size(view.size())
        .snapshotId(view.snapshotId())
        .availabilityZone(view.availabilityZone())
        .state("creating")
        .createTime(view.createTime())
        .volumeType(view.volumeType())
        .iops(view.iops())
        .throughput(view.throughput())
        .encrypted(view.encrypted())
        .kmsKeyId(view.kmsKeyId())
        .multiAttachEnabled(view.multiAttachEnabled())
        .tags(view.tags())
        .build();
  }

  public DeleteVolumeResponse deleteVolume(RequestContext ctx, DeleteVolumeRequest req) {
    VolumeRecord v = ebs.requireVolume(ctx, req.volumeId());
    synchronized (v) {
      if (!v.attachments.isEmpty()) {
        throw new AwsException(
            "VolumeInUse",
            "Volume " + v.id + " is currently attached to " + v.attachments.get(0).instanceId);
      }
      if (!v.state.equals("available") && !v.state.equals("error")) {
        throw new AwsException(
            "IncorrectState", "The volume '" + v.id + "' is in the '" + v.state + "' state.");
      }
      ebs.delete(ctx, v);
    }
    return DeleteVolumeResponse.builder().build();
  }

  public DescribeVolumesResponse describeVolumes(RequestContext ctx, DescribeVolumesRequest req) {
    if (req.maxResults() != null && !req.volumeIds().isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "The parameter volumeSet cannot be used with the parameter maxResults");
    }
    List<VolumeRecord> records =
        req.volumeIds().isEmpty()
            ? Ebs.store(ctx.state()).volumes()
            : ebs.requireVolumes(ctx, req.volumeIds());
    TagStore tags = ctx.tags();
    Predicate<Volume> filter = VolumeFilters.VOLUMES.compile(req.filters());
    List<Volume> views =
        records.stream().map(v -> VolumeView.toSdk(v, tags)).filter(filter).toList();
    Pages.Page<Volume> page =
        Pages.page("DescribeVolumes", views, req.maxResults(), req.nextToken());
    return DescribeVolumesResponse.builder()
        .volumes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * Changes apply at once (the storage has no size or speed to change); the modification is
   * reported {@code completed}, as AWS reports it when its optimization is over.
   */
  public ModifyVolumeResponse modifyVolume(RequestContext ctx, ModifyVolumeRequest req) {
    VolumeRecord v = ebs.requireVolume(ctx, req.volumeId());
    synchronized (v) {
      if (!v.state.equals("available") && !v.state.equals("in-use")) {
        throw new AwsException(
            "IncorrectState", "The volume '" + v.id + "' is in the '" + v.state + "' state.");
      }
      int size = req.size() == null ? v.size : req.size();
      if (size < v.size) {
        throw AwsException.invalidParameterValue(
            "New size cannot be smaller than existing size of " + v.size + "GiB.");
      }
      String type = req.volumeTypeAsString() == null ? v.type : req.volumeTypeAsString();
      boolean typeChanges = !type.equals(v.type);
      Integer iops = req.iops() != null ? req.iops() : typeChanges ? null : keptIops(v);
      Integer throughput =
          req.throughput() != null ? req.throughput() : typeChanges ? null : v.throughput;
      VolumeTypes.Shape shape = VolumeTypes.check(type, size, iops, throughput);
      boolean multiAttach = multiAttachAfter(v, req.multiAttachEnabled(), shape);
      Instant now = Instant.now();
      VolumeModification m =
          VolumeModification.builder()
              .volumeId(v.id)
              .modificationState("completed")
              .progress(100L)
              .startTime(now)
              .endTime(now)
              .originalSize(v.size)
              .originalVolumeType(v.type)
              .originalIops(v.iops)
              .originalThroughput(v.throughput)
              .originalMultiAttachEnabled(v.multiAttach)
              .targetSize(shape.size())
              .targetVolumeType(shape.type())
              .targetIops(shape.iops())
              .targetThroughput(shape.throughput())
              .targetMultiAttachEnabled(multiAttach)
              .build();
      v.size = shape.size();
      v.type = shape.type();
      v.iops = shape.iops();
      v.throughput = shape.throughput();
      v.multiAttach = multiAttach;
      v.modifications.add(m);
      return ModifyVolumeResponse.builder()
          .volumeModification(
              m.toBuilder().modificationState("modifying").progress(0L).endTime(null).build())
          .build();
    }
  }

  /**
   * Multi-Attach after a modification, by AWS's rules: it is turned on or off only on io2 and only
   * while at most one instance is attached; an io1 Multi-Attach volume keeps its size, type and
   * IOPS; a Multi-Attach volume stays io1 or io2. Caller holds the volume's lock.
   * https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes-multi.html
   */
  private static boolean multiAttachAfter(VolumeRecord v, Boolean asked, VolumeTypes.Shape target) {
    boolean after = asked == null ? v.multiAttach : asked;
    if (asked != null && asked != v.multiAttach) {
      if (!target.type().equals("io2")) {
        throw AwsException.invalidParameterCombination(
            "Multi-Attach can be enabled or disabled only on io2 volumes.");
      }
      if (v.attachments.size() > 1) {
        throw new AwsException(
            "IncorrectState",
            "Multi-Attach cannot be changed while volume '"
                + v.id
                + "' is attached to more than one instance.");
      }
    }
    if (v.multiAttach && v.type.equals("io1") && !target.equals(v.shape())) {
      throw new AwsException(
          "InvalidParameterCombination",
          "The size, type and IOPS of io1 Multi-Attach volume '" + v.id + "' cannot be modified.");
    }
    if (after && !MULTI_ATTACH_TYPES.contains(target.type())) {
      throw AwsException.invalidParameterCombination(
          "Multi-Attach volume '" + v.id + "' must stay io1 or io2.");
    }
    return after;
  }

  /** gp2's IOPS follow its size; other types keep what they were given. */
  private static Integer keptIops(VolumeRecord v) {
    return v.type.equals("gp2") ? null : v.iops;
  }

  public DescribeVolumesModificationsResponse describeVolumesModifications(
      RequestContext ctx, DescribeVolumesModificationsRequest req) {
    List<VolumeRecord> records =
        req.volumeIds().isEmpty()
            ? Ebs.store(ctx.state()).volumes()
            : ebs.requireVolumes(ctx, req.volumeIds());
    Predicate<VolumeModification> filter = VolumeFilters.MODIFICATIONS.compile(req.filters());
    List<VolumeModification> out = new ArrayList<>();
    for (VolumeRecord v : records) {
      synchronized (v) {
        v.modifications.stream().filter(filter).forEach(out::add);
      }
    }
    Pages.Page<VolumeModification> page =
        Pages.page("DescribeVolumesModifications", out, req.maxResults(), req.nextToken());
    return DescribeVolumesModificationsResponse.builder()
        .volumesModifications(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeVolumeStatusResponse describeVolumeStatus(
      RequestContext ctx, DescribeVolumeStatusRequest req) {
    List<VolumeRecord> records =
        req.volumeIds().isEmpty()
            ? Ebs.store(ctx.state()).volumes()
            : ebs.requireVolumes(ctx, req.volumeIds());
    Predicate<VolumeStatusItem> filter = VolumeFilters.STATUS.compile(req.filters());
    List<VolumeStatusItem> items = new ArrayList<>();
    for (VolumeRecord v : records) {
      VolumeStatusItem item = status(v);
      if (filter.test(item)) {
        items.add(item);
      }
    }
    Pages.Page<VolumeStatusItem> page =
        Pages.page("DescribeVolumeStatus", items, req.maxResults(), req.nextToken());
    return DescribeVolumeStatusResponse.builder()
        .volumeStatuses(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static VolumeStatusItem status(VolumeRecord v) {
    synchronized (v) {
      boolean creating = v.state.equals("creating");
      String status = creating ? "insufficient-data" : v.ioEnabled ? "ok" : "impaired";
      return VolumeStatusItem.builder()
          .volumeId(v.id)
          .availabilityZone(v.zone)
          .volumeStatus(
              VolumeStatusInfo.builder()
                  .status(status)
                  .details(
                      VolumeStatusDetails.builder()
                          .name("io-enabled")
                          .status(
                              creating ? "insufficient-data" : v.ioEnabled ? "passed" : "failed")
                          .build(),
                      VolumeStatusDetails.builder()
                          .name("io-performance")
                          .status("not-applicable")
                          .build())
                  .build())
          .actions(List.of())
          .events(List.of())
          .attachmentStatuses(List.of())
          .build();
    }
  }

  /** I/O is never suspended here (no consistency checks fail), so this only confirms it. */
  public EnableVolumeIoResponse enableVolumeIO(RequestContext ctx, EnableVolumeIoRequest req) {
    VolumeRecord v = ebs.requireVolume(ctx, req.volumeId());
    synchronized (v) {
      v.ioEnabled = true;
    }
    return EnableVolumeIoResponse.builder().build();
  }

  public DescribeVolumeAttributeResponse describeVolumeAttribute(
      RequestContext ctx, DescribeVolumeAttributeRequest req) {
    VolumeRecord v = ebs.requireVolume(ctx, req.volumeId());
    String attribute = req.attributeAsString();
    if (attribute == null) {
      throw AwsException.missingParameter("Attribute");
    }
    DescribeVolumeAttributeResponse.Builder b =
        DescribeVolumeAttributeResponse.builder().volumeId(v.id);
    switch (attribute) {
      case "autoEnableIO" -> {
        synchronized (v) {
          b.autoEnableIO(AttributeBooleanValue.builder().value(v.autoEnableIO).build());
        }
      }
      case "productCodes" -> b.productCodes(List.of());
      default ->
          throw AwsException.invalidParameterValue(
              "Value ("
                  + attribute
                  + ") for parameter attribute is invalid. Valid values: autoEnableIO,"
                  + " productCodes.");
    }
    return b.build();
  }

  public ModifyVolumeAttributeResponse modifyVolumeAttribute(
      RequestContext ctx, ModifyVolumeAttributeRequest req) {
    VolumeRecord v = ebs.requireVolume(ctx, req.volumeId());
    if (req.autoEnableIO() == null || req.autoEnableIO().value() == null) {
      throw AwsException.missingParameter("AutoEnableIO");
    }
    synchronized (v) {
      v.autoEnableIO = req.autoEnableIO().value();
    }
    ctx.state().changed();
    return ModifyVolumeAttributeResponse.builder().build();
  }

  /** The tags of TagSpecifications for one resource type; another type is AWS's error. */
  static List<Tag> tags(List<TagSpecification> specs, String resourceType) {
    List<Tag> tags = new ArrayList<>();
    for (TagSpecification s : specs) {
      if (!resourceType.equals(s.resourceTypeAsString())) {
        throw AwsException.invalidParameterValue(
            "'"
                + s.resourceTypeAsString()
                + "' is not a valid taggable resource type for this operation.");
      }
      tags.addAll(s.tags());
    }
    return tags;
  }
}
