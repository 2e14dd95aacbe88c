package dev.ec2double.ec2.spot;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/**
 * DescribeSpotPriceHistory over {@link SpotPrices}: every price change from the start time to the
 * end time, and the change before the start time (the price in effect then), newest first; without
 * a start time, the prices in effect at the end time. At most the past 90 days, as AWS keeps. Items
 * are made as the page is filled, so a long range over every type costs only its page.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSpotPriceHistory.html
 */
final class SpotPriceHistory {
  private static final String ACTION = "DescribeSpotPriceHistory";
  private static final FilterSpec<SpotPrice> FILTERS =
      FilterSpec.<SpotPrice>of()
          .field("availability-zone", SpotPrice::availabilityZone)
          .field("instance-type", SpotPrice::instanceTypeAsString)
          .field("product-description", SpotPrice::productDescriptionAsString)
          .field("spot-price", SpotPrice::spotPrice)
          .field("timestamp", p -> p.timestamp().toString());

  private final SpotPrices prices;

  SpotPriceHistory(SpotPrices prices) {
    this.prices = prices;
  }

  DescribeSpotPriceHistoryResponse describe(
      RequestContext ctx, DescribeSpotPriceHistoryRequest req) {
    Predicate<SpotPrice> filter = FILTERS.compile(req.filters());
    int size = Pages.size(ACTION, req.maxResults());
    int from = Pages.offset(ACTION, req.nextToken());
    List<String> types = types(req.instanceTypesAsStrings());
    List<String> zones = zones(ctx.region(), req.availabilityZone());
    List<String> products = products(req.productDescriptions());
    Instant now = Instant.now();
    Instant end = req.endTime() == null || req.endTime().isAfter(now) ? now : req.endTime();
    Instant start = req.startTime() == null ? end : req.startTime();
    if (start.isAfter(end)) {
      throw AwsException.invalidParameterValue(
          "The start time (" + start + ") must be before the end time (" + end + ").");
    }
    Instant oldest = now.minus(Duration.ofDays(90));
    start = start.isBefore(oldest) ? oldest : start;
    List<SpotPrice> page = new ArrayList<>();
    int matched = 0;
    boolean more = false;
    scan:
    for (long slot = SpotPrices.slot(end); slot >= SpotPrices.slot(start); slot--) {
      for (String type : types) {
        for (String zone : zones) {
          for (String product : products) {
            SpotPrice p =
                SpotPrice.builder()
                    .availabilityZone(zone)
                    .instanceType(type)
                    .productDescription(product)
                    .spotPrice(prices.inSlot(type, zone, product, slot).toPlainString())
                    .timestamp(SpotPrices.start(slot))
                    .build();
            if (!filter.test(p)) {
              continue;
            }
            if (matched++ < from) {
              continue;
            }
            if (page.size() == size) {
              more = true;
              break scan;
            }
            page.add(p);
          }
        }
      }
    }
    return DescribeSpotPriceHistoryResponse.builder()
        .spotPriceHistory(page)
        .nextToken(more ? Pages.token(ACTION, from + page.size()) : null)
        .build();
  }

  private List<String> types(List<String> asked) {
    for (String t : asked) {
      if (!prices.knows(t)) {
        throw AwsException.invalidParameterValue("Invalid value '" + t + "' for InstanceType.");
      }
    }
    return asked.isEmpty() ? prices.types() : asked;
  }

  private static List<String> zones(String region, String asked) {
    List<String> all = RegionCatalog.zones(region).stream().map(RegionCatalog.Zone::name).toList();
    if (asked == null) {
      return all;
    }
    if (!all.contains(asked)) {
      throw AwsException.invalidParameterValue("Invalid availability zone: [" + asked + "]");
    }
    return List.of(asked);
  }

  private static List<String> products(List<String> asked) {
    for (String p : asked) {
      if (!SpotPrices.PRODUCTS.contains(p)) {
        throw AwsException.invalidParameterValue(
            "Invalid value '" + p + "' for ProductDescription.");
      }
    }
    return asked.isEmpty() ? SpotPrices.PRODUCTS : asked;
  }
}
