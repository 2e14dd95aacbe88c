package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.Instances;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.InterruptionInfo;

/**
 * Capacity Reservations as a resource kind, with DescribeCapacityReservations' filters. The
 * available count is the total less the instances that use the reservation now (pending, running or
 * stopping ones that name it).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeCapacityReservations.html
 */
final class CapacityReservations {
  private CapacityReservations() {}

  static final ResourceKind<ReservationStore.Reservation, CapacityReservation> KIND =
      ResourceKind.<ReservationStore.Reservation, CapacityReservation>of(
              "cr", "capacity-reservation")
          .errors(
              "InvalidCapacityReservationId.NotFound",
              "capacity reservation",
              "InvalidCapacityReservationId.Malformed")
          .storedIn(ReservationStore::of, s -> s.byId)
          .id(r -> r.id)
          .view(CapacityReservations::view, CapacityReservation::tags)
          .filter("instance-type", CapacityReservation::instanceType)
          .filter("owner-id", CapacityReservation::ownerId)
          .filter("instance-platform", CapacityReservation::instancePlatformAsString)
          .filter("availability-zone", CapacityReservation::availabilityZone)
          .filter("availability-zone-id", CapacityReservation::availabilityZoneId)
          .filter("tenancy", CapacityReservation::tenancyAsString)
          .filter("outpost-arn", CapacityReservation::outpostArn)
          .filter("state", CapacityReservation::stateAsString)
          .filter("start-date", c -> c.startDate() == null ? null : c.startDate().toString())
          .filter("end-date", c -> c.endDate() == null ? null : c.endDate().toString())
          .filter("end-date-type", CapacityReservation::endDateTypeAsString)
          .filter("instance-match-criteria", CapacityReservation::instanceMatchCriteriaAsString)
          .filter("placement-group-arn", CapacityReservation::placementGroupArn)
          .build();

  /** The instances that use the reservation now. */
  static List<InstanceRecord> users(RegionState state, String id) {
    return Instances.store(state).all().stream()
        .filter(i -> id.equals(i.placement().reservationId()) && i.holdsCapacity())
        .toList();
  }

  /** Instances it can take now: none unless it is active. */
  static int available(RegionState state, ReservationStore.Reservation r, Instant now) {
    if (!r.stateAt(now).equals("active")) {
      return 0;
    }
    int lent = r.allocation == null ? 0 : r.allocation.count;
    return Math.max(0, r.totalCount - users(state, r.id).size() - lent);
  }

  static String arn(RequestContext ctx, String id) {
    return "arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":capacity-reservation/" + id;
  }

  private static CapacityReservation view(RequestContext ctx, ReservationStore.Reservation r) {
    Instant now = Instant.now();
    return CapacityReservation.builder()
        .capacityReservationId(r.id)
        .ownerId(ctx.account())
        .capacityReservationArn(
            "arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":capacity-reservation/" + r.id)
        .availabilityZone(r.zone)
        .availabilityZoneId(r.zoneId)
        .instanceType(r.instanceType)
        .instancePlatform(r.platform)
        .tenancy(r.tenancy)
        .totalInstanceCount(r.totalCount)
        .availableInstanceCount(available(ctx.state(), r, now))
        .ebsOptimized(r.ebsOptimized)
        .ephemeralStorage(false)
        .state(r.stateAt(now))
        .startDate(r.startDate == null ? r.createDate : r.startDate)
        .endDate(r.endDate)
        .endDateType(r.endDateType)
        .instanceMatchCriteria(r.matchCriteria)
        .createDate(r.createDate)
        .placementGroupArn(r.placementGroupArn)
        .reservationType(r.reservationType)
        .capacityReservationFleetId(r.fleetId)
        .capacityBlockId(r.capacityBlockId)
        .unusedReservationBillingOwnerId(
            r.billing != null && r.billing.status.equals("accepted") ? r.billing.ownerId : null)
        .interruptible(r.interruptibleSource != null)
        .interruptionInfo(
            r.interruptibleSource == null
                ? null
                : InterruptionInfo.builder()
                    .sourceCapacityReservationId(r.interruptibleSource)
                    .interruptionType("adhoc")
                    .build())
        .interruptibleCapacityAllocation(
            r.allocation == null ? null : Allocations.view(r.allocation))
        .deliveryPreference("fixed")
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }
}
