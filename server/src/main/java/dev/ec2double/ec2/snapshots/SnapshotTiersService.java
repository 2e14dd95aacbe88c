package dev.ec2double.ec2.snapshots;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.volumes.Ebs;
import dev.ec2double.ec2.volumes.SnapshotRecord;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotTierStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotTierStatusResponse;
import software.amazon.awssdk.services.ec2.model.ListSnapshotsInRecycleBinRequest;
import software.amazon.awssdk.services.ec2.model.ListSnapshotsInRecycleBinResponse;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotTierRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotTierResponse;
import software.amazon.awssdk.services.ec2.model.RestoreSnapshotTierRequest;
import software.amazon.awssdk.services.ec2.model.RestoreSnapshotTierResponse;
import software.amazon.awssdk.services.ec2.model.SnapshotRecycleBinInfo;
import software.amazon.awssdk.services.ec2.model.SnapshotTierStatus;

/**
 * The archive tier (ModifySnapshotTier, RestoreSnapshotTier, DescribeSnapshotTierStatus): records.
 * The snapshot's files stay where they are; what changes is its storage tier, which AWS's rules
 * follow (an archived snapshot is not copied nor restored to a volume until it is restored). An
 * archival or restore completes at once. Deleted snapshots do not go to a Recycle Bin, so
 * ListSnapshotsInRecycleBin answers empty after checking its input.
 */
public final class SnapshotTiersService {
  private static final FilterSpec<SnapshotTierStatus> FILTERS =
      FilterSpec.<SnapshotTierStatus>of()
          .field("snapshot-id", SnapshotTierStatus::snapshotId)
          .field("volume-id", SnapshotTierStatus::volumeId)
          .field("last-tiering-operation", SnapshotTierStatus::lastTieringOperationStatusAsString)
          .field("storage-tier", SnapshotTierStatus::storageTierAsString);

  private final Ebs ebs;

  public SnapshotTiersService(Ebs ebs) {
    this.ebs = ebs;
  }

  public ModifySnapshotTierResponse modifySnapshotTier(
      RequestContext ctx, ModifySnapshotTierRequest req) {
    SnapshotRecord s = owned(ctx, req.snapshotId());
    String tier = req.storageTierAsString();
    if (tier != null && !tier.equals("archive")) {
      throw AwsException.invalidParameterValue(
          "Value (" + tier + ") for parameter StorageTier is invalid. Valid value: archive.");
    }
    if (!s.state.equals("completed")) {
      throw new AwsException(
          "IncorrectState", "The snapshot '" + s.id + "' is in the '" + s.state + "' state.");
    }
    if (s.storageTier.equals("archive")) {
      throw new AwsException(
          "IncorrectState", "The snapshot '" + s.id + "' is already in the archive tier.");
    }
    Instant now = Instant.now();
    s.storageTier = "archive";
    SnapshotSettings.of(ctx.state())
        .tiering
        .put(s.id, new SnapshotSettings.Tiering("archival-completed", now, now, null));
    ctx.state().changed();
    return ModifySnapshotTierResponse.builder().snapshotId(s.id).tieringStartTime(now).build();
  }

  public RestoreSnapshotTierResponse restoreSnapshotTier(
      RequestContext ctx, RestoreSnapshotTierRequest req) {
    SnapshotRecord s = owned(ctx, req.snapshotId());
    boolean permanent = Boolean.TRUE.equals(req.permanentRestore());
    Integer days = req.temporaryRestoreDays();
    if (permanent == (days != null)) {
      throw AwsException.invalidParameterCombination(
          "Specify exactly one of TemporaryRestoreDays and PermanentRestore.");
    }
    if (days != null && (days < 1 || days > 180)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + days
              + ") for parameter TemporaryRestoreDays is invalid. Valid range: 1-180.");
    }
    if (!s.storageTier.equals("archive")) {
      throw new AwsException(
          "IncorrectState", "The snapshot '" + s.id + "' is not in the archive tier.");
    }
    Instant now = Instant.now();
    s.storageTier = "standard";
    SnapshotSettings.of(ctx.state())
        .tiering
        .put(
            s.id,
            new SnapshotSettings.Tiering(
                permanent ? "permanent-restore-completed" : "temporary-restore-completed",
                now,
                null,
                permanent ? null : now.plus(Duration.ofDays(days))));
    ctx.state().changed();
    return RestoreSnapshotTierResponse.builder()
        .snapshotId(s.id)
        .restoreStartTime(now)
        .restoreDuration(days)
        .isPermanentRestore(permanent)
        .build();
  }

  public DescribeSnapshotTierStatusResponse describeSnapshotTierStatus(
      RequestContext ctx, DescribeSnapshotTierStatusRequest req) {
    SnapshotSettings settings = SnapshotSettings.of(ctx.state());
    Predicate<SnapshotTierStatus> filter = FILTERS.compile(req.filters());
    List<SnapshotTierStatus> all =
        Ebs.store(ctx.state()).snapshots().stream()
            .map(
                s -> {
                  SnapshotSettings.Tiering t = settings.tiering.get(s.id);
                  SnapshotTierStatus.Builder b =
                      SnapshotTierStatus.builder()
                          .snapshotId(s.id)
                          .volumeId(s.volumeId)
                          .status(s.state)
                          .ownerId(s.ownerId)
                          .tags(ctx.tags().sdkTags(s.id))
                          .storageTier(s.storageTier);
                  if (t != null) {
                    b.lastTieringStartTime(t.started())
                        .lastTieringProgress(100)
                        .lastTieringOperationStatus(t.operation())
                        .archivalCompleteTime(t.archived())
                        .restoreExpiryTime(t.restoreExpires());
                  }
                  return b.build();
                })
            .filter(filter)
            .toList();
    Pages.Page<SnapshotTierStatus> page =
        Pages.page("DescribeSnapshotTierStatus", all, req.maxResults(), req.nextToken());
    return DescribeSnapshotTierStatusResponse.builder()
        .snapshotTierStatuses(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ListSnapshotsInRecycleBinResponse listSnapshotsInRecycleBin(
      RequestContext ctx, ListSnapshotsInRecycleBinRequest req) {
    for (String id : req.snapshotIds()) {
      if (id == null || !id.matches("snap-[0-9a-f]{8}([0-9a-f]{9})?")) {
        throw new AwsException("InvalidSnapshot.Malformed", "Invalid id: \"" + id + "\"");
      }
    }
    Pages.Page<SnapshotRecycleBinInfo> page =
        Pages.page("ListSnapshotsInRecycleBin", List.of(), req.maxResults(), req.nextToken());
    return ListSnapshotsInRecycleBinResponse.builder()
        .snapshots(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private SnapshotRecord owned(RequestContext ctx, String id) {
    SnapshotRecord s = ebs.requireSnapshot(ctx, id);
    if (!s.ownerId.equals(ctx.account())) {
      throw new AwsException("AuthFailure", "Not authorized for snapshot " + s.id);
    }
    return s;
  }
}
