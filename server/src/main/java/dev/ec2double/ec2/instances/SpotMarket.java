package dev.ec2double.ec2.instances;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * The Spot market, as instances need it: RunInstances with {@code InstanceMarketOptions} (the Spot
 * feature checks the options, opens one Spot request per instance and has them launched by {@code
 * run}), and what a Spot interruption (an injected fault) does to an instance's request. Owned here
 * so that instances never depend on the feature that answers it.
 */
public interface SpotMarket {
  /** Launches a request's instances; each instance gets the Spot request id at its index. */
  interface Run {
    RunInstancesResponse run(RunInstancesRequest req, List<String> spotRequestIds);
  }

  RunInstancesResponse launch(RequestContext ctx, RunInstancesRequest req, Run run);

  /**
   * What a Spot interruption of this instance does ({@code terminate}, {@code stop} or {@code
   * hibernate}), as its request says; null when the instance has no Spot request.
   */
  String interruptionBehavior(RegionState state, String instanceId);

  /** The interruption notice is given: the request shows {@code marked-for-…}. */
  void marked(RegionState state, String instanceId, String behavior);

  /** The notice period ended and the instance was stopped or terminated. */
  void interrupted(RegionState state, String instanceId, String behavior);

  /** The interruption was cleared after it happened: capacity is back. */
  void capacityBack(RegionState state, String instanceId, String behavior);

  /** What a server without the Spot feature answers. */
  SpotMarket NONE =
      new SpotMarket() {
        @Override
        public RunInstancesResponse launch(RequestContext ctx, RunInstancesRequest req, Run run) {
          throw new dev.ec2double.errors.AwsException(
              "UnsupportedOperation", "ec2-double does not support Spot Instances here.");
        }

        @Override
        public String interruptionBehavior(RegionState state, String instanceId) {
          return null;
        }

        @Override
        public void marked(RegionState state, String instanceId, String behavior) {}

        @Override
        public void interrupted(RegionState state, String instanceId, String behavior) {}

        @Override
        public void capacityBack(RegionState state, String instanceId, String behavior) {}
      };
}
