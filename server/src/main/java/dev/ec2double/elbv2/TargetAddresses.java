package dev.ec2double.elbv2;

import dev.ec2double.core.RegionState;

/**
 * Where a target is reached: an ip target at its own address, an instance at its private IP (the
 * host reaches containers on the engine's bridge networks).
 */
public final class TargetAddresses {
  private final TargetInstances instances;

  public TargetAddresses(TargetInstances instances) {
    this.instances = instances;
  }

  /** The address, or null when the instance no longer exists. */
  public String of(RegionState region, TargetGroupRecord group, TargetRecord target) {
    if (!group.isInstanceType()) {
      return target.id;
    }
    return instances.privateIp(region, target.id);
  }
}
