package dev.ec2double.ec2.capacity;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.instancetypes.InstanceTypeSpec;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.CapacityManagerCondition;
import software.amazon.awssdk.services.ec2.model.CapacityManagerDimension;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMetricDataRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMetricDataResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMetricDimensionsRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMetricDimensionsResponse;
import software.amazon.awssdk.services.ec2.model.Metric;
import software.amazon.awssdk.services.ec2.model.MetricDataResult;
import software.amazon.awssdk.services.ec2.model.MetricValue;

/**
 * Capacity Manager's metrics, computed from the account's Capacity Reservations in the region as
 * they are now: each reservation counts in every period between its start (or creation) and its end
 * (or now), with its present size, use and available count; cancelled ones count no more. Metrics
 * of usage outside reservations (on-demand, Spot) and of costs are 0: ec2-double keeps no usage
 * history and no prices. https://docs.aws.amazon.com/ec2/latest/capacity-manager/metrics.html
 */
public final class CapacityMetrics {
  static final int MAX_METRICS = 10;

  /** One reservation as the metrics see it: its dimensions and its figures. */
  private record Row(
      Map<String, String> dims, Instant from, Instant to, int total, int used, int vcpus) {}

  /** The dimensions of a reservation, made at first use rather than at server start. */
  private static final class Dimensions {
    static final Map<String, Function<ReservationStore.Reservation, String>> ALL =
        new LinkedHashMap<>();

    static {
      ALL.put("availability-zone-id", r -> r.zoneId);
      ALL.put("instance-family", r -> r.instanceType.substring(0, r.instanceType.indexOf('.')));
      ALL.put("instance-type", r -> r.instanceType);
      ALL.put("instance-platform", r -> r.platform);
      ALL.put("reservation-id", r -> r.id);
      ALL.put(
          "reservation-type", r -> r.reservationType.equals("default") ? "odcr" : "capacity-block");
      ALL.put("reservation-create-timestamp", r -> r.createDate.toString());
      ALL.put(
          "reservation-start-timestamp",
          r -> (r.startDate == null ? r.createDate : r.startDate).toString());
      ALL.put("reservation-end-timestamp", r -> r.endDate == null ? null : r.endDate.toString());
      ALL.put("reservation-end-date-type", r -> r.endDateType);
      ALL.put("tenancy", r -> r.tenancy);
      ALL.put("reservation-state", r -> r.stateAt(Instant.now()));
      ALL.put("reservation-instance-match-criteria", r -> r.matchCriteria);
      ALL.put(
          "reservation-unused-financial-owner",
          r -> r.billing != null && r.billing.status.equals("accepted") ? r.billing.ownerId : null);
    }
  }

  public GetCapacityManagerMetricDataResponse getCapacityManagerMetricData(
      RequestContext ctx, GetCapacityManagerMetricDataRequest req) {
    List<String> metrics = metrics(req.metricNamesAsStrings());
    Instant start = Inputs.required(req.startTime(), "StartTime");
    Instant end = Inputs.required(req.endTime(), "EndTime");
    int period = Inputs.atLeast(req.period(), 1, "Period");
    if (!end.isAfter(start)) {
      throw AwsException.invalidParameterValue("EndTime must be after StartTime.");
    }
    long span = Duration.between(start, end).getSeconds();
    if (period % 3600 != 0 || span % period != 0) {
      throw AwsException.invalidParameterValue(
          "Period must be a multiple of 3600 seconds and (EndTime - StartTime) a multiple of"
              + " Period.");
    }
    List<Row> rows = rows(ctx, req.filterBy());
    List<String> groupBy = groupBy(req.groupByAsStrings());
    List<MetricDataResult> out = new ArrayList<>();
    for (Instant t = start; t.isBefore(end); t = t.plusSeconds(period)) {
      Instant bucketEnd = t.plusSeconds(period);
      Map<Map<String, String>, List<Row>> groups = groups(rows, groupBy);
      for (var g : groups.entrySet()) {
        List<MetricValue> values = new ArrayList<>();
        for (String m : metrics) {
          values.add(
              MetricValue.builder().metric(m).value(value(m, g.getValue(), t, bucketEnd)).build());
        }
        out.add(
            MetricDataResult.builder()
                .dimension(dimension(ctx, g.getKey()))
                .timestamp(t)
                .metricValues(values)
                .build());
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetCapacityManagerMetricDataResponse.builder()
        .metricDataResults(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetCapacityManagerMetricDimensionsResponse getCapacityManagerMetricDimensions(
      RequestContext ctx, GetCapacityManagerMetricDimensionsRequest req) {
    metrics(req.metricNamesAsStrings());
    List<String> groupBy = groupBy(req.groupByAsStrings());
    if (groupBy.isEmpty()) {
      throw AwsException.missingParameter("GroupBy");
    }
    Instant start = Inputs.required(req.startTime(), "StartTime");
    Instant end = Inputs.required(req.endTime(), "EndTime");
    if (!end.isAfter(start)) {
      throw AwsException.invalidParameterValue("EndTime must be after StartTime.");
    }
    List<Row> rows =
        rows(ctx, req.filterBy()).stream()
            .filter(r -> r.from().isBefore(end) && r.to().isAfter(start))
            .toList();
    List<CapacityManagerDimension> out =
        groups(rows, groupBy).keySet().stream().map(k -> dimension(ctx, k)).toList();
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetCapacityManagerMetricDimensionsResponse.builder()
        .metricDimensionResults(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static List<String> metrics(List<String> names) {
    if (names.isEmpty()) {
      throw AwsException.missingParameter("MetricNames");
    }
    if (names.size() > MAX_METRICS) {
      throw AwsException.invalidParameterValue("At most " + MAX_METRICS + " metrics per request.");
    }
    for (String n : names) {
      if (Metric.fromValue(n) == Metric.UNKNOWN_TO_SDK_VERSION) {
        throw AwsException.invalidParameterValue("Value (" + n + ") for MetricNames is invalid.");
      }
    }
    return names;
  }

  private static List<String> groupBy(List<String> names) {
    for (String n : names) {
      if (!Dimensions.ALL.containsKey(n)
          && !List.of("resource-region", "account-id", "account-name", "reservation-arn")
              .contains(n)) {
        throw AwsException.invalidParameterValue("Value (" + n + ") for GroupBy is invalid.");
      }
    }
    return names;
  }

  private static List<Row> rows(RequestContext ctx, List<CapacityManagerCondition> conditions) {
    CapacityManagerService.enabled(ctx);
    Instant now = Instant.now();
    List<Row> rows = new ArrayList<>();
    ReservationStore store = ReservationStore.of(ctx.state());
    synchronized (store) {
      for (ReservationStore.Reservation r : store.byId.values()) {
        if (r.state.equals("cancelled")) {
          continue;
        }
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put("resource-region", ctx.region());
        dims.put("account-id", ctx.account());
        dims.put("reservation-arn", CapacityReservations.arn(ctx, r.id));
        Dimensions.ALL.forEach((k, f) -> dims.put(k, f.apply(r)));
        if (!passes(dims, conditions)) {
          continue;
        }
        Instant from = r.startDate == null ? r.createDate : r.startDate;
        Instant to = r.endDate != null && r.endDate.isBefore(now) ? r.endDate : now;
        int used = CapacityReservations.users(ctx.state(), r.id).size();
        int vcpus = InstanceTypeCatalog.find(r.instanceType).map(InstanceTypeSpec::vcpus).orElse(0);
        rows.add(new Row(dims, from, to, r.totalCount, used, vcpus));
      }
    }
    return rows;
  }

  private static boolean passes(
      Map<String, String> dims, List<CapacityManagerCondition> conditions) {
    for (CapacityManagerCondition c : conditions) {
      var d = c.dimensionCondition();
      if (d == null || d.dimensionAsString() == null) {
        throw AwsException.missingParameter("FilterBy.DimensionCondition.Dimension");
      }
      String cmp = d.comparisonAsString() == null ? "equals" : d.comparisonAsString();
      if (!cmp.equals("equals") && !cmp.equals("in")) {
        throw AwsException.invalidParameterValue("Value (" + cmp + ") for Comparison is invalid.");
      }
      if (!d.values().contains(dims.get(d.dimensionAsString()))) {
        return false;
      }
    }
    return true;
  }

  private static Map<Map<String, String>, List<Row>> groups(List<Row> rows, List<String> groupBy) {
    Map<Map<String, String>, List<Row>> out = new LinkedHashMap<>();
    for (Row r : rows) {
      Map<String, String> key = new LinkedHashMap<>();
      groupBy.forEach(g -> key.put(g, r.dims().get(g)));
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    if (groupBy.isEmpty() && out.isEmpty()) {
      out.put(Map.of(), List.of());
    }
    return out;
  }

  /** A metric over the rows alive in [from, to). */
  static double value(String metric, List<Row> rows, Instant from, Instant to) {
    boolean vcpu = metric.endsWith("-vcpu");
    double sum = 0;
    double max = Double.NaN;
    double min = Double.NaN;
    int count = 0;
    for (Row r : rows) {
      Instant a = r.from().isAfter(from) ? r.from() : from;
      Instant b = r.to().isBefore(to) ? r.to() : to;
      if (!a.isBefore(b)) {
        continue;
      }
      double hours = Duration.between(a, b).getSeconds() / 3600.0;
      int unit = vcpu ? r.vcpus() : 1;
      int unused = Math.max(0, r.total() - r.used());
      double x =
          switch (metric) {
            case "reservation-total-count" -> 1;
            case "reservation-total-capacity-hrs-vcpu", "reservation-total-capacity-hrs-inst" ->
                r.total() * unit * hours;
            case "reservation-unused-total-capacity-hrs-vcpu",
                "reservation-unused-total-capacity-hrs-inst" ->
                unused * unit * hours;
            case "reserved-total-usage-hrs-vcpu", "reserved-total-usage-hrs-inst" ->
                r.used() * unit * hours;
            case "reservation-max-size-vcpu",
                "reservation-max-size-inst",
                "reservation-min-size-vcpu",
                "reservation-min-size-inst" ->
                r.total() * unit;
            case "reservation-max-unused-size-vcpu",
                "reservation-max-unused-size-inst",
                "reservation-min-unused-size-vcpu",
                "reservation-min-unused-size-inst" ->
                unused * unit;
            case "reservation-max-utilization",
                "reservation-min-utilization",
                "reservation-avg-utilization-vcpu",
                "reservation-avg-utilization-inst" ->
                r.total() == 0 ? 0 : 100.0 * r.used() / r.total();
            default -> 0;
          };
      sum += x;
      max = Double.isNaN(max) ? x : Math.max(max, x);
      min = Double.isNaN(min) ? x : Math.min(min, x);
      count++;
    }
    if (count == 0) {
      return 0;
    }
    if (metric.contains("-max-")) {
      return max;
    }
    if (metric.contains("-min-")) {
      return min;
    }
    return metric.contains("-avg-") ? sum / count : sum;
  }

  private static CapacityManagerDimension dimension(RequestContext ctx, Map<String, String> k) {
    return CapacityManagerDimension.builder()
        .resourceRegion(k.get("resource-region"))
        .availabilityZoneId(k.get("availability-zone-id"))
        .accountId(k.get("account-id"))
        .instanceFamily(k.get("instance-family"))
        .instanceType(k.get("instance-type"))
        .instancePlatform(k.get("instance-platform"))
        .reservationArn(k.get("reservation-arn"))
        .reservationId(k.get("reservation-id"))
        .reservationType(k.get("reservation-type"))
        .reservationCreateTimestamp(instant(k.get("reservation-create-timestamp")))
        .reservationStartTimestamp(instant(k.get("reservation-start-timestamp")))
        .reservationEndTimestamp(instant(k.get("reservation-end-timestamp")))
        .reservationEndDateType(k.get("reservation-end-date-type"))
        .tenancy(k.get("tenancy"))
        .reservationState(k.get("reservation-state"))
        .reservationInstanceMatchCriteria(k.get("reservation-instance-match-criteria"))
        .reservationUnusedFinancialOwner(k.get("reservation-unused-financial-owner"))
        .build();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
