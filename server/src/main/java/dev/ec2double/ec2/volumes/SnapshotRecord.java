package dev.ec2double.ec2.volumes;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One EBS snapshot: a point-in-time copy of a volume's files, kept as storage of its own. */
public final class SnapshotRecord implements java.io.Serializable {
  public final String id;
  public final String volumeId;
  public final int volumeSize;
  public final Instant startTime;
  public final String ownerId;

  /** False for a snapshot of a root volume: its files are the instance's image, not copied. */
  public final boolean hasData;

  public volatile String description;
  public volatile String state = "pending";
  public volatile String progress = "0%";

  /** ModifySnapshotAttribute createVolumePermission: account ids, and "all" as a group. */
  public final Set<String> permittedUsers = ConcurrentHashMap.newKeySet();

  public volatile boolean publicRestore;

  /** CopySnapshot/CopyImage with Encrypted: recorded (the files are not encrypted). */
  public volatile boolean encrypted;

  public volatile String kmsKeyId;

  /** {@code standard} or {@code archive} (ModifySnapshotTier); see SnapshotTiersService. */
  public volatile String storageTier = "standard";

  /** A root volume's snapshot: the engine image holding the root filesystem it was taken of. */
  public volatile String imageRef;

  /** Where the snapshot was copied from (CopySnapshot), or null. */
  public volatile String sourceRegion;

  public SnapshotRecord(
      String id,
      String volumeId,
      int volumeSize,
      Instant startTime,
      String ownerId,
      String description,
      boolean hasData) {
    this.id = id;
    this.volumeId = volumeId;
    this.volumeSize = volumeSize;
    this.startTime = startTime;
    this.ownerId = ownerId;
    this.description = description == null ? "" : description;
    this.hasData = hasData;
  }

  /** Whether the account may create volumes from it: owner, public, or named. */
  public boolean restorableBy(String account) {
    return publicRestore || ownerId.equals(account) || permittedUsers.contains(account);
  }

  public String storageName() {
    return "ec2double-" + id;
  }
}
