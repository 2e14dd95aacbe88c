package dev.ec2double.ec2.capacity;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CapacityBlockExtension;
import software.amazon.awssdk.services.ec2.model.CapacityBlockExtensionOffering;
import software.amazon.awssdk.services.ec2.model.CapacityBlockOffering;
import software.amazon.awssdk.services.ec2.model.CapacityBlockStatus;
import software.amazon.awssdk.services.ec2.model.CapacityReservationInstancePlatform;
import software.amazon.awssdk.services.ec2.model.CapacityReservationStatus;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlockExtensionHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlockExtensionHistoryResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlockExtensionOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlockExtensionOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlockOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlockOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlockStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlockStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlocksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlocksResponse;
import software.amazon.awssdk.services.ec2.model.PurchaseCapacityBlockExtensionRequest;
import software.amazon.awssdk.services.ec2.model.PurchaseCapacityBlockExtensionResponse;
import software.amazon.awssdk.services.ec2.model.PurchaseCapacityBlockRequest;
import software.amazon.awssdk.services.ec2.model.PurchaseCapacityBlockResponse;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Capacity Blocks for ML: offerings of GPU and Trainium instances for a fixed time, bought into a
 * Capacity Block that holds one targeted Capacity Reservation ({@code ReservationType}
 * capacity-block), {@code scheduled} until its start (11:30 UTC, as AWS starts them), {@code
 * active} until its end, then {@code expired}; extensions add hours to its end. Prices are
 * plausible hourly rates per instance, not AWS's price list.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-blocks.html
 */
public final class CapacityBlocksService {

  /** The filters, made at first use rather than at server start. */
  private static final class Filters {
    static final FilterSpec<CapacityBlockStatus> STATUS_FILTERS =
        FilterSpec.<CapacityBlockStatus>of()
            .field("interconnect-status", CapacityBlockStatus::interconnectStatusAsString);
    static final FilterSpec<CapacityBlockExtension> HISTORY_FILTERS =
        FilterSpec.<CapacityBlockExtension>of()
            .field("availability-zone", CapacityBlockExtension::availabilityZone)
            .field("availability-zone-id", CapacityBlockExtension::availabilityZoneId)
            .field(
                "capacity-block-extension-offering-id",
                CapacityBlockExtension::capacityBlockExtensionOfferingId)
            .field(
                "capacity-block-extension-status",
                CapacityBlockExtension::capacityBlockExtensionStatusAsString)
            .field("capacity-reservation-id", CapacityBlockExtension::capacityReservationId)
            .field("instance-type", CapacityBlockExtension::instanceType);
  }

  /** The types Capacity Blocks offer, with a plausible hourly rate per instance in USD. */
  static final Map<String, Double> RATES =
      Map.of(
          "p4d.24xlarge", 11.57,
          "p4de.24xlarge", 14.52,
          "p5.48xlarge", 31.46,
          "p5e.48xlarge", 34.61,
          "p5en.48xlarge", 36.18,
          "p6-b200.48xlarge", 60.24,
          "trn1.32xlarge", 6.45,
          "trn2.48xlarge", 14.25);

  static final Set<Integer> COUNTS = Set.of(1, 2, 4, 8, 16, 32, 64);

  /** Offerings start within eight weeks. */
  static final Duration HORIZON = Duration.ofDays(56);

  public CapacityBlocksService(Resources resources) {
    CapacityBlocks.KIND.registerTaggable(resources);
  }

  public DescribeCapacityBlockOfferingsResponse describeCapacityBlockOfferings(
      RequestContext ctx, DescribeCapacityBlockOfferingsRequest req) {
    int hours = hours(req.capacityDurationHours(), "CapacityDurationHours");
    if (req.ultraserverType() != null || req.ultraserverCount() != null) {
      throw new AwsException("Unsupported", "ec2-double offers no EC2 UltraServers.");
    }
    String type = Inputs.required(req.instanceType(), "InstanceType");
    if (!RATES.containsKey(type)) {
      throw AwsException.invalidParameterValue(
          "Capacity Blocks are not offered for "
              + type
              + ". Valid values: "
              + String.join(", ", RATES.keySet().stream().sorted().toList()));
    }
    int count = Inputs.required(req.instanceCount(), "InstanceCount");
    if (!COUNTS.contains(count)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + count
              + ") for parameter InstanceCount is invalid. Valid values: 1, 2, 4, 8,"
              + " 16, 32, 64.");
    }
    Instant now = Instant.now();
    Instant earliest = req.startDateRange() == null ? now : req.startDateRange();
    Instant start = nextStart(earliest.isBefore(now) ? now : earliest);
    Instant end = start.plus(Duration.ofHours(hours));
    List<CapacityBlockOffering> out = new ArrayList<>();
    boolean inRange =
        !start.isAfter(now.plus(HORIZON))
            && (req.endDateRange() == null || !end.isAfter(req.endDateRange()));
    if (req.endDateRange() != null && !req.endDateRange().isAfter(earliest)) {
      throw AwsException.invalidParameterValue("EndDateRange must be after StartDateRange.");
    }
    CapacityBlockStore store = CapacityBlockStore.of(ctx.state());
    if (inRange) {
      synchronized (store) {
        for (RegionCatalog.Zone z : RegionCatalog.zones(ctx.region())) {
          String fee = money(RATES.get(type) * count * hours);
          CapacityBlockStore.Offer o =
              new CapacityBlockStore.Offer(
                  Ids.next("cbr"), type, count, z.name(), z.zoneId(), start, end, hours, fee);
          store.offers.put(o.id(), o);
          out.add(offering(o));
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeCapacityBlockOfferingsResponse.builder()
        .capacityBlockOfferings(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public PurchaseCapacityBlockResponse purchaseCapacityBlock(
      RequestContext ctx, PurchaseCapacityBlockRequest req) {
    String offerId = Inputs.required(req.capacityBlockOfferingId(), "CapacityBlockOfferingId");
    String platform = Inputs.required(req.instancePlatformAsString(), "InstancePlatform");
    if (CapacityReservationInstancePlatform.fromValue(platform)
        == CapacityReservationInstancePlatform.UNKNOWN_TO_SDK_VERSION) {
      throw AwsException.invalidParameterValue(
          "Value (" + platform + ") for parameter InstancePlatform is invalid.");
    }
    var blockTags = CapacityBlocks.KIND.tags(only(req.tagSpecifications(), "capacity-block"));
    var reservationTags =
        CapacityReservations.KIND.tags(only(req.tagSpecifications(), "capacity-reservation"));
    Instant now = Instant.now();
    CapacityBlockStore store = CapacityBlockStore.of(ctx.state());
    CapacityBlockStore.Offer o;
    synchronized (store) {
      o = store.offers.get(offerId);
      if (o == null || !o.start().isAfter(now)) {
        throw new AwsException(
            "InvalidCapacityBlockOfferingId.NotFound",
            "The Capacity Block offering '"
                + offerId
                + "' does not exist or is no longer offered.");
      }
      store.offers.remove(offerId);
    }
    CapacityBlockStore.Offer offer = o;
    ReservationStore.Reservation r =
        CapacityReservations.KIND.create(
            ctx,
            reservationTags.isEmpty() ? blockTags : reservationTags,
            id -> {
              ReservationStore.Reservation made =
                  new ReservationStore.Reservation(
                      id,
                      offer.instanceType(),
                      platform,
                      offer.zone(),
                      offer.zoneId(),
                      "default",
                      true,
                      now,
                      offer.start(),
                      null);
              made.totalCount = offer.instanceCount();
              made.endDateType = "limited";
              made.endDate = offer.end();
              made.matchCriteria = "targeted";
              made.reservationType = "capacity-block";
              return made;
            });
    CapacityBlockStore.Block block =
        CapacityBlocks.KIND.create(
            ctx,
            blockTags,
            id -> {
              var b =
                  new CapacityBlockStore.Block(
                      id, offer.zone(), offer.zoneId(), offer.start(), offer.end(), now);
              b.reservationIds.add(r.id);
              return b;
            });
    synchronized (ReservationStore.of(ctx.state())) {
      r.capacityBlockId = block.id;
    }
    return PurchaseCapacityBlockResponse.builder()
        .capacityReservation(CapacityReservations.KIND.view(ctx, r))
        .capacityBlocks(CapacityBlocks.KIND.view(ctx, block))
        .build();
  }

  public DescribeCapacityBlocksResponse describeCapacityBlocks(
      RequestContext ctx, DescribeCapacityBlocksRequest req) {
    var page =
        CapacityBlocks.KIND.describe(
            ctx, req.capacityBlockIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeCapacityBlocksResponse.builder()
        .capacityBlocks(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeCapacityBlockStatusResponse describeCapacityBlockStatus(
      RequestContext ctx, DescribeCapacityBlockStatusRequest req) {
    var filter = Filters.STATUS_FILTERS.compile(req.filters());
    var blocks = CapacityBlocks.KIND.describe(ctx, req.capacityBlockIds(), List.of(), null, null);
    Instant now = Instant.now();
    List<CapacityBlockStatus> out = new ArrayList<>();
    ReservationStore reservations = ReservationStore.of(ctx.state());
    for (var b : blocks.items()) {
      List<CapacityReservationStatus> statuses = new ArrayList<>();
      int total = 0;
      int available = 0;
      synchronized (reservations) {
        for (String id : b.capacityReservationIds()) {
          ReservationStore.Reservation r = reservations.byId.get(id);
          int free = CapacityReservations.available(ctx.state(), r, now);
          total += r.totalCount;
          available += free;
          statuses.add(
              CapacityReservationStatus.builder()
                  .capacityReservationId(id)
                  .totalCapacity(r.totalCount)
                  .totalAvailableCapacity(free)
                  .totalUnavailableCapacity(0)
                  .build());
        }
      }
      CapacityBlockStatus s =
          CapacityBlockStatus.builder()
              .capacityBlockId(b.capacityBlockId())
              .interconnectStatus("ok")
              .totalCapacity(total)
              .totalAvailableCapacity(available)
              .totalUnavailableCapacity(0)
              .capacityReservationStatuses(statuses)
              .build();
      if (filter.test(s)) {
        out.add(s);
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeCapacityBlockStatusResponse.builder()
        .capacityBlockStatuses(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeCapacityBlockExtensionOfferingsResponse describeCapacityBlockExtensionOfferings(
      RequestContext ctx, DescribeCapacityBlockExtensionOfferingsRequest req) {
    int hours =
        hours(req.capacityBlockExtensionDurationHours(), "CapacityBlockExtensionDurationHours");
    String id = Inputs.required(req.capacityReservationId(), "CapacityReservationId");
    Instant now = Instant.now();
    ReservationStore.Reservation r = blockReservation(ctx, id, now);
    CapacityBlockStore store = CapacityBlockStore.of(ctx.state());
    CapacityBlockStore.ExtensionOffer o;
    synchronized (store) {
      o =
          new CapacityBlockStore.ExtensionOffer(
              Ids.next("cbe"),
              r.id,
              r.endDate,
              r.endDate.plus(Duration.ofHours(hours)),
              hours,
              money(RATES.getOrDefault(r.instanceType, 10.0) * r.totalCount * hours));
      store.extensionOffers.put(o.id(), o);
    }
    var page =
        Pages.page(
            ctx.action(), List.of(extensionOffering(r, o)), req.maxResults(), req.nextToken());
    return DescribeCapacityBlockExtensionOfferingsResponse.builder()
        .capacityBlockExtensionOfferings(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public PurchaseCapacityBlockExtensionResponse purchaseCapacityBlockExtension(
      RequestContext ctx, PurchaseCapacityBlockExtensionRequest req) {
    String offerId =
        Inputs.required(req.capacityBlockExtensionOfferingId(), "CapacityBlockExtensionOfferingId");
    String id = Inputs.required(req.capacityReservationId(), "CapacityReservationId");
    Instant now = Instant.now();
    ReservationStore.Reservation r = blockReservation(ctx, id, now);
    CapacityBlockStore store = CapacityBlockStore.of(ctx.state());
    CapacityBlockStore.Extension e;
    synchronized (store) {
      CapacityBlockStore.ExtensionOffer o = store.extensionOffers.get(offerId);
      if (o == null || !o.reservationId().equals(id) || !o.start().equals(r.endDate)) {
        throw new AwsException(
            "InvalidCapacityBlockExtensionOfferingId.NotFound",
            "The Capacity Block extension offering '"
                + offerId
                + "' does not exist for the Capacity Reservation "
                + id
                + ".");
      }
      store.extensionOffers.remove(offerId);
      e = new CapacityBlockStore.Extension(o, now);
      store.extensions.add(e);
      synchronized (ReservationStore.of(ctx.state())) {
        r.endDate = o.end();
      }
      CapacityBlockStore.Block b = store.blocks.get(r.capacityBlockId);
      if (b != null) {
        b.end = o.end();
      }
    }
    ctx.state().changed();
    return PurchaseCapacityBlockExtensionResponse.builder()
        .capacityBlockExtensions(extension(r, e))
        .build();
  }

  public DescribeCapacityBlockExtensionHistoryResponse describeCapacityBlockExtensionHistory(
      RequestContext ctx, DescribeCapacityBlockExtensionHistoryRequest req) {
    var filter = Filters.HISTORY_FILTERS.compile(req.filters());
    Set<String> ids = Set.copyOf(req.capacityReservationIds());
    for (String id : ids) {
      CapacityReservations.KIND.get(ctx.state(), id);
    }
    List<CapacityBlockExtension> out = new ArrayList<>();
    CapacityBlockStore store = CapacityBlockStore.of(ctx.state());
    ReservationStore reservations = ReservationStore.of(ctx.state());
    synchronized (store) {
      for (CapacityBlockStore.Extension e : store.extensions) {
        ReservationStore.Reservation r;
        synchronized (reservations) {
          r = reservations.byId.get(e.offer().reservationId());
        }
        CapacityBlockExtension v = extension(r, e);
        if ((ids.isEmpty() || ids.contains(r.id)) && filter.test(v)) {
          out.add(v);
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeCapacityBlockExtensionHistoryResponse.builder()
        .capacityBlockExtensions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static ReservationStore.Reservation blockReservation(
      RequestContext ctx, String id, Instant now) {
    ReservationStore.Reservation r = CapacityReservations.KIND.get(ctx.state(), id);
    if (!"capacity-block".equals(r.reservationType)) {
      throw AwsException.invalidParameterValue(
          "The Capacity Reservation " + id + " is not part of a Capacity Block.");
    }
    String state = r.stateAt(now);
    if (!state.equals("active") && !state.equals("scheduled")) {
      throw new AwsException(
          "IncorrectState", "The Capacity Reservation " + id + " is " + state + ".");
    }
    return r;
  }

  /** 24-hour steps up to 14 days, then 7-day steps up to 182 days. */
  private static int hours(Integer value, String name) {
    int h = Inputs.atLeast(value, 24, name);
    boolean ok = h <= 336 ? h % 24 == 0 : h <= 182 * 24 && h % 168 == 0;
    if (!ok) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + h
              + ") for parameter "
              + name
              + " is invalid. Durations are in 1-day increments up to 14 days and in 7-day"
              + " increments up to 182 days.");
    }
    return h;
  }

  /** The next 11:30 UTC at or after {@code t}. */
  static Instant nextStart(Instant t) {
    Instant day = t.truncatedTo(ChronoUnit.DAYS);
    Instant start = day.atOffset(ZoneOffset.UTC).with(LocalTime.of(11, 30)).toInstant();
    return start.isBefore(t) ? start.plus(Duration.ofDays(1)) : start;
  }

  private static List<TagSpecification> only(List<TagSpecification> specs, String type) {
    return specs.stream().filter(s -> type.equals(s.resourceTypeAsString())).toList();
  }

  private static String money(double amount) {
    return String.format(Locale.ROOT, "%.2f", amount);
  }

  private static CapacityBlockOffering offering(CapacityBlockStore.Offer o) {
    return CapacityBlockOffering.builder()
        .capacityBlockOfferingId(o.id())
        .instanceType(o.instanceType())
        .availabilityZone(o.zone())
        .instanceCount(o.instanceCount())
        .startDate(o.start())
        .endDate(o.end())
        .capacityBlockDurationHours(o.hours())
        .capacityBlockDurationMinutes(0)
        .upfrontFee(o.upfrontFee())
        .currencyCode("USD")
        .tenancy("default")
        .zoneType("availability-zone")
        .build();
  }

  private static CapacityBlockExtensionOffering extensionOffering(
      ReservationStore.Reservation r, CapacityBlockStore.ExtensionOffer o) {
    return CapacityBlockExtensionOffering.builder()
        .capacityBlockExtensionOfferingId(o.id())
        .instanceType(r.instanceType)
        .instanceCount(r.totalCount)
        .availabilityZone(r.zone)
        .availabilityZoneId(r.zoneId)
        .startDate(r.startDate)
        .capacityBlockExtensionStartDate(o.start())
        .capacityBlockExtensionEndDate(o.end())
        .capacityBlockExtensionDurationHours(o.hours())
        .upfrontFee(o.upfrontFee())
        .currencyCode("USD")
        .tenancy("default")
        .zoneType("availability-zone")
        .build();
  }

  private static CapacityBlockExtension extension(
      ReservationStore.Reservation r, CapacityBlockStore.Extension e) {
    CapacityBlockStore.ExtensionOffer o = e.offer();
    return CapacityBlockExtension.builder()
        .capacityReservationId(r.id)
        .instanceType(r.instanceType)
        .instanceCount(r.totalCount)
        .availabilityZone(r.zone)
        .availabilityZoneId(r.zoneId)
        .capacityBlockExtensionOfferingId(o.id())
        .capacityBlockExtensionDurationHours(o.hours())
        .capacityBlockExtensionStatus("payment-succeeded")
        .capacityBlockExtensionPurchaseDate(e.purchased())
        .capacityBlockExtensionStartDate(o.start())
        .capacityBlockExtensionEndDate(o.end())
        .upfrontFee(o.upfrontFee())
        .currencyCode("USD")
        .zoneType("availability-zone")
        .build();
  }
}
