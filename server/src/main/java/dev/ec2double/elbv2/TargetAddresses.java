package dev.ec2double.elbv2;

import dev.ec2double.core.RegionState;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.Instances;

/**
 * Where a target is reached: an ip target at its own address, an instance at its private IP (the
 * host reaches containers on the engine's bridge networks).
 */
public final class TargetAddresses {
  private TargetAddresses() {}

  /** The address, or null when the instance no longer exists. */
  public static String of(RegionState region, TargetGroupRecord group, TargetRecord target) {
    if (!group.isInstanceType()) {
      return target.id;
    }
    InstanceRecord instance = Instances.store(region).get(target.id);
    return instance == null ? null : instance.privateIp();
  }
}
