package dev.ec2double.ec2.images;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;

/** What AMIs need from EBS: their block device mappings, checked, and made from an instance. */
public interface ImageStorage {
  /**
   * RegisterImage's mappings checked as AWS checks them (a snapshot named must exist), with the
   * defaults filled in and the root device added when they do not name it.
   */
  List<BlockDeviceMapping> register(RequestContext ctx, List<BlockDeviceMapping> mappings);

  /**
   * CreateImage: a snapshot of each volume attached to the instance, taken now, as the new AMI's
   * mappings; the request's mappings then apply ({@code NoDevice} leaves a volume out and takes no
   * snapshot of it, the same device name changes an entry, a new one adds it).
   */
  List<BlockDeviceMapping> capture(
      RequestContext ctx, String instanceId, String imageId, List<BlockDeviceMapping> requested);

  /**
   * CopyImage: a copy, in the caller's account and region, of every snapshot the source AMI's
   * mappings name (held by {@code sourceOwner}, the source AMI's owner in the source region), as
   * the new AMI's mappings.
   */
  List<BlockDeviceMapping> copy(
      RequestContext ctx,
      RegionState sourceOwner,
      String imageId,
      List<BlockDeviceMapping> mappings,
      boolean encrypted,
      String kmsKeyId);
}
