package dev.ec2double.it.capacity;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityBlockOffering;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Capacity Blocks (offerings, purchase, status, extensions) and Capacity Manager. */
class CapacityBlocksIT {
  private static final String REGION = "ap-south-1";
  private static int accounts = 10;
  private Ec2Client ec2;

  private Ec2Client client() {
    ec2 = TestServer.ec2(REGION, "2300000000" + (accounts++));
    return ec2;
  }

  @AfterEach
  void cleanUp() {
    ec2.close();
  }

  @Test
  void aBoughtCapacityBlockHoldsAScheduledReservationAndCanBeExtended() {
    client();
    var offerings =
        ec2.describeCapacityBlockOfferings(
                o -> o.instanceType("p5.48xlarge").instanceCount(2).capacityDurationHours(48))
            .capacityBlockOfferings();
    assertThat(offerings).isNotEmpty();
    CapacityBlockOffering o = offerings.get(0);
    assertThat(o.capacityBlockDurationHours()).isEqualTo(48);
    assertThat(o.startDate().atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(11);
    assertThat(o.endDate()).isEqualTo(o.startDate().plus(48, ChronoUnit.HOURS));
    assertThat(Double.parseDouble(o.upfrontFee())).isPositive();
    assertError(
        () ->
            ec2.describeCapacityBlockOfferings(
                r -> r.instanceType("p5.48xlarge").instanceCount(3).capacityDurationHours(24)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.describeCapacityBlockOfferings(
                r -> r.instanceType("p5.48xlarge").instanceCount(1).capacityDurationHours(30)),
        "InvalidParameterValue");

    var bought =
        ec2.purchaseCapacityBlock(
            p ->
                p.capacityBlockOfferingId(o.capacityBlockOfferingId())
                    .instancePlatform("Linux/UNIX")
                    .tagSpecifications(
                        t ->
                            t.resourceType(ResourceType.CAPACITY_BLOCK)
                                .tags(g -> g.key("Job").value("train"))));
    CapacityReservation r = bought.capacityReservation();
    assertThat(r.reservationTypeAsString()).isEqualTo("capacity-block");
    assertThat(r.stateAsString()).isEqualTo("scheduled");
    assertThat(r.instanceMatchCriteriaAsString()).isEqualTo("targeted");
    assertThat(r.totalInstanceCount()).isEqualTo(2);
    String blockId = bought.capacityBlocks().get(0).capacityBlockId();
    assertThat(blockId).startsWith("cb-");
    assertThat(r.capacityBlockId()).isEqualTo(blockId);
    assertError(
        () ->
            ec2.purchaseCapacityBlock(
                p ->
                    p.capacityBlockOfferingId(o.capacityBlockOfferingId())
                        .instancePlatform("Linux/UNIX")),
        "InvalidCapacityBlockOfferingId.NotFound");

    var blocks =
        ec2.describeCapacityBlocks(d -> d.filters(filter("tag:Job", "train"))).capacityBlocks();
    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).stateAsString()).isEqualTo("scheduled");
    assertThat(blocks.get(0).capacityReservationIds()).containsExactly(r.capacityReservationId());
    var status =
        ec2.describeCapacityBlockStatus(d -> d.capacityBlockIds(blockId)).capacityBlockStatuses();
    assertThat(status.get(0).totalCapacity()).isEqualTo(2);
    assertThat(status.get(0).interconnectStatusAsString()).isEqualTo("ok");

    var ext =
        ec2.describeCapacityBlockExtensionOfferings(
                e ->
                    e.capacityReservationId(r.capacityReservationId())
                        .capacityBlockExtensionDurationHours(24))
            .capacityBlockExtensionOfferings()
            .get(0);
    assertThat(ext.capacityBlockExtensionStartDate()).isEqualTo(o.endDate());
    ec2.purchaseCapacityBlockExtension(
        e ->
            e.capacityReservationId(r.capacityReservationId())
                .capacityBlockExtensionOfferingId(ext.capacityBlockExtensionOfferingId()));
    CapacityReservation extended =
        ec2.describeCapacityReservations(d -> d.capacityReservationIds(r.capacityReservationId()))
            .capacityReservations()
            .get(0);
    assertThat(extended.endDate()).isEqualTo(o.endDate().plus(24, ChronoUnit.HOURS));
    var history =
        ec2.describeCapacityBlockExtensionHistory(
                h -> h.filters(filter("capacity-block-extension-status", "payment-succeeded")))
            .capacityBlockExtensions();
    assertThat(history).hasSize(1);
    assertThat(history.get(0).capacityBlockExtensionDurationHours()).isEqualTo(24);
  }

  @Test
  void capacityManagerReportsTheReservationsOnceEnabled() {
    client();
    assertError(
        () -> ec2.getCapacityManagerMonitoredTagKeys(r -> r.maxResults(10)),
        "CapacityManagerNotEnabled");
    assertThat(ec2.getCapacityManagerAttributes(r -> {}).capacityManagerStatusAsString())
        .isEqualTo("disabled");
    ec2.enableCapacityManager(r -> r.organizationsAccess(false));
    var attrs = ec2.getCapacityManagerAttributes(r -> {});
    assertThat(attrs.capacityManagerStatusAsString()).isEqualTo("enabled");
    assertThat(attrs.ingestionStatusAsString()).isEqualTo("ingestion-complete");
    assertThat(
            ec2.updateCapacityManagerOrganizationsAccess(r -> r.organizationsAccess(true))
                .organizationsAccess())
        .isTrue();

    String export =
        ec2.createCapacityManagerDataExport(
                e -> e.s3BucketName("my-exports").schedule("hourly").outputFormat("csv"))
            .capacityManagerDataExportId();
    assertThat(
            ec2.describeCapacityManagerDataExports(d -> d.capacityManagerDataExportIds(export))
                .capacityManagerDataExports()
                .get(0)
                .outputFormatAsString())
        .isEqualTo("csv");
    assertError(
        () ->
            ec2.createCapacityManagerDataExport(
                e -> e.s3BucketName("b").schedule("daily").outputFormat("csv")),
        "InvalidParameterValue");
    ec2.deleteCapacityManagerDataExport(d -> d.capacityManagerDataExportId(export));
    assertThat(ec2.getCapacityManagerAttributes(r -> {}).dataExportCount()).isZero();

    ec2.updateCapacityManagerMonitoredTagKeys(u -> u.activateTagKeys("Team", "Env"));
    assertThat(ec2.getCapacityManagerMonitoredTagKeys(r -> {}).capacityManagerTagKeys())
        .extracting(k -> k.tagKey())
        .containsExactly("Team", "Env");

    ec2.createCapacityReservation(
        r ->
            r.instanceType("m5.large")
                .instancePlatform("Linux/UNIX")
                .availabilityZone(REGION + "a")
                .instanceCount(3));
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    var data =
        ec2.getCapacityManagerMetricData(
                m ->
                    m.metricNamesWithStrings("reservation-total-count", "reservation-max-size-inst")
                        .startTime(end.minus(2, ChronoUnit.HOURS))
                        .endTime(end)
                        .period(3600)
                        .groupByWithStrings("instance-type"))
            .metricDataResults();
    var last = data.get(data.size() - 1);
    assertThat(last.dimension().instanceType()).isEqualTo("m5.large");
    assertThat(last.metricValues().get(0).value()).isEqualTo(1.0);
    assertThat(last.metricValues().get(1).value()).isEqualTo(3.0);
    assertThat(
            ec2.getCapacityManagerMetricDimensions(
                    m ->
                        m.metricNamesWithStrings("reservation-total-count")
                            .groupByWithStrings("availability-zone-id")
                            .startTime(end.minus(1, ChronoUnit.HOURS))
                            .endTime(end))
                .metricDimensionResults())
        .hasSize(1);
    assertThat(
            ec2.getCapacityManagerSupportabilityScores(
                    s -> s.instanceTypes("m5.large").capacityAmount(2))
                .aggregateScoreAsString())
        .isEqualTo("high");
    ec2.disableCapacityManager(r -> {});
    assertThat(ec2.getCapacityManagerAttributes(r -> {}).capacityManagerStatusAsString())
        .isEqualTo("disabled");
  }
}
