package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RegionState;

/** What the networking services need to know about an instance, from the instances feature. */
@FunctionalInterface
public interface InstancePlacements {
  /** Where a live instance is; throws AWS's InvalidInstanceID.NotFound for an unknown one. */
  Placement of(RegionState state, String instanceId);

  /**
   * The instance's VPC and availability zone, its type and how many network interfaces the type
   * takes.
   */
  record Placement(String vpcId, String zone, String instanceType, int maxInterfaces) {
    /** An instance whose type sets no limit here. */
    public Placement(String vpcId, String zone) {
      this(vpcId, zone, null, Integer.MAX_VALUE);
    }
  }
}
