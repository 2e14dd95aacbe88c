package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateInterruptibleCapacityReservationAllocationRequest;
import software.amazon.awssdk.services.ec2.model.CreateInterruptibleCapacityReservationAllocationResponse;
import software.amazon.awssdk.services.ec2.model.InterruptibleCapacityAllocation;
import software.amazon.awssdk.services.ec2.model.UpdateInterruptibleCapacityReservationAllocationRequest;
import software.amazon.awssdk.services.ec2.model.UpdateInterruptibleCapacityReservationAllocationResponse;

/**
 * Interruptible capacity: part of a reservation's unused capacity lent out as an interruptible
 * Capacity Reservation (its own {@code cr-} id, {@code Interruptible=true}, the source named in its
 * {@code InterruptionInfo}). The lent instances no longer count as available in the source; setting
 * the target back to 0 reclaims them and cancels the interruptible reservation unless the zero-size
 * preference is {@code retain}.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateInterruptibleCapacityReservationAllocation.html
 */
public final class Allocations {
  private static final Set<String> ZERO_SIZE = Set.of("retain", "default");

  public CreateInterruptibleCapacityReservationAllocationResponse
      createInterruptibleCapacityReservationAllocation(
          RequestContext ctx, CreateInterruptibleCapacityReservationAllocationRequest req) {
    String id = Inputs.required(req.capacityReservationId(), "CapacityReservationId");
    int count = Inputs.atLeast(req.instanceCount(), 1, "InstanceCount");
    String zero =
        Inputs.oneOf(req.zeroSizePreferenceAsString(), "default", ZERO_SIZE, "ZeroSizePreference");
    var tags = CapacityReservations.KIND.tags(req.tagSpecifications());
    Instant now = Instant.now();
    ReservationStore store = ReservationStore.of(ctx.state());
    synchronized (store) {
      ReservationStore.Reservation source = CapacityReservations.KIND.get(ctx.state(), id);
      lendable(source, now);
      if (source.allocation != null && !source.allocation.status.equals("canceled")) {
        throw new AwsException(
            "IncorrectState",
            "The Capacity Reservation " + id + " already has an interruptible allocation.");
      }
      roomFor(ctx, source, count, now);
      ReservationStore.Reservation lent =
          CapacityReservations.KIND.create(
              ctx,
              tags,
              newId -> {
                ReservationStore.Reservation r = source.sibling(newId, count, now);
                r.interruptibleSource = source.id;
                r.matchCriteria = "targeted";
                return r;
              });
      source.allocation = new ReservationStore.Allocation(lent.id, count, zero);
    }
    return CreateInterruptibleCapacityReservationAllocationResponse.builder()
        .sourceCapacityReservationId(id)
        .targetInstanceCount(count)
        .status("active")
        .interruptionType("adhoc")
        .build();
  }

  public UpdateInterruptibleCapacityReservationAllocationResponse
      updateInterruptibleCapacityReservationAllocation(
          RequestContext ctx, UpdateInterruptibleCapacityReservationAllocationRequest req) {
    String id = Inputs.required(req.capacityReservationId(), "CapacityReservationId");
    int target = Inputs.atLeast(req.targetInstanceCount(), 0, "TargetInstanceCount");
    Instant now = Instant.now();
    ReservationStore store = ReservationStore.of(ctx.state());
    ReservationStore.Allocation a;
    synchronized (store) {
      ReservationStore.Reservation source = CapacityReservations.KIND.get(ctx.state(), id);
      a = source.allocation;
      if (a == null || a.status.equals("canceled")) {
        throw new AwsException(
            "InvalidParameterValue",
            "The Capacity Reservation " + id + " has no interruptible allocation to update.");
      }
      lendable(source, now);
      if (req.zeroSizePreference() != null) {
        a.zeroSizePreference =
            Inputs.oneOf(req.zeroSizePreferenceAsString(), null, ZERO_SIZE, "ZeroSizePreference");
      }
      ReservationStore.Reservation lent = store.byId.get(a.interruptibleId);
      int inUse = CapacityReservations.users(ctx.state(), lent.id).size();
      if (target < inUse) {
        // AWS reclaims the capacity by interrupting the instances; here they keep running and the
        // target waits for them, so the allocation shrinks no further than what they use.
        target = Math.max(target, inUse);
      }
      int more = target - a.count;
      if (more > 0) {
        roomFor(ctx, source, more, now);
      }
      a.count = target;
      a.target = target;
      lent.totalCount = target;
      if (target == 0 && !"retain".equals(a.zeroSizePreference)) {
        a.status = "canceled";
        lent.state = "cancelled";
      }
    }
    return UpdateInterruptibleCapacityReservationAllocationResponse.builder()
        .interruptibleCapacityReservationId(a.interruptibleId)
        .sourceCapacityReservationId(id)
        .instanceCount(a.count)
        .targetInstanceCount(a.target)
        .status(a.status)
        .interruptionType("adhoc")
        .build();
  }

  static InterruptibleCapacityAllocation view(ReservationStore.Allocation a) {
    return InterruptibleCapacityAllocation.builder()
        .instanceCount(a.count)
        .targetInstanceCount(a.target)
        .status(a.status)
        .interruptibleCapacityReservationId(a.interruptibleId)
        .interruptionType("adhoc")
        .zeroSizePreference(a.zeroSizePreference)
        .build();
  }

  private static void lendable(ReservationStore.Reservation r, Instant now) {
    Inputs.activeOrRefuse(r, now);
    if (r.interruptibleSource != null) {
      throw new AwsException(
          "InvalidParameterValue",
          "The Capacity Reservation " + r.id + " is interruptible and cannot lend capacity.");
    }
  }

  private static void roomFor(
      RequestContext ctx, ReservationStore.Reservation r, int count, Instant now) {
    int available = CapacityReservations.available(ctx.state(), r, now);
    if (count > available) {
      throw new AwsException(
          "InvalidParameterValue",
          "The Capacity Reservation "
              + r.id
              + " has "
              + available
              + " unused instances; "
              + count
              + " cannot be made interruptible.");
    }
  }
}
