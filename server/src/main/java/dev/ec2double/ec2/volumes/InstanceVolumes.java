package dev.ec2double.ec2.volumes;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.instances.InstanceStorage;
import dev.ec2double.ec2.instances.Instances;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.EbsInstanceBlockDevice;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Block device mappings of RunInstances: the root volume (the instance's own disk, listed like any
 * volume) and new volumes, empty or from snapshots, attached before the instance first boots;
 * DeleteOnTermination honoured when it terminates.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html
 */
public final class InstanceVolumes implements InstanceStorage {
  private final Ebs ebs;

  public InstanceVolumes(Ebs ebs) {
    this.ebs = ebs;
  }

  /**
   * The AMI's mappings (its root device, volumes from its snapshots), then RunInstances' own: the
   * same device name changes the AMI's entry, {@code NoDevice} drops it, a new name adds a volume.
   */
  @Override
  public Launch plan(
      RequestContext ctx, ImageRecord image, List<BlockDeviceMapping> mappings, List<Tag> tags) {
    Map<String, BlockDeviceMapping> merged = new LinkedHashMap<>();
    for (BlockDeviceMapping m : image.blockDeviceMappings()) {
      if (m.ebs() != null) {
        merged.put(m.deviceName(), m);
      }
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (BlockDeviceMapping m : mappings) {
      String device = EbsMapping.device(m, seen);
      if (m.noDevice() != null) {
        merged.remove(device);
      } else if (m.ebs() != null) {
        AttachmentsService.checkDevice(device);
        BlockDeviceMapping base = merged.get(device);
        merged.put(device, base == null ? m : overlay(base, m));
      }
      // a virtualName names instance-store storage, which ec2-double does not model
    }
    List<EbsMapping> planned = new ArrayList<>();
    for (BlockDeviceMapping m : merged.values()) {
      planned.add(EbsMapping.check(ebs, ctx, m));
    }
    return (c, instanceId, zone) -> create(c, instanceId, zone, planned, tags);
  }

  /** A mapping changed by another for the same device: what the other gives wins. */
  static BlockDeviceMapping overlay(BlockDeviceMapping base, BlockDeviceMapping m) {
    EbsBlockDevice b = base.ebs();
    EbsBlockDevice o = m.ebs();
    return base.toBuilder()
        .ebs(
            b.toBuilder()
                .volumeSize(o.volumeSize() != null ? o.volumeSize() : b.volumeSize())
                .volumeType(
                    o.volumeTypeAsString() != null
                        ? o.volumeTypeAsString()
                        : b.volumeTypeAsString())
                .iops(o.iops() != null ? o.iops() : keptIops(b, o))
                .throughput(o.throughput() != null ? o.throughput() : keptThroughput(b, o))
                .deleteOnTermination(
                    o.deleteOnTermination() != null
                        ? o.deleteOnTermination()
                        : b.deleteOnTermination())
                .snapshotId(o.snapshotId() != null ? o.snapshotId() : b.snapshotId())
                .build())
        .build();
  }

  /** The base's IOPS, unless the override changes the type (they belong to the old type). */
  private static Integer keptIops(EbsBlockDevice b, EbsBlockDevice o) {
    return o.volumeTypeAsString() != null ? null : b.iops();
  }

  private static Integer keptThroughput(EbsBlockDevice b, EbsBlockDevice o) {
    return o.volumeTypeAsString() != null ? null : b.throughput();
  }

  private Runnable create(
      RequestContext ctx,
      String instanceId,
      String zone,
      List<EbsMapping> planned,
      List<Tag> tags) {
    String machine = Instances.machineName(instanceId);
    List<VolumeRecord> made = new ArrayList<>();
    for (EbsMapping p : planned) {
      VolumeRecord v =
          ebs.newVolume(ctx, zone, p.shape(), p.snapshot(), tags, p.root(), p.encryption(), false);
      ebs.attach(v, v.attached(instanceId, machine, p.device(), p.deleteOnTermination()));
      made.add(v);
    }
    return () -> made.forEach(VolumeRecord::settle);
  }

  @Override
  public List<InstanceBlockDeviceMapping> devices(RegionState state, String instanceId) {
    return mappings(Ebs.store(state).attachedTo(instanceId));
  }

  @Override
  public Map<String, List<InstanceBlockDeviceMapping>> devicesByInstance(RegionState state) {
    Map<String, List<InstanceBlockDeviceMapping>> out = new HashMap<>();
    Ebs.store(state).attachedByInstance().forEach((id, list) -> out.put(id, mappings(list)));
    return out;
  }

  private static List<InstanceBlockDeviceMapping> mappings(List<EbsStore.Attached> attached) {
    List<InstanceBlockDeviceMapping> out = new ArrayList<>(attached.size());
    for (EbsStore.Attached x : attached) {
      VolumeRecord.Attachment a = x.attachment();
      synchronized (x.volume()) {
        out.add(
            InstanceBlockDeviceMapping.builder()
                .deviceName(a.device)
                .ebs(
                    EbsInstanceBlockDevice.builder()
                        .volumeId(x.volume().id)
                        .status(a.state)
                        .attachTime(a.time)
                        .deleteOnTermination(a.deleteOnTermination)
                        .build())
                .build());
      }
    }
    return out;
  }

  /**
   * Detaches its volumes; one whose attachment says DeleteOnTermination is deleted once no instance
   * is attached to it any more (a Multi-Attach volume outlives all but its last instance).
   */
  @Override
  public void terminated(RequestContext ctx, String instanceId) {
    for (EbsStore.Attached x : Ebs.store(ctx.state()).attachedTo(instanceId)) {
      VolumeRecord v = x.volume();
      boolean delete;
      synchronized (v) {
        delete = x.attachment().deleteOnTermination;
      }
      ebs.detach(
          v,
          x.attachment(),
          true,
          delete
              ? () -> {
                if (!v.inUse()) {
                  ebs.delete(ctx, v);
                }
              }
              : () -> {});
    }
  }
}
