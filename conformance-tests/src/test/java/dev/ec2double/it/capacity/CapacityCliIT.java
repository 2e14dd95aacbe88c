package dev.ec2double.it.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI (botocore reads EC2's list item names, which the SDK ignores) drives a Capacity
 * Reservation Fleet, a Reserved Instances purchase, a host reservation offering, the Spot data feed
 * and Spot placement scores. (The CLI of Debian 12, 2.9, predates Capacity Blocks, billing
 * ownership and Capacity Manager; the SDK tests cover those.)
 */
class CapacityCliIT {
  private static final String REGION = "sa-east-1";
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode aws(String... args) throws Exception {
    AwsCli.Run run = AwsCli.run(REGION, args);
    assertThat(run.exit()).as(String.join(" ", args) + ": " + run.stderr()).isZero();
    return run.stdout().isBlank() ? json.createObjectNode() : json.readTree(run.stdout());
  }

  @Test
  void theCliDrivesFleetsAndPurchases() throws Exception {
    AwsCli.requireInstalled("CapacityCliIT");
    JsonNode fleet =
        aws(
            "ec2",
            "create-capacity-reservation-fleet",
            "--total-target-capacity",
            "4",
            "--instance-type-specifications",
            "InstanceType=c5.large,InstancePlatform=Linux/UNIX,AvailabilityZone=sa-east-1a,Weight=2,Priority=1");
    String fleetId = fleet.get("CapacityReservationFleetId").asText();
    assertThat(fleet.get("FleetCapacityReservations").get(0).get("TotalInstanceCount").asInt())
        .isEqualTo(2);
    JsonNode described =
        aws(
            "ec2",
            "describe-capacity-reservation-fleets",
            "--capacity-reservation-fleet-ids",
            fleetId);
    assertThat(described.get("CapacityReservationFleets").get(0).get("InstanceTypeSpecifications"))
        .hasSize(1);
    JsonNode cancelled =
        aws(
            "ec2",
            "cancel-capacity-reservation-fleets",
            "--capacity-reservation-fleet-ids",
            fleetId);
    assertThat(
            cancelled.get("SuccessfulFleetCancellations").get(0).get("CurrentFleetState").asText())
        .isEqualTo("cancelled");

    JsonNode offerings =
        aws(
            "ec2",
            "describe-reserved-instances-offerings",
            "--instance-type",
            "t3.micro",
            "--offering-class",
            "standard",
            "--offering-type",
            "No Upfront",
            "--max-results",
            "5",
            "--no-paginate");
    JsonNode o = offerings.get("ReservedInstancesOfferings").get(0);
    assertThat(o.get("RecurringCharges").get(0).get("Frequency").asText()).isEqualTo("Hourly");
    String riId =
        aws(
                "ec2",
                "purchase-reserved-instances-offering",
                "--reserved-instances-offering-id",
                o.get("ReservedInstancesOfferingId").asText(),
                "--instance-count",
                "1")
            .get("ReservedInstancesId")
            .asText();
    JsonNode ri = aws("ec2", "describe-reserved-instances", "--reserved-instances-ids", riId);
    assertThat(ri.get("ReservedInstances").get(0).get("State").asText()).isEqualTo("active");

    JsonNode hostOfferings =
        aws("ec2", "describe-host-reservation-offerings", "--max-results", "5", "--no-paginate");
    assertThat(hostOfferings.get("OfferingSet")).hasSize(5);

    aws("ec2", "create-spot-datafeed-subscription", "--bucket", "cli-feed");
    assertThat(
            aws("ec2", "describe-spot-datafeed-subscription")
                .get("SpotDatafeedSubscription")
                .get("Bucket")
                .asText())
        .isEqualTo("cli-feed");
    aws("ec2", "delete-spot-datafeed-subscription");
    JsonNode scores =
        aws(
            "ec2",
            "get-spot-placement-scores",
            "--instance-types",
            "m5.large",
            "--target-capacity",
            "10",
            "--region-names",
            REGION,
            "--single-availability-zone");
    assertThat(scores.get("SpotPlacementScores").get(0).get("AvailabilityZoneId").asText())
        .startsWith("sae1-az");
  }
}
