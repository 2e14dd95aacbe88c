package dev.ec2double.ec2.spot;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.errors.AwsException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CancelSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.CancelSpotInstanceRequestsResponse;
import software.amazon.awssdk.services.ec2.model.CancelledSpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.LaunchSpecification;
import software.amazon.awssdk.services.ec2.model.RequestSpotInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RequestSpotInstancesResponse;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * RequestSpotInstances, DescribeSpotInstanceRequests, CancelSpotInstanceRequests and
 * DescribeSpotPriceHistory. A request's instance is a real instance (InstanceLifecycle {@code
 * spot}); the request follows it ({@link SpotFulfilment}).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RequestSpotInstances.html
 */
public final class SpotService {
  private final SpotFulfilment fulfilment;
  private final SpotPriceHistory history;
  private final SpotInstances market;

  public SpotService(Resources resources, SpotLaunches launches, SpotPrices prices) {
    SpotRequests.KIND.registerTaggable(resources);
    this.fulfilment = new SpotFulfilment(launches, prices);
    this.history = new SpotPriceHistory(prices);
    this.market = new SpotInstances(fulfilment);
  }

  /** What RunInstances with InstanceMarketOptions and injected interruptions go through. */
  public SpotInstances market() {
    return market;
  }

  public RequestSpotInstancesResponse requestSpotInstances(
      RequestContext ctx, RequestSpotInstancesRequest req) {
    if (req.blockDurationMinutes() != null) {
      throw SpotOptions.spotBlocks();
    }
    LaunchSpecification spec = SpotOptions.spec(req.launchSpecification());
    String type = SpotOptions.type(req.typeAsString());
    String behavior = SpotOptions.behavior(req.instanceInterruptionBehaviorAsString());
    SpotOptions.persistentFor(type, behavior);
    BigDecimal price = SpotOptions.price(req.spotPrice());
    int count = req.instanceCount() == null ? 1 : req.instanceCount();
    if (count < 1) {
      throw AwsException.invalidParameterValue(
          "Value (" + count + ") for parameter InstanceCount is invalid. Expected at least 1.");
    }
    Instant validUntil = SpotOptions.validUntil(req.validUntil());
    if (req.validFrom() != null && validUntil != null && !req.validFrom().isBefore(validUntil)) {
      throw AwsException.invalidParameterValue("ValidFrom must be before ValidUntil.");
    }
    List<Tag> tags = SpotRequests.KIND.tags(req.tagSpecifications());
    String instanceType = spec.instanceTypeAsString();
    if (!instanceType.equals("m1.small") && !fulfilment.prices().knows(instanceType)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + instanceType + "' for InstanceType.");
    }
    String maxPrice =
        (price != null ? price : fulfilment.prices().onDemand(instanceType))
            .setScale(6, RoundingMode.HALF_UP)
            .toPlainString();
    Instant now = Instant.now();
    List<SpotRequestStore.Request> made = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      made.add(
          new SpotRequestStore.Request(
              SpotRequests.nextId(),
              type,
              maxPrice,
              behavior,
              now,
              req.validFrom(),
              validUntil,
              req.launchGroup(),
              req.availabilityZoneGroup(),
              spec));
    }
    // what AWS answers: every request open, pending evaluation
    List<SpotInstanceRequest> answer =
        made.stream()
            .map(r -> SpotRequests.KIND.view(ctx, r).toBuilder().tags(tags).build())
            .toList();
    SpotRequestStore store = SpotRequestStore.of(ctx.state());
    synchronized (store) {
      made.forEach(r -> r.launching = true);
    }
    // the first is fulfilled before anything is stored: a launch that AWS would refuse (an unknown
    // image, subnet or key) is the call's error, and nothing is left behind
    SpotRequestStore.Request first = made.get(0);
    firstLaunch(ctx, first);
    synchronized (store) {
      made.forEach(r -> store.byId.put(r.id, r));
    }
    if (!tags.isEmpty()) {
      ctx.tags().add(made.stream().map(r -> r.id).toList(), tags);
    }
    made.stream().skip(first.instanceId == null ? 0 : 1).forEach(r -> fulfilment.fulfil(ctx, r));
    return RequestSpotInstancesResponse.builder().spotInstanceRequests(answer).build();
  }

  /** Fulfils the first request now, throwing AWS's error for a launch it refuses. */
  private void firstLaunch(RequestContext ctx, SpotRequestStore.Request r) {
    Instant now = Instant.now();
    if (r.validFrom != null && now.isBefore(r.validFrom)) {
      return;
    }
    String zone = r.spec.placement() == null ? null : r.spec.placement().availabilityZone();
    BigDecimal current = fulfilment.price(ctx.region(), r.spec.instanceTypeAsString(), zone);
    if (new BigDecimal(r.maxPrice).compareTo(current) < 0) {
      return;
    }
    try {
      var i = fulfilment.launch(ctx, r);
      r.instanceId = i.instanceId();
      r.zone = i.placement().availabilityZone();
      r.status("active", "fulfilled", null);
      r.launching = false;
    } catch (AwsException e) {
      if (!e.code().equals("InsufficientInstanceCapacity")) {
        throw e;
      }
    }
  }

  public DescribeSpotInstanceRequestsResponse describeSpotInstanceRequests(
      RequestContext ctx, DescribeSpotInstanceRequestsRequest req) {
    SpotRequests.KIND.checkFilters(req.filters());
    fulfilment.refresh(ctx);
    Pages.Page<SpotInstanceRequest> page =
        SpotRequests.KIND.describe(
            ctx, req.spotInstanceRequestIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeSpotInstanceRequestsResponse.builder()
        .spotInstanceRequests(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The requests are cancelled; their instances keep running, as on AWS. */
  public CancelSpotInstanceRequestsResponse cancelSpotInstanceRequests(
      RequestContext ctx, CancelSpotInstanceRequestsRequest req) {
    if (req.spotInstanceRequestIds().isEmpty()) {
      throw AwsException.missingParameter("SpotInstanceRequestId");
    }
    fulfilment.refresh(ctx);
    SpotRequestStore store = SpotRequestStore.of(ctx.state());
    List<CancelledSpotInstanceRequest> out = new ArrayList<>();
    synchronized (store) {
      List<SpotRequestStore.Request> found = new ArrayList<>();
      for (String id : req.spotInstanceRequestIds()) {
        found.add(SpotRequests.KIND.get(ctx.state(), id));
      }
      for (SpotRequestStore.Request r : found) {
        if (List.of("open", "active", "disabled").contains(r.state)) {
          boolean running = r.state.equals("active") || r.state.equals("disabled");
          r.status(
              "cancelled",
              running ? "request-canceled-and-instance-running" : "canceled-before-fulfillment",
              null);
        }
        out.add(
            CancelledSpotInstanceRequest.builder()
                .spotInstanceRequestId(r.id)
                .state(r.state)
                .build());
      }
    }
    return CancelSpotInstanceRequestsResponse.builder().cancelledSpotInstanceRequests(out).build();
  }

  public DescribeSpotPriceHistoryResponse describeSpotPriceHistory(
      RequestContext ctx, DescribeSpotPriceHistoryRequest req) {
    return history.describe(ctx, req);
  }
}
