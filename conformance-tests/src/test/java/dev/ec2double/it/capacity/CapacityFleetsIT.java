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
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.CapacityReservationFleet;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationFleetResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The Capacity Reservation family beyond single reservations: fleets by weight and priority,
 * splitting and moving capacity, topology, billing ownership between two accounts, quotes and
 * interruptible allocations. Each test has an account of its own.
 */
class CapacityFleetsIT {
  private static final String REGION = "eu-west-3";
  private static final String A = REGION + "a";
  private static int accounts = 10;
  private Ec2Client ec2;

  private Ec2Client client() {
    ec2 = TestServer.ec2(REGION, "2200000000" + (accounts++));
    return ec2;
  }

  @AfterEach
  void cleanUp() {
    ec2.close();
  }

  private String reserve(int count) {
    return ec2.createCapacityReservation(
            r ->
                r.instanceType("m5.large")
                    .instancePlatform("Linux/UNIX")
                    .availabilityZone(A)
                    .instanceCount(count))
        .capacityReservation()
        .capacityReservationId();
  }

  private CapacityReservation reservation(String id) {
    return ec2.describeCapacityReservations(r -> r.capacityReservationIds(id))
        .capacityReservations()
        .get(0);
  }

  @Test
  void aFleetReservesItsTargetInTheTopPriorityTypeByWeight() {
    client();
    CreateCapacityReservationFleetResponse made =
        ec2.createCapacityReservationFleet(
            r ->
                r.totalTargetCapacity(10)
                    .instanceTypeSpecifications(
                        s ->
                            s.instanceType("m5.xlarge")
                                .instancePlatform("Linux/UNIX")
                                .availabilityZone(A)
                                .weight(4.0)
                                .priority(1),
                        s ->
                            s.instanceType("m5.large")
                                .instancePlatform("Linux/UNIX")
                                .availabilityZone(A)
                                .weight(2.0)
                                .priority(2))
                    .tagSpecifications(
                        t ->
                            t.resourceType(ResourceType.CAPACITY_RESERVATION_FLEET)
                                .tags(g -> g.key("Team").value("fleet"))));
    assertThat(made.capacityReservationFleetId()).startsWith("crf-");
    assertThat(made.stateAsString()).isEqualTo("active");
    // ceil(10 / 4) = 3 m5.xlarge: 12 units fulfilled
    assertThat(made.fleetCapacityReservations()).hasSize(1);
    var fcr = made.fleetCapacityReservations().get(0);
    assertThat(fcr.instanceTypeAsString()).isEqualTo("m5.xlarge");
    assertThat(fcr.totalInstanceCount()).isEqualTo(3);
    assertThat(fcr.weight()).isEqualTo(4.0);
    assertThat(made.totalFulfilledCapacity()).isEqualTo(12.0);
    CapacityReservation r = reservation(fcr.capacityReservationId());
    assertThat(r.capacityReservationFleetId()).isEqualTo(made.capacityReservationFleetId());
    assertThat(r.instanceMatchCriteriaAsString()).isEqualTo("open");
    assertThat(r.tags()).anyMatch(t -> t.key().equals("Team") && t.value().equals("fleet"));

    String id = made.capacityReservationFleetId();
    ec2.modifyCapacityReservationFleet(
        m -> m.capacityReservationFleetId(id).totalTargetCapacity(20));
    assertThat(reservation(fcr.capacityReservationId()).totalInstanceCount()).isEqualTo(5);
    List<CapacityReservationFleet> active =
        ec2.describeCapacityReservationFleets(d -> d.filters(filter("state", "active")))
            .capacityReservationFleets();
    assertThat(active)
        .extracting(CapacityReservationFleet::capacityReservationFleetId)
        .contains(id);
    assertThat(active.get(0).totalTargetCapacity()).isEqualTo(20);
    assertThat(
            ec2.describeCapacityReservationFleets(d -> d.filters(filter("tenancy", "dedicated")))
                .capacityReservationFleets())
        .isEmpty();

    var cancelled =
        ec2.cancelCapacityReservationFleets(
            c -> c.capacityReservationFleetIds(id, "crf-0123456789abcdef0"));
    assertThat(cancelled.successfulFleetCancellations().get(0).currentFleetStateAsString())
        .isEqualTo("cancelled");
    assertThat(
            cancelled
                .failedFleetCancellations()
                .get(0)
                .cancelCapacityReservationFleetError()
                .code())
        .isEqualTo("InvalidCapacityReservationFleetId.NotFound");
    assertThat(reservation(fcr.capacityReservationId()).stateAsString()).isEqualTo("cancelled");
    assertError(
        () ->
            ec2.modifyCapacityReservationFleet(
                m -> m.capacityReservationFleetId(id).totalTargetCapacity(1)),
        "IncorrectState");
  }

  @Test
  void aFleetRefusesBadSpecifications() {
    client();
    assertError(
        () ->
            ec2.createCapacityReservationFleet(
                r ->
                    r.totalTargetCapacity(1)
                        .instanceTypeSpecifications(
                            s ->
                                s.instanceType("m5.large")
                                    .instancePlatform("Linux/UNIX")
                                    .availabilityZone(A)
                                    .weight(1000.0))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createCapacityReservationFleet(
                r ->
                    r.totalTargetCapacity(1)
                        .instanceTypeSpecifications(
                            s ->
                                s.instanceType("m5.large")
                                    .instancePlatform("Linux/UNIX")
                                    .availabilityZone(A),
                            s ->
                                s.instanceType("c5.large")
                                    .instancePlatform("Linux/UNIX")
                                    .availabilityZone(REGION + "b"))),
        "InvalidParameterCombination");
    assertError(
        () -> ec2.createCapacityReservationFleet(r -> r.instanceTypeSpecifications(List.of())),
        "MissingParameter");
  }

  @Test
  void capacitySplitsOffAndMovesBetweenMatchingReservations() {
    client();
    String source = reserve(5);
    var split =
        ec2.createCapacityReservationBySplitting(
            s ->
                s.sourceCapacityReservationId(source)
                    .instanceCount(2)
                    .tagSpecifications(
                        t ->
                            t.resourceType(ResourceType.CAPACITY_RESERVATION)
                                .tags(g -> g.key("Split").value("yes"))));
    assertThat(split.sourceCapacityReservation().totalInstanceCount()).isEqualTo(3);
    String dest = split.destinationCapacityReservation().capacityReservationId();
    assertThat(split.destinationCapacityReservation().totalInstanceCount()).isEqualTo(2);
    assertThat(split.destinationCapacityReservation().tags())
        .anyMatch(t -> t.key().equals("Split"));
    assertError(
        () ->
            ec2.createCapacityReservationBySplitting(
                s -> s.sourceCapacityReservationId(source).instanceCount(3)),
        "InvalidParameterValue");

    var moved =
        ec2.moveCapacityReservationInstances(
            m ->
                m.sourceCapacityReservationId(dest)
                    .destinationCapacityReservationId(source)
                    .instanceCount(2));
    assertThat(moved.destinationCapacityReservation().totalInstanceCount()).isEqualTo(5);
    assertThat(reservation(dest).stateAsString()).isEqualTo("cancelled");

    String other =
        ec2.createCapacityReservation(
                r ->
                    r.instanceType("c5.large")
                        .instancePlatform("Linux/UNIX")
                        .availabilityZone(A)
                        .instanceCount(1))
            .capacityReservation()
            .capacityReservationId();
    assertError(
        () ->
            ec2.moveCapacityReservationInstances(
                m ->
                    m.sourceCapacityReservationId(source)
                        .destinationCapacityReservationId(other)
                        .instanceCount(1)),
        "InvalidParameterCombination");

    var topology =
        ec2.describeCapacityReservationTopology(t -> t.filters(filter("instance-type", "c5.large")))
            .capacityReservations();
    assertThat(topology).hasSize(1);
    assertThat(topology.get(0).capacityReservationId()).isEqualTo(other);
    assertThat(topology.get(0).networkNodes()).hasSize(3).allMatch(n -> n.startsWith("nn-"));
    assertThat(
            ec2.getGroupsForCapacityReservation(g -> g.capacityReservationId(other))
                .capacityReservationGroups())
        .isEmpty();
    assertError(
        () ->
            ec2.getGroupsForCapacityReservation(
                g -> g.capacityReservationId("cr-0123456789abcdef0")),
        "InvalidCapacityReservationId.NotFound");
  }

  @Test
  void anotherAccountAcceptsOrRejectsBillingOfUnusedCapacity() {
    client();
    // a 12-digit access key is the account it signs for
    String consumerAccount = "2200000099" + (accounts++);
    Ec2Client consumer = TestServer.ec2(REGION, consumerAccount);
    String id = reserve(2);
    assertError(
        () ->
            ec2.associateCapacityReservationBillingOwner(
                b -> b.capacityReservationId(id).unusedReservationBillingOwnerId("12")),
        "InvalidParameterValue");
    ec2.associateCapacityReservationBillingOwner(
        b -> b.capacityReservationId(id).unusedReservationBillingOwnerId(consumerAccount));
    var pending =
        consumer
            .describeCapacityReservationBillingRequests(
                d -> d.role("unused-reservation-billing-owner"))
            .capacityReservationBillingRequests();
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).statusAsString()).isEqualTo("pending");
    assertThat(pending.get(0).capacityReservationInfo().instanceType()).isEqualTo("m5.large");
    consumer.acceptCapacityReservationBillingOwnership(a -> a.capacityReservationId(id));
    assertThat(reservation(id).unusedReservationBillingOwnerId()).isEqualTo(consumerAccount);
    assertThat(
            ec2.describeCapacityReservationBillingRequests(
                    d -> d.role("odcr-owner").filters(filter("status", "accepted")))
                .capacityReservationBillingRequests())
        .hasSize(1);
    assertError(
        () -> consumer.rejectCapacityReservationBillingOwnership(a -> a.capacityReservationId(id)),
        "InvalidCapacityReservationBillingRequest.NotFound");
    ec2.disassociateCapacityReservationBillingOwner(
        b -> b.capacityReservationId(id).unusedReservationBillingOwnerId(consumerAccount));
    assertThat(reservation(id).unusedReservationBillingOwnerId()).isNull();
    assertThat(
            ec2.describeCapacityReservationBillingRequests(d -> d.role("odcr-owner"))
                .capacityReservationBillingRequests()
                .get(0)
                .statusAsString())
        .isEqualTo("revoked");
    consumer.close();
  }

  @Test
  void quotesAndInterruptibleAllocationsFollowTheReservation() {
    client();
    String id = reserve(4);
    var quote =
        ec2.createCapacityReservationCancellationQuote(q -> q.capacityReservationId(id))
            .capacityReservationCancellationQuote();
    assertThat(quote.capacityReservationCancellationQuoteId()).startsWith("crcq-");
    assertThat(quote.quoteStateAsString()).isEqualTo("active");
    assertThat(quote.currentConfiguration().instanceCount()).isEqualTo(4);
    assertThat(quote.expirationTime()).isAfter(quote.createTime());
    assertThat(
            ec2.describeCapacityReservationCancellationQuotes(
                    d -> d.filters(filter("capacity-reservation-id", id)))
                .capacityReservationCancellationQuotes())
        .hasSize(1);
    assertError(
        () ->
            ec2.createCapacityReservationDateChangeQuote(
                q ->
                    q.capacityReservationId(id)
                        .newStartDate(Instant.now().plus(1, ChronoUnit.DAYS))),
        "IncorrectState");

    var lent =
        ec2.createInterruptibleCapacityReservationAllocation(
            a -> a.capacityReservationId(id).instanceCount(3));
    assertThat(lent.statusAsString()).isEqualTo("active");
    CapacityReservation source = reservation(id);
    assertThat(source.availableInstanceCount()).isEqualTo(1);
    String interruptible =
        source.interruptibleCapacityAllocation().interruptibleCapacityReservationId();
    assertThat(reservation(interruptible).interruptible()).isTrue();
    assertThat(reservation(interruptible).interruptionInfo().sourceCapacityReservationId())
        .isEqualTo(id);
    assertError(
        () ->
            ec2.createInterruptibleCapacityReservationAllocation(
                a -> a.capacityReservationId(id).instanceCount(1)),
        "IncorrectState");
    var updated =
        ec2.updateInterruptibleCapacityReservationAllocation(
            u -> u.capacityReservationId(id).targetInstanceCount(0));
    assertThat(updated.statusAsString()).isEqualTo("canceled");
    assertThat(reservation(id).availableInstanceCount()).isEqualTo(4);
    assertThat(reservation(interruptible).stateAsString()).isEqualTo("cancelled");
  }
}
