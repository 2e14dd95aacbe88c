package dev.ec2double.it.capacity;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ReservedInstances;
import software.amazon.awssdk.services.ec2.model.ReservedInstancesOffering;

/**
 * Purchases: Reserved Instances (offerings, purchase, queue, listings, modifications, exchanges),
 * Scheduled Instances, host reservations, the Spot data feed and Spot placement scores.
 */
class PurchasesIT {
  private static final String REGION = "ca-central-1";
  private static int accounts = 10;
  private Ec2Client ec2;

  private Ec2Client client() {
    ec2 = TestServer.ec2(REGION, "2400000000" + (accounts++));
    return ec2;
  }

  @AfterEach
  void cleanUp() {
    ec2.close();
  }

  private ReservedInstancesOffering offering(String type, String cls, String payment) {
    return ec2.describeReservedInstancesOfferings(
            o ->
                o.instanceType(type)
                    .offeringClass(cls)
                    .offeringType(payment)
                    .instanceTenancy("default")
                    .filters(filter("duration", "31536000")))
        .reservedInstancesOfferings()
        .get(0);
  }

  private ReservedInstances ri(String id) {
    return ec2.describeReservedInstances(r -> r.reservedInstancesIds(id))
        .reservedInstances()
        .get(0);
  }

  @Test
  void aPurchasedOfferingIsActiveForItsTermAndCanBeListedAndModified() {
    client();
    ReservedInstancesOffering o = offering("m5.xlarge", "standard", "All Upfront");
    assertThat(o.scopeAsString()).isEqualTo("Region");
    assertThat(o.fixedPrice()).isPositive();
    assertThat(o.recurringCharges()).isEmpty();
    assertThat(
            ec2.describeReservedInstancesOfferings(
                    r -> r.reservedInstancesOfferingIds(o.reservedInstancesOfferingId()))
                .reservedInstancesOfferings())
        .hasSize(1);
    assertError(
        () -> ec2.describeReservedInstancesOfferings(r -> r.instanceType("m5.huge")),
        "InvalidParameterValue");
    String id =
        ec2.purchaseReservedInstancesOffering(
                p ->
                    p.reservedInstancesOfferingId(o.reservedInstancesOfferingId()).instanceCount(2))
            .reservedInstancesId();
    ReservedInstances bought = ri(id);
    assertThat(bought.stateAsString()).isEqualTo("active");
    assertThat(bought.instanceCount()).isEqualTo(2);
    assertThat(bought.end()).isEqualTo(bought.start().plusSeconds(31_536_000));
    assertThat(
            ec2.describeReservedInstances(r -> r.filters(filter("instance-type", "m5.xlarge")))
                .reservedInstances())
        .hasSize(1);
    assertError(
        () ->
            ec2.describeReservedInstances(
                r -> r.reservedInstancesIds("00000000-0000-0000-0000-000000000000")),
        "InvalidReservedInstancesId.NotFound");

    var listing =
        ec2.createReservedInstancesListing(
                l ->
                    l.reservedInstancesId(id)
                        .instanceCount(1)
                        .clientToken("list-" + id)
                        .priceSchedules(
                            p -> p.term(11L).price(500.0), p -> p.term(5L).price(250.0)))
            .reservedInstancesListings()
            .get(0);
    assertThat(listing.statusAsString()).isEqualTo("active");
    assertThat(listing.instanceCounts())
        .anyMatch(c -> c.stateAsString().equals("available") && c.instanceCount() == 1);
    assertThat(listing.priceSchedules())
        .filteredOn(p -> p.active())
        .extracting(p -> p.term())
        .containsExactly(11L);
    assertThat(
            ec2.describeReservedInstancesListings(r -> r.reservedInstancesId(id))
                .reservedInstancesListings())
        .hasSize(1);
    ec2.cancelReservedInstancesListing(
        c -> c.reservedInstancesListingId(listing.reservedInstancesListingId()));
    assertThat(
            ec2.describeReservedInstancesListings(r -> r.filters(filter("status", "cancelled")))
                .reservedInstancesListings())
        .hasSize(1);

    // 2 x m5.xlarge (8 units each) = 4 x m5.large (4 units each)
    assertError(
        () ->
            ec2.modifyReservedInstances(
                m ->
                    m.reservedInstancesIds(id)
                        .targetConfigurations(t -> t.instanceType("m5.large").instanceCount(3))),
        "InvalidParameterValue");
    String mod =
        ec2.modifyReservedInstances(
                m ->
                    m.reservedInstancesIds(id)
                        .targetConfigurations(
                            t -> t.instanceType("m5.large").instanceCount(4).scope("Region")))
            .reservedInstancesModificationId();
    var modification =
        ec2.describeReservedInstancesModifications(d -> d.reservedInstancesModificationIds(mod))
            .reservedInstancesModifications()
            .get(0);
    assertThat(modification.status()).isEqualTo("fulfilled");
    String newId = modification.modificationResults().get(0).reservedInstancesId();
    assertThat(ri(newId).instanceTypeAsString()).isEqualTo("m5.large");
    assertThat(ri(newId).end()).isEqualTo(bought.end());
    assertThat(ri(id).stateAsString()).isEqualTo("retired");
  }

  @Test
  void convertibleReservedInstancesExchangeForAtLeastTheirValueAndQueuedOnesCanBeDeleted() {
    client();
    ReservedInstancesOffering from = offering("c5.large", "convertible", "No Upfront");
    ReservedInstancesOffering to = offering("c5.2xlarge", "convertible", "No Upfront");
    String id =
        ec2.purchaseReservedInstancesOffering(
                p ->
                    p.reservedInstancesOfferingId(from.reservedInstancesOfferingId())
                        .instanceCount(1))
            .reservedInstancesId();
    var quote =
        ec2.getReservedInstancesExchangeQuote(
            q ->
                q.reservedInstanceIds(id)
                    .targetConfigurations(
                        t -> t.offeringId(to.reservedInstancesOfferingId()).instanceCount(1)));
    assertThat(quote.isValidExchange()).isTrue();
    assertThat(Double.parseDouble(quote.paymentDue())).isPositive();
    String exchange =
        ec2.acceptReservedInstancesExchangeQuote(
                q ->
                    q.reservedInstanceIds(id)
                        .targetConfigurations(
                            t -> t.offeringId(to.reservedInstancesOfferingId()).instanceCount(1)))
            .exchangeId();
    assertThat(exchange).startsWith("riex-");
    assertThat(ri(id).stateAsString()).isEqualTo("retired");
    assertThat(
            ec2.describeReservedInstances(
                    r ->
                        r.filters(filter("instance-type", "c5.2xlarge"), filter("state", "active")))
                .reservedInstances())
        .hasSize(1);

    ReservedInstancesOffering standard = offering("c5.large", "standard", "No Upfront");
    String std =
        ec2.purchaseReservedInstancesOffering(
                p ->
                    p.reservedInstancesOfferingId(standard.reservedInstancesOfferingId())
                        .instanceCount(1))
            .reservedInstancesId();
    assertThat(
            ec2.getReservedInstancesExchangeQuote(
                    q ->
                        q.reservedInstanceIds(std)
                            .targetConfigurations(
                                t -> t.offeringId(to.reservedInstancesOfferingId())))
                .isValidExchange())
        .isFalse();

    String queued =
        ec2.purchaseReservedInstancesOffering(
                p ->
                    p.reservedInstancesOfferingId(standard.reservedInstancesOfferingId())
                        .instanceCount(1)
                        .purchaseTime(Instant.now().plus(2, ChronoUnit.DAYS)))
            .reservedInstancesId();
    assertThat(ri(queued).stateAsString()).isEqualTo("queued");
    var deleted = ec2.deleteQueuedReservedInstances(d -> d.reservedInstancesIds(queued, std));
    assertThat(deleted.successfulQueuedPurchaseDeletions())
        .extracting(s -> s.reservedInstancesId())
        .containsExactly(queued);
    assertThat(deleted.failedQueuedPurchaseDeletions().get(0).error().codeAsString())
        .isEqualTo("reserved-instances-not-in-queued-state");
    assertThat(ri(queued).stateAsString()).isEqualTo("queued-deleted");
  }

  @Test
  void aScheduledInstanceRunsRealInstancesDuringItsSlot() {
    client();
    Instant now = Instant.now();
    var available =
        ec2.describeScheduledInstanceAvailability(
                a ->
                    a.firstSlotStartTimeRange(
                            r -> r.earliestTime(now).latestTime(now.plus(1, ChronoUnit.DAYS)))
                        .recurrence(r -> r.frequency("Daily").interval(1))
                        .filters(filter("instance-type", "c5.large")))
            .scheduledInstanceAvailabilitySet();
    assertThat(available).isNotEmpty();
    var slot = available.get(0);
    assertThat(slot.totalScheduledInstanceHours()).isGreaterThanOrEqualTo(1200);
    assertThat(slot.slotDurationInHours()).isGreaterThanOrEqualTo(4);
    var bought =
        ec2.purchaseScheduledInstances(
                p ->
                    p.purchaseRequests(r -> r.purchaseToken(slot.purchaseToken()).instanceCount(2)))
            .scheduledInstanceSet()
            .get(0);
    assertThat(bought.scheduledInstanceId()).startsWith("sci-");
    assertThat(
            ec2.describeScheduledInstances(
                    d -> d.filters(filter("availability-zone", slot.availabilityZone())))
                .scheduledInstanceSet())
        .hasSize(1);
    String image = ec2.describeImages(i -> i.owners("amazon")).images().get(0).imageId();
    List<String> ids =
        ec2.runScheduledInstances(
                r ->
                    r.scheduledInstanceId(bought.scheduledInstanceId())
                        .instanceCount(2)
                        .launchSpecification(l -> l.imageId(image)))
            .instanceIdSet();
    assertThat(ids).hasSize(2);
    var instance =
        ec2.describeInstances(d -> d.instanceIds(ids.get(0)))
            .reservations()
            .get(0)
            .instances()
            .get(0);
    assertThat(instance.instanceTypeAsString()).isEqualTo("c5.large");
    assertThat(instance.placement().availabilityZone()).isEqualTo(slot.availabilityZone());
    assertError(
        () ->
            ec2.runScheduledInstances(
                r ->
                    r.scheduledInstanceId(bought.scheduledInstanceId())
                        .instanceCount(3)
                        .launchSpecification(l -> l.imageId(image))),
        "InvalidParameterValue");
    ec2.terminateInstances(t -> t.instanceIds(ids));
  }

  @Test
  void aHostReservationCoversHostsOfItsFamily() {
    client();
    String host =
        ec2.allocateHosts(h -> h.availabilityZone(REGION + "a").instanceFamily("m5").quantity(1))
            .hostIds()
            .get(0);
    var offering =
        ec2.describeHostReservationOfferings(o -> o.filter(filter("instance-family", "m5")))
            .offeringSet()
            .get(0);
    var c5 =
        ec2.describeHostReservationOfferings(o -> o.filter(filter("instance-family", "c5")))
            .offeringSet()
            .get(0);
    assertError(
        () ->
            ec2.getHostReservationPurchasePreview(
                p -> p.hostIdSet(host).offeringId(c5.offeringId())),
        "InvalidParameterValue");
    var preview =
        ec2.getHostReservationPurchasePreview(
            p -> p.hostIdSet(host).offeringId(offering.offeringId()));
    assertThat(preview.totalHourlyPrice()).isEqualTo(offering.hourlyPrice());
    var bought =
        ec2.purchaseHostReservation(p -> p.hostIdSet(host).offeringId(offering.offeringId()));
    String reservation = bought.purchase().get(0).hostReservationId();
    assertThat(reservation).startsWith("hr-");
    var described =
        ec2.describeHostReservations(d -> d.hostReservationIdSet(reservation))
            .hostReservationSet()
            .get(0);
    assertThat(described.stateAsString()).isEqualTo("active");
    assertThat(described.hostIdSet()).containsExactly(host);
    assertThat(ec2.describeHosts(d -> d.hostIds(host)).hosts().get(0).hostReservationId())
        .isEqualTo(reservation);
    assertError(
        () -> ec2.purchaseHostReservation(p -> p.hostIdSet(host).offeringId(offering.offeringId())),
        "InvalidParameterValue");
    ec2.releaseHosts(r -> r.hostIds(host));
  }

  @Test
  void theSpotDataFeedIsOneSubscriptionAndPlacementScoresFallWithSize() {
    client();
    assertError(
        () -> ec2.describeSpotDatafeedSubscription(r -> {}), "InvalidSpotDatafeed.NotFound");
    var feed =
        ec2.createSpotDatafeedSubscription(c -> c.bucket("spot-feed").prefix("logs"))
            .spotDatafeedSubscription();
    assertThat(feed.stateAsString()).isEqualTo("Active");
    assertThat(ec2.describeSpotDatafeedSubscription(r -> {}).spotDatafeedSubscription().prefix())
        .isEqualTo("logs");
    ec2.deleteSpotDatafeedSubscription(r -> {});
    assertError(() -> ec2.deleteSpotDatafeedSubscription(r -> {}), "InvalidSpotDatafeed.NotFound");

    var small =
        ec2.getSpotPlacementScores(
                s -> s.instanceTypes("m5.large").targetCapacity(5).regionNames(REGION))
            .spotPlacementScores();
    assertThat(small).hasSize(1);
    assertThat(small.get(0).score()).isEqualTo(10);
    var zones =
        ec2.getSpotPlacementScores(
                s ->
                    s.instanceTypes("m5.large")
                        .targetCapacity(5000)
                        .regionNames(REGION)
                        .singleAvailabilityZone(true))
            .spotPlacementScores();
    assertThat(zones).allMatch(z -> z.availabilityZoneId() != null && z.score() == 7);
    assertError(
        () -> ec2.getSpotPlacementScores(s -> s.targetCapacity(1)), "InvalidParameterCombination");
  }
}
