package dev.ec2double.ec2.instances;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Tag;

/** What the instances need from EBS: their volumes at launch, in Describe, at termination. */
public interface InstanceStorage {
  /**
   * Checks RunInstances' block device mappings merged with the AMI's, with AWS's errors, before
   * anything is made.
   */
  Launch plan(
      RequestContext ctx, ImageRecord image, List<BlockDeviceMapping> mappings, List<Tag> tags);

  /** The volumes one launch makes for each of its instances. */
  interface Launch {
    /**
     * Records the instance's volumes, root included, attached; returns the storage work to run
     * before its machine boots, so the volumes are there from the first boot.
     */
    Runnable create(RequestContext ctx, String instanceId, String zone);
  }

  /** DescribeInstances' blockDeviceMapping of the instance. */
  List<InstanceBlockDeviceMapping> devices(RegionState state, String instanceId);

  /** {@link #devices} of every instance with a volume, from one look at the volumes. */
  java.util.Map<String, List<InstanceBlockDeviceMapping>> devicesByInstance(RegionState state);

  /** The instance terminated: its DeleteOnTermination volumes go, the others are detached. */
  void terminated(RequestContext ctx, String instanceId);
}
