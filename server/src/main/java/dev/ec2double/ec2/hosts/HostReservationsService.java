package dev.ec2double.ec2.hosts;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.instancetypes.InstanceTypeSpec;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeHostReservationOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeHostReservationOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeHostReservationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeHostReservationsResponse;
import software.amazon.awssdk.services.ec2.model.HostOffering;
import software.amazon.awssdk.services.ec2.model.HostReservation;

/**
 * DescribeHostReservationOfferings and DescribeHostReservations. The offerings are one a family,
 * payment option and term (one year, three years) for every family the server knows; their prices
 * are plausible figures made from the host's vCPUs, not AWS's price list. Nothing buys a
 * reservation here (PurchaseHostReservation is not served), so DescribeHostReservations answers
 * none, after checking its filters.
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

  private static final FilterSpec<HostReservation> RESERVATION_FILTERS =
      FilterSpec.<HostReservation>of()
          .field("instance-family", HostReservation::instanceFamily)
          .field("payment-option", HostReservation::paymentOptionAsString)
          .field("state", HostReservation::stateAsString)
          .tags(r -> java.util.Map.of());

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
    RESERVATION_FILTERS.compile(req.filter());
    for (String id : req.hostReservationIdSet()) {
      throw new AwsException(
          "InvalidHostReservationId.NotFound",
          "The host reservation ID '" + id + "' does not exist");
    }
    Pages.Page<HostReservation> page =
        Pages.page(ctx.action(), List.of(), req.maxResults(), req.nextToken());
    return DescribeHostReservationsResponse.builder()
        .hostReservationSet(page.items())
        .nextToken(page.nextToken())
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
