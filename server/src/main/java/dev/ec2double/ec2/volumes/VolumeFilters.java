package dev.ec2double.ec2.volumes;

import dev.ec2double.core.FilterSpec;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.ec2.model.VolumeModification;
import software.amazon.awssdk.services.ec2.model.VolumeStatusItem;

/**
 * The filters of DescribeVolumes, DescribeVolumeStatus and DescribeVolumesModifications, as the API
 * reference lists them
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVolumes.html).
 */
final class VolumeFilters {
  private VolumeFilters() {}

  static final FilterSpec<Volume> VOLUMES =
      FilterSpec.<Volume>of()
          .multi(
              "attachment.attach-time",
              v -> v.attachments().stream().map(a -> String.valueOf(a.attachTime())).toList())
          .multi(
              "attachment.delete-on-termination",
              v ->
                  v.attachments().stream()
                      .map(a -> String.valueOf(a.deleteOnTermination()))
                      .toList())
          .multi(
              "attachment.device",
              v -> v.attachments().stream().map(VolumeAttachment::device).toList())
          .multi(
              "attachment.instance-id",
              v -> v.attachments().stream().map(VolumeAttachment::instanceId).toList())
          .multi(
              "attachment.status",
              v -> v.attachments().stream().map(VolumeAttachment::stateAsString).toList())
          .field("availability-zone", Volume::availabilityZone)
          .field("create-time", v -> v.createTime().toString())
          .field("encrypted", Volume::encrypted)
          .field("fast-restored", Volume::fastRestored)
          .field("multi-attach-enabled", Volume::multiAttachEnabled)
          .field("size", Volume::size)
          .field("snapshot-id", Volume::snapshotId)
          .field("status", Volume::stateAsString)
          .field("volume-id", Volume::volumeId)
          .field("volume-type", Volume::volumeTypeAsString)
          .field("iops", Volume::iops)
          .field("throughput", Volume::throughput)
          .tags(
              v -> v.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));

  static final FilterSpec<VolumeStatusItem> STATUS =
      FilterSpec.<VolumeStatusItem>of()
          .field("availability-zone", VolumeStatusItem::availabilityZone)
          .field("volume-status.status", s -> s.volumeStatus().statusAsString())
          .multi(
              "volume-status.details-name",
              s -> s.volumeStatus().details().stream().map(d -> d.nameAsString()).toList())
          .multi(
              "volume-status.details-status",
              s -> s.volumeStatus().details().stream().map(d -> d.status()).toList())
          .multi("action.code", s -> s.actions().stream().map(a -> a.code()).toList())
          .multi("action.description", s -> s.actions().stream().map(a -> a.description()).toList())
          .multi("action.event-id", s -> s.actions().stream().map(a -> a.eventId()).toList())
          .multi("event.description", s -> s.events().stream().map(e -> e.description()).toList())
          .multi("event.event-id", s -> s.events().stream().map(e -> e.eventId()).toList())
          .multi("event.event-type", s -> s.events().stream().map(e -> e.eventType()).toList())
          .multi(
              "event.not-after",
              s -> s.events().stream().map(e -> String.valueOf(e.notAfter())).toList())
          .multi(
              "event.not-before",
              s -> s.events().stream().map(e -> String.valueOf(e.notBefore())).toList());

  static final FilterSpec<VolumeModification> MODIFICATIONS =
      FilterSpec.<VolumeModification>of()
          .field("modification-state", VolumeModification::modificationStateAsString)
          .field("original-iops", VolumeModification::originalIops)
          .field("original-size", VolumeModification::originalSize)
          .field("original-volume-type", VolumeModification::originalVolumeTypeAsString)
          .field("original-throughput", VolumeModification::originalThroughput)
          .field("original-multi-attach-enabled", VolumeModification::originalMultiAttachEnabled)
          .field("start-time", m -> m.startTime().toString())
          .field("target-iops", VolumeModification::targetIops)
          .field("target-size", VolumeModification::targetSize)
          .field("target-volume-type", VolumeModification::targetVolumeTypeAsString)
          .field("target-throughput", VolumeModification::targetThroughput)
          .field("target-multi-attach-enabled", VolumeModification::targetMultiAttachEnabled)
          .field("volume-id", VolumeModification::volumeId);
}
