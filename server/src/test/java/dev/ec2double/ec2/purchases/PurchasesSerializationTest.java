package dev.ec2double.ec2.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.capacity.CapacityBlocksService;
import dev.ec2double.ec2.capacity.CapacityReservationFleetsService;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationFleetRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlockOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityBlocksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeReservedInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeScheduledInstanceAvailabilityRequest;
import software.amazon.awssdk.services.ec2.model.DescribeScheduledInstancesRequest;
import software.amazon.awssdk.services.ec2.model.PurchaseCapacityBlockRequest;
import software.amazon.awssdk.services.ec2.model.PurchaseReservedInstancesOfferingRequest;
import software.amazon.awssdk.services.ec2.model.PurchaseScheduledInstancesRequest;

/**
 * What the capacity family and the purchases keep is saved with --state-dir: a region's state
 * holding a fleet, a Capacity Block, Reserved Instances and a Scheduled Instance survives Java
 * serialization, and the restored state answers as before.
 */
class PurchasesSerializationTest {
  private static RequestContext ctx(RegionState state, String action) {
    return new RequestContext("123456789012", "us-east-1", "AKID", action, "r-1", state);
  }

  @Test
  void fleetsBlocksAndPurchasesAreSavedAndRestored() throws Exception {
    RegionState state = new RegionState("123456789012", "us-east-1");
    Resources resources = new Resources();
    var fleets = new CapacityReservationFleetsService(resources, InstanceTypeCatalog::exists);
    var blocks = new CapacityBlocksService(resources);
    var ris = new ReservedInstancesService();
    var scheduled = new ScheduledInstancesService((c, r) -> null);

    fleets.createCapacityReservationFleet(
        ctx(state, "CreateCapacityReservationFleet"),
        CreateCapacityReservationFleetRequest.builder()
            .totalTargetCapacity(3)
            .instanceTypeSpecifications(
                s ->
                    s.instanceType("m5.large")
                        .instancePlatform("Linux/UNIX")
                        .availabilityZone("us-east-1a"))
            .build());
    String offer =
        blocks
            .describeCapacityBlockOfferings(
                ctx(state, "DescribeCapacityBlockOfferings"),
                DescribeCapacityBlockOfferingsRequest.builder()
                    .instanceType("p5.48xlarge")
                    .instanceCount(1)
                    .capacityDurationHours(24)
                    .build())
            .capacityBlockOfferings()
            .get(0)
            .capacityBlockOfferingId();
    blocks.purchaseCapacityBlock(
        ctx(state, "PurchaseCapacityBlock"),
        PurchaseCapacityBlockRequest.builder()
            .capacityBlockOfferingId(offer)
            .instancePlatform("Linux/UNIX")
            .build());
    String riOffer =
        ris.describeReservedInstancesOfferings(
                ctx(state, "DescribeReservedInstancesOfferings"),
                DescribeReservedInstancesOfferingsRequest.builder()
                    .instanceType("t3.micro")
                    .build())
            .reservedInstancesOfferings()
            .get(0)
            .reservedInstancesOfferingId();
    ris.purchaseReservedInstancesOffering(
        ctx(state, "PurchaseReservedInstancesOffering"),
        PurchaseReservedInstancesOfferingRequest.builder()
            .reservedInstancesOfferingId(riOffer)
            .instanceCount(1)
            .build());
    String token =
        scheduled
            .describeScheduledInstanceAvailability(
                ctx(state, "DescribeScheduledInstanceAvailability"),
                DescribeScheduledInstanceAvailabilityRequest.builder()
                    .firstSlotStartTimeRange(
                        r ->
                            r.earliestTime(Instant.now())
                                .latestTime(Instant.now().plusSeconds(3600)))
                    .recurrence(r -> r.frequency("Weekly").occurrenceDays(2, 4))
                    .build())
            .scheduledInstanceAvailabilitySet()
            .get(0)
            .purchaseToken();
    scheduled.purchaseScheduledInstances(
        ctx(state, "PurchaseScheduledInstances"),
        PurchaseScheduledInstancesRequest.builder()
            .purchaseRequests(p -> p.purchaseToken(token).instanceCount(1))
            .build());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(state);
    }
    RegionState restored;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      restored = (RegionState) in.readObject();
    }

    var fleet =
        fleets
            .describeCapacityReservationFleets(
                ctx(restored, "DescribeCapacityReservationFleets"),
                DescribeCapacityReservationFleetsRequest.builder().build())
            .capacityReservationFleets()
            .get(0);
    assertThat(fleet.instanceTypeSpecifications().get(0).totalInstanceCount()).isEqualTo(3);
    assertThat(
            blocks
                .describeCapacityBlocks(
                    ctx(restored, "DescribeCapacityBlocks"),
                    DescribeCapacityBlocksRequest.builder().build())
                .capacityBlocks())
        .hasSize(1);
    assertThat(
            ris.describeReservedInstances(
                    ctx(restored, "DescribeReservedInstances"),
                    DescribeReservedInstancesRequest.builder().build())
                .reservedInstances()
                .get(0)
                .stateAsString())
        .isEqualTo("active");
    var sci =
        scheduled
            .describeScheduledInstances(
                ctx(restored, "DescribeScheduledInstances"),
                DescribeScheduledInstancesRequest.builder().build())
            .scheduledInstanceSet()
            .get(0);
    assertThat(sci.recurrence().occurrenceDaySet()).containsExactly(2, 4);
    assertThat(sci.slotDurationInHours()).isGreaterThanOrEqualTo(24);
  }
}
