package dev.ec2double.ec2.purchases;

import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.instancetypes.InstanceTypeSpec;
import dev.ec2double.ec2.regions.RegionCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.model.RecurringCharge;
import software.amazon.awssdk.services.ec2.model.ReservedInstancesOffering;

/**
 * The Reserved Instance offerings of a region: for every instance type the server knows, both
 * offering classes, the three payment options, one and three years, default and dedicated tenancy,
 * Region scope and each zone's scope, for Linux/UNIX. The same offering has the same id on every
 * server (a name-based UUID, as AWS's ids look). Prices are plausible figures made from the type's
 * vCPUs and memory, not AWS's price list: an on-demand rate, less a discount for the term and what
 * is paid up front.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ri-market-concepts-buying.html
 */
final class RiOfferings {
  private RiOfferings() {}

  static final long ONE_YEAR = 31_536_000L;
  static final long THREE_YEARS = 94_608_000L;
  static final List<String> PAYMENTS = List.of("No Upfront", "Partial Upfront", "All Upfront");
  static final String PRODUCT = "Linux/UNIX";

  /** One offering, with what a purchase needs of it. */
  record Offering(
      String id,
      String instanceType,
      String offeringClass,
      String offeringType,
      long duration,
      String tenancy,
      String zone,
      String zoneId,
      double fixedPrice,
      double hourly) {

    String scope() {
      return zone == null ? "Region" : "Availability Zone";
    }

    ReservedInstancesOffering view() {
      return ReservedInstancesOffering.builder()
          .reservedInstancesOfferingId(id)
          .instanceType(instanceType)
          .availabilityZone(zone)
          .availabilityZoneId(zoneId)
          .duration(duration)
          .fixedPrice((float) fixedPrice)
          .usagePrice(0f)
          .productDescription(PRODUCT)
          .instanceTenancy(tenancy)
          .currencyCode("USD")
          .offeringType(offeringType)
          .offeringClass(offeringClass)
          .marketplace(false)
          .scope(scope())
          .recurringCharges(charges(hourly))
          .build();
    }
  }

  static List<RecurringCharge> charges(double hourly) {
    return hourly == 0
        ? List.of()
        : List.of(RecurringCharge.builder().frequency("Hourly").amount(round(hourly)).build());
  }

  /** The offerings of a type in a region: Region scope, or one zone's scope when zone is given. */
  static List<Offering> of(String region, InstanceTypeSpec t, RegionCatalog.Zone zone) {
    List<Offering> out = new ArrayList<>();
    for (String cls : List.of("standard", "convertible")) {
      for (long duration : List.of(ONE_YEAR, THREE_YEARS)) {
        for (String payment : PAYMENTS) {
          for (String tenancy : List.of("default", "dedicated")) {
            out.add(offering(region, t, cls, payment, duration, tenancy, zone));
          }
        }
      }
    }
    return out;
  }

  /** Every offering of a region, for looking one up by its id. */
  static Optional<Offering> find(String region, String id) {
    for (InstanceTypeSpec t : InstanceTypeCatalog.all()) {
      List<RegionCatalog.Zone> scopes = new ArrayList<>();
      scopes.add(null);
      scopes.addAll(RegionCatalog.zones(region));
      for (RegionCatalog.Zone z : scopes) {
        for (Offering o : of(region, t, z)) {
          if (o.id().equals(id)) {
            return Optional.of(o);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The offering with this id, or AWS's error for an id that names none. */
  static Offering require(String region, String id) {
    return find(region, id)
        .orElseThrow(
            () ->
                new dev.ec2double.errors.AwsException(
                    "InvalidReservedInstancesOfferingId",
                    "The Reserved Instances offering ID '" + id + "' is not valid."));
  }

  /** The on-demand hourly rate the offerings are discounted from. */
  static double onDemand(InstanceTypeSpec t) {
    return t.vcpus() * 0.0316 + t.memoryMib() / 1024.0 * 0.0042;
  }

  private static Offering offering(
      String region,
      InstanceTypeSpec t,
      String cls,
      String payment,
      long duration,
      String tenancy,
      RegionCatalog.Zone zone) {
    double base = onDemand(t) * (tenancy.equals("dedicated") ? 1.1 : 1.0);
    double term = duration == ONE_YEAR ? 0.62 : 0.42;
    double classFactor = cls.equals("convertible") ? 1.12 : 1.0;
    double upfrontShare =
        switch (payment) {
          case "All Upfront" -> 1.0;
          case "Partial Upfront" -> 0.5;
          default -> 0.0;
        };
    double effective = base * term * classFactor * (1 - 0.04 * upfrontShare);
    double hours = duration / 3600.0;
    double fixed = round(effective * hours * upfrontShare);
    double hourly = round(effective * (1 - upfrontShare));
    String key =
        String.join(
            "/",
            region,
            t.name(),
            cls,
            payment,
            Long.toString(duration),
            tenancy,
            zone == null ? "" : zone.name());
    String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    return new Offering(
        id,
        t.name(),
        cls,
        payment,
        duration,
        tenancy,
        zone == null ? null : zone.name(),
        zone == null ? null : zone.zoneId(),
        fixed,
        hourly);
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /**
   * The instance size's normalization factor, by which Reserved Instances of a family compare
   * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/apply_ri.html#ri-normalization-factor).
   */
  static double normalization(InstanceTypeSpec t) {
    String size = t.size();
    return switch (size) {
      case "nano" -> 0.25;
      case "micro" -> 0.5;
      case "small" -> 1;
      case "medium" -> 2;
      case "large" -> 4;
      case "xlarge" -> 8;
      default -> {
        if (size.endsWith("xlarge")) {
          yield 8 * Double.parseDouble(size.substring(0, size.length() - "xlarge".length()));
        }
        // metal: as many units as the largest size of the same vCPUs (8 units per 4 vCPUs)
        yield t.vcpus() * 2.0;
      }
    };
  }
}
