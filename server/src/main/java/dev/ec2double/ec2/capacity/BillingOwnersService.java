package dev.ec2double.ec2.capacity;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.StateStore;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AcceptCapacityReservationBillingOwnershipRequest;
import software.amazon.awssdk.services.ec2.model.AcceptCapacityReservationBillingOwnershipResponse;
import software.amazon.awssdk.services.ec2.model.AssociateCapacityReservationBillingOwnerRequest;
import software.amazon.awssdk.services.ec2.model.AssociateCapacityReservationBillingOwnerResponse;
import software.amazon.awssdk.services.ec2.model.CapacityReservationBillingRequest;
import software.amazon.awssdk.services.ec2.model.CapacityReservationInfo;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationBillingRequestsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationBillingRequestsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateCapacityReservationBillingOwnerRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateCapacityReservationBillingOwnerResponse;
import software.amazon.awssdk.services.ec2.model.RejectCapacityReservationBillingOwnershipRequest;
import software.amazon.awssdk.services.ec2.model.RejectCapacityReservationBillingOwnershipResponse;

/**
 * Billing a reservation's unused capacity to another account: the owner asks
 * (AssociateCapacityReservationBillingOwner, a {@code pending} request), the other account accepts
 * or rejects it (its own access key, so its own account), the owner withdraws a pending request
 * ({@code cancelled}) or revokes an accepted one ({@code revoked}). Each account's
 * DescribeCapacityReservationBillingRequests sees the requests of its role. An accepted owner shows
 * as the reservation's {@code UnusedReservationBillingOwnerId}.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/assign-billing.html
 */
public final class BillingOwnersService {

  /** The filters, made at first use rather than at server start. */
  private static final class Filters {
    static final FilterSpec<CapacityReservationBillingRequest> FILTERS =
        FilterSpec.<CapacityReservationBillingRequest>of()
            .field("status", CapacityReservationBillingRequest::statusAsString)
            .field("requested-by", CapacityReservationBillingRequest::requestedBy)
            .field(
                "unused-reservation-billing-owner",
                CapacityReservationBillingRequest::unusedReservationBillingOwnerId);
  }

  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Set<String> ROLES = Set.of("odcr-owner", "unused-reservation-billing-owner");

  private final StateStore store;

  public BillingOwnersService(StateStore store) {
    this.store = store;
  }

  public AssociateCapacityReservationBillingOwnerResponse associateCapacityReservationBillingOwner(
      RequestContext ctx, AssociateCapacityReservationBillingOwnerRequest req) {
    String id = Inputs.required(req.capacityReservationId(), "CapacityReservationId");
    String owner =
        Inputs.required(req.unusedReservationBillingOwnerId(), "UnusedReservationBillingOwnerId");
    if (!ACCOUNT.matcher(owner).matches()) {
      throw AwsException.invalidParameterValue(
          "The UnusedReservationBillingOwnerId '" + owner + "' is not a 12-digit account ID.");
    }
    if (owner.equals(ctx.account())) {
      throw AwsException.invalidParameterValue(
          "The Capacity Reservation's owner cannot be assigned as its billing owner.");
    }
    Instant now = Instant.now();
    ReservationStore reservations = ReservationStore.of(ctx.state());
    synchronized (reservations) {
      ReservationStore.Reservation r =
          CapacityReservations.KIND.get(ctx.state(), req.capacityReservationId());
      if (!r.stateAt(now).equals("active")) {
        throw new AwsException(
            "IncorrectState", "The Capacity Reservation " + id + " is not active.");
      }
      if (r.billing != null && Set.of("pending", "accepted").contains(r.billing.status)) {
        throw new AwsException(
            "IncorrectState",
            "The Capacity Reservation "
                + id
                + " already has a "
                + r.billing.status
                + " billing request for "
                + r.billing.ownerId
                + ".");
      }
      r.billing = new ReservationStore.BillingRequest(owner, ctx.account(), now);
    }
    ctx.state().changed();
    return AssociateCapacityReservationBillingOwnerResponse.builder().returnValue(true).build();
  }

  public DisassociateCapacityReservationBillingOwnerResponse
      disassociateCapacityReservationBillingOwner(
          RequestContext ctx, DisassociateCapacityReservationBillingOwnerRequest req) {
    String id = Inputs.required(req.capacityReservationId(), "CapacityReservationId");
    String owner =
        Inputs.required(req.unusedReservationBillingOwnerId(), "UnusedReservationBillingOwnerId");
    ReservationStore reservations = ReservationStore.of(ctx.state());
    synchronized (reservations) {
      ReservationStore.Reservation r = CapacityReservations.KIND.get(ctx.state(), id);
      ReservationStore.BillingRequest b = r.billing;
      if (b == null
          || !b.ownerId.equals(owner)
          || !Set.of("pending", "accepted").contains(b.status)) {
        throw notFound(id);
      }
      b.status = b.status.equals("pending") ? "cancelled" : "revoked";
      b.updated = Instant.now();
    }
    ctx.state().changed();
    return DisassociateCapacityReservationBillingOwnerResponse.builder().returnValue(true).build();
  }

  public AcceptCapacityReservationBillingOwnershipResponse
      acceptCapacityReservationBillingOwnership(
          RequestContext ctx, AcceptCapacityReservationBillingOwnershipRequest req) {
    answer(ctx, req.capacityReservationId(), "accepted");
    return AcceptCapacityReservationBillingOwnershipResponse.builder().returnValue(true).build();
  }

  public RejectCapacityReservationBillingOwnershipResponse
      rejectCapacityReservationBillingOwnership(
          RequestContext ctx, RejectCapacityReservationBillingOwnershipRequest req) {
    answer(ctx, req.capacityReservationId(), "rejected");
    return RejectCapacityReservationBillingOwnershipResponse.builder().returnValue(true).build();
  }

  public DescribeCapacityReservationBillingRequestsResponse
      describeCapacityReservationBillingRequests(
          RequestContext ctx, DescribeCapacityReservationBillingRequestsRequest req) {
    String role = Inputs.oneOf(Inputs.required(req.roleAsString(), "Role"), null, ROLES, "Role");
    Predicate<CapacityReservationBillingRequest> filter = Filters.FILTERS.compile(req.filters());
    Set<String> ids = new HashSet<>(req.capacityReservationIds());
    List<CapacityReservationBillingRequest> out = new ArrayList<>();
    for (RegionState state : role.equals("odcr-owner") ? List.of(ctx.state()) : regionStates(ctx)) {
      ReservationStore reservations = state.existingPart(ReservationStore.class);
      if (reservations == null) {
        continue;
      }
      synchronized (reservations) {
        for (ReservationStore.Reservation r : reservations.byId.values()) {
          ReservationStore.BillingRequest b = r.billing;
          boolean mine =
              b != null
                  && (role.equals("odcr-owner") || b.ownerId.equals(ctx.account()))
                  && (ids.isEmpty() || ids.contains(r.id));
          if (mine) {
            CapacityReservationBillingRequest v = view(r, b);
            if (filter.test(v)) {
              out.add(v);
            }
          }
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeCapacityReservationBillingRequestsResponse.builder()
        .capacityReservationBillingRequests(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The billing owner's answer to a pending request, which lives in the owner account's state. */
  private void answer(RequestContext ctx, String id, String status) {
    Inputs.required(id, "CapacityReservationId");
    for (RegionState state : regionStates(ctx)) {
      ReservationStore reservations = state.existingPart(ReservationStore.class);
      if (reservations == null) {
        continue;
      }
      synchronized (reservations) {
        ReservationStore.Reservation r = reservations.byId.get(id);
        if (r != null
            && r.billing != null
            && r.billing.ownerId.equals(ctx.account())
            && r.billing.status.equals("pending")) {
          r.billing.status = status;
          r.billing.updated = Instant.now();
          state.changed();
          return;
        }
      }
    }
    throw notFound(id);
  }

  private List<RegionState> regionStates(RequestContext ctx) {
    return store.all().stream().filter(s -> s.region().equals(ctx.region())).toList();
  }

  private static AwsException notFound(String id) {
    return new AwsException(
        "InvalidCapacityReservationBillingRequest.NotFound",
        "No pending or accepted billing request for the Capacity Reservation '" + id + "' exists.");
  }

  private static CapacityReservationBillingRequest view(
      ReservationStore.Reservation r, ReservationStore.BillingRequest b) {
    return CapacityReservationBillingRequest.builder()
        .capacityReservationId(r.id)
        .requestedBy(b.requestedBy)
        .unusedReservationBillingOwnerId(b.ownerId)
        .lastUpdateTime(b.updated)
        .status(b.status)
        .statusMessage(b.status.equals("pending") ? "Awaiting the billing owner's answer." : null)
        .capacityReservationInfo(
            CapacityReservationInfo.builder()
                .instanceType(r.instanceType)
                .availabilityZone(r.zone)
                .availabilityZoneId(r.zoneId)
                .tenancy(r.tenancy)
                .build())
        .build();
  }
}
