package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.AcceptAddressTransferRequest;
import software.amazon.awssdk.services.ec2.model.AcceptAddressTransferResponse;
import software.amazon.awssdk.services.ec2.model.AddressTransfer;
import software.amazon.awssdk.services.ec2.model.DescribeAddressTransfersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAddressTransfersResponse;
import software.amazon.awssdk.services.ec2.model.DisableAddressTransferRequest;
import software.amazon.awssdk.services.ec2.model.DisableAddressTransferResponse;
import software.amazon.awssdk.services.ec2.model.EnableAddressTransferRequest;
import software.amazon.awssdk.services.ec2.model.EnableAddressTransferResponse;

/**
 * Elastic IP transfers between accounts of this server, in one region
 * (https://docs.aws.amazon.com/vpc/latest/userguide/WorkWithEIPs.html#transfer-EIPs-intro): the
 * source enables a transfer of an unassociated address to an account, which accepts it by its
 * public address within seven days; the address (same allocation id, tags from the accept) then
 * belongs to the accepting account. Both sides see the transfer in DescribeAddressTransfers.
 */
public final class AddressTransfers {
  /** A transfer, kept in the source account's state. */
  record Transfer(
      String allocationId,
      String publicIp,
      String toAccount,
      Instant expires,
      Instant acceptedAt,
      String status)
      implements java.io.Serializable {
    Transfer with(String newStatus, Instant accepted) {
      return new Transfer(allocationId, publicIp, toAccount, expires, accepted, newStatus);
    }

    /** The status now: a pending offer past its expiry is disabled. */
    String statusNow() {
      return status.equals("pending") && Instant.now().isAfter(expires) ? "disabled" : status;
    }
  }

  private static final Duration OFFER = Duration.ofDays(7);

  private final Supplier<Collection<RegionState>> allStates;

  public AddressTransfers(Supplier<Collection<RegionState>> allStates) {
    this.allStates = allStates;
  }

  private static AddressTransfer view(Transfer t) {
    return AddressTransfer.builder()
        .allocationId(t.allocationId())
        .publicIp(t.publicIp())
        .transferAccountId(t.toAccount())
        .transferOfferExpirationTimestamp(t.expires())
        .transferOfferAcceptedTimestamp(t.acceptedAt())
        .addressTransferStatus(t.statusNow())
        .build();
  }

  public EnableAddressTransferResponse enableAddressTransfer(
      RequestContext ctx, EnableAddressTransferRequest req) {
    if (req.allocationId() == null) {
      throw AwsException.missingParameter("AllocationId");
    }
    String to = req.transferAccountId();
    if (to == null) {
      throw AwsException.missingParameter("TransferAccountId");
    }
    if (!to.matches("[0-9]{12}") || to.equals(ctx.account())) {
      throw AwsException.invalidParameterValue(
          "Value (" + to + ") for parameter transferAccountId is invalid.");
    }
    VpcState st = VpcState.of(ctx.state());
    Transfer t;
    synchronized (st) {
      ElasticIpRecord a = st.address(req.allocationId());
      if (a.associationId != null) {
        throw new AwsException(
            "InvalidAddress.Locked",
            "The address " + a.publicIp + " is associated: disassociate it before a transfer.");
      }
      t = new Transfer(a.allocationId, a.publicIp, to, Instant.now().plus(OFFER), null, "pending");
      st.addressTransfers.put(a.allocationId, t);
    }
    return EnableAddressTransferResponse.builder().addressTransfer(view(t)).build();
  }

  public DisableAddressTransferResponse disableAddressTransfer(
      RequestContext ctx, DisableAddressTransferRequest req) {
    if (req.allocationId() == null) {
      throw AwsException.missingParameter("AllocationId");
    }
    VpcState st = VpcState.of(ctx.state());
    Transfer t;
    synchronized (st) {
      st.address(req.allocationId());
      Transfer pending = st.addressTransfers.get(req.allocationId());
      if (pending == null || !pending.statusNow().equals("pending")) {
        throw new AwsException(
            "InvalidTransfer.NotFound",
            "The allocation ID '" + req.allocationId() + "' has no pending transfer.");
      }
      t = pending.with("disabled", null);
      st.addressTransfers.remove(req.allocationId());
    }
    return DisableAddressTransferResponse.builder().addressTransfer(view(t)).build();
  }

  public AcceptAddressTransferResponse acceptAddressTransfer(
      RequestContext ctx, AcceptAddressTransferRequest req) {
    if (req.address() == null) {
      throw AwsException.missingParameter("Address");
    }
    List<software.amazon.awssdk.services.ec2.model.Tag> tags =
        VpcTags.of(req.tagSpecifications(), "elastic-ip");
    for (RegionState source : allStates.get()) {
      if (!source.region().equals(ctx.region()) || source.account().equals(ctx.account())) {
        continue;
      }
      VpcState from = source.existingPart(VpcState.class);
      if (from == null) {
        continue;
      }
      ElasticIpRecord moved;
      Transfer accepted;
      synchronized (from) {
        Transfer t =
            from.addressTransfers.values().stream()
                .filter(
                    x ->
                        x.publicIp().equals(req.address())
                            && x.toAccount().equals(ctx.account())
                            && x.statusNow().equals("pending"))
                .findFirst()
                .orElse(null);
        if (t == null) {
          continue;
        }
        moved = from.addresses.remove(t.allocationId());
        accepted = t.with("accepted", Instant.now());
        from.addressTransfers.put(t.allocationId(), accepted);
      }
      source.tags().drop(moved.allocationId);
      source.changed();
      VpcState to = VpcState.of(ctx.state());
      synchronized (to) {
        to.addresses.put(moved.allocationId, moved);
        moved.ptrRecord = null;
      }
      VpcTags.apply(ctx, moved.allocationId, tags);
      return AcceptAddressTransferResponse.builder().addressTransfer(view(accepted)).build();
    }
    throw new AwsException(
        "InvalidTransfer.NotFound",
        "No pending transfer of the address " + req.address() + " to this account.");
  }

  public DescribeAddressTransfersResponse describeAddressTransfers(
      RequestContext ctx, DescribeAddressTransfersRequest req) {
    List<AddressTransfer> out = new ArrayList<>();
    for (RegionState s : allStates.get()) {
      if (!s.region().equals(ctx.region())) {
        continue;
      }
      VpcState st = s.existingPart(VpcState.class);
      if (st == null) {
        continue;
      }
      boolean mine = s.account().equals(ctx.account());
      synchronized (st) {
        for (Transfer t : st.addressTransfers.values()) {
          if ((mine || t.toAccount().equals(ctx.account()))
              && (req.allocationIds().isEmpty()
                  || req.allocationIds().contains(t.allocationId()))) {
            out.add(view(t));
          }
        }
      }
    }
    var page = Pages.page("DescribeAddressTransfers", out, req.maxResults(), req.nextToken());
    return DescribeAddressTransfersResponse.builder()
        .addressTransfers(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
