package dev.ec2double.ec2.fleets;

import dev.ec2double.core.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * How fleets launch and end their instances: as RunInstances and TerminateInstances do (the server
 * hands in the instances feature's), so a fleet's instances are real instances, Spot ones through
 * Spot requests.
 */
public interface FleetLaunches {
  RunInstancesResponse run(RequestContext ctx, RunInstancesRequest req);

  void terminate(RequestContext ctx, List<String> instanceIds);

  /**
   * The architecture of the image a launch would run (its template's, or its own image), which
   * attribute-based instance type selection matches types against, as AWS does; null when it cannot
   * tell (the launch then reports what is wrong).
   */
  default String architecture(RequestContext ctx, RunInstancesRequest req) {
    return null;
  }
}
