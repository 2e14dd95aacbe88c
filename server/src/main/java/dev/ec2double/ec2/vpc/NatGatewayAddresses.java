package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AssignPrivateNatGatewayAddressRequest;
import software.amazon.awssdk.services.ec2.model.AssignPrivateNatGatewayAddressResponse;
import software.amazon.awssdk.services.ec2.model.AssociateNatGatewayAddressRequest;
import software.amazon.awssdk.services.ec2.model.AssociateNatGatewayAddressResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateNatGatewayAddressRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateNatGatewayAddressResponse;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.UnassignPrivateNatGatewayAddressRequest;
import software.amazon.awssdk.services.ec2.model.UnassignPrivateNatGatewayAddressResponse;

/**
 * A NAT gateway's secondary addresses
 * (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html): Elastic IPs
 * with a private address each on a public gateway, private addresses on a private one. Each takes
 * an address of the gateway's subnet; the answers show them {@code associating}/{@code assigning}
 * or {@code disassociating}/{@code unassigning}, DescribeNatGateways {@code succeeded} from then
 * on; the primary address stays. At most eight addresses per gateway (AWS's adjustable maximum).
 */
public final class NatGatewayAddresses {
  static final int MAX_ADDRESSES = 8;

  static NatGatewayAddress view(NatGatewayRecord n, NatGatewayRecord.Secondary a, String status) {
    return NatGatewayAddress.builder()
        .networkInterfaceId(n.eniId)
        .privateIp(a.privateIp())
        .allocationId(a.allocationId())
        .publicIp(a.publicIp())
        .associationId(a.associationId())
        .isPrimary(false)
        .status(status)
        .build();
  }

  /** Lets every secondary address of a deleted gateway go. */
  static void releaseAll(VpcState st, NatGatewayRecord n) {
    for (NatGatewayRecord.Secondary a : List.copyOf(n.secondary)) {
      release(st, n, a);
    }
  }

  private static void release(VpcState st, NatGatewayRecord n, NatGatewayRecord.Secondary a) {
    n.secondary.remove(a);
    SubnetRecord subnet = st.subnets.get(n.subnetId);
    if (subnet != null) {
      subnet.pool.release(a.privateIp());
    }
    ElasticIpRecord eip = a.allocationId() == null ? null : st.addresses.get(a.allocationId());
    if (eip != null && a.associationId().equals(eip.associationId)) {
      eip.associationId = null;
      eip.eniId = null;
      eip.privateIp = null;
    }
  }

  /** The gateway, available and of the connectivity type the action is for. */
  private static NatGatewayRecord gateway(VpcState st, RequestContext ctx, String id, String type) {
    if (id == null) {
      throw AwsException.missingParameter("NatGatewayId");
    }
    NatGatewayRecord n = NatGateways.KIND.get(ctx.state(), id);
    if (!n.state.equals("available")) {
      throw new AwsException(
          "InvalidParameterValue",
          "The NAT gateway " + id + " is not available (" + n.state + ").");
    }
    if (!n.connectivityType.equals(type)) {
      throw AwsException.invalidParameterValue(
          "The NAT gateway "
              + id
              + " is "
              + n.connectivityType
              + ": this action is for "
              + type
              + " ones.");
    }
    return n;
  }

  private static void checkRoom(NatGatewayRecord n, int more) {
    if (1 + n.secondary.size() + more > MAX_ADDRESSES) {
      throw new AwsException(
          "AddressLimitExceeded",
          "A NAT gateway has at most "
              + MAX_ADDRESSES
              + " addresses; "
              + n.id
              + " has "
              + (1 + n.secondary.size())
              + ".");
    }
  }

  /** Private addresses of the subnet: the ones asked for, or {@code count} free ones. */
  private static List<String> claim(
      VpcState st, NatGatewayRecord n, List<String> asked, int count) {
    AddressPool pool = st.subnets.get(n.subnetId).pool;
    List<String> out = new ArrayList<>();
    try {
      if (!asked.isEmpty()) {
        for (String ip : asked) {
          out.add(pool.claim(ip));
        }
      } else {
        for (int i = 0; i < count; i++) {
          out.add(pool.allocate());
        }
      }
    } catch (RuntimeException e) {
      out.forEach(pool::release);
      throw e;
    }
    return out;
  }

  public AssociateNatGatewayAddressResponse associateNatGatewayAddress(
      RequestContext ctx, AssociateNatGatewayAddressRequest req) {
    if (req.allocationIds().isEmpty()) {
      throw AwsException.missingParameter("AllocationIds");
    }
    if (!req.privateIpAddresses().isEmpty()
        && req.privateIpAddresses().size() != req.allocationIds().size()) {
      throw AwsException.invalidParameterValue(
          "The number of private IP addresses must match the number of allocation IDs.");
    }
    VpcState st = VpcState.of(ctx.state());
    List<NatGatewayAddress> out = new ArrayList<>();
    synchronized (st) {
      NatGatewayRecord n = gateway(st, ctx, req.natGatewayId(), "public");
      checkRoom(n, req.allocationIds().size());
      List<ElasticIpRecord> eips = new ArrayList<>();
      for (String id : req.allocationIds()) {
        ElasticIpRecord eip = st.address(id);
        if (eip.associationId != null || eips.contains(eip)) {
          throw new AwsException(
              "Resource.AlreadyAssociated", "Elastic IP address " + id + " is already associated");
        }
        eips.add(eip);
      }
      List<String> ips = claim(st, n, req.privateIpAddresses(), eips.size());
      for (int i = 0; i < eips.size(); i++) {
        ElasticIpRecord eip = eips.get(i);
        var a =
            new NatGatewayRecord.Secondary(
                ips.get(i), eip.allocationId, eip.publicIp, Ids.next("eipassoc"));
        eip.associationId = a.associationId();
        eip.eniId = n.eniId;
        eip.privateIp = a.privateIp();
        n.secondary.add(a);
        out.add(view(n, a, "associating"));
      }
    }
    return AssociateNatGatewayAddressResponse.builder()
        .natGatewayId(req.natGatewayId())
        .natGatewayAddresses(out)
        .build();
  }

  public DisassociateNatGatewayAddressResponse disassociateNatGatewayAddress(
      RequestContext ctx, DisassociateNatGatewayAddressRequest req) {
    if (req.associationIds().isEmpty()) {
      throw AwsException.missingParameter("AssociationIds");
    }
    List<NatGatewayAddress> out =
        giveBack(
            ctx,
            req.natGatewayId(),
            new GiveBack(
                "public",
                req.associationIds(),
                NatGatewayRecord.Secondary::associationId,
                n -> n.associationId,
                "disassociating",
                id ->
                    new AwsException(
                        "InvalidAssociationID.NotFound",
                        "The association ID '" + id + "' does not exist")));
    return DisassociateNatGatewayAddressResponse.builder()
        .natGatewayId(req.natGatewayId())
        .natGatewayAddresses(out)
        .build();
  }

  /**
   * What Disassociate and Unassign give back: the secondary addresses named by {@code keys} (their
   * association ids or private addresses); the primary one's key is refused.
   */
  private record GiveBack(
      String type,
      List<String> keys,
      java.util.function.Function<NatGatewayRecord.Secondary, String> keyOf,
      java.util.function.Function<NatGatewayRecord, String> primaryKey,
      String status,
      java.util.function.Function<String, AwsException> notFound) {}

  private static List<NatGatewayAddress> giveBack(RequestContext ctx, String id, GiveBack g) {
    VpcState st = VpcState.of(ctx.state());
    List<NatGatewayAddress> out = new ArrayList<>();
    synchronized (st) {
      NatGatewayRecord n = gateway(st, ctx, id, g.type());
      List<NatGatewayRecord.Secondary> found = new ArrayList<>();
      for (String key : g.keys()) {
        if (key.equals(g.primaryKey().apply(n))) {
          throw AwsException.invalidParameterValue(
              "The primary address of " + n.id + " cannot be released.");
        }
        found.add(
            n.secondary.stream()
                .filter(a -> key.equals(g.keyOf().apply(a)))
                .findFirst()
                .orElseThrow(() -> g.notFound().apply(key)));
      }
      for (NatGatewayRecord.Secondary a : found) {
        release(st, n, a);
        out.add(view(n, a, g.status()));
      }
    }
    return out;
  }

  public AssignPrivateNatGatewayAddressResponse assignPrivateNatGatewayAddress(
      RequestContext ctx, AssignPrivateNatGatewayAddressRequest req) {
    boolean byList = !req.privateIpAddresses().isEmpty();
    if (byList == (req.privateIpAddressCount() != null)) {
      throw AwsException.invalidParameterCombination(
          "Specify either PrivateIpAddresses or PrivateIpAddressCount.");
    }
    int count = byList ? req.privateIpAddresses().size() : req.privateIpAddressCount();
    if (count < 1 || count > 31) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + count
              + ") for parameter privateIpAddressCount is invalid. Valid range is 1-31.");
    }
    VpcState st = VpcState.of(ctx.state());
    List<NatGatewayAddress> out = new ArrayList<>();
    synchronized (st) {
      NatGatewayRecord n = gateway(st, ctx, req.natGatewayId(), "private");
      checkRoom(n, count);
      for (String ip : claim(st, n, req.privateIpAddresses(), count)) {
        var a = new NatGatewayRecord.Secondary(ip, null, null, null);
        n.secondary.add(a);
        out.add(view(n, a, "assigning"));
      }
    }
    return AssignPrivateNatGatewayAddressResponse.builder()
        .natGatewayId(req.natGatewayId())
        .natGatewayAddresses(out)
        .build();
  }

  public UnassignPrivateNatGatewayAddressResponse unassignPrivateNatGatewayAddress(
      RequestContext ctx, UnassignPrivateNatGatewayAddressRequest req) {
    if (req.privateIpAddresses().isEmpty()) {
      throw AwsException.missingParameter("PrivateIpAddresses");
    }
    List<NatGatewayAddress> out =
        giveBack(
            ctx,
            req.natGatewayId(),
            new GiveBack(
                "private",
                req.privateIpAddresses(),
                NatGatewayRecord.Secondary::privateIp,
                n -> n.privateIp,
                "unassigning",
                ip ->
                    AwsException.invalidParameterValue(
                        "The address " + ip + " is not assigned to " + req.natGatewayId() + ".")));
    return UnassignPrivateNatGatewayAddressResponse.builder()
        .natGatewayId(req.natGatewayId())
        .natGatewayAddresses(out)
        .build();
  }
}
