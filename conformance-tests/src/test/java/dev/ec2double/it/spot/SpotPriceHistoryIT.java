package dev.ec2double.it.spot;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/**
 * DescribeSpotPriceHistory (plausible, deterministic prices), and the AWS CLI driving
 * request-spot-instances and describe-spot-instance-requests, on the mock backend.
 */
class SpotPriceHistoryIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("ap-south-1", "AKIDSPOTPRICES");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void theCurrentPricesArePlausibleAndTheSameOnEveryCall() {
    List<SpotPrice> now =
        ec2.describeSpotPriceHistory(
                r ->
                    r.instanceTypesWithStrings("m5.large", "t3.micro")
                        .productDescriptions("Linux/UNIX"))
            .spotPriceHistory();

    // one price in effect per type and zone (ap-south-1 has three zones)
    assertThat(now).hasSize(6);
    for (SpotPrice p : now) {
      BigDecimal price = new BigDecimal(p.spotPrice());
      if (p.instanceTypeAsString().equals("m5.large")) {
        assertThat(price).isBetween(new BigDecimal("0.02"), new BigDecimal("0.05"));
      } else {
        assertThat(price).isBetween(new BigDecimal("0.002"), new BigDecimal("0.006"));
      }
      assertThat(p.timestamp()).isBefore(Instant.now());
      assertThat(p.availabilityZone()).startsWith("ap-south-1");
    }
    assertThat(
            ec2.describeSpotPriceHistory(
                    r ->
                        r.instanceTypesWithStrings("m5.large", "t3.micro")
                            .productDescriptions("Linux/UNIX"))
                .spotPriceHistory())
        .isEqualTo(now);
  }

  @Test
  void aTimeRangeGivesEachChangeAndThePriceInEffectAtItsStart() {
    Instant end = Instant.now();
    List<SpotPrice> day =
        ec2.describeSpotPriceHistory(
                r ->
                    r.instanceTypesWithStrings("c5.xlarge")
                        .availabilityZone("ap-south-1a")
                        .productDescriptions("Linux/UNIX")
                        .startTime(end.minus(Duration.ofHours(24)))
                        .endTime(end))
            .spotPriceHistory();

    // prices change every 6 hours: four or five changes in a day, and the one in effect at its
    // start
    assertThat(day).hasSizeBetween(4, 5);
    assertThat(day.get(0).timestamp()).isAfter(day.get(1).timestamp());
    assertThat(day.get(day.size() - 1).timestamp())
        .isBeforeOrEqualTo(end.minus(Duration.ofHours(24)));
  }

  @Test
  void filtersPagesAndErrors() {
    DescribeSpotPriceHistoryResponse first =
        ec2.describeSpotPriceHistory(
            r ->
                r.filters(
                        filter("instance-type", "m5.*"), filter("availability-zone", "ap-south-1b"))
                    .maxResults(5));
    assertThat(first.spotPriceHistory())
        .hasSize(5)
        .allMatch(p -> p.instanceTypeAsString().startsWith("m5."))
        .allMatch(p -> p.availabilityZone().equals("ap-south-1b"));
    DescribeSpotPriceHistoryResponse second =
        ec2.describeSpotPriceHistory(
            r ->
                r.filters(
                        filter("instance-type", "m5.*"), filter("availability-zone", "ap-south-1b"))
                    .maxResults(5)
                    .nextToken(first.nextToken()));
    assertThat(second.spotPriceHistory())
        .hasSize(5)
        .doesNotContainAnyElementsOf(first.spotPriceHistory());

    assertThat(
            ec2.describeSpotPriceHistory(
                    r ->
                        r.instanceTypesWithStrings("m5.large")
                            .filters(filter("product-description", "Windows")))
                .spotPriceHistory())
        .hasSize(3)
        .allMatch(p -> p.productDescriptionAsString().equals("Windows"));
    assertThat(error(() -> ec2.describeSpotPriceHistory(r -> r.availabilityZone("mars-1a"))))
        .startsWith("InvalidParameterValue:");
    assertThat(
            error(
                () -> ec2.describeSpotPriceHistory(r -> r.instanceTypesWithStrings("t3.gigantic"))))
        .startsWith("InvalidParameterValue:");
    assertThat(error(() -> ec2.describeSpotPriceHistory(r -> r.maxResults(4))))
        .startsWith("InvalidParameterValue:");
    assertThat(error(() -> ec2.describeSpotPriceHistory(r -> r.filters(filter("colour", "x")))))
        .startsWith("InvalidParameterValue:");
  }

  @Test
  void theAwsCliRequestsAndDescribesASpotInstance() throws Exception {
    AwsCli.requireInstalled("SpotPriceHistoryIT");
    ObjectMapper json = new ObjectMapper();

    AwsCli.Run requested =
        AwsCli.run(
            "ap-south-1",
            "ec2",
            "request-spot-instances",
            "--spot-price",
            "0.9",
            "--instance-count",
            "1",
            "--type",
            "one-time",
            "--launch-specification",
            "{\"ImageId\":\"ami-0ec2d00000000de12\",\"InstanceType\":\"m5.large\"}");
    assertThat(requested.exit()).as(requested.stderr()).isZero();
    JsonNode request = json.readTree(requested.stdout()).get("SpotInstanceRequests").get(0);
    String id = request.get("SpotInstanceRequestId").asText();
    assertThat(request.get("State").asText()).isEqualTo("open");

    AwsCli.Run described =
        AwsCli.run(
            "ap-south-1",
            "ec2",
            "describe-spot-instance-requests",
            "--spot-instance-request-ids",
            id);
    assertThat(described.exit()).as(described.stderr()).isZero();
    JsonNode r = json.readTree(described.stdout()).get("SpotInstanceRequests").get(0);
    assertThat(r.get("State").asText()).isEqualTo("active");
    assertThat(r.get("Status").get("Code").asText()).isEqualTo("fulfilled");
    assertThat(r.get("InstanceId").asText()).startsWith("i-");
    assertThat(r.get("LaunchSpecification").get("InstanceType").asText()).isEqualTo("m5.large");

    AwsCli.Run cancelled =
        AwsCli.run(
            "ap-south-1",
            "ec2",
            "cancel-spot-instance-requests",
            "--spot-instance-request-ids",
            id);
    assertThat(
            json.readTree(cancelled.stdout())
                .get("CancelledSpotInstanceRequests")
                .get(0)
                .get("State")
                .asText())
        .isEqualTo("cancelled");
  }
}
