package dev.ec2double.ec2.spot;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.CreateTags;
import dev.ec2double.ec2.instances.SpotMarket;
import dev.ec2double.errors.AwsException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The Spot market as instances see it ({@link SpotMarket}): RunInstances with {@code
 * InstanceMarketOptions} opens one Spot request per instance (AWS does the same), fulfilled at once
 * or refused with {@code SpotMaxPriceTooLow}; an injected Spot interruption moves the instance's
 * request ({@link SpotFulfilment}).
 */
public final class SpotInstances implements SpotMarket {
  private final SpotFulfilment fulfilment;

  SpotInstances(SpotFulfilment fulfilment) {
    this.fulfilment = fulfilment;
  }

  @Override
  public RunInstancesResponse launch(RequestContext ctx, RunInstancesRequest req, Run run) {
    boolean hibernation =
        req.hibernationOptions() != null
            && Boolean.TRUE.equals(req.hibernationOptions().configured());
    SpotOptions.Terms terms = SpotOptions.market(req.instanceMarketOptions(), hibernation);
    String type = req.instanceTypeAsString() == null ? "m1.small" : req.instanceTypeAsString();
    String zone = req.placement() == null ? null : req.placement().availabilityZone();
    BigDecimal price = fulfilment.price(ctx.region(), type, zone);
    if (terms.maxPrice() != null && terms.maxPrice().compareTo(price) < 0) {
      throw new AwsException(
          "SpotMaxPriceTooLow",
          "Your Spot request price of "
              + SpotFulfilment.tooLow(terms.maxPrice().toPlainString(), price)
              + ".");
    }
    List<TagSpecification> requestTags = new ArrayList<>();
    List<TagSpecification> others = new ArrayList<>();
    for (TagSpecification s : req.tagSpecifications()) {
      (SpotRequests.KIND.resourceType().equals(s.resourceTypeAsString()) ? requestTags : others)
          .add(s);
    }
    List<Tag> tags = CreateTags.of(requestTags, SpotRequests.KIND.resourceType());
    RunInstancesRequest plain =
        req.toBuilder()
            .instanceMarketOptions((InstanceMarketOptionsRequest) null)
            .tagSpecifications(others)
            .build();
    int n = req.maxCount() == null || req.maxCount() < 1 ? 1 : req.maxCount();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(SpotRequests.nextId());
    }
    RunInstancesResponse response = run.run(plain, ids);
    String maxPrice =
        (terms.maxPrice() != null ? terms.maxPrice() : fulfilment.prices().onDemand(type))
            .setScale(6, java.math.RoundingMode.HALF_UP)
            .toPlainString();
    RunInstancesRequest one =
        plain.toBuilder().minCount(1).maxCount(1).tagSpecifications(others).build();
    SpotRequestStore store = SpotRequestStore.of(ctx.state());
    Instant now = Instant.now();
    for (Instance i : response.instances()) {
      SpotRequestStore.Request r =
          new SpotRequestStore.Request(
              i.spotInstanceRequestId(),
              terms.type(),
              maxPrice,
              terms.behavior(),
              now,
              null,
              terms.validUntil(),
              null,
              null,
              SpotOptions.spec(one));
      r.instanceId = i.instanceId();
      r.zone = i.placement().availabilityZone();
      r.status("active", "fulfilled", null);
      synchronized (store) {
        store.byId.put(r.id, r);
      }
      if (!tags.isEmpty()) {
        ctx.tags().add(List.of(r.id), tags);
      }
    }
    return response;
  }

  @Override
  public String interruptionBehavior(RegionState state, String instanceId) {
    SpotRequestStore.Request r = SpotFulfilment.requestOf(state, instanceId);
    return r == null ? null : r.behavior;
  }

  @Override
  public void marked(RegionState state, String instanceId, String behavior) {
    fulfilment.marked(state, instanceId, behavior);
  }

  @Override
  public void interrupted(RegionState state, String instanceId, String behavior) {
    fulfilment.interrupted(state, instanceId, behavior);
  }

  @Override
  public void capacityBack(RegionState state, String instanceId, String behavior) {
    fulfilment.capacityBack(state, instanceId, behavior);
  }
}
