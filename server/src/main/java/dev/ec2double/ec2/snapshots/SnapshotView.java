package dev.ec2double.ec2.snapshots;

import dev.ec2double.core.TagStore;
import dev.ec2double.ec2.volumes.SnapshotRecord;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

/** A snapshot as DescribeSnapshots shows it. */
final class SnapshotView {
  private SnapshotView() {}

  static Snapshot toSdk(SnapshotRecord s, TagStore tags) {
    List<Tag> t = tags.sdkTags(s.id);
    Snapshot.Builder b =
        Snapshot.builder()
            .snapshotId(s.id)
            .volumeId(s.volumeId)
            .volumeSize(s.volumeSize)
            .state(s.state)
            .progress(s.progress)
            .startTime(s.startTime)
            .description(s.description)
            .ownerId(s.ownerId)
            .encrypted(s.encrypted)
            .kmsKeyId(s.kmsKeyId)
            .storageTier(s.storageTier);
    if (!t.isEmpty()) {
      b.tags(t);
    }
    return b.build();
  }
}
