package dev.ec2double.ec2.netperf;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DataQuery;
import software.amazon.awssdk.services.ec2.model.DataResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAwsNetworkPerformanceMetricSubscriptionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAwsNetworkPerformanceMetricSubscriptionsResponse;
import software.amazon.awssdk.services.ec2.model.DisableAwsNetworkPerformanceMetricSubscriptionRequest;
import software.amazon.awssdk.services.ec2.model.DisableAwsNetworkPerformanceMetricSubscriptionResponse;
import software.amazon.awssdk.services.ec2.model.EnableAwsNetworkPerformanceMetricSubscriptionRequest;
import software.amazon.awssdk.services.ec2.model.EnableAwsNetworkPerformanceMetricSubscriptionResponse;
import software.amazon.awssdk.services.ec2.model.GetAwsNetworkPerformanceDataRequest;
import software.amazon.awssdk.services.ec2.model.GetAwsNetworkPerformanceDataResponse;
import software.amazon.awssdk.services.ec2.model.MetricPoint;
import software.amazon.awssdk.services.ec2.model.Subscription;

/**
 * Infrastructure Performance (Network Manager's): metric subscriptions between Regions or zones of
 * a Region (records: nothing is published to CloudWatch), and GetAwsNetworkPerformanceData, whose
 * latencies are synthetic ({@link LatencyModel}): plausible and stable, same zone below same Region
 * below cross-Region, one point per five minutes of the asked window.
 */
public final class NetworkPerformanceService {
  private static final String METRIC = "aggregate-latency";
  private static final String STATISTIC = "p50";
  private static final String PERIOD = "five-minutes";
  private static final Duration STEP = Duration.ofMinutes(5);

  /** How far back the data goes (and the default window's length: the last hour). */
  private static final Duration HISTORY = Duration.ofDays(30);

  private static final FilterSpec<Subscription> FILTERS =
      FilterSpec.<Subscription>of()
          .field("source", Subscription::source)
          .field("destination", Subscription::destination)
          .field("metric", Subscription::metricAsString)
          .field("statistic", Subscription::statisticAsString)
          .field("period", Subscription::periodAsString);

  public EnableAwsNetworkPerformanceMetricSubscriptionResponse
      enableAwsNetworkPerformanceMetricSubscription(
          RequestContext ctx, EnableAwsNetworkPerformanceMetricSubscriptionRequest req) {
    change(
        ctx, req.source(), req.destination(), req.metricAsString(), req.statisticAsString(), true);
    return EnableAwsNetworkPerformanceMetricSubscriptionResponse.builder().output(true).build();
  }

  public DisableAwsNetworkPerformanceMetricSubscriptionResponse
      disableAwsNetworkPerformanceMetricSubscription(
          RequestContext ctx, DisableAwsNetworkPerformanceMetricSubscriptionRequest req) {
    change(
        ctx, req.source(), req.destination(), req.metricAsString(), req.statisticAsString(), false);
    return DisableAwsNetworkPerformanceMetricSubscriptionResponse.builder().output(true).build();
  }

  /**
   * Enables or disables a subscription: enabling one that exists, or disabling one that does not,
   * is InvalidParameterValue.
   */
  private static void change(
      RequestContext ctx,
      String source,
      String destination,
      String metric,
      String statistic,
      boolean enable) {
    Subscriptions.Key key = key(source, destination, metric, statistic);
    Subscriptions s = Subscriptions.of(ctx.state());
    synchronized (s) {
      if (enable ? !s.keys.add(key) : !s.keys.remove(key)) {
        String what =
            key.source() + " to " + key.destination() + " for " + METRIC + " " + STATISTIC;
        throw AwsException.invalidParameterValue(
            enable
                ? "A subscription from " + what + " already exists."
                : "No subscription from " + what + " exists.");
      }
    }
    ctx.state().changed();
  }

  public DescribeAwsNetworkPerformanceMetricSubscriptionsResponse
      describeAwsNetworkPerformanceMetricSubscriptions(
          RequestContext ctx, DescribeAwsNetworkPerformanceMetricSubscriptionsRequest req) {
    var filter = FILTERS.compile(req.filters());
    List<Subscription> all = new ArrayList<>();
    Subscriptions s = Subscriptions.of(ctx.state());
    synchronized (s) {
      for (Subscriptions.Key k : s.keys) {
        Subscription view =
            Subscription.builder()
                .source(k.source())
                .destination(k.destination())
                .metric(k.metric())
                .statistic(k.statistic())
                .period(PERIOD)
                .build();
        if (filter.test(view)) {
          all.add(view);
        }
      }
    }
    var page = Pages.page(ctx.action(), all, req.maxResults(), req.nextToken());
    return DescribeAwsNetworkPerformanceMetricSubscriptionsResponse.builder()
        .subscriptions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetAwsNetworkPerformanceDataResponse getAwsNetworkPerformanceData(
      RequestContext ctx, GetAwsNetworkPerformanceDataRequest req) {
    Instant now = Instant.now();
    Instant end = req.endTime() == null ? now : req.endTime();
    Instant start = req.startTime() == null ? end.minus(Duration.ofHours(1)) : req.startTime();
    if (!start.isBefore(end)) {
      throw AwsException.invalidParameterValue(
          "The StartTime (" + start + ") must be before the EndTime (" + end + ").");
    }
    if (req.dataQueries().isEmpty()) {
      throw AwsException.missingParameter("DataQuery");
    }
    List<DataResponse> responses = new ArrayList<>();
    for (DataQuery q : req.dataQueries()) {
      responses.add(answer(q, start, end, now));
    }
    var page = Pages.page(ctx.action(), responses, req.maxResults(), req.nextToken());
    return GetAwsNetworkPerformanceDataResponse.builder()
        .dataResponses(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static DataResponse answer(DataQuery q, Instant start, Instant end, Instant now) {
    Subscriptions.Key key =
        key(q.source(), q.destination(), q.metricAsString(), q.statisticAsString());
    String period = q.periodAsString() == null ? PERIOD : q.periodAsString();
    if (!period.equals(PERIOD)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + period
              + ") for parameter Period is invalid. Only "
              + PERIOD
              + " is supported.");
    }
    Locations pair = Locations.of(key.source(), key.destination());
    List<MetricPoint> points = new ArrayList<>();
    Instant oldest = now.minus(HISTORY);
    long step = STEP.getSeconds();
    long first = Math.floorDiv(start.getEpochSecond(), step) * step;
    for (Instant t = Instant.ofEpochSecond(first); t.isBefore(end); t = t.plus(STEP)) {
      Instant pointEnd = t.plus(STEP);
      if (t.isBefore(oldest) || pointEnd.isAfter(now)) {
        continue; // no data before the history kept, nor for a period not over yet
      }
      points.add(
          MetricPoint.builder()
              .startDate(t)
              .endDate(pointEnd)
              .value(LatencyModel.latencyMs(pair, t))
              .status("healthy")
              .build());
    }
    return DataResponse.builder()
        .id(q.id())
        .source(key.source())
        .destination(key.destination())
        .metric(key.metric())
        .statistic(key.statistic())
        .period(period)
        .metricPoints(points)
        .build();
  }

  /** A subscription's key with its values checked: the metric and statistic AWS has. */
  private static Subscriptions.Key key(
      String source, String destination, String metric, String statistic) {
    Locations.of(source, destination);
    String m = metric == null ? METRIC : metric;
    String s = statistic == null ? STATISTIC : statistic;
    if (!m.equals(METRIC)) {
      throw AwsException.invalidParameterValue(
          "Value (" + m + ") for parameter Metric is invalid. Valid value: " + METRIC + ".");
    }
    if (!s.equals(STATISTIC)) {
      throw AwsException.invalidParameterValue(
          "Value (" + s + ") for parameter Statistic is invalid. Valid value: " + STATISTIC + ".");
    }
    return new Subscriptions.Key(source, destination, m, s);
  }
}
