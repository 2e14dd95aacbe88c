package dev.ec2double.ec2.purchases;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.CancelReservedInstancesListingRequest;
import software.amazon.awssdk.services.ec2.model.CancelReservedInstancesListingResponse;
import software.amazon.awssdk.services.ec2.model.CreateReservedInstancesListingRequest;
import software.amazon.awssdk.services.ec2.model.CreateReservedInstancesListingResponse;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesListingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesListingsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceCount;
import software.amazon.awssdk.services.ec2.model.PriceSchedule;
import software.amazon.awssdk.services.ec2.model.PriceScheduleSpecification;
import software.amazon.awssdk.services.ec2.model.ReservedInstancesListing;

/**
 * Selling Standard Reserved Instances in the Reserved Instance Marketplace: a listing offers some
 * of an active Reserved Instances record's instances at a price schedule (a price per remaining
 * term in months, the price in force the one of the term left now); cancelling takes it off the
 * market. Nobody buys on ec2-double's marketplace, so a listing stays {@code active} until it is
 * cancelled. AWS also wants the seller registered and the Reserved Instances held for 30 days;
 * ec2-double does not, so a test can list what it just bought.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ri-market-general.html
 */
public final class RiListingsService {

  /** The filters, made at first use rather than at server start. */
  private static final class Filters {
    static final FilterSpec<ReservedInstancesListing> FILTERS =
        FilterSpec.<ReservedInstancesListing>of()
            .field("reserved-instances-id", ReservedInstancesListing::reservedInstancesId)
            .field(
                "reserved-instances-listing-id",
                ReservedInstancesListing::reservedInstancesListingId)
            .field("status", ReservedInstancesListing::statusAsString)
            .field("status-message", ReservedInstancesListing::statusMessage);
  }

  public CreateReservedInstancesListingResponse createReservedInstancesListing(
      RequestContext ctx, CreateReservedInstancesListingRequest req) {
    String riId =
        ReservedInstancesService.required(req.reservedInstancesId(), "ReservedInstancesId");
    int count = ReservedInstancesService.required(req.instanceCount(), "InstanceCount");
    String token = ReservedInstancesService.required(req.clientToken(), "ClientToken");
    if (req.priceSchedules().isEmpty()) {
      throw AwsException.missingParameter("PriceSchedules");
    }
    Instant now = Instant.now();
    RiStore store = RiStore.of(ctx.state());
    RiStore.Listing listing;
    synchronized (store) {
      for (RiStore.Listing l : store.listings.values()) {
        if (l.clientToken.equals(token)) {
          return CreateReservedInstancesListingResponse.builder()
              .reservedInstancesListings(view(ctx, l, now))
              .build();
        }
      }
      RiStore.Ri ri = ReservedInstancesViews.require(store, riId);
      if (!ri.stateAt(now).equals("active")) {
        throw new AwsException(
            "InvalidParameterValue", "The Reserved Instances " + riId + " are not active.");
      }
      if (!ri.offeringClass.equals("standard")) {
        throw AwsException.invalidParameterValue(
            "Only Standard Reserved Instances can be sold; " + riId + " are convertible.");
      }
      int listed =
          store.listings.values().stream()
              .filter(l -> l.riId.equals(riId) && l.status.equals("active"))
              .mapToInt(l -> l.count)
              .sum();
      if (count < 1 || count > ri.count - listed) {
        throw AwsException.invalidParameterValue(
            "InstanceCount "
                + count
                + " is invalid: "
                + (ri.count - listed)
                + " instances of "
                + riId
                + " are not listed yet.");
      }
      long monthsLeft = Math.max(1, Duration.between(now, ri.end).toDays() / 30);
      List<RiStore.PriceStep> steps = new ArrayList<>();
      for (PriceScheduleSpecification p : req.priceSchedules()) {
        long term = ReservedInstancesService.required(p.term(), "PriceSchedules.Term");
        double price = ReservedInstancesService.required(p.price(), "PriceSchedules.Price");
        if (term < 1 || term > monthsLeft || price < 0) {
          throw AwsException.invalidParameterValue(
              "Each price schedule needs a term of 1 to "
                  + monthsLeft
                  + " months and a price of at least 0.");
        }
        String currency = p.currencyCodeAsString() == null ? "USD" : p.currencyCodeAsString();
        if (!currency.equals("USD")) {
          throw AwsException.invalidParameterValue("Only USD prices are supported.");
        }
        steps.add(new RiStore.PriceStep(term, price, currency));
      }
      listing = new RiStore.Listing(UUID.randomUUID().toString(), riId, token, now, count, steps);
      store.listings.put(listing.id, listing);
    }
    ctx.state().changed();
    return CreateReservedInstancesListingResponse.builder()
        .reservedInstancesListings(view(ctx, listing, now))
        .build();
  }

  public CancelReservedInstancesListingResponse cancelReservedInstancesListing(
      RequestContext ctx, CancelReservedInstancesListingRequest req) {
    String id =
        ReservedInstancesService.required(
            req.reservedInstancesListingId(), "ReservedInstancesListingId");
    Instant now = Instant.now();
    RiStore store = RiStore.of(ctx.state());
    RiStore.Listing l;
    synchronized (store) {
      l = require(store, id);
      if (!l.status.equals("active")) {
        throw new AwsException(
            "InvalidParameterValue",
            "The Reserved Instances listing "
                + id
                + " is "
                + l.status
                + " and cannot be cancelled.");
      }
      l.status = "cancelled";
      l.updated = now;
    }
    ctx.state().changed();
    return CancelReservedInstancesListingResponse.builder()
        .reservedInstancesListings(view(ctx, l, now))
        .build();
  }

  public DescribeReservedInstancesListingsResponse describeReservedInstancesListings(
      RequestContext ctx, DescribeReservedInstancesListingsRequest req) {
    Predicate<ReservedInstancesListing> filter = Filters.FILTERS.compile(req.filters());
    Instant now = Instant.now();
    RiStore store = RiStore.of(ctx.state());
    List<ReservedInstancesListing> out = new ArrayList<>();
    synchronized (store) {
      if (req.reservedInstancesListingId() != null) {
        require(store, req.reservedInstancesListingId());
      }
      for (RiStore.Listing l : store.listings.values()) {
        if ((req.reservedInstancesId() == null || req.reservedInstancesId().equals(l.riId))
            && (req.reservedInstancesListingId() == null
                || req.reservedInstancesListingId().equals(l.id))) {
          ReservedInstancesListing v = view(ctx, l, now);
          if (filter.test(v)) {
            out.add(v);
          }
        }
      }
    }
    return DescribeReservedInstancesListingsResponse.builder()
        .reservedInstancesListings(out)
        .build();
  }

  private static RiStore.Listing require(RiStore store, String id) {
    RiStore.Listing l = store.listings.get(id);
    if (l == null) {
      throw new AwsException(
          "InvalidReservedInstancesListingId.NotFound",
          "The Reserved Instances listing ID '" + id + "' does not exist");
    }
    return l;
  }

  private static ReservedInstancesListing view(RequestContext ctx, RiStore.Listing l, Instant now) {
    boolean active = l.status.equals("active");
    RiStore.Ri ri = RiStore.of(ctx.state()).byId.get(l.riId);
    long monthsLeft = ri == null ? 0 : Math.max(1, Duration.between(now, ri.end).toDays() / 30);
    // the step in force: the one of the largest term not beyond the months left
    RiStore.PriceStep inForce =
        l.prices.stream()
            .filter(p -> p.term() <= monthsLeft)
            .max((a, b) -> Long.compare(a.term(), b.term()))
            .orElse(null);
    List<PriceSchedule> prices =
        l.prices.stream()
            .map(
                p ->
                    PriceSchedule.builder()
                        .term(p.term())
                        .price(p.price())
                        .currencyCode(p.currency())
                        .active(active && p == inForce)
                        .build())
            .toList();
    return ReservedInstancesListing.builder()
        .reservedInstancesListingId(l.id)
        .reservedInstancesId(l.riId)
        .createDate(l.created)
        .updateDate(l.updated)
        .status(l.status)
        .statusMessage(l.status)
        .clientToken(l.clientToken)
        .priceSchedules(prices)
        .instanceCounts(
            count("available", active ? l.count : 0),
            count("sold", 0),
            count("cancelled", active ? 0 : l.count),
            count("pending", 0))
        .tags(ctx.tags().sdkTags(l.id))
        .build();
  }

  private static InstanceCount count(String state, int n) {
    return InstanceCount.builder().state(state).instanceCount(n).build();
  }
}
