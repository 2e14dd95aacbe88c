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
      List<VolumeAttachment> attachments = new ArrayList<>();
      if (v.instanceId != null) {
        attachments.add(attachment(v));
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
              .encrypted(false)
              .multiAttachEnabled(false)
              .fastRestored(false);
      List<software.amazon.awssdk.services.ec2.model.Tag> t = tags.sdkTags(v.id);
      if (!t.isEmpty()) {
        b.tags(t);
      }
      return b.build();
    }
  }

  static VolumeAttachment attachment(VolumeRecord v) {
    synchronized (v) {
      return VolumeAttachment.builder()
          .volumeId(v.id)
          .instanceId(v.instanceId)
          .device(v.device)
          .state(v.attachState)
          .attachTime(v.attachTime)
          .deleteOnTermination(v.deleteOnTermination)
          .build();
    }
  }
}
