package dev.ec2double.ec2.snapshots;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.volumes.Ebs;
import dev.ec2double.ec2.volumes.SnapshotRecord;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeLockedSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLockedSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.LockSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.LockSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.LockedSnapshotsInfo;
import software.amazon.awssdk.services.ec2.model.UnlockSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.UnlockSnapshotResponse;

/**
 * LockSnapshot, UnlockSnapshot, DescribeLockedSnapshots: a snapshot locked (in governance mode, in
 * compliance mode's cooling-off period or after it) is refused by DeleteSnapshot until the lock
 * expires or is removed. A compliance lock past its cooling-off period cannot be removed.
 */
public final class SnapshotLocks {
  private static final FilterSpec<LockedSnapshotsInfo> FILTERS =
      FilterSpec.<LockedSnapshotsInfo>of()
          .field("lock-state", LockedSnapshotsInfo::lockStateAsString);

  private final Ebs ebs;

  public SnapshotLocks(Ebs ebs) {
    this.ebs = ebs;
  }

  /** DeleteSnapshot's check. */
  static void refuseDelete(RequestContext ctx, SnapshotRecord s) {
    SnapshotSettings.Lock lock = SnapshotSettings.of(ctx.state()).locks.get(s.id);
    if (lock != null && !lock.state(Instant.now()).equals("expired")) {
      throw new AwsException(
          "SnapshotLocked",
          "The snapshot "
              + s.id
              + " is locked ("
              + lock.state(Instant.now())
              + ") and cannot be deleted.");
    }
  }

  public LockSnapshotResponse lockSnapshot(RequestContext ctx, LockSnapshotRequest req) {
    SnapshotRecord s = ebs.requireSnapshot(ctx, req.snapshotId());
    if (!s.ownerId.equals(ctx.account())) {
      throw new AwsException("AuthFailure", "Not authorized for snapshot " + s.id);
    }
    String mode = req.lockModeAsString();
    if (mode == null) {
      throw AwsException.missingParameter("LockMode");
    }
    if (!mode.equals("governance") && !mode.equals("compliance")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + mode
              + ") for parameter LockMode is invalid. Valid values: governance, compliance.");
    }
    if ((req.lockDuration() == null) == (req.expirationDate() == null)) {
      throw AwsException.invalidParameterCombination(
          "Specify exactly one of LockDuration and ExpirationDate.");
    }
    Integer coolOff = req.coolOffPeriod();
    if (coolOff != null) {
      if (!mode.equals("compliance")) {
        throw AwsException.invalidParameterCombination(
            "CoolOffPeriod is only valid with the compliance lock mode.");
      }
      if (coolOff < 1 || coolOff > 72) {
        throw AwsException.invalidParameterValue(
            "Value ("
                + coolOff
                + ") for parameter CoolOffPeriod is invalid. Valid range: 1-72 hours.");
      }
    }
    Instant now = Instant.now();
    Instant expires;
    Integer days = req.lockDuration();
    if (days != null) {
      if (days < 1 || days > 36500) {
        throw AwsException.invalidParameterValue(
            "Value ("
                + days
                + ") for parameter LockDuration is invalid. Valid range: 1-36500 days.");
      }
      expires = now.plus(Duration.ofDays(days));
    } else {
      expires = req.expirationDate();
      if (!expires.isAfter(now)) {
        throw AwsException.invalidParameterValue("ExpirationDate must be in the future.");
      }
    }
    SnapshotSettings settings = SnapshotSettings.of(ctx.state());
    SnapshotSettings.Lock old = settings.locks.get(s.id);
    if (old != null && old.state(now).equals("compliance")) {
      // a compliance lock can only be extended
      if (!mode.equals("compliance") || expires.isBefore(old.expires())) {
        throw new AwsException(
            "SnapshotLocked",
            "The snapshot "
                + s.id
                + " is locked in compliance mode: its lock can only be extended.");
      }
    }
    SnapshotSettings.Lock lock =
        new SnapshotSettings.Lock(
            s.id,
            mode,
            old != null ? old.created() : now,
            coolOff,
            coolOff == null ? null : now.plus(Duration.ofHours(coolOff)),
            days,
            expires);
    settings.locks.put(s.id, lock);
    ctx.state().changed();
    return LockSnapshotResponse.builder()
        .snapshotId(s.id)
        .lockState(lock.state(now))
        .lockDuration(days)
        .coolOffPeriod(coolOff)
        .coolOffPeriodExpiresOn(lock.coolOffEnds())
        .lockCreatedOn(lock.created())
        .lockDurationStartTime(now)
        .lockExpiresOn(expires)
        .build();
  }

  public UnlockSnapshotResponse unlockSnapshot(RequestContext ctx, UnlockSnapshotRequest req) {
    SnapshotRecord s = ebs.requireSnapshot(ctx, req.snapshotId());
    SnapshotSettings settings = SnapshotSettings.of(ctx.state());
    SnapshotSettings.Lock lock = settings.locks.get(s.id);
    if (lock == null) {
      throw new AwsException("SnapshotNotLocked", "The snapshot " + s.id + " is not locked.");
    }
    if (lock.state(Instant.now()).equals("compliance")) {
      throw new AwsException(
          "SnapshotLocked",
          "The snapshot "
              + s.id
              + " is locked in compliance mode after its cooling-off period: it cannot be unlocked.");
    }
    settings.locks.remove(s.id);
    ctx.state().changed();
    return UnlockSnapshotResponse.builder().snapshotId(s.id).build();
  }

  public DescribeLockedSnapshotsResponse describeLockedSnapshots(
      RequestContext ctx, DescribeLockedSnapshotsRequest req) {
    SnapshotSettings settings = SnapshotSettings.of(ctx.state());
    if (!req.snapshotIds().isEmpty()) {
      ebs.requireSnapshots(ctx, req.snapshotIds());
    }
    Instant now = Instant.now();
    Predicate<LockedSnapshotsInfo> filter = FILTERS.compile(req.filters());
    List<LockedSnapshotsInfo> out = new ArrayList<>();
    settings.locks.values().stream()
        .sorted(Comparator.comparing(SnapshotSettings.Lock::snapshotId))
        .filter(l -> req.snapshotIds().isEmpty() || req.snapshotIds().contains(l.snapshotId()))
        .map(
            l ->
                LockedSnapshotsInfo.builder()
                    .ownerId(ctx.account())
                    .snapshotId(l.snapshotId())
                    .lockState(l.state(now))
                    .lockDuration(l.durationDays())
                    .coolOffPeriod(l.coolOffHours())
                    .coolOffPeriodExpiresOn(l.coolOffEnds())
                    .lockCreatedOn(l.created())
                    .lockDurationStartTime(l.created())
                    .lockExpiresOn(l.expires())
                    .build())
        .filter(filter)
        .forEach(out::add);
    Pages.Page<LockedSnapshotsInfo> page =
        Pages.page("DescribeLockedSnapshots", out, req.maxResults(), req.nextToken());
    return DescribeLockedSnapshotsResponse.builder()
        .snapshots(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
