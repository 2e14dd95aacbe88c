package dev.ec2double.it.netperf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ec2double.it.AwsCli;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI (botocore reads EC2's list item names, which the SDK ignores) drives network
 * performance subscriptions and data. (The CLI of Debian 12, 2.9, predates application status
 * checks, declarative policies reports and managed resource visibility: the SDK tests cover them.)
 */
class NetworkPerformanceCliIT {
  private static final String REGION = "eu-south-1";
  private static final String[] PAIR = {
    "--source",
    "eu-south-1",
    "--destination",
    "eu-west-1",
    "--metric",
    "aggregate-latency",
    "--statistic",
    "p50"
  };

  private static JsonNode subscription(String verb) throws Exception {
    String[] args = new String[PAIR.length + 2];
    args[0] = "ec2";
    args[1] = verb + "-aws-network-performance-metric-subscription";
    System.arraycopy(PAIR, 0, args, 2, PAIR.length);
    return AwsCli.json(REGION, args);
  }

  @Test
  void theCliDrivesSubscriptionsAndData() throws Exception {
    AwsCli.requireInstalled("NetworkPerformanceCliIT");
    assertThat(subscription("enable").get("Output").asBoolean()).isTrue();
    JsonNode subs =
        AwsCli.json(REGION, "ec2", "describe-aws-network-performance-metric-subscriptions");
    assertThat(subs.get("Subscriptions").get(0).get("Period").asText()).isEqualTo("five-minutes");
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    JsonNode data =
        AwsCli.json(
            REGION,
            "ec2",
            "get-aws-network-performance-data",
            "--start-time",
            end.minus(30, ChronoUnit.MINUTES).toString(),
            "--end-time",
            end.toString(),
            "--data-queries",
            "Id=q1,Source=eu-south-1,Destination=eu-west-1,Metric=aggregate-latency,Statistic=p50,Period=five-minutes");
    JsonNode d = data.get("DataResponses").get(0);
    assertThat(d.get("Id").asText()).isEqualTo("q1");
    assertThat(d.get("MetricPoints")).hasSize(6);
    assertThat(d.get("MetricPoints").get(0).get("Value").asDouble()).isBetween(10.0, 200.0);
    assertThat(subscription("disable").get("Output").asBoolean()).isTrue();
  }
}
