package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstancePlacement;
import dev.ec2double.ec2.instances.PlacementRules;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CapacityReservationSpecification;

/**
 * Which Capacity Reservation a launched instance uses: with the {@code open} preference (AWS's
 * default) an active {@code open} reservation of its type, platform, zone and tenancy with room
 * left; with a target only that reservation, which must have room for all of them; with {@code
 * none} none. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-reservations-launch.html
 */
final class ReservationRules implements PlacementRules {
  static final Set<String> PREFERENCES = Set.of("open", "none", "capacity-reservations-only");

  /** The platform of every ec2-double instance (its AMIs are Linux images). */
  static final String PLATFORM = "Linux/UNIX";

  @Override
  public List<InstancePlacement> launch(
      RequestContext ctx, Launch launch, List<InstancePlacement> slots) {
    CapacityReservationSpecification spec = launch.request().capacityReservationSpecification();
    Choice choice = choice(spec);
    ReservationStore store = ReservationStore.of(ctx.state());
    Instant now = Instant.now();
    List<InstancePlacement> out = new ArrayList<>();
    synchronized (store) {
      if (choice.target() != null) {
        ReservationStore.Reservation r =
            CapacityReservations.KIND.get(ctx.state(), choice.target());
        matches(r, launch.instanceType(), launch.zone(), tenancy(slots), now);
        if (CapacityReservations.available(ctx.state(), r, now) < slots.size()) {
          throw new AwsException(
              "ReservationCapacityExceeded",
              "The targeted Capacity Reservation "
                  + r.id
                  + " does not have enough available capacity to fulfill your request.");
        }
        slots.forEach(s -> out.add(s.inReservation(r.id, null, r.id)));
        return out;
      }
      Map<String, Integer> taken = new HashMap<>();
      for (InstancePlacement s : slots) {
        String id =
            choice.preference().equals("none") || "host".equals(s.tenancy())
                ? null
                : openOne(ctx, launch, s.tenancy(), taken, now);
        if (id == null && choice.preference().equals("capacity-reservations-only")) {
          throw new AwsException(
              "InsufficientInstanceCapacity",
              "No open Capacity Reservation of "
                  + launch.instanceType()
                  + " in "
                  + launch.zone()
                  + " has room, and the launch asks for capacity-reservations-only.",
              500);
        }
        out.add(s.inReservation(id, choice.preference(), null));
      }
    }
    return out;
  }

  /** A preference, or a target reservation id. */
  record Choice(String preference, String target) {}

  static Choice choice(CapacityReservationSpecification spec) {
    if (spec == null) {
      return new Choice("open", null);
    }
    String preference = spec.capacityReservationPreferenceAsString();
    var target = spec.capacityReservationTarget();
    if (target != null && target.capacityReservationResourceGroupArn() != null) {
      throw new AwsException(
          "Unsupported",
          "ec2-double does not support Capacity Reservation groups (resource groups).");
    }
    String targetId = target == null ? null : target.capacityReservationId();
    if (preference != null && targetId != null) {
      throw AwsException.invalidParameterCombination(
          "CapacityReservationPreference and CapacityReservationTarget cannot be specified"
              + " together.");
    }
    if (targetId != null) {
      return new Choice(null, targetId);
    }
    if (preference == null) {
      throw AwsException.missingParameter(
          "CapacityReservationPreference or CapacityReservationTarget");
    }
    if (!PREFERENCES.contains(preference)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + preference
              + ") for parameter CapacityReservationPreference is invalid. Valid values: open,"
              + " none, capacity-reservations-only");
    }
    return new Choice(preference, null);
  }

  /** AWS's error when a targeted reservation cannot take the instance. */
  static void matches(
      ReservationStore.Reservation r, String type, String zone, String tenancy, Instant now) {
    String state = r.stateAt(now);
    if (!state.equals("active")) {
      throw new AwsException(
          "InvalidCapacityReservationId.Unavailable",
          "The Capacity Reservation " + r.id + " is " + state + " and cannot take instances.");
    }
    if (!r.instanceType.equals(type)
        || !r.zone.equals(zone)
        || !r.platform.equals(PLATFORM)
        || !r.tenancy.equals(tenancy)) {
      throw AwsException.invalidParameterCombination(
          "The Capacity Reservation "
              + r.id
              + " is for "
              + r.instanceType
              + " "
              + r.platform
              + " instances of "
              + r.tenancy
              + " tenancy in "
              + r.zone
              + "; the instance is a "
              + type
              + " Linux/UNIX instance of "
              + tenancy
              + " tenancy in "
              + zone
              + ".");
    }
  }

  private static String tenancy(List<InstancePlacement> slots) {
    return slots.isEmpty() ? "default" : slots.get(0).tenancy();
  }

  /** An open reservation with room for one more, counting what this launch took already. */
  private static String openOne(
      RequestContext ctx, Launch launch, String tenancy, Map<String, Integer> taken, Instant now) {
    for (ReservationStore.Reservation r : ReservationStore.of(ctx.state()).byId.values()) {
      if ("open".equals(r.matchCriteria)
          && r.instanceType.equals(launch.instanceType())
          && r.zone.equals(launch.zone())
          && r.platform.equals(PLATFORM)
          && r.tenancy.equals(tenancy)
          && CapacityReservations.available(ctx.state(), r, now) - taken.getOrDefault(r.id, 0)
              > 0) {
        taken.merge(r.id, 1, Integer::sum);
        return r.id;
      }
    }
    return null;
  }
}
