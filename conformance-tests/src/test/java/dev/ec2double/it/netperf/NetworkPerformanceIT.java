package dev.ec2double.it.netperf;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DataResponse;
import software.amazon.awssdk.services.ec2.model.MetricPoint;

/**
 * Network performance subscriptions and (synthetic) latency data, and the account's managed
 * resource visibility.
 */
class NetworkPerformanceIT {
  private static final Ec2Client ec2 = TestServer.ec2("eu-west-3", "370987654321");

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void subscriptionsAreEnabledOnceListedAndDisabled() {
    assertThat(
            ec2.enableAwsNetworkPerformanceMetricSubscription(
                    r ->
                        r.source("eu-west-3")
                            .destination("us-east-1")
                            .metric("aggregate-latency")
                            .statistic("p50"))
                .output())
        .isTrue();
    ec2.enableAwsNetworkPerformanceMetricSubscription(
        r -> r.source("euw3-az1").destination("euw3-az2"));
    assertError(
        () ->
            ec2.enableAwsNetworkPerformanceMetricSubscription(
                r -> r.source("eu-west-3").destination("us-east-1")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.enableAwsNetworkPerformanceMetricSubscription(
                r -> r.source("euw3-az1").destination("use1-az1")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.enableAwsNetworkPerformanceMetricSubscription(
                r -> r.source("eu-west-3").destination("euw3-az1")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.enableAwsNetworkPerformanceMetricSubscription(
                r -> r.source("eu-west-3").destination("mars-1")),
        "InvalidParameterValue");

    var all = ec2.describeAwsNetworkPerformanceMetricSubscriptions(r -> {}).subscriptions();
    assertThat(all)
        .extracting(s -> s.source() + ">" + s.destination() + ":" + s.periodAsString())
        .containsExactly("eu-west-3>us-east-1:five-minutes", "euw3-az1>euw3-az2:five-minutes");
    assertThat(
            ec2.describeAwsNetworkPerformanceMetricSubscriptions(
                    r -> r.filters(filter("source", "euw3-*")))
                .subscriptions())
        .hasSize(1);
    var page = ec2.describeAwsNetworkPerformanceMetricSubscriptions(r -> r.maxResults(1));
    assertThat(page.subscriptions()).hasSize(1);
    assertThat(page.nextToken()).isNotNull();

    ec2.disableAwsNetworkPerformanceMetricSubscription(
        r -> r.source("euw3-az1").destination("euw3-az2"));
    assertError(
        () ->
            ec2.disableAwsNetworkPerformanceMetricSubscription(
                r -> r.source("euw3-az1").destination("euw3-az2")),
        "InvalidParameterValue");
    assertThat(ec2.describeAwsNetworkPerformanceMetricSubscriptions(r -> {}).subscriptions())
        .hasSize(1);
  }

  @Test
  void dataHasAPointEveryFiveMinutesAndLatenciesByDistance() {
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant start = end.minus(1, ChronoUnit.HOURS);
    List<DataResponse> data =
        ec2.getAwsNetworkPerformanceData(
                r ->
                    r.startTime(start)
                        .endTime(end)
                        .dataQueries(
                            q -> q.id("zone").source("euw3-az1").destination("euw3-az1"),
                            q -> q.id("region").source("euw3-az1").destination("euw3-az2"),
                            q -> q.id("far").source("eu-west-3").destination("ap-southeast-2")))
            .dataResponses();
    assertThat(data).extracting(DataResponse::id).containsExactly("zone", "region", "far");
    for (DataResponse d : data) {
      assertThat(d.metricPoints()).hasSize(12);
      assertThat(d.metricPoints().get(0).startDate()).isEqualTo(start);
      assertThat(d.periodAsString()).isEqualTo("five-minutes");
    }
    float zone = max(data.get(0));
    float region = min(data.get(1));
    assertThat(zone).isLessThan(region);
    assertThat(max(data.get(1))).isLessThan(min(data.get(2)));
    // stable: the same question gets the same answer, and B to A is A to B
    var again =
        ec2.getAwsNetworkPerformanceData(
                r ->
                    r.startTime(start)
                        .endTime(end)
                        .dataQueries(
                            q -> q.id("back").source("ap-southeast-2").destination("eu-west-3")))
            .dataResponses()
            .get(0);
    assertThat(again.metricPoints())
        .extracting(MetricPoint::value)
        .isEqualTo(data.get(2).metricPoints().stream().map(MetricPoint::value).toList());
    assertError(
        () ->
            ec2.getAwsNetworkPerformanceData(
                r ->
                    r.startTime(end)
                        .endTime(start)
                        .dataQueries(q -> q.id("x").source("eu-west-3").destination("us-east-1"))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.getAwsNetworkPerformanceData(
                r ->
                    r.dataQueries(
                        q ->
                            q.id("x")
                                .source("eu-west-3")
                                .destination("us-east-1")
                                .period("one-hour"))),
        "InvalidParameterValue");
  }

  @Test
  void managedResourceVisibilityIsAnAccountSetting() {
    assertThat(ec2.getManagedResourceVisibility(r -> {}).visibility().defaultVisibilityAsString())
        .isEqualTo("visible");
    ec2.modifyManagedResourceVisibility(r -> r.defaultVisibility("hidden"));
    try (Ec2Client elsewhere = TestServer.ec2("us-west-2", "370987654321")) {
      assertThat(
              elsewhere
                  .getManagedResourceVisibility(r -> {})
                  .visibility()
                  .defaultVisibilityAsString())
          .isEqualTo("hidden");
    }
    assertError(
        () -> ec2.modifyManagedResourceVisibility(r -> r.defaultVisibility("secret")),
        "InvalidParameterValue");
    assertError(() -> ec2.modifyManagedResourceVisibility(r -> {}), "MissingParameter");
  }

  private static float max(DataResponse d) {
    return (float) d.metricPoints().stream().mapToDouble(MetricPoint::value).max().orElseThrow();
  }

  private static float min(DataResponse d) {
    return (float) d.metricPoints().stream().mapToDouble(MetricPoint::value).min().orElseThrow();
  }
}
