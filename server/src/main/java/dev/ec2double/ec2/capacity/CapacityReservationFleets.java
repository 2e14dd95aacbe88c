package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CapacityReservationFleet;
import software.amazon.awssdk.services.ec2.model.FleetCapacityReservation;

/**
 * Capacity Reservation Fleets as a resource kind, with DescribeCapacityReservationFleets' filters
 * (state, instance-match-criteria, tenancy, allocation-strategy). A fleet's view lists the
 * reservations it made, each with its weight, priority and fulfilled capacity.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeCapacityReservationFleets.html
 */
final class CapacityReservationFleets {
  private CapacityReservationFleets() {}

  static final ResourceKind<FleetStore.Fleet, CapacityReservationFleet> KIND =
      ResourceKind.<FleetStore.Fleet, CapacityReservationFleet>of(
              "crf", "capacity-reservation-fleet")
          .errors(
              "InvalidCapacityReservationFleetId.NotFound",
              "Capacity Reservation Fleet",
              "InvalidCapacityReservationFleetId.Malformed")
          .storedIn(FleetStore::of, s -> s.byId)
          .id(f -> f.id)
          .view(CapacityReservationFleets::view, CapacityReservationFleet::tags)
          .filter("state", CapacityReservationFleet::stateAsString)
          .filter(
              "instance-match-criteria", CapacityReservationFleet::instanceMatchCriteriaAsString)
          .filter("tenancy", CapacityReservationFleet::tenancyAsString)
          .filter("allocation-strategy", CapacityReservationFleet::allocationStrategy)
          .build();

  /** {@code expired} once its end date passed, else its stored state. */
  static String stateAt(FleetStore.Fleet f, Instant now) {
    if (f.state.equals("active") && f.endDate != null && !f.endDate.isAfter(now)) {
      return "expired";
    }
    return f.state;
  }

  /** Capacity the fleet's live reservations hold: instances times their specification's weight. */
  static double fulfilled(RequestContext ctx, FleetStore.Fleet f) {
    double sum = 0;
    for (FleetCapacityReservation r : reservations(ctx, f)) {
      sum += r.fulfilledCapacity();
    }
    return sum;
  }

  static List<FleetCapacityReservation> reservations(RequestContext ctx, FleetStore.Fleet f) {
    ReservationStore store = ReservationStore.of(ctx.state());
    Instant now = Instant.now();
    List<FleetCapacityReservation> out = new ArrayList<>();
    synchronized (store) {
      for (String id : f.reservationIds) {
        ReservationStore.Reservation r = store.byId.get(id);
        if (r == null || !r.stateAt(now).equals("active")) {
          continue;
        }
        FleetStore.Spec spec = specOf(f, r.instanceType);
        out.add(
            FleetCapacityReservation.builder()
                .capacityReservationId(r.id)
                .availabilityZone(r.zone)
                .availabilityZoneId(r.zoneId)
                .instanceType(r.instanceType)
                .instancePlatform(r.platform)
                .totalInstanceCount(r.totalCount)
                .fulfilledCapacity(r.totalCount * spec.weight())
                .ebsOptimized(r.ebsOptimized)
                .createDate(r.createDate)
                .weight(spec.weight())
                .priority(spec.priority())
                .build());
      }
    }
    return out;
  }

  static FleetStore.Spec specOf(FleetStore.Fleet f, String instanceType) {
    return f.specs.stream()
        .filter(s -> s.instanceType().equals(instanceType))
        .findFirst()
        .orElseThrow();
  }

  private static CapacityReservationFleet view(RequestContext ctx, FleetStore.Fleet f) {
    return CapacityReservationFleet.builder()
        .capacityReservationFleetId(f.id)
        .capacityReservationFleetArn(
            "arn:aws:ec2:"
                + ctx.region()
                + ":"
                + ctx.account()
                + ":capacity-reservation-fleet/"
                + f.id)
        .state(stateAt(f, Instant.now()))
        .totalTargetCapacity(f.totalTarget)
        .totalFulfilledCapacity(fulfilled(ctx, f))
        .tenancy(f.tenancy)
        .endDate(f.endDate)
        .createTime(f.createTime)
        .instanceMatchCriteria("open")
        .allocationStrategy("prioritized")
        .instanceTypeSpecifications(reservations(ctx, f))
        .tags(ctx.tags().sdkTags(f.id))
        .build();
  }
}
