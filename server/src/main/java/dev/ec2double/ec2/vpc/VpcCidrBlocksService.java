package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AssociateSubnetCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.AssociateSubnetCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.AssociateVpcCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.AssociateVpcCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateSubnetCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateSubnetCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateVpcCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateVpcCidrBlockResponse;

/**
 * AssociateVpcCidrBlock / DisassociateVpcCidrBlock (secondary IPv4 blocks under AWS's restrictions,
 * an Amazon-provided IPv6 /56) and AssociateSubnetCidrBlock / DisassociateSubnetCidrBlock (a
 * subnet's IPv6 /64 within its VPC's /56). Each block gets its {@code local} route in every route
 * table of the VPC, as on AWS. Subnets may lie in a secondary block; instances cannot launch into
 * them on the engine (InstanceNetworking says why).
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html
 */
public final class VpcCidrBlocksService {
  /** "IPv4 CIDR blocks per VPC": 5 by default, the primary included. */
  static final int MAX_IPV4_BLOCKS = 5;

  private static final Cidr TEN = Cidr.parseOrNull("10.0.0.0/8");
  private static final Cidr ONE_SEVENTY_TWO = Cidr.parseOrNull("172.16.0.0/12");
  private static final Cidr ONE_NINETY_TWO = Cidr.parseOrNull("192.168.0.0/16");
  private static final Cidr ONE_NINETY_EIGHT = Cidr.parseOrNull("198.19.0.0/16");
  private static final List<Cidr> PRIVATE = List.of(TEN, ONE_SEVENTY_TWO, ONE_NINETY_TWO);
  private static final List<Cidr> NEVER =
      List.of(
          Cidr.parseOrNull("0.0.0.0/8"),
          Cidr.parseOrNull("127.0.0.0/8"),
          Cidr.parseOrNull("169.254.0.0/16"),
          Cidr.parseOrNull("224.0.0.0/3"));

  private final VpcAddressPools pools;

  public VpcCidrBlocksService() {
    this(VpcAddressPools.NONE);
  }

  public VpcCidrBlocksService(VpcAddressPools pools) {
    this.pools = pools;
  }

  /**
   * A block from a pool (an IPAM pool, IPv4 or IPv6, or a BYOIP IPv6 pool) is allocated first and
   * given back when the VPC refuses it.
   */
  public AssociateVpcCidrBlockResponse associateVpcCidrBlock(
      RequestContext ctx, AssociateVpcCidrBlockRequest req) {
    boolean amazon = Boolean.TRUE.equals(req.amazonProvidedIpv6CidrBlock());
    boolean pooled =
        req.ipv4IpamPoolId() != null || req.ipv6IpamPoolId() != null || req.ipv6Pool() != null;
    int asked =
        (req.cidrBlock() != null && req.ipv4IpamPoolId() == null ? 1 : 0)
            + (amazon ? 1 : 0)
            + (pooled ? 1 : 0);
    if (asked != 1
        || (req.ipv6CidrBlock() != null
            && req.ipv6IpamPoolId() == null
            && req.ipv6Pool() == null)) {
      throw AwsException.invalidParameterCombination(
          "Exactly one of CidrBlock, AmazonProvidedIpv6CidrBlock, Ipv4IpamPoolId, Ipv6IpamPoolId"
              + " and Ipv6Pool must be given.");
    }
    if (!pooled) {
      return associate(ctx, req.vpcId(), req.cidrBlock(), amazon, null);
    }
    VpcState.of(ctx.state()).vpc(req.vpcId());
    String cidr =
        req.ipv4IpamPoolId() != null
            ? pools.allocate(
                ctx,
                req.ipv4IpamPoolId(),
                req.cidrBlock(),
                req.ipv4NetmaskLength(),
                false,
                req.vpcId(),
                List.of())
            : pools.ipv6(
                ctx,
                req.ipv6IpamPoolId(),
                req.ipv6Pool(),
                req.ipv6CidrBlock(),
                req.ipv6NetmaskLength(),
                req.vpcId(),
                List.of());
    try {
      boolean v6 = req.ipv4IpamPoolId() == null;
      return associate(ctx, req.vpcId(), v6 ? null : cidr, v6, v6 ? cidr : null);
    } catch (AwsException e) {
      pools.release(ctx, req.vpcId(), cidr);
      throw e;
    }
  }

  private AssociateVpcCidrBlockResponse associate(
      RequestContext ctx, String vpcId, String ipv4Cidr, boolean ipv6, String ipv6Cidr) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      VpcRecord vpc = st.vpc(vpcId);
      VpcRecord.CidrBlock block;
      if (ipv6) {
        if (vpc.ipv6() != null) {
          throw new AwsException(
              "CidrLimitExceeded",
              "This network '" + vpc.id + "' has met its maximum number of allowed IPv6 CIDRs: 1");
        }
        block =
            new VpcRecord.CidrBlock(
                Ids.next("vpc-cidr-assoc"), ipv6Cidr != null ? ipv6Cidr : freeIpv6(st), true);
      } else {
        Cidr cidr = ipv4(ipv4Cidr);
        checkIpv4(st, vpc, cidr);
        block = new VpcRecord.CidrBlock(Ids.next("vpc-cidr-assoc"), cidr.toString(), false);
      }
      vpc.extraCidrs.add(block);
      for (RouteTableRecord t : st.routeTables.values()) {
        if (t.vpcId.equals(vpc.id)) {
          t.routes.add(
              new RouteTableRecord.Route(
                  block.cidr(), "local", null, null, null, "CreateRouteTable"));
        }
      }
      var answer = AssociateVpcCidrBlockResponse.builder().vpcId(vpc.id);
      if (ipv6) {
        answer.ipv6CidrBlockAssociation(VpcViews.ipv6Block(st, block, "associating"));
      } else {
        answer.cidrBlockAssociation(
            VpcViews.ipv4Block(block.associationId(), block.cidr(), "associating"));
      }
      return answer.build();
    }
  }

  static Cidr ipv4(String text) {
    Cidr cidr = Cidr.parseOrNull(text);
    if (cidr == null) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + text
              + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
    }
    return cidr;
  }

  /**
   * AWS's rules: /16 to /28, none of the reserved ranges, no overlap with the VPC's blocks, five
   * blocks at most, and no private range other than the primary's (198.19.0.0/16 only beside a
   * private primary).
   */
  private static void checkIpv4(VpcState st, VpcRecord vpc, Cidr cidr) {
    if (cidr.prefix() < 16
        || cidr.prefix() > 28
        || NEVER.stream().anyMatch(n -> n.overlaps(cidr))) {
      throw new AwsException("InvalidVpc.Range", "The CIDR '" + cidr + "' is invalid.");
    }
    long v4 = 1 + vpc.extraCidrs.stream().filter(b -> !b.ipv6()).count();
    if (v4 >= MAX_IPV4_BLOCKS) {
      throw new AwsException(
          "CidrLimitExceeded",
          "This network '"
              + vpc.id
              + "' has met its maximum number of allowed CIDRs: "
              + MAX_IPV4_BLOCKS);
    }
    boolean overlaps = vpc.cidr.overlaps(cidr);
    for (VpcRecord.CidrBlock b : vpc.extraCidrs) {
      overlaps |= !b.ipv6() && Cidr.parseOrNull(b.cidr()).overlaps(cidr);
    }
    if (overlaps) {
      throw new AwsException(
          "InvalidVpc.Range",
          "The CIDR '" + cidr + "' conflicts with another CIDR block of " + vpc.id + ".");
    }
    Cidr primaryRange = PRIVATE.stream().filter(r -> r.contains(vpc.cidr)).findFirst().orElse(null);
    boolean restricted;
    if (ONE_NINETY_EIGHT.contains(cidr)) {
      restricted = primaryRange == null;
    } else {
      Cidr range = PRIVATE.stream().filter(r -> r.overlaps(cidr)).findFirst().orElse(null);
      restricted = range != null && !range.equals(primaryRange);
    }
    if (restricted) {
      throw new AwsException(
          "InvalidVpc.Range",
          "The CIDR '"
              + cidr
              + "' is restricted. Use a CIDR from the same private address range as the current"
              + " VPC CIDR, or use a publicly-routable CIDR.");
    }
  }

  private static String freeIpv6(VpcState st) {
    while (true) {
      String candidate = Ipv6Blocks.amazonProvided56();
      boolean taken =
          st.vpcs.values().stream()
              .anyMatch(v -> v.ipv6() != null && v.ipv6().cidr().equals(candidate));
      if (!taken) {
        return candidate;
      }
    }
  }

  public DisassociateVpcCidrBlockResponse disassociateVpcCidrBlock(
      RequestContext ctx, DisassociateVpcCidrBlockRequest req) {
    String id = req.associationId();
    if (id == null) {
      throw AwsException.missingParameter("AssociationId");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      for (VpcRecord vpc : st.vpcs.values()) {
        if (id.equals(vpc.cidrAssociationId)) {
          throw new AwsException(
              "OperationNotPermitted",
              "The vpc CIDR block with association ID "
                  + id
                  + " may not be disassociated. It is the primary IPv4 CIDR block of the VPC");
        }
        for (VpcRecord.CidrBlock b : vpc.extraCidrs) {
          if (b.associationId().equals(id)) {
            var answer = disassociate(st, vpc, b);
            pools.release(ctx, vpc.id, b.cidr());
            return answer;
          }
        }
      }
    }
    throw new AwsException(
        "InvalidVpcCidrBlockAssociationID.NotFound",
        "The vpc CIDR block association ID '" + id + "' does not exist");
  }

  private static DisassociateVpcCidrBlockResponse disassociate(
      VpcState st, VpcRecord vpc, VpcRecord.CidrBlock b) {
    boolean used =
        st.subnets.values().stream()
            .filter(s -> s.vpcId.equals(vpc.id))
            .anyMatch(
                s -> b.ipv6() ? s.ipv6Cidr != null : Cidr.parseOrNull(b.cidr()).overlaps(s.cidr));
    if (used) {
      throw new AwsException(
          "DependencyViolation",
          "The vpc CIDR block "
              + b.cidr()
              + " of "
              + vpc.id
              + " has subnets in it and cannot be disassociated.");
    }
    vpc.extraCidrs.remove(b);
    for (RouteTableRecord t : st.routeTables.values()) {
      if (t.vpcId.equals(vpc.id)) {
        t.routes.removeIf(r -> r.destination().equals(b.cidr()) && "local".equals(r.gatewayId()));
      }
    }
    var answer = DisassociateVpcCidrBlockResponse.builder().vpcId(vpc.id);
    if (b.ipv6()) {
      answer.ipv6CidrBlockAssociation(VpcViews.ipv6Block(st, b, "disassociating"));
    } else {
      answer.cidrBlockAssociation(
          VpcViews.ipv4Block(b.associationId(), b.cidr(), "disassociating"));
    }
    return answer.build();
  }

  /**
   * A subnet's IPv6 /64 inside its VPC's block: the one given, or (with Ipv6IpamPoolId) one
   * allocated from an IPAM pool, given back when the subnet refuses it, at
   * DisassociateSubnetCidrBlock and at DeleteSubnet.
   */
  public AssociateSubnetCidrBlockResponse associateSubnetCidrBlock(
      RequestContext ctx, AssociateSubnetCidrBlockRequest req) {
    if (req.ipv6IpamPoolId() == null) {
      if (req.ipv6CidrBlock() == null) {
        throw AwsException.missingParameter("Ipv6CidrBlock");
      }
      return associateSubnet(ctx, req.subnetId(), req.ipv6CidrBlock());
    }
    if (req.ipv6CidrBlock() != null && req.ipv6NetmaskLength() != null) {
      throw AwsException.invalidParameterCombination(
          "Specify either Ipv6CidrBlock or Ipv6NetmaskLength, not both.");
    }
    VpcState.of(ctx.state()).subnet(req.subnetId());
    String cidr =
        pools.subnetIpv6(
            ctx,
            req.ipv6IpamPoolId(),
            req.ipv6CidrBlock(),
            req.ipv6NetmaskLength(),
            req.subnetId());
    try {
      return associateSubnet(ctx, req.subnetId(), cidr);
    } catch (AwsException e) {
      pools.releaseSubnet(ctx, req.subnetId(), cidr);
      throw e;
    }
  }

  private AssociateSubnetCidrBlockResponse associateSubnet(
      RequestContext ctx, String subnetId, String ipv6Cidr) {
    Ipv6Blocks.Block asked = Ipv6Blocks.parseOrNull(ipv6Cidr);
    if (asked == null) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + ipv6Cidr
              + ") for parameter ipv6CidrBlock is invalid. This is not a valid IPv6 CIDR block.");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      SubnetRecord s = st.subnet(subnetId);
      VpcRecord vpc = st.vpc(s.vpcId);
      VpcRecord.CidrBlock v6 = vpc.ipv6();
      if (asked.prefix() != 64
          || v6 == null
          || !Ipv6Blocks.parseOrNull(v6.cidr()).contains(asked)) {
        throw new AwsException(
            "InvalidSubnet.Range", "The IPv6 CIDR '" + ipv6Cidr + "' is invalid.");
      }
      if (s.ipv6Cidr != null) {
        throw AwsException.invalidParameterValue(
            "The subnet " + s.id + " already has the IPv6 CIDR block " + s.ipv6Cidr + ".");
      }
      for (SubnetRecord other : st.subnets.values()) {
        if (other.vpcId.equals(vpc.id)
            && other.ipv6Cidr != null
            && Ipv6Blocks.parseOrNull(other.ipv6Cidr).overlaps(asked)) {
          throw new AwsException(
              "InvalidSubnet.Conflict",
              "The CIDR '" + ipv6Cidr + "' conflicts with another subnet");
        }
      }
      s.ipv6Cidr = ipv6Cidr;
      s.ipv6AssociationId = Ids.next("subnet-cidr-assoc");
      return AssociateSubnetCidrBlockResponse.builder()
          .subnetId(s.id)
          .ipv6CidrBlockAssociation(VpcViews.subnetIpv6Block(s, "associating"))
          .build();
    }
  }

  public DisassociateSubnetCidrBlockResponse disassociateSubnetCidrBlock(
      RequestContext ctx, DisassociateSubnetCidrBlockRequest req) {
    String id = req.associationId();
    if (id == null) {
      throw AwsException.missingParameter("AssociationId");
    }
    VpcState st = VpcState.of(ctx.state());
    DisassociateSubnetCidrBlockResponse answer = null;
    String cidr = null;
    synchronized (st) {
      for (SubnetRecord s : st.subnets.values()) {
        if (id.equals(s.ipv6AssociationId)) {
          answer =
              DisassociateSubnetCidrBlockResponse.builder()
                  .subnetId(s.id)
                  .ipv6CidrBlockAssociation(VpcViews.subnetIpv6Block(s, "disassociating"))
                  .build();
          cidr = s.ipv6Cidr;
          s.ipv6Cidr = null;
          s.ipv6AssociationId = null;
          s.assignIpv6AddressOnCreation = false;
          break;
        }
      }
    }
    if (answer != null) {
      // a block from an IPAM pool goes back to it (nothing to do for one from none)
      pools.releaseSubnet(ctx, answer.subnetId(), cidr);
      return answer;
    }
    throw new AwsException(
        "InvalidSubnetCidrBlockAssociationID.NotFound",
        "The subnet CIDR block association ID '" + id + "' does not exist");
  }
}
