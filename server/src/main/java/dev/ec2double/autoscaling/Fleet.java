package dev.ec2double.autoscaling;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * The seam between groups and the instances feature: a group launches and terminates its instances
 * through the same path as RunInstances and TerminateInstances (so they are real containers on the
 * docker backend) and reads their state. Owned here; the server answers it from the instances and
 * launch templates features, so this package imports neither.
 */
public interface Fleet {
  /** An instance as a group sees it; {@code state} is EC2's name ("pending", "running", ...). */
  record Instance(String id, String state, String zone, String instanceType, String imageId) {
    /** Terminated, on its way there, or stopped: an EC2 health check fails it. */
    public boolean impaired() {
      return !state.equals("pending") && !state.equals("running");
    }
  }

  /** Launches one instance (EC2's error when it cannot): the new instance. */
  Instance launch(RequestContext ctx, RunInstancesRequest request);

  /** Terminates an instance (nothing when it is gone already). */
  void terminate(RequestContext ctx, String instanceId);

  /** Stops a running instance (a warm pool's Stopped or Hibernated state). */
  void stop(RequestContext ctx, String instanceId);

  /**
   * Hibernates a running instance (a warm pool's Hibernated state): its memory is kept. An instance
   * launched without hibernation configured is stopped instead.
   */
  default void hibernate(RequestContext ctx, String instanceId) {
    stop(ctx, instanceId);
  }

  /** Starts a stopped instance (a warm pool's instance moving into the group). */
  void start(RequestContext ctx, String instanceId);

  /** The instance, or null when it does not exist. */
  Instance find(RegionState region, String instanceId);

  /**
   * The launch template the specification names, checked as CreateAutoScalingGroup checks it: Auto
   * Scaling's ValidationError when it does not exist. Returns its id.
   */
  String requireTemplate(RequestContext ctx, String id, String name, String version);

  /**
   * The CPU time the instance has used so far (nanoseconds) and its CPUs, from the engine's
   * statistics; null when not measured (the mock backend, a stopped instance). May block a second.
   */
  default Cpu cpu(RegionState region, String instanceId) {
    return null;
  }

  /** A reading of an instance's CPU. */
  record Cpu(long nanos, double cpus) {}

  /**
   * Whether the instance's status checks fail now (an impaired instance or system, its zone out):
   * AWS's EC2 health check counts it unhealthy, as a stopped one.
   */
  default boolean statusImpaired(RegionState region, String instanceId) {
    return false;
  }

  /** Whether the zone is out now: no instance is launched into it, as AWS avoids it. */
  default boolean zoneImpaired(RegionState region, String zone) {
    return false;
  }

  /**
   * Starts replacing a running instance's root volume from the image (EC2's
   * CreateReplaceRootVolumeTask, the replaced volume deleted): the task's id. EC2's error when it
   * cannot.
   */
  default String replaceRoot(RequestContext ctx, String instanceId, String imageId) {
    throw new dev.ec2double.errors.AwsException(
        "UnsupportedOperation", "Root volume replacement is not available here.");
  }

  /** A root volume replacement task's state (EC2's names), or null when there is no such task. */
  default String rootTaskState(RegionState region, String taskId) {
    return null;
  }

  /**
   * The architecture of the image a launch would run (its template's), which attribute-based
   * instance type selection matches types against; null when it cannot tell.
   */
  default String architecture(RequestContext ctx, RunInstancesRequest request) {
    return null;
  }

  /** The zone of a subnet, or null when the region has no such subnet. */
  String subnetZone(RegionState region, String subnetId);
}
