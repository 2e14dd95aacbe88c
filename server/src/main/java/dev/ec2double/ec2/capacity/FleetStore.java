package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Capacity Reservation Fleets of one account in one region, by id. */
final class FleetStore implements java.io.Serializable {
  /** One instance type specification of a fleet: what it may reserve, by weight and priority. */
  record Spec(
      String instanceType,
      String platform,
      double weight,
      String zone,
      String zoneId,
      boolean ebsOptimized,
      int priority)
      implements java.io.Serializable {}

  static final class Fleet implements java.io.Serializable {
    final String id;
    final List<Spec> specs;
    final String tenancy;
    final Instant createTime;
    int totalTarget;
    Instant endDate;
    String state = "active";

    /** The reservations it made, in the order of its specifications' priority. */
    final List<String> reservationIds = new ArrayList<>();

    Fleet(String id, List<Spec> specs, String tenancy, Instant createTime) {
      this.id = id;
      this.specs = List.copyOf(specs);
      this.tenancy = tenancy;
      this.createTime = createTime;
    }
  }

  final Map<String, Fleet> byId = new LinkedHashMap<>();

  static FleetStore of(RegionState state) {
    return state.part(FleetStore.class, FleetStore::new);
  }
}
