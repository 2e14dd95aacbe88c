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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeScheduledInstanceAvailabilityRequest;
import software.amazon.awssdk.services.ec2.model.DescribeScheduledInstanceAvailabilityResponse;
import software.amazon.awssdk.services.ec2.model.DescribeScheduledInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeScheduledInstancesResponse;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.PurchaseRequest;
import software.amazon.awssdk.services.ec2.model.PurchaseScheduledInstancesRequest;
import software.amazon.awssdk.services.ec2.model.PurchaseScheduledInstancesResponse;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.RunScheduledInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunScheduledInstancesResponse;
import software.amazon.awssdk.services.ec2.model.ScheduledInstance;
import software.amazon.awssdk.services.ec2.model.ScheduledInstanceAvailability;
import software.amazon.awssdk.services.ec2.model.ScheduledInstanceRecurrence;
import software.amazon.awssdk.services.ec2.model.ScheduledInstanceRecurrenceRequest;
import software.amazon.awssdk.services.ec2.model.ScheduledInstancesLaunchSpecification;
import software.amazon.awssdk.services.ec2.model.ScheduledInstancesNetworkInterface;

/**
 * Scheduled Reserved Instances: a daily, weekly or monthly slot bought for a year. Availability
 * follows AWS's rules (at least 1,200 hours a year; slots of at least 4 hours daily, 24 weekly, 100
 * monthly); the first slot starts at the earliest time asked for (or now). RunScheduledInstances
 * launches real instances through RunInstances, only while a slot is on. AWS stops them three
 * minutes before the slot ends; ec2-double leaves them running.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-scheduled-instances.html
 */
public final class ScheduledInstancesService {

  /** The filters, made at first use rather than at server start. */
  private static final class Filters {
    static final FilterSpec<ScheduledInstanceAvailability> AVAILABILITY_FILTERS =
        FilterSpec.<ScheduledInstanceAvailability>of()
            .field("availability-zone", ScheduledInstanceAvailability::availabilityZone)
            .field("instance-type", ScheduledInstanceAvailability::instanceType)
            .field("network-platform", ScheduledInstanceAvailability::networkPlatform)
            .field("platform", ScheduledInstanceAvailability::platform);
    static final FilterSpec<ScheduledInstance> FILTERS =
        FilterSpec.<ScheduledInstance>of()
            .field("availability-zone", ScheduledInstance::availabilityZone)
            .field("instance-type", ScheduledInstance::instanceType)
            .field("network-platform", ScheduledInstance::networkPlatform)
            .field("platform", ScheduledInstance::platform);
  }

  static final int MIN_HOURS_A_YEAR = 1200;
  static final List<String> TYPES =
      List.of("c5.large", "c5.xlarge", "m5.large", "m5.xlarge", "r5.large", "r5.xlarge");
  static final int AVAILABLE = 20;

  /** An offer as availability showed it, or a bought schedule. */
  record Schedule(
      String zone,
      String type,
      Instant first,
      int slotHours,
      String frequency,
      int interval,
      List<Integer> days,
      String unit,
      boolean relativeToEnd,
      String hourlyPrice)
      implements java.io.Serializable {

    /** The start of the slot on or after {@code from}'s day, scanning a year and a half. */
    Instant slotAtOrAfter(Instant from) {
      ZonedDateTime f = first.atZone(ZoneOffset.UTC);
      LocalDate d =
          from.isBefore(first)
              ? f.toLocalDate()
              : from.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
      for (int i = 0; i < 550; i++, d = d.plusDays(1)) {
        if (runsOn(d)) {
          Instant start = d.atTime(f.toLocalTime()).toInstant(ZoneOffset.UTC);
          if (!start.isBefore(first) && start.plus(Duration.ofHours(slotHours)).isAfter(from)) {
            return start;
          }
        }
      }
      return null;
    }

    boolean runsOn(LocalDate d) {
      LocalDate start = first.atZone(ZoneOffset.UTC).toLocalDate();
      return switch (frequency) {
        case "Daily" -> ChronoUnit.DAYS.between(start, d) % interval == 0;
        case "Weekly" ->
            ChronoUnit.WEEKS.between(start, d) % interval == 0
                && (days.isEmpty()
                    ? d.getDayOfWeek() == start.getDayOfWeek()
                    : days.contains(d.getDayOfWeek().getValue() % 7 + 1));
        default ->
            ChronoUnit.MONTHS.between(start.withDayOfMonth(1), d.withDayOfMonth(1)) % interval == 0
                && (days.isEmpty()
                    ? d.getDayOfMonth() == start.getDayOfMonth()
                    : days.contains(d.getDayOfMonth()));
      };
    }

    int slotsAYear() {
      int perPeriod = days.isEmpty() ? 1 : days.size();
      return switch (frequency) {
        case "Daily" -> 365 / interval;
        case "Weekly" -> 52 * perPeriod / interval;
        default -> 12 * perPeriod / interval;
      };
    }

    ScheduledInstanceRecurrence recurrence() {
      return ScheduledInstanceRecurrence.builder()
          .frequency(frequency)
          .interval(interval)
          .occurrenceDaySet(days)
          .occurrenceUnit(unit)
          .occurrenceRelativeToEnd(relativeToEnd)
          .build();
    }
  }

  static final class Bought implements java.io.Serializable {
    final String id;
    final Schedule schedule;
    final int count;
    final Instant created;

    Bought(String id, Schedule schedule, int count, Instant created) {
      this.id = id;
      this.schedule = schedule;
      this.count = count;
      this.created = created;
    }
  }

  static final class Store implements java.io.Serializable {
    final Map<String, Schedule> offers = new LinkedHashMap<>();
    final Map<String, Bought> bought = new LinkedHashMap<>();
  }

  private final BiFunction<RequestContext, RunInstancesRequest, RunInstancesResponse> run;

  /**
   * @param run RunInstances, which launches the scheduled instances
   */
  public ScheduledInstancesService(
      BiFunction<RequestContext, RunInstancesRequest, RunInstancesResponse> run) {
    this.run = run;
  }

  public DescribeScheduledInstanceAvailabilityResponse describeScheduledInstanceAvailability(
      RequestContext ctx, DescribeScheduledInstanceAvailabilityRequest req) {
    Predicate<ScheduledInstanceAvailability> filter =
        Filters.AVAILABILITY_FILTERS.compile(req.filters());
    var range =
        ReservedInstancesService.required(req.firstSlotStartTimeRange(), "FirstSlotStartTimeRange");
    Instant earliest = ReservedInstancesService.required(range.earliestTime(), "EarliestTime");
    Instant latest = ReservedInstancesService.required(range.latestTime(), "LatestTime");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    if (latest.isBefore(earliest)) {
      throw AwsException.invalidParameterValue("LatestTime must not be before EarliestTime.");
    }
    if (earliest.isAfter(now.plus(Duration.ofDays(90)))) {
      throw AwsException.invalidParameterValue(
          "EarliestTime must be within three months from now.");
    }
    ScheduledInstanceRecurrenceRequest r =
        ReservedInstancesService.required(req.recurrence(), "Recurrence");
    String frequency = ReservedInstancesService.required(r.frequency(), "Recurrence.Frequency");
    int minSlot =
        switch (frequency) {
          case "Daily" -> 4;
          case "Weekly" -> 24;
          case "Monthly" -> 100;
          default ->
              throw AwsException.invalidParameterValue(
                  "Value ("
                      + frequency
                      + ") for parameter Frequency is invalid. Valid values:"
                      + " Daily, Weekly, Monthly.");
        };
    int interval = r.interval() == null ? 1 : r.interval();
    if (interval < 1) {
      throw AwsException.invalidParameterValue("Recurrence.Interval must be at least 1.");
    }
    // a copy: the SDK's list may not be serializable, and schedules are saved with --state-dir
    List<Integer> days = List.copyOf(r.occurrenceDays());
    for (int d : days) {
      if (d < 1 || d > (frequency.equals("Weekly") ? 7 : 31) || frequency.equals("Daily")) {
        throw AwsException.invalidParameterValue("Recurrence.OccurrenceDay " + d + " is invalid.");
      }
    }
    Instant first = earliest.isBefore(now) ? now : earliest;
    int slot =
        Math.max(minSlot, req.minSlotDurationInHours() == null ? 0 : req.minSlotDurationInHours());
    Schedule probe =
        new Schedule(
            null,
            null,
            first,
            slot,
            frequency,
            interval,
            days,
            r.occurrenceUnit(),
            Boolean.TRUE.equals(r.occurrenceRelativeToEnd()),
            null);
    while (probe.slotsAYear() * slot < MIN_HOURS_A_YEAR) {
      slot++;
    }
    int maxSlot =
        req.maxSlotDurationInHours() == null ? Integer.MAX_VALUE : req.maxSlotDurationInHours();
    List<ScheduledInstanceAvailability> out = new ArrayList<>();
    Store store = store(ctx);
    if (slot <= maxSlot && slot <= 24 * 28) {
      synchronized (store) {
        for (RegionCatalog.Zone z : RegionCatalog.zones(ctx.region())) {
          for (String type : TYPES) {
            InstanceTypeSpec t = InstanceTypeCatalog.find(type).orElse(null);
            if (t == null) {
              continue;
            }
            Schedule s =
                new Schedule(
                    z.name(),
                    type,
                    first,
                    slot,
                    frequency,
                    interval,
                    days,
                    r.occurrenceUnit(),
                    Boolean.TRUE.equals(r.occurrenceRelativeToEnd()),
                    String.format(Locale.ROOT, "%.3f", RiOfferings.onDemand(t) * 0.95));
            String token = Ids.next("sct");
            store.offers.put(token, s);
            ScheduledInstanceAvailability a = availability(token, s);
            if (filter.test(a)) {
              out.add(a);
            }
          }
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeScheduledInstanceAvailabilityResponse.builder()
        .scheduledInstanceAvailabilitySet(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public PurchaseScheduledInstancesResponse purchaseScheduledInstances(
      RequestContext ctx, PurchaseScheduledInstancesRequest req) {
    if (req.purchaseRequests().isEmpty()) {
      throw AwsException.missingParameter("PurchaseRequests");
    }
    Store store = store(ctx);
    Instant now = Instant.now();
    List<ScheduledInstance> out = new ArrayList<>();
    synchronized (store) {
      for (PurchaseRequest p : req.purchaseRequests()) {
        String token = ReservedInstancesService.required(p.purchaseToken(), "PurchaseToken");
        int count = ReservedInstancesService.required(p.instanceCount(), "InstanceCount");
        if (!store.offers.containsKey(token)) {
          throw AwsException.invalidParameterValue(
              "The purchase token '" + token + "' is not valid.");
        }
        if (count < 1 || count > AVAILABLE) {
          throw AwsException.invalidParameterValue(
              "InstanceCount must be between 1 and " + AVAILABLE + ".");
        }
      }
      for (PurchaseRequest p : req.purchaseRequests()) {
        Schedule s = store.offers.remove(p.purchaseToken());
        Bought b = new Bought(Ids.next("sci"), s, p.instanceCount(), now);
        store.bought.put(b.id, b);
        out.add(view(b, now));
      }
    }
    ctx.state().changed();
    return PurchaseScheduledInstancesResponse.builder().scheduledInstanceSet(out).build();
  }

  public DescribeScheduledInstancesResponse describeScheduledInstances(
      RequestContext ctx, DescribeScheduledInstancesRequest req) {
    Predicate<ScheduledInstance> filter = Filters.FILTERS.compile(req.filters());
    Store store = store(ctx);
    Instant now = Instant.now();
    List<ScheduledInstance> out = new ArrayList<>();
    synchronized (store) {
      for (String id : req.scheduledInstanceIds()) {
        require(store, id);
      }
      for (Bought b : store.bought.values()) {
        if (!req.scheduledInstanceIds().isEmpty() && !req.scheduledInstanceIds().contains(b.id)) {
          continue;
        }
        ScheduledInstance v = view(b, now);
        var range = req.slotStartTimeRange();
        boolean inRange =
            range == null
                || v.nextSlotStartTime() != null
                    && (range.earliestTime() == null
                        || !v.nextSlotStartTime().isBefore(range.earliestTime()))
                    && (range.latestTime() == null
                        || !v.nextSlotStartTime().isAfter(range.latestTime()));
        if (inRange && filter.test(v)) {
          out.add(v);
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeScheduledInstancesResponse.builder()
        .scheduledInstanceSet(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public RunScheduledInstancesResponse runScheduledInstances(
      RequestContext ctx, RunScheduledInstancesRequest req) {
    String id = ReservedInstancesService.required(req.scheduledInstanceId(), "ScheduledInstanceId");
    ScheduledInstancesLaunchSpecification spec =
        ReservedInstancesService.required(req.launchSpecification(), "LaunchSpecification");
    ReservedInstancesService.required(spec.imageId(), "LaunchSpecification.ImageId");
    int count = req.instanceCount() == null ? 1 : req.instanceCount();
    Store store = store(ctx);
    Bought b;
    synchronized (store) {
      b = require(store, id);
    }
    if (count < 1 || count > b.count) {
      throw AwsException.invalidParameterValue(
          "InstanceCount must be between 1 and the " + b.count + " instances scheduled.");
    }
    if (spec.instanceType() != null && !spec.instanceType().equals(b.schedule.type())) {
      throw AwsException.invalidParameterValue(
          "The scheduled instances are "
              + b.schedule.type()
              + ", not "
              + spec.instanceType()
              + ".");
    }
    Instant now = Instant.now();
    Instant slot = b.schedule.slotAtOrAfter(now);
    if (slot == null
        || slot.isAfter(now)
        || !now.isBefore(b.schedule.first().plus(Duration.ofDays(365)))) {
      throw new AwsException(
          "IncorrectState",
          "The scheduled instances "
              + id
              + " can be launched only during a scheduled slot; the next starts at "
              + slot
              + ".");
    }
    RunInstancesRequest.Builder run =
        RunInstancesRequest.builder()
            .imageId(spec.imageId())
            .instanceType(b.schedule.type())
            .minCount(count)
            .maxCount(count)
            .keyName(spec.keyName())
            .subnetId(spec.networkInterfaces().isEmpty() ? spec.subnetId() : null)
            .securityGroupIds(
                spec.networkInterfaces().isEmpty() ? spec.securityGroupIds() : List.of())
            .userData(spec.userData())
            .ebsOptimized(spec.ebsOptimized())
            .placement(
                Placement.builder()
                    .availabilityZone(b.schedule.zone())
                    .groupName(spec.placement() == null ? null : spec.placement().groupName())
                    .build());
    if (spec.iamInstanceProfile() != null) {
      run.iamInstanceProfile(
          IamInstanceProfileSpecification.builder()
              .arn(spec.iamInstanceProfile().arn())
              .name(spec.iamInstanceProfile().name())
              .build());
    }
    List<InstanceNetworkInterfaceSpecification> nics = new ArrayList<>();
    for (ScheduledInstancesNetworkInterface n : spec.networkInterfaces()) {
      nics.add(
          InstanceNetworkInterfaceSpecification.builder()
              .deviceIndex(n.deviceIndex())
              .subnetId(n.subnetId())
              .groups(n.groups())
              .privateIpAddress(n.privateIpAddress())
              .associatePublicIpAddress(n.associatePublicIpAddress())
              .deleteOnTermination(n.deleteOnTermination())
              .description(n.description())
              .networkInterfaceId(n.networkInterfaceId())
              .secondaryPrivateIpAddressCount(n.secondaryPrivateIpAddressCount())
              .ipv6AddressCount(n.ipv6AddressCount())
              .build());
    }
    run.networkInterfaces(nics);
    RunInstancesResponse launched = this.run.apply(ctx, run.build());
    return RunScheduledInstancesResponse.builder()
        .instanceIdSet(launched.instances().stream().map(i -> i.instanceId()).toList())
        .build();
  }

  private static Store store(RequestContext ctx) {
    return ctx.state().part(Store.class, Store::new);
  }

  private static Bought require(Store store, String id) {
    Bought b = store.bought.get(id);
    if (b == null) {
      throw new AwsException(
          "InvalidScheduledInstance.NotFound",
          "The scheduled instance ID '" + id + "' does not exist");
    }
    return b;
  }

  private static ScheduledInstanceAvailability availability(String token, Schedule s) {
    return ScheduledInstanceAvailability.builder()
        .purchaseToken(token)
        .availabilityZone(s.zone())
        .instanceType(s.type())
        .availableInstanceCount(AVAILABLE)
        .firstSlotStartTime(s.first())
        .slotDurationInHours(s.slotHours())
        .totalScheduledInstanceHours(s.slotsAYear() * s.slotHours())
        .hourlyPrice(s.hourlyPrice())
        .minTermDurationInDays(365)
        .maxTermDurationInDays(365)
        .networkPlatform("EC2-VPC")
        .platform("Linux/UNIX")
        .recurrence(s.recurrence())
        .build();
  }

  private static ScheduledInstance view(Bought b, Instant now) {
    Schedule s = b.schedule;
    Instant termEnd = s.first().plus(Duration.ofDays(365));
    Instant current = s.slotAtOrAfter(now);
    Instant next =
        current != null && current.isAfter(now)
            ? current
            : current == null
                ? null
                : s.slotAtOrAfter(current.plus(Duration.ofHours(s.slotHours())));
    return ScheduledInstance.builder()
        .scheduledInstanceId(b.id)
        .availabilityZone(s.zone())
        .instanceType(s.type())
        .instanceCount(b.count)
        .createDate(b.created)
        .hourlyPrice(s.hourlyPrice())
        .networkPlatform("EC2-VPC")
        .platform("Linux/UNIX")
        .slotDurationInHours(s.slotHours())
        .termStartDate(s.first())
        .termEndDate(termEnd)
        .nextSlotStartTime(next != null && next.isBefore(termEnd) ? next : null)
        .totalScheduledInstanceHours(s.slotsAYear() * s.slotHours())
        .recurrence(s.recurrence())
        .build();
  }
}
