package dev.ec2double.ec2.purchases;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.instancetypes.InstanceTypeSpec;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AcceptReservedInstancesExchangeQuoteRequest;
import software.amazon.awssdk.services.ec2.model.AcceptReservedInstancesExchangeQuoteResponse;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesModificationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesModificationsResponse;
import software.amazon.awssdk.services.ec2.model.GetReservedInstancesExchangeQuoteRequest;
import software.amazon.awssdk.services.ec2.model.GetReservedInstancesExchangeQuoteResponse;
import software.amazon.awssdk.services.ec2.model.ModifyReservedInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ModifyReservedInstancesResponse;
import software.amazon.awssdk.services.ec2.model.ReservationValue;
import software.amazon.awssdk.services.ec2.model.ReservedInstanceReservationValue;
import software.amazon.awssdk.services.ec2.model.ReservedInstancesConfiguration;
import software.amazon.awssdk.services.ec2.model.ReservedInstancesModification;
import software.amazon.awssdk.services.ec2.model.ReservedInstancesModificationResult;
import software.amazon.awssdk.services.ec2.model.TargetConfiguration;
import software.amazon.awssdk.services.ec2.model.TargetConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.TargetReservationValue;

/**
 * Changing Reserved Instances. ModifyReservedInstances splits or merges active ones of one family
 * into new ones of other zones, scopes or sizes of the same family, keeping the total of their
 * normalization factors; the sources retire and the new ones keep the sources' end date. Exchanges
 * trade active convertible ones for convertible offerings of at least the same remaining value
 * (remaining upfront plus remaining hourly charges), paying the difference.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ri-modifying.html
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ri-convertible-exchange.html
 */
public final class RiChangesService {

  /** The filters, made at first use rather than at server start. */
  private static final class Filters {
    static final FilterSpec<ReservedInstancesModification> FILTERS =
        FilterSpec.<ReservedInstancesModification>of()
            .field("client-token", ReservedInstancesModification::clientToken)
            .field("create-date", m -> m.createDate().toString())
            .field("effective-date", m -> m.effectiveDate().toString())
            .multi(
                "modification-result.reserved-instances-id",
                m -> m.modificationResults().stream().map(r -> r.reservedInstancesId()).toList())
            .multi(
                "modification-result.target-configuration.availability-zone",
                m -> results(m, ReservedInstancesConfiguration::availabilityZone))
            .multi(
                "modification-result.target-configuration.availability-zone-id",
                m -> results(m, ReservedInstancesConfiguration::availabilityZoneId))
            .multi(
                "modification-result.target-configuration.instance-type",
                m -> results(m, ReservedInstancesConfiguration::instanceTypeAsString))
            .multi(
                "reserved-instances-id",
                m -> m.reservedInstancesIds().stream().map(r -> r.reservedInstancesId()).toList())
            .field(
                "reserved-instances-modification-id",
                ReservedInstancesModification::reservedInstancesModificationId)
            .field("status", ReservedInstancesModification::status)
            .field("status-message", ReservedInstancesModification::statusMessage)
            .field("update-date", m -> m.updateDate().toString());
  }

  public ModifyReservedInstancesResponse modifyReservedInstances(
      RequestContext ctx, ModifyReservedInstancesRequest req) {
    if (req.reservedInstancesIds().isEmpty()) {
      throw AwsException.missingParameter("ReservedInstancesIds");
    }
    if (req.targetConfigurations().isEmpty()) {
      throw AwsException.missingParameter("TargetConfigurations");
    }
    Instant now = Instant.now();
    RiStore store = RiStore.of(ctx.state());
    RiStore.Modification m;
    synchronized (store) {
      if (req.clientToken() != null) {
        for (RiStore.Modification done : store.modifications.values()) {
          if (req.clientToken().equals(done.clientToken())) {
            return ModifyReservedInstancesResponse.builder()
                .reservedInstancesModificationId(done.id())
                .build();
          }
        }
      }
      List<RiStore.Ri> sources = new ArrayList<>();
      double units = 0;
      String family = null;
      for (String id : req.reservedInstancesIds()) {
        RiStore.Ri ri = ReservedInstancesViews.require(store, id);
        if (!ri.stateAt(now).equals("active")) {
          throw new AwsException(
              "InvalidParameterValue", "The Reserved Instances " + id + " are not active.");
        }
        InstanceTypeSpec t = InstanceTypeCatalog.find(ri.instanceType).orElseThrow();
        if (family != null && !family.equals(t.family())) {
          throw AwsException.invalidParameterCombination(
              "Reserved Instances of different instance families cannot be modified together.");
        }
        family = t.family();
        units += RiOfferings.normalization(t) * ri.count;
        sources.add(ri);
      }
      RiStore.Ri first = sources.get(0);
      double targetUnits = 0;
      List<RiStore.Result> results = new ArrayList<>();
      for (ReservedInstancesConfiguration c : req.targetConfigurations()) {
        String type =
            c.instanceTypeAsString() == null ? first.instanceType : c.instanceTypeAsString();
        InstanceTypeSpec t =
            InstanceTypeCatalog.find(type)
                .orElseThrow(
                    () ->
                        AwsException.invalidParameterValue(
                            "Invalid value '" + type + "' for InstanceType."));
        if (!t.family().equals(family)) {
          throw AwsException.invalidParameterValue(
              "The target instance type " + type + " is not of the " + family + " family.");
        }
        int count = c.instanceCount() == null ? first.count : c.instanceCount();
        if (count < 1) {
          throw AwsException.invalidParameterValue(
              "A target configuration needs at least 1 instance.");
        }
        String scope =
            c.scopeAsString() == null
                ? (c.availabilityZone() != null || c.availabilityZoneId() != null
                    ? "Availability Zone"
                    : first.zone == null ? "Region" : "Availability Zone")
                : c.scopeAsString();
        RegionCatalog.Zone zone = null;
        if (scope.equals("Availability Zone")) {
          zone =
              ReservedInstancesService.zone(
                  ctx,
                  c.availabilityZone() == null && c.availabilityZoneId() == null
                      ? first.zone
                      : c.availabilityZone(),
                  c.availabilityZoneId());
          if (zone == null) {
            throw AwsException.missingParameter("TargetConfigurations.AvailabilityZone");
          }
        } else if (!scope.equals("Region")) {
          throw AwsException.invalidParameterValue(
              "Value (" + scope + ") for parameter Scope is invalid.");
        }
        targetUnits += RiOfferings.normalization(t) * count;
        results.add(
            new RiStore.Result(
                UUID.randomUUID().toString(),
                zone == null ? null : zone.name(),
                zone == null ? null : zone.zoneId(),
                count,
                type,
                scope));
      }
      if (Math.abs(units - targetUnits) > 1e-9) {
        throw AwsException.invalidParameterValue(
            String.format(
                Locale.ROOT,
                "The target configurations add up to %.2f normalized units; the Reserved Instances"
                    + " hold %.2f.",
                targetUnits,
                units));
      }
      Instant end = first.end;
      RiOfferings.Offering terms =
          new RiOfferings.Offering(
              null,
              first.instanceType,
              first.offeringClass,
              first.offeringType,
              first.duration,
              first.tenancy,
              null,
              null,
              first.fixedPrice,
              first.hourly);
      for (RiStore.Ri ri : sources) {
        ri.state = "retired";
        ri.end = now;
      }
      for (RiStore.Result r : results) {
        store.byId.put(
            r.riId(),
            new RiStore.Ri(
                r.riId(), terms, r.count(), r.type(), r.zone(), r.zoneId(), now, end, "active"));
      }
      m =
          new RiStore.Modification(
              "rimod-" + UUID.randomUUID(),
              req.clientToken(),
              now,
              List.copyOf(req.reservedInstancesIds()),
              results);
      store.modifications.put(m.id(), m);
    }
    ctx.state().changed();
    return ModifyReservedInstancesResponse.builder()
        .reservedInstancesModificationId(m.id())
        .build();
  }

  public DescribeReservedInstancesModificationsResponse describeReservedInstancesModifications(
      RequestContext ctx, DescribeReservedInstancesModificationsRequest req) {
    Predicate<ReservedInstancesModification> filter = Filters.FILTERS.compile(req.filters());
    RiStore store = RiStore.of(ctx.state());
    List<ReservedInstancesModification> out = new ArrayList<>();
    synchronized (store) {
      for (String id : req.reservedInstancesModificationIds()) {
        if (!store.modifications.containsKey(id)) {
          throw new AwsException(
              "InvalidReservedInstancesModificationId.NotFound",
              "The Reserved Instances modification ID '" + id + "' does not exist");
        }
      }
      for (RiStore.Modification m : store.modifications.values()) {
        if (req.reservedInstancesModificationIds().isEmpty()
            || req.reservedInstancesModificationIds().contains(m.id())) {
          ReservedInstancesModification v = view(m);
          if (filter.test(v)) {
            out.add(v);
          }
        }
      }
    }
    var page = Pages.page(ctx.action(), out, null, req.nextToken());
    return DescribeReservedInstancesModificationsResponse.builder()
        .reservedInstancesModifications(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetReservedInstancesExchangeQuoteResponse getReservedInstancesExchangeQuote(
      RequestContext ctx, GetReservedInstancesExchangeQuoteRequest req) {
    Quote q = quote(ctx, req.reservedInstanceIds(), req.targetConfigurations());
    return GetReservedInstancesExchangeQuoteResponse.builder()
        .currencyCode("USD")
        .isValidExchange(q.reason() == null)
        .validationFailureReason(q.reason())
        .outputReservedInstancesWillExpireAt(q.end())
        .paymentDue(money(Math.max(0, q.targetValue() - q.sourceValue())))
        .reservedInstanceValueRollup(value(q.sourceHourly(), q.sourceValue(), q.sourceUpfront()))
        .reservedInstanceValueSet(q.sourceValues())
        .targetConfigurationValueRollup(value(q.targetHourly(), q.targetValue(), q.targetUpfront()))
        .targetConfigurationValueSet(q.targetValues())
        .build();
  }

  public AcceptReservedInstancesExchangeQuoteResponse acceptReservedInstancesExchangeQuote(
      RequestContext ctx, AcceptReservedInstancesExchangeQuoteRequest req) {
    RiStore store = RiStore.of(ctx.state());
    String exchangeId = Ids.next("riex");
    synchronized (store) {
      Quote q = quote(ctx, req.reservedInstanceIds(), req.targetConfigurations());
      if (q.reason() != null) {
        throw AwsException.invalidParameterValue(q.reason());
      }
      Instant now = Instant.now();
      for (String id : req.reservedInstanceIds()) {
        RiStore.Ri ri = store.byId.get(id);
        ri.state = "retired";
        ri.end = now;
      }
      for (TargetConfigurationRequest t : req.targetConfigurations()) {
        RiOfferings.Offering o = RiOfferings.find(ctx.region(), t.offeringId()).orElseThrow();
        String id = UUID.randomUUID().toString();
        int count = t.instanceCount() == null ? 1 : t.instanceCount();
        store.byId.put(
            id,
            new RiStore.Ri(
                id, o, count, o.instanceType(), o.zone(), o.zoneId(), now, q.end(), "active"));
      }
      store.exchanges.add(exchangeId);
    }
    ctx.state().changed();
    return AcceptReservedInstancesExchangeQuoteResponse.builder().exchangeId(exchangeId).build();
  }

  private record Quote(
      String reason,
      Instant end,
      double sourceValue,
      double sourceUpfront,
      double sourceHourly,
      List<ReservedInstanceReservationValue> sourceValues,
      double targetValue,
      double targetUpfront,
      double targetHourly,
      List<TargetReservationValue> targetValues) {}

  private static Quote quote(
      RequestContext ctx, List<String> ids, List<TargetConfigurationRequest> targets) {
    if (ids.isEmpty()) {
      throw AwsException.missingParameter("ReservedInstanceIds");
    }
    Instant now = Instant.now();
    RiStore store = RiStore.of(ctx.state());
    String reason = null;
    Instant end = now;
    double sValue = 0;
    double sUpfront = 0;
    double sHourly = 0;
    List<ReservedInstanceReservationValue> sValues = new ArrayList<>();
    synchronized (store) {
      for (String id : ids) {
        RiStore.Ri ri = ReservedInstancesViews.require(store, id);
        if (!ri.offeringClass.equals("convertible")) {
          reason = "Only Convertible Reserved Instances can be exchanged; " + id + " are standard.";
        } else if (!ri.stateAt(now).equals("active")) {
          reason = "The Reserved Instances " + id + " are not active.";
        }
        double hoursLeft = Math.max(0, Duration.between(now, ri.end).getSeconds() / 3600.0);
        double upfront = ri.fixedPrice * ri.count * hoursLeft / (ri.duration / 3600.0);
        double value = upfront + ri.hourly * ri.count * hoursLeft;
        sValue += value;
        sUpfront += upfront;
        sHourly += ri.hourly * ri.count;
        end = ri.end.isAfter(end) ? ri.end : end;
        sValues.add(
            ReservedInstanceReservationValue.builder()
                .reservedInstanceId(id)
                .reservationValue(value(ri.hourly * ri.count, value, upfront))
                .build());
      }
    }
    double tValue = 0;
    double tUpfront = 0;
    double tHourly = 0;
    List<TargetReservationValue> tValues = new ArrayList<>();
    for (TargetConfigurationRequest t : targets) {
      String offeringId =
          ReservedInstancesService.required(t.offeringId(), "TargetConfiguration.OfferingId");
      RiOfferings.Offering o = RiOfferings.require(ctx.region(), offeringId);
      int count = t.instanceCount() == null ? 1 : t.instanceCount();
      if (count < 1) {
        throw AwsException.invalidParameterValue(
            "A target configuration needs at least 1 instance.");
      }
      if (!o.offeringClass().equals("convertible")) {
        reason = "The target offering " + offeringId + " is not convertible.";
      }
      double hours =
          Duration.between(
                      now,
                      end.isAfter(now.plusSeconds(o.duration()))
                          ? end
                          : now.plusSeconds(o.duration()))
                  .getSeconds()
              / 3600.0;
      double upfront = o.fixedPrice() * count;
      double value = upfront + o.hourly() * count * hours;
      tValue += value;
      tUpfront += upfront;
      tHourly += o.hourly() * count;
      end = now.plusSeconds(o.duration()).isAfter(end) ? now.plusSeconds(o.duration()) : end;
      tValues.add(
          TargetReservationValue.builder()
              .targetConfiguration(
                  TargetConfiguration.builder().offeringId(offeringId).instanceCount(count).build())
              .reservationValue(value(o.hourly() * count, value, upfront))
              .build());
    }
    if (targets.isEmpty()) {
      reason = reason == null ? "No target configuration was given." : reason;
    } else if (reason == null && tValue + 1e-6 < sValue) {
      reason =
          "The target configurations are worth less than the Reserved Instances exchanged; the"
              + " exchange needs at least the same value.";
    }
    return new Quote(
        reason, end, sValue, sUpfront, sHourly, sValues, tValue, tUpfront, tHourly, tValues);
  }

  private static ReservationValue value(double hourly, double total, double upfront) {
    return ReservationValue.builder()
        .hourlyPrice(money(hourly))
        .remainingTotalValue(money(total))
        .remainingUpfrontValue(money(upfront))
        .build();
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static List<String> results(
      ReservedInstancesModification m,
      java.util.function.Function<ReservedInstancesConfiguration, String> read) {
    return m.modificationResults().stream().map(r -> read.apply(r.targetConfiguration())).toList();
  }

  private static ReservedInstancesModification view(RiStore.Modification m) {
    return ReservedInstancesModification.builder()
        .reservedInstancesModificationId(m.id())
        .clientToken(m.clientToken())
        .createDate(m.created())
        .updateDate(m.created())
        .effectiveDate(m.created())
        .status("fulfilled")
        .statusMessage("fulfilled")
        .reservedInstancesIds(
            m.sourceIds().stream()
                .map(
                    id ->
                        software.amazon.awssdk.services.ec2.model.ReservedInstancesId.builder()
                            .reservedInstancesId(id)
                            .build())
                .toList())
        .modificationResults(
            m.results().stream()
                .map(
                    r ->
                        ReservedInstancesModificationResult.builder()
                            .reservedInstancesId(r.riId())
                            .targetConfiguration(
                                ReservedInstancesConfiguration.builder()
                                    .availabilityZone(r.zone())
                                    .availabilityZoneId(r.zoneId())
                                    .instanceCount(r.count())
                                    .instanceType(r.type())
                                    .platform("EC2-VPC")
                                    .scope(r.scope())
                                    .build())
                            .build())
                .toList())
        .build();
  }
}
