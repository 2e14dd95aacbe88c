package dev.ec2double.ec2.snapshots;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An account's snapshot settings and records in one region: block public access for snapshots, the
 * locks (LockSnapshot), the archive tier's records and the fast snapshot restores.
 */
final class SnapshotSettings implements java.io.Serializable {
  /**
   * {@code unblocked} (ec2-double's default), {@code block-new-sharing}, {@code block-all-sharing}.
   */
  volatile String blockPublicAccess = "unblocked";

  /** By snapshot id. */
  final Map<String, Lock> locks = new ConcurrentHashMap<>();

  /** By snapshot id: its last tiering operation. */
  final Map<String, Tiering> tiering = new ConcurrentHashMap<>();

  /** By snapshot id and zone. */
  final Map<String, FastRestore> fastRestores = new ConcurrentHashMap<>();

  static SnapshotSettings of(RegionState state) {
    return state.part(SnapshotSettings.class, SnapshotSettings::new);
  }

  /** Drops what is kept about a deleted snapshot. */
  void forget(String snapshotId) {
    locks.remove(snapshotId);
    tiering.remove(snapshotId);
    fastRestores.values().removeIf(r -> r.snapshotId.equals(snapshotId));
  }

  /** A lock: mode, when made, its cooling-off end (compliance) and its expiry. */
  record Lock(
      String snapshotId,
      String mode,
      Instant created,
      Integer coolOffHours,
      Instant coolOffEnds,
      Integer durationDays,
      Instant expires)
      implements java.io.Serializable {
    /** AWS's lock states: compliance-cooloff, governance, compliance, expired. */
    String state(Instant now) {
      if (!expires.isAfter(now)) {
        return "expired";
      }
      if (mode.equals("compliance") && coolOffEnds != null && coolOffEnds.isAfter(now)) {
        return "compliance-cooloff";
      }
      return mode;
    }
  }

  /** The last ModifySnapshotTier / RestoreSnapshotTier of a snapshot. */
  record Tiering(String operation, Instant started, Instant archived, Instant restoreExpires)
      implements java.io.Serializable {}

  /** Fast snapshot restore of one snapshot in one zone, with AWS's state times. */
  static final class FastRestore implements java.io.Serializable {
    final String snapshotId;
    final String zone;
    final String ownerId;
    final Instant enabling;
    volatile Instant disabling;

    FastRestore(String snapshotId, String zone, String ownerId, Instant enabling) {
      this.snapshotId = snapshotId;
      this.zone = zone;
      this.ownerId = ownerId;
      this.enabling = enabling;
    }

    /** A restore passes enabling, optimizing and then is enabled (a minute each on AWS). */
    static final java.time.Duration STEP = java.time.Duration.ofSeconds(2);

    Instant optimizing() {
      return enabling.plus(STEP);
    }

    Instant enabled() {
      return enabling.plus(STEP.multipliedBy(2));
    }

    String state(Instant now) {
      if (disabling != null) {
        return now.isBefore(disabling.plus(STEP)) ? "disabling" : "disabled";
      }
      if (now.isBefore(optimizing())) {
        return "enabling";
      }
      return now.isBefore(enabled()) ? "optimizing" : "enabled";
    }
  }
}
