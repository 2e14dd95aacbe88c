package dev.ec2double.ec2.regions;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.Region;

/** DescribeRegions and DescribeAvailabilityZones. */
public final class RegionsService {
  private static final FilterSpec<Region> REGION_FILTERS =
      FilterSpec.<Region>of()
          .field("endpoint", Region::endpoint)
          .field("region-name", Region::regionName)
          .field("opt-in-status", Region::optInStatus);

  private static final FilterSpec<AvailabilityZone> ZONE_FILTERS =
      FilterSpec.<AvailabilityZone>of()
          .field("group-name", AvailabilityZone::groupName)
          .field("group-long-name", AvailabilityZone::groupLongName)
          .field("message", z -> null)
          .field("opt-in-status", AvailabilityZone::optInStatusAsString)
          .field("parent-zone-id", AvailabilityZone::parentZoneId)
          .field("parent-zone-name", AvailabilityZone::parentZoneName)
          .field("region-name", AvailabilityZone::regionName)
          .field("state", AvailabilityZone::stateAsString)
          .field("zone-id", AvailabilityZone::zoneId)
          .field("zone-type", AvailabilityZone::zoneType)
          .field("zone-name", AvailabilityZone::zoneName)
          .field("network-border-group", AvailabilityZone::networkBorderGroup);

  /** Every region, made once on first use: DescribeRegions is the call clients make most. */
  private static final class Regions {
    static final List<Region> ALL =
        RegionCatalog.regions().stream()
            .map(
                r ->
                    Region.builder()
                        .regionName(r)
                        .endpoint(RegionCatalog.endpoint(r))
                        .optInStatus(RegionCatalog.optInStatus(r))
                        .build())
            .toList();
  }

  public DescribeRegionsResponse describeRegions(RequestContext ctx, DescribeRegionsRequest req) {
    Predicate<Region> filter = REGION_FILTERS.compile(req.filters());
    Set<String> names = Set.copyOf(req.regionNames());
    for (String name : names) {
      if (!RegionCatalog.isRegion(name)) {
        throw new AwsException(
            "InvalidParameterValue", "Invalid region name(s): " + String.join(", ", names));
      }
    }
    List<Region> regions =
        Regions.ALL.stream()
            .filter(r -> names.isEmpty() || names.contains(r.regionName()))
            .filter(filter)
            .toList();
    return DescribeRegionsResponse.builder().regions(regions).build();
  }

  public DescribeAvailabilityZonesResponse describeAvailabilityZones(
      RequestContext ctx, DescribeAvailabilityZonesRequest req) {
    Predicate<AvailabilityZone> filter = ZONE_FILTERS.compile(req.filters());
    Set<String> names = Set.copyOf(req.zoneNames());
    Set<String> ids = Set.copyOf(req.zoneIds());
    List<AvailabilityZone> all =
        RegionCatalog.zones(ctx.region()).stream().map(this::zone).toList();
    for (String n : names) {
      if (all.stream().noneMatch(z -> z.zoneName().equals(n))) {
        throw AwsException.invalidParameterValue(
            "The zone '" + n + "' does not exist in region " + ctx.region() + ".");
      }
    }
    for (String id : ids) {
      if (all.stream().noneMatch(z -> z.zoneId().equals(id))) {
        throw AwsException.invalidParameterValue(
            "The zone ID '" + id + "' does not exist in region " + ctx.region() + ".");
      }
    }
    List<AvailabilityZone> zones =
        all.stream()
            .filter(
                z ->
                    names.isEmpty() && ids.isEmpty()
                        || names.contains(z.zoneName())
                        || ids.contains(z.zoneId()))
            .filter(filter)
            .toList();
    return DescribeAvailabilityZonesResponse.builder().availabilityZones(zones).build();
  }

  private AvailabilityZone zone(RegionCatalog.Zone z) {
    return AvailabilityZone.builder()
        .zoneName(z.name())
        .zoneId(z.zoneId())
        .regionName(z.region())
        .state("available")
        .optInStatus("opt-in-not-required")
        .messages(List.of())
        .groupName(z.region())
        .groupLongName(z.region())
        .networkBorderGroup(z.region())
        .zoneType("availability-zone")
        .build();
  }
}
