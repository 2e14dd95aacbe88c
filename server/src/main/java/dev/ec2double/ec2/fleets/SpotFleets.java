package dev.ec2double.ec2.fleets;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfig;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfigData;

/**
 * Spot Fleet requests as a resource kind: records in the region's {@link FleetStore} (of kind
 * {@code spot}). DescribeSpotFleetRequests takes no filters.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSpotFleetRequests.html
 */
final class SpotFleets {
  private SpotFleets() {}

  /** {@code sfr-} and a UUID, as AWS's Spot Fleet request ids are. */
  static String nextId() {
    return "sfr-" + UUID.randomUUID();
  }

  static final ResourceKind<FleetStore.Fleet, SpotFleetRequestConfig> KIND =
      ResourceKind.<FleetStore.Fleet, SpotFleetRequestConfig>of("sfr", "spot-fleet-request")
          .errors("InvalidSpotFleetRequestId.NotFound", "spot fleet request", null)
          .storedIn(FleetStore::of, s -> s.spot)
          .id(f -> f.id)
          .view(SpotFleets::view, SpotFleetRequestConfig::tags)
          .build();

  private static SpotFleetRequestConfig view(RequestContext ctx, FleetStore.Fleet f) {
    SpotFleetRequestConfigData c = (SpotFleetRequestConfigData) f.config;
    List<FleetStore.Member> live = FleetEngine.liveMembers(ctx.state(), f);
    double onDemand = FleetEngine.units(f, live, "on-demand");
    return SpotFleetRequestConfig.builder()
        .spotFleetRequestId(f.id)
        .spotFleetRequestState(f.state)
        .activityStatus(f.activity)
        .createTime(f.created)
        .spotFleetRequestConfig(
            c.toBuilder()
                .targetCapacity(f.target)
                .onDemandTargetCapacity(f.onDemandTarget)
                .excessCapacityTerminationPolicy(f.excessPolicy)
                .fulfilledCapacity(FleetEngine.units(f, live, null))
                .onDemandFulfilledCapacity(onDemand)
                .build())
        .tags(ctx.tags().sdkTags(f.id))
        .build();
  }
}
