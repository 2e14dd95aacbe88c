package dev.ec2double.ec2.snapshots;

import dev.ec2double.core.FilterSpec;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * DescribeSnapshots' filters
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSnapshots.html).
 */
final class SnapshotFilters {
  private SnapshotFilters() {}

  static final FilterSpec<Snapshot> SNAPSHOTS =
      FilterSpec.<Snapshot>of()
          .field("description", Snapshot::description)
          .field("encrypted", Snapshot::encrypted)
          .field("owner-alias", Snapshot::ownerAlias)
          .field("owner-id", Snapshot::ownerId)
          .field("progress", Snapshot::progress)
          .field("snapshot-id", Snapshot::snapshotId)
          .field("start-time", s -> s.startTime().toString())
          .field("status", Snapshot::stateAsString)
          .field("storage-tier", Snapshot::storageTierAsString)
          .field("volume-id", Snapshot::volumeId)
          .field("volume-size", Snapshot::volumeSize)
          .tags(
              s -> s.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));
}
