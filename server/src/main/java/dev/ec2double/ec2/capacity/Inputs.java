package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.Set;

/** The checks every capacity action makes of its input, with AWS's error codes. */
final class Inputs {
  private Inputs() {}

  static RegionCatalog.Zone zone(RequestContext ctx, String name, String zoneId) {
    if (name == null && zoneId == null) {
      throw AwsException.missingParameter("AvailabilityZone");
    }
    if (name != null && zoneId != null) {
      throw AwsException.invalidParameterCombination(
          "AvailabilityZone and AvailabilityZoneId cannot both be specified.");
    }
    return RegionCatalog.zones(ctx.region()).stream()
        .filter(z -> z.name().equals(name) || z.zoneId().equals(zoneId))
        .findFirst()
        .orElseThrow(
            () ->
                new AwsException(
                    "InvalidParameterValue",
                    "Invalid availability zone: [" + (name != null ? name : zoneId) + "]"));
  }

  static String oneOf(String value, String dflt, Set<String> valid, String name) {
    if (value == null) {
      return dflt;
    }
    if (!valid.contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + value
              + ") for parameter "
              + name
              + " is invalid. Valid values: "
              + String.join(", ", valid.stream().sorted().toList()));
    }
    return value;
  }

  static <T> T required(T value, String name) {
    if (value == null) {
      throw AwsException.missingParameter(name);
    }
    return value;
  }

  /** A count of at least {@code min}. */
  static int atLeast(Integer value, int min, String name) {
    int v = required(value, name);
    if (v < min) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + v
              + ") for parameter "
              + name
              + " is invalid. It must be at least "
              + min
              + ".");
    }
    return v;
  }

  static void activeOrRefuse(ReservationStore.Reservation r, Instant now) {
    String state = r.stateAt(now);
    if (!state.equals("active") && !state.equals("scheduled")) {
      throw new AwsException(
          "IncorrectState",
          "The Capacity Reservation " + r.id + " is " + state + " and cannot be changed.");
    }
  }
}
