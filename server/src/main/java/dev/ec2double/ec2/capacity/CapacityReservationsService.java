package dev.ec2double.ec2.capacity;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.instances.InstancePlacement;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.InstanceStore;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.instances.PlacementRules;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationResponse;
import software.amazon.awssdk.services.ec2.model.CapacityReservationInstancePlatform;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageResponse;
import software.amazon.awssdk.services.ec2.model.InstanceUsage;
import software.amazon.awssdk.services.ec2.model.ModifyCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyCapacityReservationResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCapacityReservationAttributesRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCapacityReservationAttributesResponse;

/**
 * On-Demand Capacity Reservations: CreateCapacityReservation, DescribeCapacityReservations,
 * ModifyCapacityReservation, CancelCapacityReservation, GetCapacityReservationUsage and
 * ModifyInstanceCapacityReservationAttributes. Launched instances use them as {@link
 * ReservationRules} decides.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-reservations.html
 */
public final class CapacityReservationsService {
  private static final Set<String> TENANCIES = Set.of("default", "dedicated");
  private static final Set<String> MATCH = Set.of("open", "targeted");
  private static final Set<String> END_TYPES = Set.of("unlimited", "limited");

  private final Predicate<String> knownType;

  /**
   * @param knownType whether an instance type is one the server launches
   */
  public CapacityReservationsService(Resources resources, Predicate<String> knownType) {
    this.knownType = knownType;
    CapacityReservations.KIND.registerTaggable(resources);
  }

  /** Which reservation a launched instance uses. */
  public PlacementRules rules() {
    return new ReservationRules();
  }

  public CreateCapacityReservationResponse createCapacityReservation(
      RequestContext ctx, CreateCapacityReservationRequest req) {
    String type = Inputs.required(req.instanceType(), "InstanceType");
    if (!knownType.test(type)) {
      throw AwsException.invalidParameterValue("Invalid value '" + type + "' for InstanceType.");
    }
    String platform = Inputs.required(req.instancePlatformAsString(), "InstancePlatform");
    if (!CapacityReservationInstancePlatform.knownValues().stream()
        .anyMatch(p -> p.toString().equals(platform))) {
      throw AwsException.invalidParameterValue(
          "Value (" + platform + ") for parameter InstancePlatform is invalid.");
    }
    RegionCatalog.Zone zone = Inputs.zone(ctx, req.availabilityZone(), req.availabilityZoneId());
    int count = Inputs.required(req.instanceCount(), "InstanceCount");
    if (count < 1) {
      throw AwsException.invalidParameterValue(
          "Value (" + count + ") for parameter InstanceCount is invalid. It must be at least 1.");
    }
    String tenancy = Inputs.oneOf(req.tenancyAsString(), "default", TENANCIES, "Tenancy");
    String match =
        Inputs.oneOf(req.instanceMatchCriteriaAsString(), "open", MATCH, "InstanceMatchCriteria");
    Instant now = Instant.now();
    String endType = endDateType(req.endDateTypeAsString(), req.endDate(), now);
    if (req.outpostArn() != null) {
      throw new AwsException("Unsupported", "ec2-double has no Outposts.");
    }
    var tags = CapacityReservations.KIND.tags(req.tagSpecifications());
    ReservationStore.Reservation r =
        CapacityReservations.KIND.create(
            ctx,
            tags,
            id -> {
              var made =
                  new ReservationStore.Reservation(
                      id,
                      type,
                      platform,
                      zone.name(),
                      zone.zoneId(),
                      tenancy,
                      Boolean.TRUE.equals(req.ebsOptimized()),
                      now,
                      req.startDate(),
                      req.placementGroupArn());
              made.totalCount = count;
              made.endDateType = endType;
              made.endDate = req.endDate();
              made.matchCriteria = match;
              return made;
            });
    return CreateCapacityReservationResponse.builder()
        .capacityReservation(CapacityReservations.KIND.view(ctx, r))
        .build();
  }

  public DescribeCapacityReservationsResponse describeCapacityReservations(
      RequestContext ctx, DescribeCapacityReservationsRequest req) {
    var page =
        CapacityReservations.KIND.describe(
            ctx, req.capacityReservationIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeCapacityReservationsResponse.builder()
        .capacityReservations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyCapacityReservationResponse modifyCapacityReservation(
      RequestContext ctx, ModifyCapacityReservationRequest req) {
    String id = Inputs.required(req.capacityReservationId(), "CapacityReservationId");
    Instant now = Instant.now();
    String match =
        req.instanceMatchCriteriaAsString() == null
            ? null
            : Inputs.oneOf(
                req.instanceMatchCriteriaAsString(), null, MATCH, "InstanceMatchCriteria");
    String endType =
        req.endDateTypeAsString() == null && req.endDate() == null
            ? null
            : endDateType(req.endDateTypeAsString(), req.endDate(), now);
    CapacityReservations.KIND.modify(
        ctx,
        id,
        r -> {
          Inputs.activeOrRefuse(r, now);
          if (req.instanceCount() != null) {
            int used = CapacityReservations.users(ctx.state(), r.id).size();
            if (req.instanceCount() < Math.max(used, 1)) {
              throw AwsException.invalidParameterValue(
                  "InstanceCount "
                      + req.instanceCount()
                      + " is invalid: it must be at least 1 and at least the "
                      + used
                      + " instances that use the Capacity Reservation.");
            }
            r.totalCount = req.instanceCount();
          }
          if (endType != null) {
            r.endDateType = endType;
            r.endDate = endType.equals("limited") ? req.endDate() : null;
          }
          if (match != null) {
            r.matchCriteria = match;
          }
          return r;
        });
    return ModifyCapacityReservationResponse.builder().returnValue(true).build();
  }

  public CancelCapacityReservationResponse cancelCapacityReservation(
      RequestContext ctx, CancelCapacityReservationRequest req) {
    String id = Inputs.required(req.capacityReservationId(), "CapacityReservationId");
    Instant now = Instant.now();
    CapacityReservations.KIND.modify(
        ctx,
        id,
        r -> {
          Inputs.activeOrRefuse(r, now);
          r.state = "cancelled";
          return r;
        });
    return CancelCapacityReservationResponse.builder().returnValue(true).build();
  }

  public GetCapacityReservationUsageResponse getCapacityReservationUsage(
      RequestContext ctx, GetCapacityReservationUsageRequest req) {
    String id = Inputs.required(req.capacityReservationId(), "CapacityReservationId");
    Instant now = Instant.now();
    ReservationStore store = ReservationStore.of(ctx.state());
    ReservationStore.Reservation r;
    int used;
    int available;
    String state;
    synchronized (store) {
      r = CapacityReservations.KIND.get(ctx.state(), id);
      used = CapacityReservations.users(ctx.state(), id).size();
      available = CapacityReservations.available(ctx.state(), r, now);
      state = r.stateAt(now);
    }
    List<InstanceUsage> usages =
        used == 0
            ? List.of()
            : List.of(
                InstanceUsage.builder().accountId(ctx.account()).usedInstanceCount(used).build());
    Pages.Page<InstanceUsage> page =
        Pages.page(ctx.action(), usages, req.maxResults(), req.nextToken());
    return GetCapacityReservationUsageResponse.builder()
        .capacityReservationId(r.id)
        .instanceType(r.instanceType)
        .totalInstanceCount(r.totalCount)
        .availableInstanceCount(available)
        .state(state)
        .instanceUsages(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * A stopped instance's preference or target; a targeted reservation must be active and match the
   * instance, and the instance uses it from its next start.
   */
  public ModifyInstanceCapacityReservationAttributesResponse
      modifyInstanceCapacityReservationAttributes(
          RequestContext ctx, ModifyInstanceCapacityReservationAttributesRequest req) {
    InstanceRecord i = Instances.require(ctx, req.instanceId());
    if (req.capacityReservationSpecification() == null) {
      throw AwsException.missingParameter("CapacityReservationSpecification");
    }
    ReservationRules.Choice choice =
        ReservationRules.choice(req.capacityReservationSpecification());
    Instant now = Instant.now();
    InstanceStore instances = Instances.store(ctx.state());
    ReservationStore store = ReservationStore.of(ctx.state());
    synchronized (instances) {
      if (i.state() != InstanceState.STOPPED) {
        throw new AwsException(
            "IncorrectInstanceState",
            "The instance '" + i.id() + "' is not in the 'stopped' state.");
      }
      synchronized (store) {
        InstancePlacement p = i.placement();
        if (choice.target() != null) {
          ReservationStore.Reservation r =
              CapacityReservations.KIND.get(ctx.state(), choice.target());
          ReservationRules.matches(r, i.instanceType(), i.zone(), p.tenancy(), now);
          i.placement(p.inReservation(r.id, null, r.id));
        } else {
          String keep =
              choice.preference().equals("none")
                      || p.reservationId() == null
                      || !store.byId.containsKey(p.reservationId())
                      || !"open".equals(store.byId.get(p.reservationId()).matchCriteria)
                  ? null
                  : p.reservationId();
          i.placement(p.inReservation(keep, choice.preference(), null));
        }
      }
    }
    return ModifyInstanceCapacityReservationAttributesResponse.builder().returnValue(true).build();
  }

  /** {@code unlimited} (the default) or {@code limited} with an end date to come. */
  private static String endDateType(String type, Instant endDate, Instant now) {
    String t =
        Inputs.oneOf(type, endDate == null ? "unlimited" : "limited", END_TYPES, "EndDateType");
    if (t.equals("limited") && endDate == null) {
      throw AwsException.missingParameter("EndDate");
    }
    if (t.equals("unlimited") && endDate != null) {
      throw AwsException.invalidParameterCombination(
          "EndDate cannot be specified when EndDateType is unlimited.");
    }
    if (endDate != null && !endDate.isAfter(now)) {
      throw AwsException.invalidParameterValue(
          "The EndDate " + endDate + " is in the past; it must be in the future.");
    }
    return t;
  }
}
