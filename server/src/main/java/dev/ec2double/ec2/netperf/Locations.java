package dev.ec2double.ec2.netperf;

import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;

/**
 * The two ends of a network performance pair: Regions ({@code us-east-1}) or Availability Zone ids
 * ({@code use1-az1}) of one Region, never a mix, as the API reference says.
 */
record Locations(
    String source, String destination, String sourceRegion, String destRegion, boolean zones) {

  /** How far apart the two ends are, which decides the latency the data shows. */
  enum Distance {
    SAME_ZONE,
    SAME_REGION,
    CROSS_REGION
  }

  static Locations of(String source, String destination) {
    if (source == null) {
      throw AwsException.missingParameter("Source");
    }
    if (destination == null) {
      throw AwsException.missingParameter("Destination");
    }
    String sourceRegion = regionOf(source, "Source");
    String destRegion = regionOf(destination, "Destination");
    boolean sourceZone = !RegionCatalog.isRegion(source);
    boolean destZone = !RegionCatalog.isRegion(destination);
    if (sourceZone != destZone) {
      throw AwsException.invalidParameterValue(
          "The Source ("
              + source
              + ") and Destination ("
              + destination
              + ") must both be Regions or both be Availability Zone IDs.");
    }
    if (sourceZone && !sourceRegion.equals(destRegion)) {
      throw AwsException.invalidParameterValue(
          "The Availability Zones "
              + source
              + " and "
              + destination
              + " must be in the same Region.");
    }
    return new Locations(source, destination, sourceRegion, destRegion, sourceZone);
  }

  Distance distance() {
    if (!sourceRegion.equals(destRegion)) {
      return Distance.CROSS_REGION;
    }
    return zones && source.equals(destination) ? Distance.SAME_ZONE : Distance.SAME_REGION;
  }

  /** The Region of a Region name or of a zone id; AWS's error for anything else. */
  private static String regionOf(String location, String parameter) {
    if (RegionCatalog.isRegion(location)) {
      return location;
    }
    for (String region : RegionCatalog.regions()) {
      for (RegionCatalog.Zone z : RegionCatalog.zones(region)) {
        if (z.zoneId().equals(location)) {
          return region;
        }
      }
    }
    throw AwsException.invalidParameterValue(
        "Value ("
            + location
            + ") for parameter "
            + parameter
            + " is invalid. Expected a Region (us-east-1) or an Availability Zone ID (use1-az1).");
  }
}
