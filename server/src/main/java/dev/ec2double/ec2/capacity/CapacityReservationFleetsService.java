package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationFleetError;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationFleetsRequest;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationFleetsResponse;
import software.amazon.awssdk.services.ec2.model.CapacityReservationFleetCancellationState;
import software.amazon.awssdk.services.ec2.model.CapacityReservationInstancePlatform;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationFleetResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationFleetsResponse;
import software.amazon.awssdk.services.ec2.model.FailedCapacityReservationFleetCancellationResult;
import software.amazon.awssdk.services.ec2.model.ModifyCapacityReservationFleetRequest;
import software.amazon.awssdk.services.ec2.model.ModifyCapacityReservationFleetResponse;
import software.amazon.awssdk.services.ec2.model.ReservationFleetInstanceSpecification;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Capacity Reservation Fleets. A fleet reserves its total target capacity in capacity units: each
 * instance type specification gives a weight (units an instance provides) and a priority (lower
 * first). ec2-double never runs out of capacity, so the prioritized strategy reserves all of it in
 * the specification of highest priority, {@code ceil(target / weight)} instances, as one open
 * Capacity Reservation that carries the fleet's tags and end date; the others reserve nothing.
 * Modifying the target resizes that reservation; cancelling cancels it.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/cr-fleets.html
 */
public final class CapacityReservationFleetsService {
  private static final Set<String> TENANCIES = Set.of("default", "dedicated");
  static final int MAX_TARGET = 25_000;
  static final double MIN_WEIGHT = 0.001;
  static final double MAX_WEIGHT = 99.999;

  private final Predicate<String> knownType;

  public CapacityReservationFleetsService(Resources resources, Predicate<String> knownType) {
    this.knownType = knownType;
    CapacityReservationFleets.KIND.registerTaggable(resources);
  }

  public CreateCapacityReservationFleetResponse createCapacityReservationFleet(
      RequestContext ctx, CreateCapacityReservationFleetRequest req) {
    Inputs.oneOf(
        req.allocationStrategy(), "prioritized", Set.of("prioritized"), "AllocationStrategy");
    Inputs.oneOf(
        req.instanceMatchCriteriaAsString(), "open", Set.of("open"), "InstanceMatchCriteria");
    String tenancy = Inputs.oneOf(req.tenancyAsString(), "default", TENANCIES, "Tenancy");
    int target = target(req.totalTargetCapacity());
    Instant now = Instant.now();
    if (req.endDate() != null && !req.endDate().isAfter(now)) {
      throw AwsException.invalidParameterValue(
          "The EndDate " + req.endDate() + " is in the past; it must be in the future.");
    }
    if (req.instanceRequirements() != null) {
      // AWS's model still requires InstanceTypeSpecifications beside it, and no reference says
      // what the requirements then do to the reservations: refused rather than guessed
      throw new AwsException(
          "Unsupported",
          "ec2-double's Capacity Reservation Fleets reserve the InstanceTypeSpecifications given;"
              + " InstanceRequirements are not taken here.");
    }
    List<FleetStore.Spec> specs = specs(ctx, req);
    List<Tag> tags = CapacityReservationFleets.KIND.tags(req.tagSpecifications());
    FleetStore.Fleet fleet;
    FleetStore fleets = FleetStore.of(ctx.state());
    synchronized (fleets) {
      fleet =
          CapacityReservationFleets.KIND.create(
              ctx,
              tags,
              id -> {
                FleetStore.Fleet f = new FleetStore.Fleet(id, specs, tenancy, now);
                f.totalTarget = target;
                f.endDate = req.endDate();
                return f;
              });
      fulfil(ctx, fleet, now);
      if (!tags.isEmpty()) {
        // "The tags are automatically assigned to the Capacity Reservations in the Fleet."
        ctx.tags().add(fleet.reservationIds, tags);
      }
    }
    var view = CapacityReservationFleets.KIND.view(ctx, fleet);
    return CreateCapacityReservationFleetResponse.builder()
        .capacityReservationFleetId(view.capacityReservationFleetId())
        .state(view.state())
        .totalTargetCapacity(view.totalTargetCapacity())
        .totalFulfilledCapacity(view.totalFulfilledCapacity())
        .instanceMatchCriteria(view.instanceMatchCriteria())
        .allocationStrategy(view.allocationStrategy())
        .createTime(view.createTime())
        .endDate(view.endDate())
        .tenancy(view.tenancy())
        .fleetCapacityReservations(view.instanceTypeSpecifications())
        .tags(view.tags())
        .build();
  }

  public DescribeCapacityReservationFleetsResponse describeCapacityReservationFleets(
      RequestContext ctx, DescribeCapacityReservationFleetsRequest req) {
    var page =
        CapacityReservationFleets.KIND.describe(
            ctx,
            req.capacityReservationFleetIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeCapacityReservationFleetsResponse.builder()
        .capacityReservationFleets(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyCapacityReservationFleetResponse modifyCapacityReservationFleet(
      RequestContext ctx, ModifyCapacityReservationFleetRequest req) {
    String id = Inputs.required(req.capacityReservationFleetId(), "CapacityReservationFleetId");
    boolean removeEnd = Boolean.TRUE.equals(req.removeEndDate());
    if (removeEnd && req.endDate() != null) {
      throw AwsException.invalidParameterCombination(
          "RemoveEndDate and EndDate cannot be specified in the same request.");
    }
    Integer target = req.totalTargetCapacity() == null ? null : target(req.totalTargetCapacity());
    Instant now = Instant.now();
    if (req.endDate() != null && !req.endDate().isAfter(now)) {
      throw AwsException.invalidParameterValue(
          "The EndDate " + req.endDate() + " is in the past; it must be in the future.");
    }
    FleetStore fleets = FleetStore.of(ctx.state());
    synchronized (fleets) {
      FleetStore.Fleet f = CapacityReservationFleets.KIND.get(ctx.state(), id);
      String state = CapacityReservationFleets.stateAt(f, now);
      if (!state.equals("active") && !state.equals("partially_fulfilled")) {
        throw new AwsException(
            "IncorrectState",
            "The Capacity Reservation Fleet " + id + " is " + state + " and cannot be modified.");
      }
      if (target != null) {
        f.totalTarget = target;
      }
      if (removeEnd) {
        f.endDate = null;
      } else if (req.endDate() != null) {
        f.endDate = req.endDate();
      }
      fulfil(ctx, f, now);
    }
    ctx.state().changed();
    return ModifyCapacityReservationFleetResponse.builder().returnValue(true).build();
  }

  public CancelCapacityReservationFleetsResponse cancelCapacityReservationFleets(
      RequestContext ctx, CancelCapacityReservationFleetsRequest req) {
    if (req.capacityReservationFleetIds().isEmpty()) {
      throw AwsException.missingParameter("CapacityReservationFleetId");
    }
    List<CapacityReservationFleetCancellationState> done = new ArrayList<>();
    List<FailedCapacityReservationFleetCancellationResult> failed = new ArrayList<>();
    Instant now = Instant.now();
    FleetStore fleets = FleetStore.of(ctx.state());
    ReservationStore reservations = ReservationStore.of(ctx.state());
    synchronized (fleets) {
      for (String id : req.capacityReservationFleetIds()) {
        FleetStore.Fleet f = fleets.byId.get(id);
        String state = f == null ? null : CapacityReservationFleets.stateAt(f, now);
        if (f == null || !(state.equals("active") || state.equals("partially_fulfilled"))) {
          failed.add(
              FailedCapacityReservationFleetCancellationResult.builder()
                  .capacityReservationFleetId(id)
                  .cancelCapacityReservationFleetError(
                      CancelCapacityReservationFleetError.builder()
                          .code(
                              f == null
                                  ? "InvalidCapacityReservationFleetId.NotFound"
                                  : "IncorrectState")
                          .message(
                              f == null
                                  ? "The Capacity Reservation Fleet ID '" + id + "' does not exist"
                                  : "The Capacity Reservation Fleet " + id + " is " + state + ".")
                          .build())
                  .build());
          continue;
        }
        synchronized (reservations) {
          for (String rid : f.reservationIds) {
            ReservationStore.Reservation r = reservations.byId.get(rid);
            if (r != null && r.stateAt(now).equals("active")) {
              r.state = "cancelled";
            }
          }
        }
        f.state = "cancelled";
        done.add(
            CapacityReservationFleetCancellationState.builder()
                .capacityReservationFleetId(id)
                .previousFleetState(state)
                .currentFleetState("cancelled")
                .build());
      }
    }
    ctx.state().changed();
    return CancelCapacityReservationFleetsResponse.builder()
        .successfulFleetCancellations(done)
        .failedFleetCancellations(failed)
        .build();
  }

  /**
   * Puts the fleet's whole target in its top-priority specification's reservation (making it when
   * there is none), never below the instances that use it, and shrinks the others to what their
   * instances use. Runs under the fleet store's lock.
   */
  private static void fulfil(RequestContext ctx, FleetStore.Fleet f, Instant now) {
    FleetStore.Spec top =
        f.specs.stream().min(Comparator.comparingInt(FleetStore.Spec::priority)).orElseThrow();
    int want = (int) Math.ceil(f.totalTarget / top.weight() - 1e-9);
    ReservationStore store = ReservationStore.of(ctx.state());
    synchronized (store) {
      ReservationStore.Reservation topReservation = null;
      for (String rid : f.reservationIds) {
        ReservationStore.Reservation r = store.byId.get(rid);
        if (r == null || !r.stateAt(now).equals("active")) {
          continue;
        }
        int used = CapacityReservations.users(ctx.state(), r.id).size();
        if (r.instanceType.equals(top.instanceType())) {
          topReservation = r;
          r.totalCount = Math.max(want, used);
        } else if (used == 0) {
          r.state = "cancelled";
        } else {
          r.totalCount = used;
        }
        limit(r, f.endDate);
      }
      if (topReservation == null) {
        ReservationStore.Reservation made =
            CapacityReservations.KIND.create(
                ctx,
                List.of(),
                id -> {
                  ReservationStore.Reservation r =
                      new ReservationStore.Reservation(
                          id,
                          top.instanceType(),
                          top.platform(),
                          top.zone(),
                          top.zoneId(),
                          f.tenancy,
                          top.ebsOptimized(),
                          now,
                          null,
                          null);
                  r.totalCount = want;
                  r.matchCriteria = "open";
                  r.fleetId = f.id;
                  limit(r, f.endDate);
                  return r;
                });
        f.reservationIds.add(made.id);
      }
    }
  }

  private static void limit(ReservationStore.Reservation r, Instant endDate) {
    r.endDateType = endDate == null ? "unlimited" : "limited";
    r.endDate = endDate;
  }

  private static int target(Integer value) {
    int t = Inputs.atLeast(value, 1, "TotalTargetCapacity");
    if (t > MAX_TARGET) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + t
              + ") for parameter TotalTargetCapacity is invalid. It must be at most "
              + MAX_TARGET
              + ".");
    }
    return t;
  }

  private List<FleetStore.Spec> specs(
      RequestContext ctx, CreateCapacityReservationFleetRequest req) {
    if (req.instanceTypeSpecifications().isEmpty()) {
      throw AwsException.missingParameter("InstanceTypeSpecifications");
    }
    List<FleetStore.Spec> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String fleetZone = null;
    for (ReservationFleetInstanceSpecification s : req.instanceTypeSpecifications()) {
      String type =
          Inputs.required(s.instanceTypeAsString(), "InstanceTypeSpecification.InstanceType");
      if (!knownType.test(type)) {
        throw AwsException.invalidParameterValue("Invalid value '" + type + "' for InstanceType.");
      }
      if (!seen.add(type)) {
        throw AwsException.invalidParameterValue(
            "The instance type " + type + " is specified more than once.");
      }
      String platform = Inputs.required(s.instancePlatformAsString(), "InstancePlatform");
      if (CapacityReservationInstancePlatform.fromValue(platform)
          == CapacityReservationInstancePlatform.UNKNOWN_TO_SDK_VERSION) {
        throw AwsException.invalidParameterValue(
            "Value (" + platform + ") for parameter InstancePlatform is invalid.");
      }
      double weight = s.weight() == null ? 1.0 : s.weight();
      if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) {
        throw AwsException.invalidParameterValue(
            "Value ("
                + weight
                + ") for parameter Weight is invalid. It must be between 0.001 and"
                + " 99.999.");
      }
      int priority = s.priority() == null ? 0 : s.priority();
      if (priority < 0) {
        throw AwsException.invalidParameterValue(
            "Value (" + priority + ") for parameter Priority is invalid. It must be at least 0.");
      }
      String zoneName = s.availabilityZone();
      String zoneId = s.availabilityZoneId();
      if (zoneName == null && zoneId == null) {
        zoneName = req.availabilityZone();
        zoneId = req.availabilityZoneId();
      }
      RegionCatalog.Zone zone = Inputs.zone(ctx, zoneName, zoneId);
      if (fleetZone != null && !fleetZone.equals(zone.name())) {
        throw AwsException.invalidParameterCombination(
            "A Capacity Reservation Fleet can't span Availability Zones: every instance type"
                + " specification must use the same Availability Zone.");
      }
      fleetZone = zone.name();
      out.add(
          new FleetStore.Spec(
              type,
              platform,
              weight,
              zone.name(),
              zone.zoneId(),
              Boolean.TRUE.equals(s.ebsOptimized()),
              priority));
    }
    return out;
  }
}
