package dev.ec2double.ec2.purchases;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.instancetypes.InstanceTypeSpec;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DeleteQueuedReservedInstancesError;
import software.amazon.awssdk.services.ec2.model.DeleteQueuedReservedInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DeleteQueuedReservedInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesResponse;
import software.amazon.awssdk.services.ec2.model.FailedQueuedPurchaseDeletion;
import software.amazon.awssdk.services.ec2.model.PurchaseReservedInstancesOfferingRequest;
import software.amazon.awssdk.services.ec2.model.PurchaseReservedInstancesOfferingResponse;
import software.amazon.awssdk.services.ec2.model.ReservedInstances;
import software.amazon.awssdk.services.ec2.model.ReservedInstancesOffering;
import software.amazon.awssdk.services.ec2.model.SuccessfulQueuedPurchaseDeletion;

/**
 * Reserved Instances: the offerings ({@link RiOfferings}), buying one (active at once, for its
 * term; with a future PurchaseTime queued until then, Region scope only), DescribeReservedInstances
 * with its filters (states move by the clock: a queued purchase becomes active at its time, an
 * active one retired at its end), and deleting queued purchases. Reserved Instances are billing
 * records on AWS too: they change nothing about how instances run.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PurchaseReservedInstancesOffering.html
 */
public final class ReservedInstancesService {

  /** The filters, made at first use rather than at server start. */
  private static final class Filters {
    static final FilterSpec<ReservedInstancesOffering> OFFERING_FILTERS =
        FilterSpec.<ReservedInstancesOffering>of()
            .field("availability-zone", ReservedInstancesOffering::availabilityZone)
            .field("availability-zone-id", ReservedInstancesOffering::availabilityZoneId)
            .field("duration", ReservedInstancesOffering::duration)
            .field("fixed-price", o -> price(o.fixedPrice()))
            .field("instance-type", ReservedInstancesOffering::instanceTypeAsString)
            .field("marketplace", ReservedInstancesOffering::marketplace)
            .field("product-description", ReservedInstancesOffering::productDescriptionAsString)
            .field(
                "reserved-instances-offering-id",
                ReservedInstancesOffering::reservedInstancesOfferingId)
            .field("scope", ReservedInstancesOffering::scopeAsString)
            .field("usage-price", o -> price(o.usagePrice()));
  }

  private static final Set<String> CLASSES = Set.of("standard", "convertible");
  private static final Set<String> TENANCIES = Set.of("default", "dedicated", "host");

  public DescribeReservedInstancesOfferingsResponse describeReservedInstancesOfferings(
      RequestContext ctx, DescribeReservedInstancesOfferingsRequest req) {
    Predicate<ReservedInstancesOffering> filter = Filters.OFFERING_FILTERS.compile(req.filters());
    String type = req.instanceTypeAsString();
    if (type != null && !InstanceTypeCatalog.exists(type)) {
      throw AwsException.invalidParameterValue("Invalid value '" + type + "' for InstanceType.");
    }
    RegionCatalog.Zone zone = zone(ctx, req.availabilityZone(), req.availabilityZoneId());
    String cls = oneOf(req.offeringClassAsString(), CLASSES, "OfferingClass");
    String payment =
        oneOf(req.offeringTypeAsString(), Set.copyOf(RiOfferings.PAYMENTS), "OfferingType");
    String tenancy = oneOf(req.instanceTenancyAsString(), TENANCIES, "InstanceTenancy");
    long min = req.minDuration() == null ? 0 : req.minDuration();
    long max = req.maxDuration() == null ? Long.MAX_VALUE : req.maxDuration();
    String product = req.productDescriptionAsString();
    boolean linux = product == null || product.startsWith("Linux/UNIX");
    Set<String> ids = Set.copyOf(req.reservedInstancesOfferingIds());
    List<ReservedInstancesOffering> out = new ArrayList<>();
    List<InstanceTypeSpec> types =
        type == null ? InstanceTypeCatalog.all() : List.of(InstanceTypeCatalog.find(type).get());
    for (InstanceTypeSpec t : types) {
      for (RiOfferings.Offering o : RiOfferings.of(ctx.region(), t, zone)) {
        if (linux
            && (cls == null || cls.equals(o.offeringClass()))
            && (payment == null || payment.equals(o.offeringType()))
            && (tenancy == null || tenancy.equals(o.tenancy()))
            && o.duration() >= min
            && o.duration() <= max
            && (ids.isEmpty() || ids.contains(o.id()))) {
          ReservedInstancesOffering v = o.view();
          if (filter.test(v)) {
            out.add(v);
          }
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeReservedInstancesOfferingsResponse.builder()
        .reservedInstancesOfferings(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public PurchaseReservedInstancesOfferingResponse purchaseReservedInstancesOffering(
      RequestContext ctx, PurchaseReservedInstancesOfferingRequest req) {
    String offeringId = required(req.reservedInstancesOfferingId(), "ReservedInstancesOfferingId");
    int count = required(req.instanceCount(), "InstanceCount");
    if (count < 1) {
      throw AwsException.invalidParameterValue(
          "Value (" + count + ") for parameter InstanceCount is invalid. It must be at least 1.");
    }
    RiOfferings.Offering o = RiOfferings.require(ctx.region(), offeringId);
    if (req.limitPrice() != null
        && req.limitPrice().amount() != null
        && req.limitPrice().amount() < o.fixedPrice() * count) {
      throw new AwsException(
          "ReservedInstancesLimitPriceExceeded",
          "The upfront price "
              + price((float) (o.fixedPrice() * count))
              + " USD is more than the limit price "
              + req.limitPrice().amount()
              + ".");
    }
    Instant now = Instant.now();
    Instant start =
        req.purchaseTime() == null || !req.purchaseTime().isAfter(now) ? now : req.purchaseTime();
    boolean queued = start.isAfter(now);
    if (queued && o.zone() != null) {
      throw AwsException.invalidParameterCombination(
          "Only Reserved Instances of Region scope can be queued for a later PurchaseTime.");
    }
    RiStore.Ri ri =
        new RiStore.Ri(
            UUID.randomUUID().toString(),
            o,
            count,
            o.instanceType(),
            o.zone(),
            o.zoneId(),
            start,
            start.plusSeconds(o.duration()),
            queued ? "queued" : "active");
    RiStore store = RiStore.of(ctx.state());
    synchronized (store) {
      store.byId.put(ri.id, ri);
    }
    ctx.state().changed();
    return PurchaseReservedInstancesOfferingResponse.builder().reservedInstancesId(ri.id).build();
  }

  public DescribeReservedInstancesResponse describeReservedInstances(
      RequestContext ctx, DescribeReservedInstancesRequest req) {
    Predicate<ReservedInstances> filter =
        ReservedInstancesViews.filters(ctx).compile(req.filters());
    String cls = oneOf(req.offeringClassAsString(), CLASSES, "OfferingClass");
    String payment =
        oneOf(req.offeringTypeAsString(), Set.copyOf(RiOfferings.PAYMENTS), "OfferingType");
    RiStore store = RiStore.of(ctx.state());
    List<ReservedInstances> out = new ArrayList<>();
    synchronized (store) {
      for (String id : req.reservedInstancesIds()) {
        ReservedInstancesViews.require(store, id);
      }
      Instant now = Instant.now();
      for (RiStore.Ri ri : store.byId.values()) {
        if ((req.reservedInstancesIds().isEmpty() || req.reservedInstancesIds().contains(ri.id))
            && (cls == null || cls.equals(ri.offeringClass))
            && (payment == null || payment.equals(ri.offeringType))) {
          ReservedInstances v = ReservedInstancesViews.view(ctx, ri, now);
          if (filter.test(v)) {
            out.add(v);
          }
        }
      }
    }
    return DescribeReservedInstancesResponse.builder().reservedInstances(out).build();
  }

  public DeleteQueuedReservedInstancesResponse deleteQueuedReservedInstances(
      RequestContext ctx, DeleteQueuedReservedInstancesRequest req) {
    if (req.reservedInstancesIds().isEmpty()) {
      throw AwsException.missingParameter("ReservedInstancesIds");
    }
    if (req.reservedInstancesIds().size() > 100) {
      throw AwsException.invalidParameterValue("At most 100 Reserved Instances IDs can be given.");
    }
    List<SuccessfulQueuedPurchaseDeletion> done = new ArrayList<>();
    List<FailedQueuedPurchaseDeletion> failed = new ArrayList<>();
    RiStore store = RiStore.of(ctx.state());
    Instant now = Instant.now();
    synchronized (store) {
      for (String id : req.reservedInstancesIds()) {
        RiStore.Ri ri = store.byId.get(id);
        String code =
            ri == null
                ? "reserved-instances-id-invalid"
                : ri.stateAt(now).equals("queued")
                    ? null
                    : "reserved-instances-not-in-queued-state";
        if (code == null) {
          ri.state = "queued-deleted";
          done.add(SuccessfulQueuedPurchaseDeletion.builder().reservedInstancesId(id).build());
        } else {
          failed.add(
              FailedQueuedPurchaseDeletion.builder()
                  .reservedInstancesId(id)
                  .error(
                      DeleteQueuedReservedInstancesError.builder()
                          .code(code)
                          .message(
                              ri == null
                                  ? "The Reserved Instances ID '" + id + "' does not exist."
                                  : "The Reserved Instances " + id + " are not queued.")
                          .build())
                  .build());
        }
      }
    }
    ctx.state().changed();
    return DeleteQueuedReservedInstancesResponse.builder()
        .successfulQueuedPurchaseDeletions(done)
        .failedQueuedPurchaseDeletions(failed)
        .build();
  }

  static String price(Float f) {
    return f == null ? null : String.valueOf(f);
  }

  static RegionCatalog.Zone zone(RequestContext ctx, String name, String id) {
    if (name == null && id == null) {
      return null;
    }
    return RegionCatalog.zones(ctx.region()).stream()
        .filter(z -> z.name().equals(name) || z.zoneId().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                AwsException.invalidParameterValue(
                    "Invalid availability zone: [" + (name != null ? name : id) + "]"));
  }

  static String oneOf(String value, Set<String> valid, String name) {
    if (value != null && !valid.contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + name + " is invalid.");
    }
    return value;
  }

  static <T> T required(T value, String name) {
    if (value == null) {
      throw AwsException.missingParameter(name);
    }
    return value;
  }
}
