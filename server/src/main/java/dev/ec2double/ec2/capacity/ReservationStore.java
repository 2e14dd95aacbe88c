package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Capacity Reservations of one account in one region, by id. Every read and change holds the
 * store's lock; a launch takes it while it holds the instance store's lock (never the other way).
 */
final class ReservationStore implements java.io.Serializable {
  /** One Capacity Reservation; its counts of instances in use are the instances that name it. */
  static final class Reservation implements java.io.Serializable {
    final String id;
    final String instanceType;
    final String platform;
    final String zone;
    final String zoneId;
    final String tenancy;
    final boolean ebsOptimized;
    final Instant createDate;
    final Instant startDate;
    final String placementGroupArn;
    int totalCount;
    String endDateType;
    Instant endDate;
    String matchCriteria;

    /** {@code default}, or {@code capacity-block} for a reservation a Capacity Block holds. */
    String reservationType = "default";

    /** The Capacity Reservation Fleet that made it, or null. */
    String fleetId;

    /** The Capacity Block it belongs to, or null. */
    String capacityBlockId;

    /** The latest request to bill its unused capacity to another account, or null. */
    BillingRequest billing;

    /** Part of its unused capacity lent out as an interruptible reservation, or null. */
    Allocation allocation;

    /** For an interruptible reservation: the reservation it was lent from. */
    String interruptibleSource;

    /** {@code active}, or {@code cancelled}; {@code expired} and {@code scheduled} by the clock. */
    String state = "active";

    Reservation(
        String id,
        String instanceType,
        String platform,
        String zone,
        String zoneId,
        String tenancy,
        boolean ebsOptimized,
        Instant createDate,
        Instant startDate,
        String placementGroupArn) {
      this.id = id;
      this.instanceType = instanceType;
      this.platform = platform;
      this.zone = zone;
      this.zoneId = zoneId;
      this.tenancy = tenancy;
      this.ebsOptimized = ebsOptimized;
      this.createDate = createDate;
      this.startDate = startDate;
      this.placementGroupArn = placementGroupArn;
    }

    /** A reservation of the same kind (type, platform, zone, tenancy, dates, match criteria). */
    Reservation sibling(String newId, int count, Instant now) {
      Reservation r =
          new Reservation(
              newId,
              instanceType,
              platform,
              zone,
              zoneId,
              tenancy,
              ebsOptimized,
              now,
              startDate,
              placementGroupArn);
      r.totalCount = count;
      r.endDateType = endDateType;
      r.endDate = endDate;
      r.matchCriteria = matchCriteria;
      r.reservationType = reservationType;
      return r;
    }

    /**
     * The state at {@code now}: a limited reservation whose end date passed is {@code expired}, one
     * whose start date is to come {@code scheduled}; AWS moves them by its clock, so does this.
     */
    String stateAt(Instant now) {
      if (!state.equals("active")) {
        return state;
      }
      if ("limited".equals(endDateType) && endDate != null && !endDate.isAfter(now)) {
        return "expired";
      }
      if (startDate != null && startDate.isAfter(now)) {
        return "scheduled";
      }
      return "active";
    }
  }

  /** A request to bill a reservation's unused capacity to another account of its organization. */
  static final class BillingRequest implements java.io.Serializable {
    final String ownerId;
    final String requestedBy;
    String status = "pending";
    Instant updated;

    BillingRequest(String ownerId, String requestedBy, Instant updated) {
      this.ownerId = ownerId;
      this.requestedBy = requestedBy;
      this.updated = updated;
    }
  }

  /** Unused capacity of a reservation made available as an interruptible reservation. */
  static final class Allocation implements java.io.Serializable {
    final String interruptibleId;
    int count;
    int target;
    String status = "active";
    String zeroSizePreference;

    Allocation(String interruptibleId, int count, String zeroSizePreference) {
      this.interruptibleId = interruptibleId;
      this.count = count;
      this.target = count;
      this.zeroSizePreference = zeroSizePreference;
    }
  }

  final Map<String, Reservation> byId = new LinkedHashMap<>();

  static ReservationStore of(RegionState state) {
    return state.part(ReservationStore.class, ReservationStore::new);
  }
}
