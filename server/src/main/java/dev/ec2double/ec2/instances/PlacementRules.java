package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ModifyInstancePlacementRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * What placement groups, Dedicated Hosts and Capacity Reservations decide about an instance's
 * {@link InstancePlacement}: at launch (under the instance store's lock, so that a limit such as a
 * spread group's seven instances per zone holds against concurrent launches) and in
 * ModifyInstancePlacement. Owned here so that instances never depend on the features that answer
 * it; each rule throws AWS's error for what it refuses and passes on what is not its business.
 */
public interface PlacementRules {
  /**
   * One RunInstances call as the rules see it.
   *
   * @param zone the zone of the instances' subnet
   * @param vcpus the vCPUs of one instance of the type
   * @param store the region's instances (its lock is held)
   */
  record Launch(
      RunInstancesRequest request,
      String instanceType,
      String zone,
      int vcpus,
      InstanceStore store) {}

  /** The placements of the instances about to be launched, one per instance, decided further. */
  List<InstancePlacement> launch(RequestContext ctx, Launch launch, List<InstancePlacement> slots);

  /**
   * A stopped instance's placement as ModifyInstancePlacement asks for it: unchanged by default.
   */
  default InstancePlacement modify(
      RequestContext ctx,
      InstanceRecord r,
      ModifyInstancePlacementRequest req,
      InstancePlacement now) {
    return now;
  }

  /**
   * Stopped instances about to start (StartInstances), checked under the instance store's lock
   * before any changes state: a rule throws AWS's error for a start it refuses (a rack spread
   * group's seven running instances per zone), and then none of them starts.
   *
   * @param starting the instances that are stopped and will start
   * @param store the region's instances (its lock is held)
   */
  default void start(RequestContext ctx, List<InstanceRecord> starting, InstanceStore store) {}

  /** The rules applied one after the other. */
  static PlacementRules chain(PlacementRules... rules) {
    return new PlacementRules() {
      @Override
      public List<InstancePlacement> launch(
          RequestContext ctx, Launch launch, List<InstancePlacement> slots) {
        for (PlacementRules r : rules) {
          slots = r.launch(ctx, launch, slots);
        }
        return slots;
      }

      @Override
      public InstancePlacement modify(
          RequestContext ctx,
          InstanceRecord record,
          ModifyInstancePlacementRequest req,
          InstancePlacement now) {
        for (PlacementRules r : rules) {
          now = r.modify(ctx, record, req, now);
        }
        return now;
      }

      @Override
      public void start(RequestContext ctx, List<InstanceRecord> starting, InstanceStore store) {
        for (PlacementRules r : rules) {
          r.start(ctx, starting, store);
        }
      }
    };
  }

  /** What a server without these features decides: nothing beyond the zone. */
  PlacementRules NONE = chain();
}
