package dev.ec2double.ec2.volumes;

import dev.ec2double.core.TagStore;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/** A volume and its attachment as DescribeVolumes and AttachVolume show them. */
final class VolumeView {
  private VolumeView() {}

  static Volume toSdk(VolumeRecord v, TagStore tags) {
    synchronized (v) {
      List<VolumeAttachment> attachments = new ArrayList<>(v.attachments.size());
      for (VolumeRecord.Attachment a : v.attachments) {
        attachments.add(attachment(v, a));
      }
      Volume.Builder b =
          Volume.builder()
              .volumeId(v.id)
              .size(v.size)
              .snapshotId(v.snapshotId == null ? "" : v.snapshotId)
              .availabilityZone(v.zone)
              .state(v.state)
              .createTime(v.createTime)
              .attachments(attachments)
              .volumeType(v.type)
              .iops(v.iops)
              .throughput(v.throughput)
              .encrypted(v.encrypted)
              .kmsKeyId(v.kmsKeyId)
              .multiAttachEnabled(v.multiAttach)
              .fastRestored(false);
      List<software.amazon.awssdk.services.ec2.model.Tag> t = tags.sdkTags(v.id);
      if (!t.isEmpty()) {
        b.tags(t);
      }
      return b.build();
    }
  }

  static VolumeAttachment attachment(VolumeRecord v, VolumeRecord.Attachment a) {
    synchronized (v) {
      return VolumeAttachment.builder()
          .volumeId(v.id)
          .instanceId(a.instanceId)
          .device(a.device)
          .state(a.state)
          .attachTime(a.time)
          .deleteOnTermination(a.deleteOnTermination)
          .build();
    }
  }
}
