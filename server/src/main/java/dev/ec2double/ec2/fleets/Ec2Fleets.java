package dev.ec2double.ec2.fleets;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Shapes;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfig;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.InstanceRequirements;
import software.amazon.awssdk.services.ec2.model.OnDemandOptions;
import software.amazon.awssdk.services.ec2.model.SpotOptions;
import software.amazon.awssdk.services.ec2.model.TargetCapacitySpecification;

/**
 * EC2 Fleets as a resource kind: records in the region's {@link FleetStore} (of kind {@code ec2}),
 * with DescribeFleets' filters.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeFleets.html
 */
final class Ec2Fleets {
  private Ec2Fleets() {}

  /** {@code fleet-} and a UUID, as AWS's fleet ids are. */
  static String nextId() {
    return "fleet-" + UUID.randomUUID();
  }

  static final ResourceKind<FleetStore.Fleet, FleetData> KIND =
      ResourceKind.<FleetStore.Fleet, FleetData>of("fleet", "fleet")
          .errors("InvalidFleetId.NotFound", "fleet", null)
          .storedIn(FleetStore::of, Ec2Fleets::ec2Fleets)
          .id(f -> f.id)
          .view(Ec2Fleets::view, FleetData::tags)
          .filter("activity-status", FleetData::activityStatusAsString)
          .filter(
              "excess-capacity-termination-policy",
              FleetData::excessCapacityTerminationPolicyAsString)
          .filter("fleet-state", FleetData::fleetStateAsString)
          .filter("replace-unhealthy-instances", FleetData::replaceUnhealthyInstances)
          .filter("type", FleetData::typeAsString)
          .build();

  /**
   * The EC2 Fleets of the store: a live view would need its own map, so the kind reads a map kept
   * beside the Spot Fleets' under the same lock.
   */
  private static java.util.Map<String, FleetStore.Fleet> ec2Fleets(FleetStore s) {
    return s.ec2;
  }

  /** What a CreateFleet request asked for, as DescribeFleets shows it. */
  static FleetData snapshot(CreateFleetRequest c) {
    var t = c.targetCapacitySpecification();
    return FleetData.builder()
        .launchTemplateConfigs(configs(c.launchTemplateConfigs()))
        .targetCapacitySpecification(
            TargetCapacitySpecification.builder()
                .defaultTargetCapacityType(
                    t.defaultTargetCapacityTypeAsString() == null
                        ? "on-demand"
                        : t.defaultTargetCapacityTypeAsString())
                .targetCapacityUnitType(t.targetCapacityUnitTypeAsString())
                .build())
        .terminateInstancesWithExpiration(Boolean.TRUE.equals(c.terminateInstancesWithExpiration()))
        .validFrom(c.validFrom())
        .validUntil(c.validUntil())
        .replaceUnhealthyInstances(Boolean.TRUE.equals(c.replaceUnhealthyInstances()))
        .spotOptions(
            SpotOptions.builder()
                .allocationStrategy(
                    c.spotOptions() == null || c.spotOptions().allocationStrategy() == null
                        ? "lowest-price"
                        : c.spotOptions().allocationStrategyAsString())
                .instanceInterruptionBehavior("terminate")
                .build())
        .onDemandOptions(
            OnDemandOptions.builder()
                .allocationStrategy(
                    c.onDemandOptions() == null || c.onDemandOptions().allocationStrategy() == null
                        ? "lowestPrice"
                        : c.onDemandOptions().allocationStrategyAsString())
                .build())
        .build();
  }

  private static FleetData view(RequestContext ctx, FleetStore.Fleet f) {
    FleetData c = (FleetData) f.config;
    List<FleetStore.Member> live = FleetEngine.liveMembers(ctx.state(), f);
    double onDemand = FleetEngine.units(f, live, "on-demand");
    return c.toBuilder()
        .fleetId(f.id)
        .fleetState(f.state)
        .activityStatus(f.type.equals("instant") ? null : f.activity)
        .createTime(f.created)
        .clientToken(f.clientToken)
        .type(f.type)
        .excessCapacityTerminationPolicy(f.type.equals("instant") ? null : f.excessPolicy)
        .fulfilledCapacity(FleetEngine.units(f, live, null))
        .fulfilledOnDemandCapacity(onDemand)
        .targetCapacitySpecification(
            c.targetCapacitySpecification().toBuilder()
                .totalTargetCapacity(f.target)
                .onDemandTargetCapacity(f.onDemandTarget)
                .spotTargetCapacity(f.target - f.onDemandTarget)
                .build())
        .tags(ctx.tags().sdkTags(f.id))
        .build();
  }

  static List<FleetLaunchTemplateConfig> configs(List<FleetLaunchTemplateConfigRequest> requested) {
    List<FleetLaunchTemplateConfig> out = new ArrayList<>();
    for (FleetLaunchTemplateConfigRequest c : requested) {
      out.add(
          FleetLaunchTemplateConfig.builder()
              .launchTemplateSpecification(spec(c.launchTemplateSpecification()))
              .overrides(c.overrides().stream().map(Ec2Fleets::overrides).toList())
              .build());
    }
    return out;
  }

  static FleetLaunchTemplateSpecification spec(FleetLaunchTemplateSpecificationRequest s) {
    return s == null
        ? null
        : FleetLaunchTemplateSpecification.builder()
            .launchTemplateId(s.launchTemplateId())
            .launchTemplateName(s.launchTemplateName())
            .version(s.version())
            .build();
  }

  static FleetLaunchTemplateOverrides overrides(FleetLaunchTemplateOverridesRequest o) {
    return o == null
        ? null
        : FleetLaunchTemplateOverrides.builder()
            .instanceType(o.instanceTypeAsString())
            .maxPrice(o.maxPrice())
            .subnetId(o.subnetId())
            .availabilityZone(o.availabilityZone())
            .weightedCapacity(o.weightedCapacity())
            .priority(o.priority())
            .imageId(o.imageId())
            .instanceRequirements(
                o.instanceRequirements() == null
                    ? null
                    : Shapes.<InstanceRequirements>copy(
                        o.instanceRequirements(), (SdkPojo) InstanceRequirements.builder()))
            .build();
  }
}
