package dev.ec2double.ec2.capacity;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.CapacityReservationTopology;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationBySplittingRequest;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationBySplittingResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationTopologyRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationTopologyResponse;
import software.amazon.awssdk.services.ec2.model.GetGroupsForCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.GetGroupsForCapacityReservationResponse;
import software.amazon.awssdk.services.ec2.model.MoveCapacityReservationInstancesRequest;
import software.amazon.awssdk.services.ec2.model.MoveCapacityReservationInstancesResponse;

/**
 * Reshaping reservations: CreateCapacityReservationBySplitting (available capacity into a new
 * reservation of the same kind), MoveCapacityReservationInstances (available capacity into a
 * matching one; a source left with nothing is cancelled), DescribeCapacityReservationTopology (the
 * network nodes of each reservation: made up, stable per zone and placement group) and
 * GetGroupsForCapacityReservation (ec2-double has no resource groups, so none).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-reservations-split.html
 */
public final class ReservationSplitsService {

  /** The filters, made at first use rather than at server start. */
  private static final class Filters {
    static final FilterSpec<CapacityReservationTopology> TOPOLOGY_FILTERS =
        FilterSpec.<CapacityReservationTopology>of()
            .field("availability-zone", CapacityReservationTopology::availabilityZone)
            .field("instance-type", CapacityReservationTopology::instanceType);
  }

  /** At most this many ids in one DescribeCapacityReservationTopology request. */
  static final int MAX_TOPOLOGY_IDS = 100;

  public CreateCapacityReservationBySplittingResponse createCapacityReservationBySplitting(
      RequestContext ctx, CreateCapacityReservationBySplittingRequest req) {
    String id = Inputs.required(req.sourceCapacityReservationId(), "SourceCapacityReservationId");
    int count = Inputs.atLeast(req.instanceCount(), 1, "InstanceCount");
    var tags = CapacityReservations.KIND.tags(req.tagSpecifications());
    Instant now = Instant.now();
    ReservationStore store = ReservationStore.of(ctx.state());
    ReservationStore.Reservation source;
    ReservationStore.Reservation made;
    synchronized (store) {
      source = CapacityReservations.KIND.get(ctx.state(), id);
      reshapeable(source, now);
      if (count >= source.totalCount) {
        throw AwsException.invalidParameterValue(
            "InstanceCount "
                + count
                + " is invalid: it must be less than the "
                + source.totalCount
                + " instances of the Capacity Reservation "
                + id
                + ".");
      }
      available(ctx, source, count, now);
      made =
          CapacityReservations.KIND.create(ctx, tags, newId -> source.sibling(newId, count, now));
      source.totalCount -= count;
    }
    ctx.state().changed();
    return CreateCapacityReservationBySplittingResponse.builder()
        .sourceCapacityReservation(CapacityReservations.KIND.view(ctx, source))
        .destinationCapacityReservation(CapacityReservations.KIND.view(ctx, made))
        .instanceCount(count)
        .build();
  }

  public MoveCapacityReservationInstancesResponse moveCapacityReservationInstances(
      RequestContext ctx, MoveCapacityReservationInstancesRequest req) {
    String from = Inputs.required(req.sourceCapacityReservationId(), "SourceCapacityReservationId");
    String to =
        Inputs.required(req.destinationCapacityReservationId(), "DestinationCapacityReservationId");
    int count = Inputs.atLeast(req.instanceCount(), 1, "InstanceCount");
    if (from.equals(to)) {
      throw AwsException.invalidParameterValue(
          "The source and destination Capacity Reservations must differ.");
    }
    Instant now = Instant.now();
    ReservationStore store = ReservationStore.of(ctx.state());
    ReservationStore.Reservation source;
    ReservationStore.Reservation dest;
    synchronized (store) {
      source = CapacityReservations.KIND.get(ctx.state(), from);
      dest = CapacityReservations.KIND.get(ctx.state(), to);
      reshapeable(source, now);
      reshapeable(dest, now);
      if (!source.instanceType.equals(dest.instanceType)
          || !source.platform.equals(dest.platform)
          || !source.zone.equals(dest.zone)
          || !source.tenancy.equals(dest.tenancy)) {
        throw AwsException.invalidParameterCombination(
            "Capacity can move only between Capacity Reservations of the same instance type,"
                + " platform, Availability Zone and tenancy.");
      }
      available(ctx, source, count, now);
      source.totalCount -= count;
      dest.totalCount += count;
      if (source.totalCount == 0) {
        source.state = "cancelled";
      }
    }
    ctx.state().changed();
    return MoveCapacityReservationInstancesResponse.builder()
        .sourceCapacityReservation(CapacityReservations.KIND.view(ctx, source))
        .destinationCapacityReservation(CapacityReservations.KIND.view(ctx, dest))
        .instanceCount(count)
        .build();
  }

  public DescribeCapacityReservationTopologyResponse describeCapacityReservationTopology(
      RequestContext ctx, DescribeCapacityReservationTopologyRequest req) {
    if (req.capacityReservationIds().size() > MAX_TOPOLOGY_IDS) {
      throw AwsException.invalidParameterValue(
          "At most " + MAX_TOPOLOGY_IDS + " Capacity Reservation IDs can be given.");
    }
    if (!req.capacityReservationIds().isEmpty() && !req.filters().isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "CapacityReservationIds and Filters cannot both be specified.");
    }
    var filter = Filters.TOPOLOGY_FILTERS.compile(req.filters());
    var page =
        CapacityReservations.KIND.describe(
            ctx, req.capacityReservationIds(), List.of(), null, null);
    List<CapacityReservationTopology> out = new ArrayList<>();
    for (CapacityReservation r : page.items()) {
      CapacityReservationTopology t = topology(r);
      if (filter.test(t)) {
        out.add(t);
      }
    }
    var result = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeCapacityReservationTopologyResponse.builder()
        .capacityReservations(result.items())
        .nextToken(result.nextToken())
        .build();
  }

  public GetGroupsForCapacityReservationResponse getGroupsForCapacityReservation(
      RequestContext ctx, GetGroupsForCapacityReservationRequest req) {
    String id = Inputs.required(req.capacityReservationId(), "CapacityReservationId");
    CapacityReservations.KIND.get(ctx.state(), id);
    var page =
        Pages.page(
            ctx.action(),
            List.<software.amazon.awssdk.services.ec2.model.CapacityReservationGroup>of(),
            req.maxResults(),
            req.nextToken());
    return GetGroupsForCapacityReservationResponse.builder()
        .capacityReservationGroups(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * Three levels of network nodes, as AWS shows them: the zone's spine, a layer per placement group
   * (or per instance type), and the reservation's own rack.
   */
  private static CapacityReservationTopology topology(CapacityReservation r) {
    String group =
        r.placementGroupArn() == null
            ? null
            : r.placementGroupArn().substring(r.placementGroupArn().lastIndexOf('/') + 1);
    return CapacityReservationTopology.builder()
        .capacityReservationId(r.capacityReservationId())
        .capacityBlockId(r.capacityBlockId())
        .state(r.stateAsString())
        .instanceType(r.instanceType())
        .groupName(group)
        .availabilityZone(r.availabilityZone())
        .availabilityZoneId(r.availabilityZoneId())
        .networkNodes(
            node(r.availabilityZoneId()),
            node(r.availabilityZoneId() + "/" + (group != null ? group : r.instanceType())),
            node(r.capacityReservationId()))
        .build();
  }

  private static String node(String seed) {
    long h = seed.hashCode() & 0xffffffffL;
    long h2 = new StringBuilder(seed).reverse().toString().hashCode() & 0xffffffffL;
    return "nn-" + String.format(Locale.ROOT, "%08x%09x", h, h2 & 0xfffffffffL).substring(0, 17);
  }

  /** Fleet, Capacity Block and interruptible reservations keep their shape. */
  private static void reshapeable(ReservationStore.Reservation r, Instant now) {
    Inputs.activeOrRefuse(r, now);
    if (!r.stateAt(now).equals("active")) {
      throw new AwsException(
          "IncorrectState", "The Capacity Reservation " + r.id + " is not active.");
    }
    String why =
        r.fleetId != null
            ? "belongs to the Capacity Reservation Fleet " + r.fleetId
            : r.capacityBlockId != null
                ? "belongs to a Capacity Block"
                : r.interruptibleSource != null || r.allocation != null
                    ? "has interruptible capacity"
                    : null;
    if (why != null) {
      throw AwsException.invalidParameterValue(
          "The Capacity Reservation " + r.id + " " + why + " and cannot be split or moved.");
    }
  }

  private static void available(
      RequestContext ctx, ReservationStore.Reservation r, int count, Instant now) {
    int available = CapacityReservations.available(ctx.state(), r, now);
    if (count > available) {
      throw AwsException.invalidParameterValue(
          "InstanceCount "
              + count
              + " is more than the "
              + available
              + " available instances of the Capacity Reservation "
              + r.id
              + ".");
    }
  }
}
