package dev.ec2double.ec2.fleets;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.instancetypes.InstanceRequirementsMatcher;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsError;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsErrorItem;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsRequest;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsResponse;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsSuccessItem;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetRequestHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetRequestHistoryResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetRequestsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetRequestsResponse;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.HistoryRecord;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateConfig;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.ModifySpotFleetRequestRequest;
import software.amazon.awssdk.services.ec2.model.ModifySpotFleetRequestResponse;
import software.amazon.awssdk.services.ec2.model.RequestSpotFleetRequest;
import software.amazon.awssdk.services.ec2.model.RequestSpotFleetResponse;
import software.amazon.awssdk.services.ec2.model.SpotFleetLaunchSpecification;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfig;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfigData;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Spot Fleet: RequestSpotFleet, DescribeSpotFleetRequests, DescribeSpotFleetInstances,
 * DescribeSpotFleetRequestHistory, ModifySpotFleetRequest and CancelSpotFleetRequests, on the
 * machinery EC2 Fleet uses ({@link FleetEngine}, {@link FleetReconciler}): real instances, Spot
 * ones through Spot requests, and a {@code maintain} request replaces what goes away.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RequestSpotFleet.html
 */
public final class SpotFleetsService {
  private static final Set<String> TYPES = Set.of("request", "maintain");
  private static final Set<String> POLICIES = Set.of("default", "noTermination");

  private static final FleetEnds.Names NAMES =
      new FleetEnds.Names(
          "SpotFleetRequestId",
          "sfr-",
          "fleetRequestIdMalformed",
          "fleetRequestIdDoesNotExist",
          "fleetRequestNotInCancellableState",
          "cancelled");

  private final FleetEngine engine;

  public SpotFleetsService(Resources resources, FleetsService fleets) {
    SpotFleets.KIND.registerTaggable(resources);
    this.engine = fleets.engine();
  }

  public RequestSpotFleetResponse requestSpotFleet(
      RequestContext ctx, RequestSpotFleetRequest req) {
    SpotFleetRequestConfigData c = req.spotFleetRequestConfig();
    if (c == null) {
      throw AwsException.missingParameter("SpotFleetRequestConfig");
    }
    if (c.iamFleetRole() == null) {
      throw AwsException.missingParameter("SpotFleetRequestConfig.IamFleetRole");
    }
    if (c.targetCapacity() == null) {
      throw AwsException.missingParameter("SpotFleetRequestConfig.TargetCapacity");
    }
    String type = c.typeAsString() == null ? "maintain" : c.typeAsString();
    if (!TYPES.contains(type)) {
      throw invalidConfig("Type " + type + " is not supported: one of request, maintain.");
    }
    int target = c.targetCapacity();
    int onDemand = c.onDemandTargetCapacity() == null ? 0 : c.onDemandTargetCapacity();
    if (target < 1 || onDemand < 0 || onDemand > target) {
      throw invalidConfig(
          "TargetCapacity must be at least 1 and OnDemandTargetCapacity from 0 to TargetCapacity.");
    }
    boolean specs = !c.launchSpecifications().isEmpty();
    boolean templates = !c.launchTemplateConfigs().isEmpty();
    if (specs == templates) {
      throw invalidConfig("Give either LaunchSpecifications or LaunchTemplateConfigs.");
    }
    String policy =
        c.excessCapacityTerminationPolicyAsString() == null
            ? "default"
            : c.excessCapacityTerminationPolicyAsString();
    if (!POLICIES.contains(policy)) {
      throw invalidConfig("ExcessCapacityTerminationPolicy " + policy + " is not valid.");
    }
    List<Tag> tags = new ArrayList<>();
    c.tagSpecifications().forEach(s -> tags.addAll(SpotFleets.KIND.tags(List.of(s))));
    String unit = AttributePools.unit(c.targetCapacityUnitTypeAsString());
    List<FleetStore.Pool> pools = specs ? specPools(ctx, c, unit) : templatePools(ctx, c, unit);
    FleetStore.Fleet f =
        new FleetStore.Fleet(
            SpotFleets.nextId(),
            "spot",
            type,
            Instant.now(),
            pools,
            c.toBuilder()
                .type(type)
                .excessCapacityTerminationPolicy(policy)
                .allocationStrategy(
                    c.allocationStrategy() == null ? "lowestPrice" : c.allocationStrategyAsString())
                .build(),
            c.clientToken(),
            target,
            onDemand,
            policy);
    f.event("fleetRequestChange", "submitted", null, null);
    List<String[]> errors = engine.fill(ctx, f);
    if (f.members.isEmpty()
        && !errors.isEmpty()
        && errors.stream().noneMatch(e -> e[2].equals("InsufficientInstanceCapacity"))) {
      throw new AwsException(errors.get(0)[2], errors.get(0)[3]);
    }
    FleetStore store = FleetStore.of(ctx.state());
    synchronized (store) {
      f.event("fleetRequestChange", "active", null, null);
      store.spot.put(f.id, f);
    }
    if (!tags.isEmpty()) {
      ctx.tags().add(List.of(f.id), tags);
    }
    return RequestSpotFleetResponse.builder().spotFleetRequestId(f.id).build();
  }

  private static InstanceRequirementsRequest requirements(SpotFleetLaunchSpecification s) {
    return InstanceRequirementsMatcher.request(s.instanceRequirements());
  }

  private static AwsException invalidConfig(String message) {
    return new AwsException("InvalidSpotFleetRequestConfig", message);
  }

  private List<FleetStore.Pool> specPools(
      RequestContext ctx, SpotFleetRequestConfigData c, String unit) {
    AttributePools.check(
        c.launchSpecifications().stream()
            .map(s -> s.instanceRequirements() == null ? null : requirements(s))
            .toList(),
        c.launchSpecifications().stream()
            .map(SpotFleetLaunchSpecification::instanceTypeAsString)
            .toList(),
        unit);
    List<FleetStore.Pool> pools = new ArrayList<>();
    for (SpotFleetLaunchSpecification s : c.launchSpecifications()) {
      if (s.imageId() == null) {
        throw AwsException.missingParameter("LaunchSpecifications.ImageId");
      }
      FleetStore.Pool pool =
          new FleetStore.Pool(
              null,
              null,
              s,
              List.of(),
              null,
              s.spotPrice() != null ? s.spotPrice() : c.spotPrice());
      if (s.instanceRequirements() != null) {
        pools.addAll(
            AttributePools.expand(pool, requirements(s), unit, engine.architecture(ctx, pool)));
      } else {
        pools.add(pool);
      }
    }
    return pools;
  }

  /**
   * One pool per override (or template without overrides); an override with InstanceRequirements
   * gives one per matching type ({@link AttributePools}).
   */
  private List<FleetStore.Pool> templatePools(
      RequestContext ctx, SpotFleetRequestConfigData c, String unit) {
    List<LaunchTemplateOverrides> all =
        c.launchTemplateConfigs().stream().flatMap(t -> t.overrides().stream()).toList();
    AttributePools.check(
        all.stream()
            .map(
                o ->
                    o.instanceRequirements() == null
                        ? null
                        : InstanceRequirementsMatcher.request(o.instanceRequirements()))
            .toList(),
        all.stream().map(LaunchTemplateOverrides::instanceTypeAsString).toList(),
        unit);
    List<FleetStore.Pool> pools = new ArrayList<>();
    for (LaunchTemplateConfig t : c.launchTemplateConfigs()) {
      var s = t.launchTemplateSpecification();
      if (s == null || (s.launchTemplateId() == null && s.launchTemplateName() == null)) {
        throw AwsException.missingParameter("LaunchTemplateSpecification.LaunchTemplateId");
      }
      if (s.version() == null) {
        throw AwsException.missingParameter("LaunchTemplateSpecification.Version");
      }
      List<LaunchTemplateOverrides> overrides =
          t.overrides().isEmpty() ? java.util.Collections.singletonList(null) : t.overrides();
      for (LaunchTemplateOverrides o : overrides) {
        FleetStore.Pool pool =
            new FleetStore.Pool(
                s,
                o == null
                    ? null
                    : FleetLaunchTemplateOverrides.builder()
                        .instanceType(o.instanceTypeAsString())
                        .subnetId(o.subnetId())
                        .availabilityZone(o.availabilityZone())
                        .priority(o.priority())
                        .weightedCapacity(o.weightedCapacity())
                        .instanceRequirements(o.instanceRequirements())
                        .build(),
                null,
                List.of(),
                o == null ? null : o.priority(),
                o != null && o.spotPrice() != null ? o.spotPrice() : c.spotPrice());
        if (o != null && o.instanceRequirements() != null) {
          pools.addAll(
              AttributePools.expand(
                  pool,
                  InstanceRequirementsMatcher.request(o.instanceRequirements()),
                  unit,
                  engine.architecture(ctx, pool)));
        } else {
          pools.add(pool);
        }
      }
    }
    return pools;
  }

  public DescribeSpotFleetRequestsResponse describeSpotFleetRequests(
      RequestContext ctx, DescribeSpotFleetRequestsRequest req) {
    FleetEngine.settle(ctx);
    Pages.Page<SpotFleetRequestConfig> page =
        SpotFleets.KIND.describe(
            ctx, req.spotFleetRequestIds(), List.of(), req.maxResults(), req.nextToken());
    return DescribeSpotFleetRequestsResponse.builder()
        .spotFleetRequestConfigs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static FleetStore.Fleet fleet(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("SpotFleetRequestId");
    }
    return SpotFleets.KIND.get(ctx.state(), id);
  }

  public DescribeSpotFleetInstancesResponse describeSpotFleetInstances(
      RequestContext ctx, DescribeSpotFleetInstancesRequest req) {
    FleetStore.Fleet f = fleet(ctx, req.spotFleetRequestId());
    List<ActiveInstance> active = FleetsService.active(ctx, f, a -> true);
    Pages.Page<ActiveInstance> page =
        Pages.page(ctx.action(), active, req.maxResults(), req.nextToken());
    return DescribeSpotFleetInstancesResponse.builder()
        .spotFleetRequestId(f.id)
        .activeInstances(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeSpotFleetRequestHistoryResponse describeSpotFleetRequestHistory(
      RequestContext ctx, DescribeSpotFleetRequestHistoryRequest req) {
    if (req.startTime() == null) {
      throw AwsException.missingParameter("StartTime");
    }
    FleetStore.Fleet f = fleet(ctx, req.spotFleetRequestId());
    List<HistoryRecord> records =
        FleetsService.events(ctx, f, req.startTime(), req.eventTypeAsString()).stream()
            .map(
                e ->
                    HistoryRecord.builder()
                        .eventType(e.type())
                        .timestamp(e.at())
                        .eventInformation(e.information())
                        .build())
            .toList();
    Pages.Page<HistoryRecord> page =
        Pages.page(ctx.action(), records, req.maxResults(), req.nextToken());
    return DescribeSpotFleetRequestHistoryResponse.builder()
        .spotFleetRequestId(f.id)
        .startTime(req.startTime())
        .lastEvaluatedTime(Instant.now())
        .historyRecords(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifySpotFleetRequestResponse modifySpotFleetRequest(
      RequestContext ctx, ModifySpotFleetRequestRequest req) {
    FleetStore.Fleet f = fleet(ctx, req.spotFleetRequestId());
    if (!f.type.equals("maintain")) {
      throw invalidConfig(
          "Spot Fleet request "
              + f.id
              + " is of type "
              + f.type
              + ": only maintain requests"
              + " can be modified.");
    }
    String policy = FleetEnds.policy(req.excessCapacityTerminationPolicyAsString(), POLICIES, null);
    Integer target = req.targetCapacity();
    Integer onDemand = req.onDemandTargetCapacity();
    if ((target != null && target < 0) || (onDemand != null && onDemand < 0)) {
      throw AwsException.invalidParameterValue("Target capacities must not be negative.");
    }
    FleetEnds.retarget(ctx, engine, f, target, onDemand, policy, "default");
    return ModifySpotFleetRequestResponse.builder().returnValue(true).build();
  }

  public CancelSpotFleetRequestsResponse cancelSpotFleetRequests(
      RequestContext ctx, CancelSpotFleetRequestsRequest req) {
    var outcomes =
        FleetEnds.split(
            FleetEnds.end(
                ctx,
                engine,
                FleetStore.of(ctx.state()).spot,
                req.spotFleetRequestIds(),
                req.terminateInstances(),
                NAMES),
            o ->
                CancelSpotFleetRequestsSuccessItem.builder()
                    .spotFleetRequestId(o.id())
                    .previousSpotFleetRequestState(o.previous())
                    .currentSpotFleetRequestState(o.current())
                    .build(),
            o ->
                CancelSpotFleetRequestsErrorItem.builder()
                    .spotFleetRequestId(o.id())
                    .error(
                        CancelSpotFleetRequestsError.builder()
                            .code(o.code())
                            .message(o.message())
                            .build())
                    .build());
    return CancelSpotFleetRequestsResponse.builder()
        .successfulFleetRequests(outcomes.ok())
        .unsuccessfulFleetRequests(outcomes.failed())
        .build();
  }
}
