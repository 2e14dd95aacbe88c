package dev.ec2double.ec2.purchases;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateSpotDatafeedSubscriptionRequest;
import software.amazon.awssdk.services.ec2.model.CreateSpotDatafeedSubscriptionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSpotDatafeedSubscriptionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSpotDatafeedSubscriptionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotDatafeedSubscriptionRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotDatafeedSubscriptionResponse;
import software.amazon.awssdk.services.ec2.model.GetSpotPlacementScoresRequest;
import software.amazon.awssdk.services.ec2.model.GetSpotPlacementScoresResponse;
import software.amazon.awssdk.services.ec2.model.SpotDatafeedSubscription;
import software.amazon.awssdk.services.ec2.model.SpotPlacementScore;

/**
 * The Spot Instance data feed subscription (one per account and region here: a record, nothing is
 * written to the bucket) and Spot placement scores (1 to 10: ec2-double never runs out of Spot
 * capacity, so the score falls only with the size of the request, one point per tenfold).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-data-feeds.html
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-placement-score.html
 */
public final class SpotExtrasService {
  static final int MAX_REGIONS = 10;
  private static final Set<String> UNITS = Set.of("units", "vcpu", "memory-mib");

  /** The subscription of an account in a region. */
  record Datafeed(String bucket, String prefix) implements java.io.Serializable {}

  /** Where the subscription lives in a region's state. */
  static final class DatafeedStore implements java.io.Serializable {
    Datafeed feed;
  }

  public CreateSpotDatafeedSubscriptionResponse createSpotDatafeedSubscription(
      RequestContext ctx, CreateSpotDatafeedSubscriptionRequest req) {
    String bucket = ReservedInstancesService.required(req.bucket(), "Bucket");
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new AwsException(
          "InvalidParameterValue",
          "The bucket name '" + bucket + "' is not a valid S3 bucket name.");
    }
    DatafeedStore s = store(ctx);
    synchronized (s) {
      s.feed = new Datafeed(bucket, req.prefix());
    }
    ctx.state().changed();
    return CreateSpotDatafeedSubscriptionResponse.builder()
        .spotDatafeedSubscription(view(ctx, s.feed))
        .build();
  }

  public DescribeSpotDatafeedSubscriptionResponse describeSpotDatafeedSubscription(
      RequestContext ctx, DescribeSpotDatafeedSubscriptionRequest req) {
    return DescribeSpotDatafeedSubscriptionResponse.builder()
        .spotDatafeedSubscription(view(ctx, existing(ctx)))
        .build();
  }

  public DeleteSpotDatafeedSubscriptionResponse deleteSpotDatafeedSubscription(
      RequestContext ctx, DeleteSpotDatafeedSubscriptionRequest req) {
    existing(ctx);
    DatafeedStore s = store(ctx);
    synchronized (s) {
      s.feed = null;
    }
    ctx.state().changed();
    return DeleteSpotDatafeedSubscriptionResponse.builder().build();
  }

  public GetSpotPlacementScoresResponse getSpotPlacementScores(
      RequestContext ctx, GetSpotPlacementScoresRequest req) {
    int target = ReservedInstancesService.required(req.targetCapacity(), "TargetCapacity");
    if (target < 1 || target > 2_000_000_000) {
      throw AwsException.invalidParameterValue(
          "Value (" + target + ") for parameter TargetCapacity is invalid.");
    }
    ReservedInstancesService.oneOf(
        req.targetCapacityUnitTypeAsString(), UNITS, "TargetCapacityUnitType");
    boolean byTypes = !req.instanceTypes().isEmpty();
    boolean byRequirements = req.instanceRequirementsWithMetadata() != null;
    if (byTypes == byRequirements) {
      throw AwsException.invalidParameterCombination(
          "Specify either InstanceTypes or InstanceRequirementsWithMetadata, not both and not"
              + " neither.");
    }
    if (req.targetCapacityUnitTypeAsString() != null
        && !req.targetCapacityUnitTypeAsString().equals("units")
        && !byRequirements) {
      throw AwsException.invalidParameterCombination(
          "TargetCapacityUnitType vcpu and memory-mib need InstanceRequirementsWithMetadata.");
    }
    for (String t : req.instanceTypes()) {
      if (!InstanceTypeCatalog.exists(t)) {
        throw AwsException.invalidParameterValue("Invalid value '" + t + "' for InstanceType.");
      }
    }
    if (req.regionNames().size() > MAX_REGIONS) {
      throw AwsException.invalidParameterValue("At most " + MAX_REGIONS + " regions can be given.");
    }
    for (String r : req.regionNames()) {
      if (!RegionCatalog.isRegion(r)) {
        throw AwsException.invalidParameterValue("Invalid region: " + r);
      }
    }
    List<String> regions =
        req.regionNames().isEmpty() ? RegionCatalog.regions() : req.regionNames();
    int score = Math.max(1, Math.min(10, 10 - (int) Math.floor(Math.log10(target))));
    List<SpotPlacementScore> out = new ArrayList<>();
    for (String region : regions) {
      if (Boolean.TRUE.equals(req.singleAvailabilityZone())) {
        for (RegionCatalog.Zone z : RegionCatalog.zones(region)) {
          out.add(
              SpotPlacementScore.builder()
                  .region(region)
                  .availabilityZoneId(z.zoneId())
                  .score(score)
                  .build());
        }
      } else {
        out.add(SpotPlacementScore.builder().region(region).score(score).build());
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetSpotPlacementScoresResponse.builder()
        .spotPlacementScores(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static DatafeedStore store(RequestContext ctx) {
    return ctx.state().part(DatafeedStore.class, DatafeedStore::new);
  }

  private static Datafeed existing(RequestContext ctx) {
    DatafeedStore s = store(ctx);
    synchronized (s) {
      if (s.feed == null) {
        throw new AwsException(
            "InvalidSpotDatafeed.NotFound",
            "The Spot Instance data feed subscription does not exist.");
      }
      return s.feed;
    }
  }

  private static SpotDatafeedSubscription view(RequestContext ctx, Datafeed f) {
    return SpotDatafeedSubscription.builder()
        .bucket(f.bucket())
        .prefix(f.prefix())
        .ownerId(ctx.account())
        .state("Active")
        .build();
  }
}
