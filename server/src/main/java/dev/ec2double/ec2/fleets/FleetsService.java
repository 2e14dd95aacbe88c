package dev.ec2double.ec2.fleets;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetError;
import software.amazon.awssdk.services.ec2.model.CreateFleetInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteFleetError;
import software.amazon.awssdk.services.ec2.model.DeleteFleetErrorItem;
import software.amazon.awssdk.services.ec2.model.DeleteFleetSuccessItem;
import software.amazon.awssdk.services.ec2.model.DeleteFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteFleetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFleetHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFleetHistoryResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFleetInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFleetInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFleetsResponse;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.HistoryRecordEntry;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateAndOverridesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyFleetRequest;
import software.amazon.awssdk.services.ec2.model.ModifyFleetResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TargetCapacitySpecificationRequest;

/**
 * EC2 Fleet: CreateFleet (instant, request, maintain), DescribeFleets, DescribeFleetInstances,
 * DescribeFleetHistory, ModifyFleet and DeleteFleets. A fleet's instances are real instances
 * launched from its launch templates with their overrides; a {@code maintain} fleet replaces an
 * instance that goes away ({@link FleetReconciler}).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFleet.html
 */
public final class FleetsService {
  private static final Set<String> TYPES = Set.of("instant", "request", "maintain");
  private static final Set<String> POLICIES = Set.of("termination", "no-termination");
  private static final FilterSpec<ActiveInstance> INSTANCE_FILTERS =
      FilterSpec.<ActiveInstance>of().field("instance-type", ActiveInstance::instanceType);

  private static final FleetEnds.Names NAMES =
      new FleetEnds.Names(
          "FleetId",
          "fleet-",
          "fleetIdMalformed",
          "fleetIdDoesNotExist",
          "fleetNotInModifiableState",
          "deleted");

  private final FleetEngine engine;

  public FleetsService(Resources resources, FleetLaunches launches) {
    Ec2Fleets.KIND.registerTaggable(resources);
    this.engine = new FleetEngine(launches);
  }

  FleetEngine engine() {
    return engine;
  }

  public CreateFleetResponse createFleet(RequestContext ctx, CreateFleetRequest req) {
    String type = req.typeAsString() == null ? "maintain" : req.typeAsString();
    if (!TYPES.contains(type)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + type
              + ") for parameter Type is invalid. Valid values: instant, request,"
              + " maintain");
    }
    int[] targets = targets(req.targetCapacitySpecification());
    String policy =
        FleetEnds.policy(req.excessCapacityTerminationPolicyAsString(), POLICIES, "termination");
    List<Tag> fleetTags = new ArrayList<>();
    List<TagSpecification> instanceTags = new ArrayList<>();
    for (TagSpecification s : req.tagSpecifications()) {
      if ("instance".equals(s.resourceTypeAsString()) && type.equals("instant")) {
        instanceTags.add(s);
      } else {
        fleetTags.addAll(Ec2Fleets.KIND.tags(List.of(s)));
      }
    }
    String unit =
        AttributePools.unit(req.targetCapacitySpecification().targetCapacityUnitTypeAsString());
    List<FleetStore.Pool> pools = pools(ctx, req.launchTemplateConfigs(), instanceTags, unit);
    FleetStore.Fleet f =
        new FleetStore.Fleet(
            Ec2Fleets.nextId(),
            "ec2",
            type,
            Instant.now(),
            pools,
            Ec2Fleets.snapshot(req),
            req.clientToken(),
            targets[0],
            targets[1],
            policy);
    f.event("fleetRequestChange", "submitted", null, null);
    List<String[]> errors = engine.fill(ctx, f);
    if (!type.equals("instant") && f.members.isEmpty() && refused(errors)) {
      String[] e = errors.get(0);
      throw new AwsException(e[2], e[3]);
    }
    FleetStore store = FleetStore.of(ctx.state());
    synchronized (store) {
      f.event("fleetRequestChange", "active", null, null);
      store.ec2.put(f.id, f);
    }
    if (!fleetTags.isEmpty()) {
      ctx.tags().add(List.of(f.id), fleetTags);
    }
    CreateFleetResponse.Builder out = CreateFleetResponse.builder().fleetId(f.id);
    if (type.equals("instant")) {
      out.instances(instances(f)).errors(errors(f, errors));
    }
    return out.build();
  }

  /** Errors AWS would give for the request itself, not for want of capacity. */
  private static boolean refused(List<String[]> errors) {
    return !errors.isEmpty()
        && errors.stream().noneMatch(e -> e[2].equals("InsufficientInstanceCapacity"));
  }

  /** {total, on-demand}: the on-demand part defaults to the rest when on-demand is the default. */
  private static int[] targets(TargetCapacitySpecificationRequest t) {
    if (t == null) {
      throw AwsException.missingParameter("TargetCapacitySpecification");
    }
    if (t.totalTargetCapacity() == null) {
      throw AwsException.missingParameter("TargetCapacitySpecification.TotalTargetCapacity");
    }
    int total = t.totalTargetCapacity();
    String def =
        t.defaultTargetCapacityTypeAsString() == null
            ? "on-demand"
            : t.defaultTargetCapacityTypeAsString();
    if (!def.equals("on-demand") && !def.equals("spot")) {
      throw AwsException.invalidParameterValue(
          "Value (" + def + ") for parameter DefaultTargetCapacityType is invalid.");
    }
    AttributePools.unit(t.targetCapacityUnitTypeAsString());
    Integer onDemand = t.onDemandTargetCapacity();
    Integer spot = t.spotTargetCapacity();
    if (total < 0 || (onDemand != null && onDemand < 0) || (spot != null && spot < 0)) {
      throw AwsException.invalidParameterValue("Target capacities must not be negative.");
    }
    int od =
        onDemand != null
            ? onDemand
            : def.equals("on-demand") ? total - (spot == null ? 0 : spot) : 0;
    int sp = spot != null ? spot : total - od;
    if (od + sp > total || od < 0) {
      throw AwsException.invalidParameterValue(
          "The sum of OnDemandTargetCapacity and SpotTargetCapacity ("
              + (od + sp)
              + ") must not be more than TotalTargetCapacity ("
              + total
              + ").");
    }
    return new int[] {total, od};
  }

  /**
   * One pool per override (or per template without overrides), in the order given; an override with
   * InstanceRequirements gives one per matching type ({@link AttributePools}).
   */
  private List<FleetStore.Pool> pools(
      RequestContext ctx,
      List<FleetLaunchTemplateConfigRequest> configs,
      List<TagSpecification> instanceTags,
      String unit) {
    if (configs.isEmpty()) {
      throw AwsException.missingParameter("LaunchTemplateConfigs");
    }
    List<FleetLaunchTemplateOverridesRequest> all =
        configs.stream().flatMap(c -> c.overrides().stream()).toList();
    AttributePools.check(
        all.stream().map(FleetLaunchTemplateOverridesRequest::instanceRequirements).toList(),
        all.stream().map(FleetLaunchTemplateOverridesRequest::instanceTypeAsString).toList(),
        unit);
    List<FleetStore.Pool> pools = new ArrayList<>();
    for (FleetLaunchTemplateConfigRequest c : configs) {
      var s = c.launchTemplateSpecification();
      if (s == null || (s.launchTemplateId() == null && s.launchTemplateName() == null)) {
        throw AwsException.missingParameter("LaunchTemplateSpecification.LaunchTemplateId");
      }
      if (s.version() == null) {
        // "You must specify a value, otherwise the request fails."
        throw AwsException.missingParameter("LaunchTemplateSpecification.Version");
      }
      List<FleetLaunchTemplateOverridesRequest> overrides =
          c.overrides().isEmpty() ? java.util.Collections.singletonList(null) : c.overrides();
      for (FleetLaunchTemplateOverridesRequest o : overrides) {
        if (o != null && o.weightedCapacity() != null && !(o.weightedCapacity() > 0)) {
          throw AwsException.invalidParameterValue(
              "WeightedCapacity must be greater than 0, got " + o.weightedCapacity() + ".");
        }
        FleetStore.Pool pool =
            new FleetStore.Pool(
                Ec2Fleets.spec(s),
                Ec2Fleets.overrides(o),
                null,
                instanceTags,
                o == null ? null : o.priority(),
                o == null ? null : o.maxPrice());
        if (o != null && o.instanceRequirements() != null) {
          pools.addAll(
              AttributePools.expand(
                  pool, o.instanceRequirements(), unit, engine.architecture(ctx, pool)));
        } else {
          pools.add(pool);
        }
      }
    }
    return pools;
  }

  /**
   * The template and overrides a pool was made from, as CreateFleet's answer names them (an
   * override with InstanceRequirements with the type chosen).
   */
  private static LaunchTemplateAndOverridesResponse source(FleetStore.Fleet f, int pool) {
    if (pool < 0 || pool >= f.pools.size()) {
      return null;
    }
    FleetStore.Pool p = f.pools.get(pool);
    return LaunchTemplateAndOverridesResponse.builder()
        .launchTemplateSpecification(p.template())
        .overrides(p.overrides())
        .build();
  }

  private static List<CreateFleetInstance> instances(FleetStore.Fleet f) {
    Map<String, List<FleetStore.Member>> groups = new LinkedHashMap<>();
    for (FleetStore.Member m : f.members) {
      groups.computeIfAbsent(m.pool() + "/" + m.lifecycle(), k -> new ArrayList<>()).add(m);
    }
    List<CreateFleetInstance> out = new ArrayList<>();
    for (List<FleetStore.Member> g : groups.values()) {
      FleetStore.Member first = g.get(0);
      out.add(
          CreateFleetInstance.builder()
              .launchTemplateAndOverrides(source(f, first.pool()))
              .lifecycle(first.lifecycle())
              .instanceType(first.instanceType())
              .instanceIds(g.stream().map(FleetStore.Member::instanceId).toList())
              .build());
    }
    return out;
  }

  private static List<CreateFleetError> errors(FleetStore.Fleet f, List<String[]> errors) {
    return errors.stream()
        .map(
            e ->
                CreateFleetError.builder()
                    .launchTemplateAndOverrides(source(f, Integer.parseInt(e[0])))
                    .lifecycle(e[1])
                    .errorCode(e[2])
                    .errorMessage(e[3])
                    .build())
        .toList();
  }

  public DescribeFleetsResponse describeFleets(RequestContext ctx, DescribeFleetsRequest req) {
    Ec2Fleets.KIND.checkFilters(req.filters());
    FleetEngine.settle(ctx);
    Pages.Page<FleetData> page =
        Ec2Fleets.KIND.describe(
            ctx, req.fleetIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeFleetsResponse.builder()
        .fleets(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static FleetStore.Fleet fleet(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("FleetId");
    }
    return Ec2Fleets.KIND.get(ctx.state(), id);
  }

  public DescribeFleetInstancesResponse describeFleetInstances(
      RequestContext ctx, DescribeFleetInstancesRequest req) {
    Predicate<ActiveInstance> filter = INSTANCE_FILTERS.compile(req.filters());
    FleetStore.Fleet f = fleet(ctx, req.fleetId());
    List<ActiveInstance> active = active(ctx, f, filter);
    Pages.Page<ActiveInstance> page =
        Pages.page(ctx.action(), active, req.maxResults(), req.nextToken());
    return DescribeFleetInstancesResponse.builder()
        .fleetId(f.id)
        .activeInstances(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeFleetHistoryResponse describeFleetHistory(
      RequestContext ctx, DescribeFleetHistoryRequest req) {
    if (req.startTime() == null) {
      throw AwsException.missingParameter("StartTime");
    }
    String type = req.eventTypeAsString();
    FleetStore.Fleet f = fleet(ctx, req.fleetId());
    List<HistoryRecordEntry> entries =
        events(ctx, f, req.startTime(), type).stream()
            .map(
                e ->
                    HistoryRecordEntry.builder()
                        .eventType(e.type())
                        .timestamp(e.at())
                        .eventInformation(e.information())
                        .build())
            .toList();
    Pages.Page<HistoryRecordEntry> page =
        Pages.page(ctx.action(), entries, req.maxResults(), req.nextToken());
    return DescribeFleetHistoryResponse.builder()
        .fleetId(f.id)
        .startTime(req.startTime())
        .lastEvaluatedTime(Instant.now())
        .historyRecords(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * The fleet's live instances as DescribeFleetInstances and DescribeSpotFleetInstances show them.
   */
  static List<ActiveInstance> active(
      RequestContext ctx, FleetStore.Fleet f, Predicate<ActiveInstance> filter) {
    List<ActiveInstance> active = new ArrayList<>();
    synchronized (FleetStore.of(ctx.state())) {
      for (FleetStore.Member m : FleetEngine.liveMembers(ctx.state(), f)) {
        var r = dev.ec2double.ec2.instances.Instances.store(ctx.state()).get(m.instanceId());
        ActiveInstance a =
            ActiveInstance.builder()
                .instanceId(m.instanceId())
                .instanceType(m.instanceType())
                .spotInstanceRequestId(r == null ? null : r.spotRequestId())
                .instanceHealth("healthy")
                .build();
        if (filter.test(a)) {
          active.add(a);
        }
      }
    }
    return active;
  }

  /** The fleet's history from a time on, of one event type or all. */
  static List<FleetStore.Event> events(
      RequestContext ctx, FleetStore.Fleet f, Instant from, String type) {
    if (type != null && !Set.of("error", "fleetRequestChange", "instanceChange").contains(type)) {
      throw AwsException.invalidParameterValue(
          "Value (" + type + ") for parameter EventType is invalid.");
    }
    synchronized (FleetStore.of(ctx.state())) {
      return f.history.stream()
          .filter(e -> !e.at().isBefore(from) && (type == null || type.equals(e.type())))
          .toList();
    }
  }

  public ModifyFleetResponse modifyFleet(RequestContext ctx, ModifyFleetRequest req) {
    FleetStore.Fleet f = fleet(ctx, req.fleetId());
    if (!f.type.equals("maintain")) {
      throw AwsException.invalidParameterValue(
          "Fleet " + f.id + " is of type " + f.type + ": only maintain fleets can be modified.");
    }
    String policy = FleetEnds.policy(req.excessCapacityTerminationPolicyAsString(), POLICIES, null);
    var t = req.targetCapacitySpecification();
    if (t == null && policy == null) {
      throw AwsException.missingParameter("TargetCapacitySpecification");
    }
    Integer target = null;
    Integer onDemand = null;
    if (t != null) {
      int[] targets = targets(t);
      target = targets[0];
      onDemand = t.onDemandTargetCapacity() == null ? null : targets[1];
    }
    FleetEnds.retarget(ctx, engine, f, target, onDemand, policy, "termination");
    return ModifyFleetResponse.builder().returnValue(true).build();
  }

  public DeleteFleetsResponse deleteFleets(RequestContext ctx, DeleteFleetsRequest req) {
    var outcomes =
        FleetEnds.split(
            FleetEnds.end(
                ctx,
                engine,
                FleetStore.of(ctx.state()).ec2,
                req.fleetIds(),
                req.terminateInstances(),
                NAMES),
            o ->
                DeleteFleetSuccessItem.builder()
                    .fleetId(o.id())
                    .previousFleetState(o.previous())
                    .currentFleetState(o.current())
                    .build(),
            o ->
                DeleteFleetErrorItem.builder()
                    .fleetId(o.id())
                    .error(DeleteFleetError.builder().code(o.code()).message(o.message()).build())
                    .build());
    return DeleteFleetsResponse.builder()
        .successfulFleetDeletions(outcomes.ok())
        .unsuccessfulFleetDeletions(outcomes.failed())
        .build();
  }
}
