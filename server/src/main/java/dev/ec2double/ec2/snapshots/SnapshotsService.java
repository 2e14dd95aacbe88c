package dev.ec2double.ec2.snapshots;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.TagStore;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.ec2.volumes.Ebs;
import dev.ec2double.ec2.volumes.SnapshotRecord;
import dev.ec2double.ec2.volumes.VolumeRecord;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.CopySnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CopySnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ResetSnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetSnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * CreateSnapshot(s), DescribeSnapshots, DeleteSnapshot, CopySnapshot and the createVolumePermission
 * attribute. A snapshot is a copy of the volume's files made when CreateSnapshot is called: what is
 * written afterwards is not in it.
 */
public final class SnapshotsService {
  private final Ebs ebs;

  public SnapshotsService(Ebs ebs) {
    this.ebs = ebs;
  }

  public CreateSnapshotResponse createSnapshot(RequestContext ctx, CreateSnapshotRequest req) {
    VolumeRecord v = ebs.requireVolume(ctx, req.volumeId());
    List<Tag> tags = tags(req.tagSpecifications());
    SnapshotRecord s = take(ctx, v, req.description(), tags);
    return CreateSnapshotResponse.builder()
        .snapshotId(s.id)
        .volumeId(s.volumeId)
        .volumeSize(s.volumeSize)
        .state("pending")
        .progress("")
        .startTime(s.startTime)
        .description(s.description)
        .ownerId(s.ownerId)
        .encrypted(s.encrypted)
        .kmsKeyId(s.kmsKeyId)
        .storageTier("standard")
        .tags(ctx.tags().sdkTags(s.id))
        .build();
  }

  public CreateSnapshotsResponse createSnapshots(RequestContext ctx, CreateSnapshotsRequest req) {
    if (req.instanceSpecification() == null || req.instanceSpecification().instanceId() == null) {
      throw AwsException.missingParameter("InstanceSpecification.InstanceId");
    }
    InstanceRecord instance = Instances.require(ctx, req.instanceSpecification().instanceId());
    boolean skipRoot = Boolean.TRUE.equals(req.instanceSpecification().excludeBootVolume());
    Set<String> excluded = new HashSet<>(req.instanceSpecification().excludeDataVolumeIds());
    List<Tag> tags = tags(req.tagSpecifications());
    List<SnapshotInfo> out = new ArrayList<>();
    for (VolumeRecord v : Ebs.store(ctx.state()).volumes()) {
      if (!Ebs.attachedTo(v, instance.id()) || (skipRoot && v.root())) {
        continue;
      }
      if (excluded.contains(v.id())) {
        continue;
      }
      List<Tag> own = new ArrayList<>(tags);
      if (req.copyTagsFromSourceAsString() != null) {
        own.addAll(ctx.tags().sdkTags(v.id()));
      }
      SnapshotRecord s = take(ctx, v, req.description(), own);
      out.add(
          SnapshotInfo.builder()
              .snapshotId(s.id)
              .volumeId(s.volumeId)
              .volumeSize(s.volumeSize)
              .state("pending")
              .progress("")
              .startTime(s.startTime)
              .description(s.description)
              .ownerId(s.ownerId)
              .encrypted(s.encrypted)
              .outpostArn(null)
              .tags(ctx.tags().sdkTags(s.id))
              .build());
    }
    return CreateSnapshotsResponse.builder().snapshots(out).build();
  }

  private SnapshotRecord take(
      RequestContext ctx, VolumeRecord v, String description, List<Tag> tags) {
    String state = v.state();
    if (!state.equals("available") && !state.equals("in-use")) {
      throw new AwsException(
          "IncorrectState", "The volume '" + v.id() + "' is in the '" + state + "' state.");
    }
    SnapshotRecord s = ebs.snapshot(ctx, v, description, tags);
    if (v.root()) {
      ebs.captureRoot(ctx, v, s);
    }
    return s;
  }

  public DescribeSnapshotsResponse describeSnapshots(
      RequestContext ctx, DescribeSnapshotsRequest req) {
    if (req.maxResults() != null && !req.snapshotIds().isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "The parameter snapshotSet cannot be used with the parameter maxResults");
    }
    List<SnapshotRecord> records;
    if (req.snapshotIds().isEmpty()) {
      // the caller's own, and those other accounts let it create volumes from
      records = new ArrayList<>(Ebs.store(ctx.state()).snapshots());
      records.addAll(ebs.sharedWith(ctx));
    } else {
      records = ebs.requireSnapshots(ctx, req.snapshotIds());
    }
    List<SnapshotRecord> visible = new ArrayList<>();
    for (SnapshotRecord s : records) {
      if (!req.ownerIds().isEmpty()
          && req.ownerIds().stream()
              .noneMatch(
                  o ->
                      o.equals(s.ownerId)
                          || (o.equals("self") && s.ownerId.equals(ctx.account())))) {
        continue;
      }
      if (!req.restorableByUserIds().isEmpty()
          && req.restorableByUserIds().stream()
              .noneMatch(
                  u ->
                      u.equals("all")
                          ? s.publicRestore
                          : s.restorableBy(u.equals("self") ? ctx.account() : u))) {
        continue;
      }
      visible.add(s);
    }
    TagStore tags = ctx.tags();
    Predicate<Snapshot> filter = SnapshotFilters.SNAPSHOTS.compile(req.filters());
    List<Snapshot> views =
        visible.stream().map(s -> SnapshotView.toSdk(s, tags)).filter(filter).toList();
    Pages.Page<Snapshot> page =
        Pages.page("DescribeSnapshots", views, req.maxResults(), req.nextToken());
    return DescribeSnapshotsResponse.builder()
        .snapshots(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteSnapshotResponse deleteSnapshot(RequestContext ctx, DeleteSnapshotRequest req) {
    SnapshotRecord s = owned(ctx, req.snapshotId());
    SnapshotLocks.refuseDelete(ctx, s);
    String image = ImagesService.imageUsingSnapshot(ctx.state(), s.id);
    if (image != null) {
      throw new AwsException(
          "InvalidSnapshot.InUse", "The snapshot " + s.id + " is currently in use by " + image);
    }
    Ebs.store(ctx.state()).remove(s);
    SnapshotSettings.of(ctx.state()).forget(s.id);
    ctx.tags().drop(s.id);
    ebs.deleteSnapshot(s);
    return DeleteSnapshotResponse.builder().build();
  }

  /**
   * Within a region or from another (the source is the caller's snapshot, or one shared with it, in
   * SourceRegion); the copy is a real copy of the source's files.
   */
  public CopySnapshotResponse copySnapshot(RequestContext ctx, CopySnapshotRequest req) {
    if (req.sourceRegion() == null) {
      throw AwsException.missingParameter("SourceRegion");
    }
    if (req.sourceSnapshotId() == null) {
      throw AwsException.missingParameter("SourceSnapshotId");
    }
    if (!RegionCatalog.isRegion(req.sourceRegion())) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.sourceRegion() + ") for parameter SourceRegion is invalid.");
    }
    if (req.kmsKeyId() != null && !Boolean.TRUE.equals(req.encrypted())) {
      throw AwsException.invalidParameterCombination(
          "KmsKeyId may only be given with Encrypted set to true.");
    }
    SnapshotRecord from =
        ebs.requireSnapshot(source(ctx, req.sourceRegion()), req.sourceSnapshotId());
    if (!from.state.equals("completed")) {
      throw new AwsException(
          "IncorrectState", "Snapshot '" + from.id + "' is in the '" + from.state + "' state.");
    }
    if (from.storageTier.equals("archive")) {
      throw new AwsException(
          "IncorrectState", "Snapshot '" + from.id + "' is archived; restore it first.");
    }
    String description =
        req.description() != null
            ? req.description()
            : "[Copied " + from.id + " from " + req.sourceRegion() + "]" + from.description;
    SnapshotRecord to =
        ebs.copy(
            ctx,
            from,
            req.sourceRegion(),
            description,
            tags(req.tagSpecifications()),
            Boolean.TRUE.equals(req.encrypted()),
            req.kmsKeyId());
    return CopySnapshotResponse.builder().snapshotId(to.id).tags(ctx.tags().sdkTags(to.id)).build();
  }

  /** The caller's context in the source region of a copy. */
  private RequestContext source(RequestContext ctx, String region) {
    if (region.equals(ctx.region())) {
      return ctx;
    }
    return new RequestContext(
        ctx.account(),
        region,
        ctx.accessKey(),
        ctx.action(),
        ctx.requestId(),
        ebs.region(ctx.account(), region),
        ctx.quotas());
  }

  public ResetSnapshotAttributeResponse resetSnapshotAttribute(
      RequestContext ctx, ResetSnapshotAttributeRequest req) {
    SnapshotRecord s = owned(ctx, req.snapshotId());
    String attribute = req.attributeAsString();
    if (attribute == null) {
      throw AwsException.missingParameter("Attribute");
    }
    if (!attribute.equals("createVolumePermission")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + attribute
              + ") for parameter attribute is invalid. Only createVolumePermission can be reset.");
    }
    s.permittedUsers.clear();
    s.publicRestore = false;
    return ResetSnapshotAttributeResponse.builder().build();
  }

  private SnapshotRecord owned(RequestContext ctx, String id) {
    SnapshotRecord s = ebs.requireSnapshot(ctx, id);
    if (!s.ownerId.equals(ctx.account())) {
      throw new AwsException("AuthFailure", "Not authorized for snapshot " + s.id);
    }
    return s;
  }

  public ModifySnapshotAttributeResponse modifySnapshotAttribute(
      RequestContext ctx, ModifySnapshotAttributeRequest req) {
    SnapshotRecord s = owned(ctx, req.snapshotId());
    boolean blocked = !SnapshotSettings.of(ctx.state()).blockPublicAccess.equals("unblocked");
    String attribute = req.attributeAsString();
    if (attribute == null && req.createVolumePermission() == null) {
      throw AwsException.missingParameter("Attribute");
    }
    if (attribute != null && !attribute.equals("createVolumePermission")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + attribute
              + ") for parameter attribute is invalid. Only createVolumePermission can be modified.");
    }
    String op = req.operationTypeAsString();
    List<String> users = new ArrayList<>(req.userIds());
    List<String> groups = new ArrayList<>(req.groupNames());
    if (blocked
        && (req.createVolumePermission() != null
                && req.createVolumePermission().add().stream()
                    .anyMatch(p -> "all".equals(p.groupAsString()))
            || "add".equals(op) && groups.contains("all"))) {
      throw new AwsException(
          "OperationNotPermitted",
          "The snapshot "
              + s.id
              + " cannot be made public: block public access for snapshots is enabled in this"
              + " Region (DisableSnapshotBlockPublicAccess).");
    }
    if (req.createVolumePermission() != null) {
      for (CreateVolumePermission p : req.createVolumePermission().add()) {
        apply(s, true, p.userId(), p.groupAsString());
      }
      for (CreateVolumePermission p : req.createVolumePermission().remove()) {
        apply(s, false, p.userId(), p.groupAsString());
      }
    }
    if (!users.isEmpty() || !groups.isEmpty()) {
      if (op == null) {
        throw AwsException.missingParameter("OperationType");
      }
      boolean add = op.equals("add");
      users.forEach(u -> apply(s, add, u, null));
      groups.forEach(g -> apply(s, add, null, g));
    }
    return ModifySnapshotAttributeResponse.builder().build();
  }

  private static void apply(SnapshotRecord s, boolean add, String user, String group) {
    if (group != null) {
      if (!group.equals("all")) {
        throw AwsException.invalidParameterValue(
            "The group '" + group + "' is not valid; use all.");
      }
      s.publicRestore = add;
    }
    if (user != null) {
      if (!user.matches("\\d{12}")) {
        throw AwsException.invalidParameterValue("Invalid user id: '" + user + "'");
      }
      if (add) {
        s.permittedUsers.add(user);
      } else {
        s.permittedUsers.remove(user);
      }
    }
  }

  public DescribeSnapshotAttributeResponse describeSnapshotAttribute(
      RequestContext ctx, DescribeSnapshotAttributeRequest req) {
    SnapshotRecord s = owned(ctx, req.snapshotId());
    String attribute = req.attributeAsString();
    if (attribute == null) {
      throw AwsException.missingParameter("Attribute");
    }
    DescribeSnapshotAttributeResponse.Builder b =
        DescribeSnapshotAttributeResponse.builder().snapshotId(s.id);
    switch (attribute) {
      case "createVolumePermission" -> {
        List<CreateVolumePermission> perms = new ArrayList<>();
        if (s.publicRestore) {
          perms.add(CreateVolumePermission.builder().group("all").build());
        }
        s.permittedUsers.stream()
            .sorted()
            .forEach(u -> perms.add(CreateVolumePermission.builder().userId(u).build()));
        b.createVolumePermissions(perms);
      }
      case "productCodes" -> b.productCodes(List.of());
      default ->
          throw AwsException.invalidParameterValue(
              "Value (" + attribute + ") for parameter attribute is invalid.");
    }
    return b.build();
  }

  private static List<Tag> tags(List<TagSpecification> specs) {
    List<Tag> tags = new ArrayList<>();
    for (TagSpecification s : specs) {
      if (!"snapshot".equals(s.resourceTypeAsString())) {
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
