package dev.ec2double.ec2.hosts;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.instancetypes.InstanceTypeSpec;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeHostReservationOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeHostReservationOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeHostReservationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeHostReservationsResponse;
import software.amazon.awssdk.services.ec2.model.GetHostReservationPurchasePreviewRequest;
import software.amazon.awssdk.services.ec2.model.GetHostReservationPurchasePreviewResponse;
import software.amazon.awssdk.services.ec2.model.HostOffering;
import software.amazon.awssdk.services.ec2.model.HostReservation;
import software.amazon.awssdk.services.ec2.model.Purchase;
import software.amazon.awssdk.services.ec2.model.PurchaseHostReservationRequest;
import software.amazon.awssdk.services.ec2.model.PurchaseHostReservationResponse;

/**
 * DescribeHostReservationOfferings and DescribeHostReservations. The offerings are one a family,
 * payment option and term (one year, three years) for every family the server knows; their prices
 * are plausible figures made from the host's vCPUs, not AWS's price list.
 * GetHostReservationPurchasePreview prices an offering over hosts of its family;
 * PurchaseHostReservation buys it (an {@code hr-} reservation, {@code active} for its term, named
 * by each host's {@code HostReservationId}).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeHostReservationOfferings.html
 */
public final class HostReservationsService {
  static final int ONE_YEAR = 31_536_000;
  static final int THREE_YEARS = 94_608_000;
  private static final List<String> PAYMENTS = List.of("NoUpfront", "PartialUpfront", "AllUpfront");

  private static final FilterSpec<HostOffering> OFFERING_FILTERS =
      FilterSpec.<HostOffering>of()
          .field("instance-family", HostOffering::instanceFamily)
          .field("payment-option", HostOffering::paymentOptionAsString);

  static final ResourceKind<HostStore.Reservation, HostReservation> RESERVATIONS =
      ResourceKind.<HostStore.Reservation, HostReservation>of("hr", "host-reservation")
          .errors(
              "InvalidHostReservationId.NotFound",
              "host reservation",
              "InvalidHostReservationId.Malformed")
          .storedIn(HostStore::of, s -> s.reservations)
          .id(HostStore.Reservation::id)
          .view(HostReservationsService::view, HostReservation::tags)
          .filter("instance-family", HostReservation::instanceFamily)
          .filter("payment-option", HostReservation::paymentOptionAsString)
          .filter("state", HostReservation::stateAsString)
          .build();

  public HostReservationsService(Resources resources) {
    RESERVATIONS.registerTaggable(resources);
  }

  public DescribeHostReservationOfferingsResponse describeHostReservationOfferings(
      RequestContext ctx, DescribeHostReservationOfferingsRequest req) {
    Predicate<HostOffering> filter = OFFERING_FILTERS.compile(req.filter());
    int min = req.minDuration() == null ? 0 : req.minDuration();
    int max = req.maxDuration() == null ? Integer.MAX_VALUE : req.maxDuration();
    if (min < 0 || max < min) {
      throw AwsException.invalidParameterValue(
          "MinDuration and MaxDuration must be at least 0, and MinDuration at most MaxDuration.");
    }
    List<HostOffering> offerings = new ArrayList<>();
    for (String family : families()) {
      for (int term : List.of(ONE_YEAR, THREE_YEARS)) {
        for (String payment : PAYMENTS) {
          HostOffering o = offering(family, term, payment);
          if (term >= min
              && term <= max
              && filter.test(o)
              && (req.offeringId() == null || req.offeringId().equals(o.offeringId()))) {
            offerings.add(o);
          }
        }
      }
    }
    Pages.Page<HostOffering> page =
        Pages.page(ctx.action(), offerings, req.maxResults(), req.nextToken());
    return DescribeHostReservationOfferingsResponse.builder()
        .offeringSet(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeHostReservationsResponse describeHostReservations(
      RequestContext ctx, DescribeHostReservationsRequest req) {
    var page =
        RESERVATIONS.describe(
            ctx, req.hostReservationIdSet(), req.filter(), req.maxResults(), req.nextToken());
    return DescribeHostReservationsResponse.builder()
        .hostReservationSet(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetHostReservationPurchasePreviewResponse getHostReservationPurchasePreview(
      RequestContext ctx, GetHostReservationPurchasePreviewRequest req) {
    Quote q = quote(ctx, req.offeringId(), req.hostIdSet());
    return GetHostReservationPurchasePreviewResponse.builder()
        .currencyCode("USD")
        .purchase(q.purchase(null))
        .totalHourlyPrice(q.hourly())
        .totalUpfrontPrice(q.upfront())
        .build();
  }

  public PurchaseHostReservationResponse purchaseHostReservation(
      RequestContext ctx, PurchaseHostReservationRequest req) {
    if (req.currencyCode() != null && !"USD".equals(req.currencyCodeAsString())) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.currencyCodeAsString() + ") for parameter CurrencyCode is invalid.");
    }
    var tags = RESERVATIONS.tags(req.tagSpecifications());
    HostStore store = HostStore.of(ctx.state());
    HostStore.Reservation made;
    Quote q;
    synchronized (store) {
      q = quote(ctx, req.offeringId(), req.hostIdSet());
      if (req.limitPrice() != null
          && Double.parseDouble(q.upfront()) > Double.parseDouble(req.limitPrice())) {
        throw new AwsException(
            "InvalidParameterValue",
            "The upfront price "
                + q.upfront()
                + " is more than the limit price "
                + req.limitPrice()
                + ".");
      }
      made =
          RESERVATIONS.create(
              ctx,
              tags,
              id ->
                  new HostStore.Reservation(
                      id,
                      q.offering().offeringId(),
                      q.offering().instanceFamily(),
                      q.offering().duration(),
                      q.offering().paymentOptionAsString(),
                      List.copyOf(req.hostIdSet()),
                      Instant.now(),
                      q.hourly(),
                      q.upfront()));
      for (String h : req.hostIdSet()) {
        store.byId.get(h).reservationId = made.id();
      }
    }
    return PurchaseHostReservationResponse.builder()
        .clientToken(req.clientToken())
        .currencyCode("USD")
        .purchase(q.purchase(made.id()))
        .totalHourlyPrice(q.hourly())
        .totalUpfrontPrice(q.upfront())
        .build();
  }

  /** An offering's price over some hosts, after checking the hosts can take it. */
  private record Quote(HostOffering offering, List<String> hostIds, String hourly, String upfront) {
    Purchase purchase(String reservationId) {
      return Purchase.builder()
          .hostReservationId(reservationId)
          .hostIdSet(hostIds)
          .instanceFamily(offering.instanceFamily())
          .duration(offering.duration())
          .paymentOption(offering.paymentOption())
          .currencyCode("USD")
          .hourlyPrice(hourly)
          .upfrontPrice(upfront)
          .build();
    }
  }

  private static Quote quote(RequestContext ctx, String offeringId, List<String> hostIds) {
    if (offeringId == null) {
      throw AwsException.missingParameter("OfferingId");
    }
    if (hostIds.isEmpty()) {
      throw AwsException.missingParameter("HostIdSet");
    }
    HostOffering o = find(offeringId);
    HostStore store = HostStore.of(ctx.state());
    synchronized (store) {
      for (String id : hostIds) {
        HostStore.Host h = Hosts.KIND.get(ctx.state(), id);
        if (!h.family.equals(o.instanceFamily())) {
          throw AwsException.invalidParameterValue(
              "The host "
                  + id
                  + " is of the "
                  + h.family
                  + " family; the offering "
                  + offeringId
                  + " is for "
                  + o.instanceFamily()
                  + ".");
        }
        if (!h.state.equals("available") && !h.state.equals("under-assessment")) {
          throw new AwsException(
              "IncorrectState", "The host " + id + " is " + h.state + " and cannot be reserved.");
        }
        if (h.reservationId != null) {
          throw AwsException.invalidParameterValue(
              "The host "
                  + id
                  + " is already covered by the host reservation "
                  + h.reservationId
                  + ".");
        }
      }
    }
    int n = hostIds.size();
    return new Quote(
        o,
        List.copyOf(hostIds),
        money(Double.parseDouble(o.hourlyPrice()) * n),
        money(Double.parseDouble(o.upfrontPrice()) * n));
  }

  private static HostOffering find(String offeringId) {
    for (String family : families()) {
      for (int term : List.of(ONE_YEAR, THREE_YEARS)) {
        for (String payment : PAYMENTS) {
          if (offeringId(family, term, payment).equals(offeringId)) {
            return offering(family, term, payment);
          }
        }
      }
    }
    throw new AwsException(
        "InvalidHostReservationOfferingId.Malformed",
        "The host reservation offering ID '" + offeringId + "' does not exist");
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static HostReservation view(RequestContext ctx, HostStore.Reservation r) {
    Instant end = r.start().plusSeconds(r.duration());
    return HostReservation.builder()
        .hostReservationId(r.id())
        .offeringId(r.offeringId())
        .instanceFamily(r.family())
        .duration(r.duration())
        .paymentOption(r.paymentOption())
        .hostIdSet(r.hostIds())
        .count(r.hostIds().size())
        .start(r.start())
        .end(end)
        .state(end.isAfter(Instant.now()) ? "active" : "retired")
        .currencyCode("USD")
        .hourlyPrice(r.hourlyPrice())
        .upfrontPrice(r.upfrontPrice())
        .tags(ctx.tags().sdkTags(r.id()))
        .build();
  }

  private static TreeSet<String> families() {
    TreeSet<String> out = new TreeSet<>();
    for (InstanceTypeSpec t : InstanceTypeCatalog.all()) {
      out.add(t.family());
    }
    return out;
  }

  /**
   * One offering: an hourly rate of 0.05 USD a host vCPU on demand, less 30% for one year and 50%
   * for three, less a little more the more is paid up front.
   */
  static HostOffering offering(String family, int term, String payment) {
    int vcpus = HostSizes.of(family).vcpus();
    double hourly = vcpus * 0.05 * (term == ONE_YEAR ? 0.70 : 0.50);
    double upfrontShare =
        switch (payment) {
          case "AllUpfront" -> 1.0;
          case "PartialUpfront" -> 0.5;
          default -> 0.0;
        };
    double discount = 1 - upfrontShare * 0.04;
    double hours = term / 3600.0;
    double upfront = hourly * discount * upfrontShare * hours;
    double rate = hourly * discount * (1 - upfrontShare);
    return HostOffering.builder()
        .offeringId(offeringId(family, term, payment))
        .instanceFamily(family)
        .duration(term)
        .paymentOption(payment)
        .currencyCode("USD")
        .hourlyPrice(String.format(Locale.ROOT, "%.3f", rate))
        .upfrontPrice(String.format(Locale.ROOT, "%.3f", upfront))
        .build();
  }

  /** {@code hro-} and 17 hex digits, the same for the same offering on every server. */
  static String offeringId(String family, int term, String payment) {
    long h = (family + "/" + term + "/" + payment).hashCode() & 0xffffffffL;
    long h2 = (payment + "/" + family + "/" + term).hashCode() & 0xffffffffL;
    String hex = String.format("%08x%09x", h, h2 & 0xfffffffffL);
    return "hro-" + hex.substring(0, 17);
  }
}
