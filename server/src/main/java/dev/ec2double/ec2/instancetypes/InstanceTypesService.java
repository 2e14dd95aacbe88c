package dev.ec2double.ec2.instancetypes;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;

/** DescribeInstanceTypes and DescribeInstanceTypeOfferings over the {@link InstanceTypeCatalog}. */
public final class InstanceTypesService {

  /** Made on first use, not at server start. */
  private static final class Infos {
    static final List<InstanceTypeInfo> ALL =
        InstanceTypeCatalog.all().stream().map(InstanceTypeInfos::of).toList();
    static final java.util.Map<String, InstanceTypeInfo> BY_NAME =
        ALL.stream()
            .collect(
                java.util.stream.Collectors.toMap(InstanceTypeInfo::instanceTypeAsString, t -> t));
  }

  public DescribeInstanceTypesResponse describeInstanceTypes(
      RequestContext ctx, DescribeInstanceTypesRequest req) {
    Predicate<InstanceTypeInfo> filter = InstanceTypeFilters.TYPES.compile(req.filters());
    Set<String> wanted = new LinkedHashSet<>(req.instanceTypesAsStrings());
    List<String> unknown = wanted.stream().filter(t -> !InstanceTypeCatalog.exists(t)).toList();
    if (!unknown.isEmpty()) {
      throw new AwsException(
          "InvalidInstanceType",
          "The following supplied instance types do not exist: ["
              + String.join(", ", unknown)
              + "]");
    }
    // named types are looked up, not searched for among some 1400
    List<InstanceTypeInfo> candidates =
        wanted.isEmpty() ? Infos.ALL : wanted.stream().sorted().map(Infos.BY_NAME::get).toList();
    List<InstanceTypeInfo> matching = candidates.stream().filter(filter).toList();
    Pages.Page<InstanceTypeInfo> page =
        Pages.page("DescribeInstanceTypes", matching, req.maxResults(), req.nextToken());
    return DescribeInstanceTypesResponse.builder()
        .instanceTypes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeInstanceTypeOfferingsResponse describeInstanceTypeOfferings(
      RequestContext ctx, DescribeInstanceTypeOfferingsRequest req) {
    Predicate<InstanceTypeOffering> filter = InstanceTypeFilters.OFFERINGS.compile(req.filters());
    String locationType =
        req.locationTypeAsString() == null || req.locationTypeAsString().isEmpty()
            ? "region"
            : req.locationTypeAsString();
    List<InstanceTypeOffering> matching =
        locations(ctx.region(), locationType).stream()
            .flatMap(
                location ->
                    InstanceTypeCatalog.all().stream()
                        .map(
                            spec ->
                                InstanceTypeOffering.builder()
                                    .instanceType(spec.name())
                                    .locationType(locationType)
                                    .location(location)
                                    .build()))
            .filter(filter)
            .toList();
    Pages.Page<InstanceTypeOffering> page =
        Pages.page("DescribeInstanceTypeOfferings", matching, req.maxResults(), req.nextToken());
    return DescribeInstanceTypeOfferingsResponse.builder()
        .instanceTypeOfferings(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Every type is offered in every zone of the region: ec2-double has no capacity to run out. */
  private static List<String> locations(String region, String locationType) {
    List<String> out = new ArrayList<>();
    switch (locationType) {
      case "region" -> out.add(region);
      case "availability-zone" -> RegionCatalog.zones(region).forEach(z -> out.add(z.name()));
      case "availability-zone-id" -> RegionCatalog.zones(region).forEach(z -> out.add(z.zoneId()));
      case "outpost" -> {
        // ec2-double has no Outposts: nothing is offered on one.
      }
      default ->
          throw AwsException.invalidParameterValue(
              "Value ("
                  + locationType
                  + ") for parameter locationType is invalid. Valid values are: region,"
                  + " availability-zone, availability-zone-id, outpost.");
    }
    return out;
  }
}
