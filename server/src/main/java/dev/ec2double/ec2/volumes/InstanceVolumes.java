package dev.ec2double.ec2.volumes;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.instances.InstanceStorage;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.wire.AwsException;
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
  /** The root volume an AMI without mappings gets. */
  static final int ROOT_SIZE = 8;

  private final Ebs ebs;

  public InstanceVolumes(Ebs ebs) {
    this.ebs = ebs;
  }

  private record Planned(
      String device,
      VolumeTypes.Shape shape,
      SnapshotRecord snapshot,
      boolean deleteOnTermination,
      boolean root) {}

  @Override
  public Launch plan(
      RequestContext ctx, ImageRecord image, List<BlockDeviceMapping> mappings, List<Tag> tags) {
    Map<String, BlockDeviceMapping> merged = new LinkedHashMap<>();
    merged.put(
        ImagesService.ROOT_DEVICE,
        BlockDeviceMapping.builder()
            .deviceName(ImagesService.ROOT_DEVICE)
            .ebs(
                EbsBlockDevice.builder()
                    .volumeSize(ROOT_SIZE)
                    .volumeType("gp3")
                    .deleteOnTermination(true)
                    .build())
            .build());
    List<String> seen = new ArrayList<>();
    for (BlockDeviceMapping m : mappings) {
      String device = m.deviceName();
      if (device == null) {
        throw AwsException.missingParameter("BlockDeviceMapping.DeviceName");
      }
      if (seen.contains(device)) {
        throw new AwsException(
            "InvalidBlockDeviceMapping",
            "The device '" + device + "' is used in more than one block-device mapping");
      }
      seen.add(device);
      if (m.noDevice() != null) {
        merged.remove(device);
      } else if (m.ebs() != null) {
        AttachmentsService.checkDevice(device);
        BlockDeviceMapping base = merged.get(device);
        merged.put(device, base == null ? m : overlay(base, m));
      }
      // a virtualName names instance-store storage, which ec2-double does not model
    }
    List<Planned> planned = new ArrayList<>();
    for (BlockDeviceMapping m : merged.values()) {
      planned.add(planned(ctx, m));
    }
    return (c, instanceId, zone) -> create(c, instanceId, zone, planned, tags);
  }

  private static BlockDeviceMapping overlay(BlockDeviceMapping base, BlockDeviceMapping m) {
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
                .iops(o.iops() != null ? o.iops() : b.iops())
                .throughput(o.throughput() != null ? o.throughput() : b.throughput())
                .deleteOnTermination(
                    o.deleteOnTermination() != null
                        ? o.deleteOnTermination()
                        : b.deleteOnTermination())
                .snapshotId(o.snapshotId() != null ? o.snapshotId() : b.snapshotId())
                .build())
        .build();
  }

  private Planned planned(RequestContext ctx, BlockDeviceMapping m) {
    EbsBlockDevice e = m.ebs();
    boolean root = m.deviceName().equals(ImagesService.ROOT_DEVICE);
    SnapshotRecord snapshot =
        e.snapshotId() == null ? null : ebs.requireSnapshot(ctx, e.snapshotId());
    if (e.volumeSize() == null && snapshot == null) {
      throw new AwsException(
          "InvalidBlockDeviceMapping",
          "The device '" + m.deviceName() + "' needs a volume size or a snapshot id.");
    }
    int size = e.volumeSize() != null ? e.volumeSize() : snapshot.volumeSize;
    if (snapshot != null && size < snapshot.volumeSize) {
      throw new AwsException(
          "InvalidBlockDeviceMapping",
          "Volume of size "
              + size
              + "GB is smaller than snapshot '"
              + snapshot.id
              + "', expect size>= "
              + snapshot.volumeSize
              + "GB");
    }
    if (root && size < ROOT_SIZE) {
      throw new AwsException(
          "InvalidBlockDeviceMapping",
          "Volume of size "
              + size
              + "GB is smaller than snapshot, expect size >= "
              + ROOT_SIZE
              + "GB");
    }
    String type = e.volumeTypeAsString() == null ? "gp2" : e.volumeTypeAsString();
    VolumeTypes.Shape shape = VolumeTypes.check(type, size, e.iops(), e.throughput());
    boolean dot = e.deleteOnTermination() == null || e.deleteOnTermination();
    return new Planned(m.deviceName(), shape, snapshot, dot, root);
  }

  private Runnable create(
      RequestContext ctx, String instanceId, String zone, List<Planned> planned, List<Tag> tags) {
    String machine = Instances.machineName(instanceId);
    List<VolumeRecord> made = new ArrayList<>();
    for (Planned p : planned) {
      VolumeRecord v = ebs.newVolume(ctx, zone, p.shape(), p.snapshot(), tags, p.root());
      v.attached(instanceId, machine, p.device(), p.deleteOnTermination());
      ebs.attach(v, machine, p.device());
      made.add(v);
    }
    return () -> made.forEach(VolumeRecord::settle);
  }

  @Override
  public List<InstanceBlockDeviceMapping> devices(RegionState state, String instanceId) {
    List<InstanceBlockDeviceMapping> out = new ArrayList<>();
    for (VolumeRecord v : Ebs.store(state).attachedTo(instanceId)) {
      synchronized (v) {
        if (v.device != null) {
          out.add(mapping(v));
        }
      }
    }
    return out;
  }

  @Override
  public Map<String, List<InstanceBlockDeviceMapping>> devicesByInstance(RegionState state) {
    Map<String, List<VolumeRecord>> attached = Ebs.store(state).attachedByInstance();
    Map<String, List<InstanceBlockDeviceMapping>> out = new HashMap<>();
    attached.forEach(
        (id, vs) -> {
          List<InstanceBlockDeviceMapping> list = new ArrayList<>(vs.size());
          for (VolumeRecord v : vs) {
            synchronized (v) {
              if (v.device != null) {
                list.add(mapping(v));
              }
            }
          }
          out.put(id, list);
        });
    return out;
  }

  /** Caller holds v's lock. */
  private static InstanceBlockDeviceMapping mapping(VolumeRecord v) {
    return InstanceBlockDeviceMapping.builder()
        .deviceName(v.device)
        .ebs(
            EbsInstanceBlockDevice.builder()
                .volumeId(v.id)
                .status(v.attachState)
                .attachTime(v.attachTime)
                .deleteOnTermination(v.deleteOnTermination)
                .build())
        .build();
  }

  @Override
  public void terminated(RequestContext ctx, String instanceId) {
    for (VolumeRecord v : Ebs.store(ctx.state()).attachedTo(instanceId)) {
      boolean delete;
      synchronized (v) {
        delete = v.deleteOnTermination;
      }
      ebs.detach(v, true, delete ? () -> ebs.delete(ctx, v) : () -> {});
    }
  }
}
