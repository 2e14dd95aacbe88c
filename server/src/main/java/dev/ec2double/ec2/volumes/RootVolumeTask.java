package dev.ec2double.ec2.volumes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ReplaceRootVolumeTask;
import software.amazon.awssdk.services.ec2.model.Tag;

/** One root volume replacement task. Mutable fields are guarded by its lock. */
final class RootVolumeTask implements java.io.Serializable {
  final String id;
  final String instanceId;
  final String snapshotId;
  final String imageId;
  final boolean deleteReplaced;
  final Instant startTime = Instant.now();

  /** The root volume it replaced, and the one it attached (null until it did). */
  final String oldVolumeId;

  String newVolumeId;
  String state = "pending";
  Instant completeTime;

  RootVolumeTask(
      String id,
      String instanceId,
      String snapshotId,
      String imageId,
      boolean deleteReplaced,
      String oldVolumeId) {
    this.id = id;
    this.instanceId = instanceId;
    this.snapshotId = snapshotId;
    this.imageId = imageId;
    this.deleteReplaced = deleteReplaced;
    this.oldVolumeId = oldVolumeId;
  }

  synchronized boolean running() {
    return state.equals("pending") || state.equals("in-progress");
  }

  synchronized void ended(String to) {
    state = to;
    completeTime = Instant.now();
  }

  synchronized ReplaceRootVolumeTask toSdk(List<Tag> tags) {
    return ReplaceRootVolumeTask.builder()
        .replaceRootVolumeTaskId(id)
        .instanceId(instanceId)
        .taskState(state)
        .startTime(time(startTime))
        .completeTime(completeTime == null ? null : time(completeTime))
        .snapshotId(snapshotId)
        .imageId(imageId)
        .deleteReplacedRootVolume(deleteReplaced)
        .tags(tags)
        .build();
  }

  /** The API gives these times as strings, in ISO 8601 with milliseconds. */
  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
