package dev.ec2double.elbv2;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.Instances;

/**
 * The seam between target groups and the instances feature: what ELBv2 needs to know of an instance
 * target (registering it, checking its health, forwarding to it). {@link #fromInstances()} answers
 * from the instances feature's store; nothing else in ELBv2 imports it.
 */
public interface TargetInstances {
  /** An instance as a target sees it; {@code state} is AWS's name of its state ("running"...). */
  record Instance(String id, String state, String vpcId, String zone, String privateIp) {
    public boolean running() {
      return "running".equals(state);
    }
  }

  /** The instance, or null when it does not exist (any more). */
  Instance find(RegionState region, String instanceId);

  /** The instance, or EC2's error for a missing, malformed or unknown id. */
  Instance require(RequestContext ctx, String instanceId);

  /** Its private address (what the proxy and the health checks connect to), or null when gone. */
  String privateIp(RegionState region, String instanceId);

  /** Answered from the instances feature's store. */
  static TargetInstances fromInstances() {
    return new TargetInstances() {
      @Override
      public Instance find(RegionState region, String instanceId) {
        InstanceRecord r = Instances.store(region).get(instanceId);
        return r == null ? null : view(r);
      }

      @Override
      public Instance require(RequestContext ctx, String instanceId) {
        return view(Instances.require(ctx, instanceId));
      }

      @Override
      public String privateIp(RegionState region, String instanceId) {
        InstanceRecord r = Instances.store(region).get(instanceId);
        return r == null ? null : r.privateIp();
      }

      private static Instance view(InstanceRecord r) {
        return new Instance(r.id(), r.state().awsName(), r.vpcId(), r.zone(), r.privateIp());
      }
    };
  }
}
