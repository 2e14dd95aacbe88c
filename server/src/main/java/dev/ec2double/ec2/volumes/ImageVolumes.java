package dev.ec2double.ec2.volumes;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImageStorage;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;

/**
 * Block device mappings of AMIs. CreateImage snapshots every volume attached to the instance, as
 * AWS does, so an instance launched from the AMI gets volumes holding what its source's volumes
 * held; the root volume's snapshot is a record only, its files are in the AMI's engine image.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/creating-an-ami-ebs.html
 */
public final class ImageVolumes implements ImageStorage {
  private final Ebs ebs;

  public ImageVolumes(Ebs ebs) {
    this.ebs = ebs;
  }

  @Override
  public List<BlockDeviceMapping> register(RequestContext ctx, List<BlockDeviceMapping> mappings) {
    Map<String, BlockDeviceMapping> out = new LinkedHashMap<>();
    out.put(ImagesService.ROOT_DEVICE, ImageRecord.defaultRoot());
    for (BlockDeviceMapping m : checked(mappings)) {
      out.put(m.deviceName(), m.ebs() == null ? m : EbsMapping.check(ebs, ctx, m).toImageMapping());
    }
    return List.copyOf(out.values());
  }

  @Override
  public List<BlockDeviceMapping> capture(
      RequestContext ctx, String instanceId, String imageId, List<BlockDeviceMapping> requested) {
    Map<String, BlockDeviceMapping> given = new LinkedHashMap<>();
    for (BlockDeviceMapping m : checked(requested)) {
      given.put(m.deviceName(), m);
    }
    // check everything before the first snapshot is taken
    for (BlockDeviceMapping m : given.values()) {
      if (m.ebs() != null && m.ebs().snapshotId() != null) {
        ebs.requireSnapshot(ctx, m.ebs().snapshotId());
      }
    }
    Map<String, BlockDeviceMapping> out = new LinkedHashMap<>();
    List<EbsStore.Attached> attached = Ebs.store(ctx.state()).attachedTo(instanceId);
    // the root device first, as AWS lists it
    attached.sort(Comparator.comparing(x -> !x.volume().root));
    for (EbsStore.Attached x : attached) {
      VolumeRecord v = x.volume();
      String device = x.attachment().device;
      boolean dot;
      synchronized (v) {
        dot = x.attachment().deleteOnTermination;
      }
      BlockDeviceMapping change = given.get(device);
      if (device == null || (change != null && change.noDevice() != null)) {
        continue;
      }
      SnapshotRecord s =
          ebs.snapshot(
              ctx, v, "Created by CreateImage(" + instanceId + ") for " + imageId, List.of());
      BlockDeviceMapping own = new EbsMapping(device, v.shape(), s, dot, null).toImageMapping();
      out.put(
          device,
          change == null || change.ebs() == null
              ? own
              : EbsMapping.check(ebs, ctx, InstanceVolumes.overlay(own, change)).toImageMapping());
    }
    for (BlockDeviceMapping m : given.values()) {
      if (out.containsKey(m.deviceName()) || m.ebs() == null && m.noDevice() != null) {
        continue;
      }
      out.put(m.deviceName(), m.ebs() == null ? m : EbsMapping.check(ebs, ctx, m).toImageMapping());
    }
    return List.copyOf(out.values());
  }

  @Override
  public List<BlockDeviceMapping> copy(
      RequestContext ctx,
      RegionState sourceOwner,
      String imageId,
      List<BlockDeviceMapping> mappings,
      boolean encrypted,
      String kmsKeyId) {
    List<BlockDeviceMapping> out = new ArrayList<>();
    for (BlockDeviceMapping m : mappings) {
      EbsBlockDevice e = m.ebs();
      if (e == null) {
        out.add(m);
        continue;
      }
      EbsBlockDevice.Builder b = e.toBuilder();
      if (encrypted) {
        b.encrypted(true).kmsKeyId(kmsKeyId);
      }
      SnapshotRecord from =
          e.snapshotId() == null ? null : Ebs.store(sourceOwner).snapshots.get(e.snapshotId());
      if (from != null) {
        SnapshotRecord to =
            ebs.copy(
                ctx,
                from,
                sourceOwner.region(),
                "Copied for DestinationAmi " + imageId + " from " + from.id,
                List.of(),
                encrypted,
                kmsKeyId);
        b.snapshotId(to.id);
      }
      out.add(m.toBuilder().ebs(b.build()).build());
    }
    return out;
  }

  /**
   * Each mapping names a device once and is one of NoDevice, a virtual (instance store) name or
   * EBS; NoDevice and virtual names are kept as given (ec2-double has no instance store).
   */
  private static List<BlockDeviceMapping> checked(List<BlockDeviceMapping> mappings) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<BlockDeviceMapping> out = new ArrayList<>();
    for (BlockDeviceMapping m : mappings) {
      String device = EbsMapping.device(m, seen);
      if (m.noDevice() != null) {
        out.add(BlockDeviceMapping.builder().deviceName(device).noDevice("").build());
      } else if (m.virtualName() != null) {
        out.add(
            BlockDeviceMapping.builder().deviceName(device).virtualName(m.virtualName()).build());
      } else if (m.ebs() != null) {
        AttachmentsService.checkDevice(device);
        out.add(m);
      } else {
        throw new AwsException(
            "InvalidBlockDeviceMapping",
            "The device '" + device + "' needs one of Ebs, VirtualName or NoDevice.");
      }
    }
    return out;
  }
}
