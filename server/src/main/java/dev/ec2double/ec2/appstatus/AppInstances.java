package dev.ec2double.ec2.appstatus;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The seam to the instances an application status check watches; the assembly answers it from the
 * instances feature's store, so this feature imports none of it.
 */
public interface AppInstances {
  /** An instance as a check sees it; {@code state} is AWS's name ("running"...). */
  record Instance(
      String id,
      String state,
      String zone,
      String privateIp,
      Instant launched,
      Map<String, String> tags) {
    boolean running() {
      return "running".equals(state);
    }
  }

  /** The instance, or null when it does not exist (any more). */
  Instance find(RegionState region, String instanceId);

  /** Every instance of the Region that is not terminated, in launch order. */
  List<Instance> all(RegionState region);

  /** The instances, or EC2's error for a malformed or unknown id. */
  List<Instance> require(RequestContext ctx, List<String> instanceIds);
}
