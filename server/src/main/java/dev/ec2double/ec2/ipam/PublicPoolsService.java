package dev.ec2double.ec2.ipam;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateCoipCidrRequest;
import software.amazon.awssdk.services.ec2.model.CreateCoipCidrResponse;
import software.amazon.awssdk.services.ec2.model.CreateCoipPoolRequest;
import software.amazon.awssdk.services.ec2.model.CreateCoipPoolResponse;
import software.amazon.awssdk.services.ec2.model.CreatePublicIpv4PoolRequest;
import software.amazon.awssdk.services.ec2.model.CreatePublicIpv4PoolResponse;
import software.amazon.awssdk.services.ec2.model.DeleteCoipCidrRequest;
import software.amazon.awssdk.services.ec2.model.DeleteCoipCidrResponse;
import software.amazon.awssdk.services.ec2.model.DeleteCoipPoolRequest;
import software.amazon.awssdk.services.ec2.model.DeleteCoipPoolResponse;
import software.amazon.awssdk.services.ec2.model.DeletePublicIpv4PoolRequest;
import software.amazon.awssdk.services.ec2.model.DeletePublicIpv4PoolResponse;
import software.amazon.awssdk.services.ec2.model.DeprovisionPublicIpv4PoolCidrRequest;
import software.amazon.awssdk.services.ec2.model.DeprovisionPublicIpv4PoolCidrResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCoipPoolsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCoipPoolsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpv6PoolsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpv6PoolsResponse;
import software.amazon.awssdk.services.ec2.model.DescribePublicIpv4PoolsRequest;
import software.amazon.awssdk.services.ec2.model.DescribePublicIpv4PoolsResponse;
import software.amazon.awssdk.services.ec2.model.GetAssociatedIpv6PoolCidrsRequest;
import software.amazon.awssdk.services.ec2.model.GetAssociatedIpv6PoolCidrsResponse;
import software.amazon.awssdk.services.ec2.model.GetCoipPoolUsageRequest;
import software.amazon.awssdk.services.ec2.model.GetCoipPoolUsageResponse;
import software.amazon.awssdk.services.ec2.model.Ipv6CidrAssociation;
import software.amazon.awssdk.services.ec2.model.ProvisionPublicIpv4PoolCidrRequest;
import software.amazon.awssdk.services.ec2.model.ProvisionPublicIpv4PoolCidrResponse;

/**
 * Public IPv4 pools (CreatePublicIpv4Pool, then ProvisionPublicIpv4PoolCidr carves a range from an
 * IPAM pool of the public scope; AllocateAddress with PublicIpv4Pool then draws its addresses from
 * it), IPv6 pools (made by ProvisionByoipCidr with an IPv6 CIDR; their /56s go to VPCs), and
 * customer-owned IP pools, which need an Outpost's local gateway route table: without an Outpost
 * there is none, so their calls answer as AWS does for an unknown table or pool.
 */
public final class PublicPoolsService {
  public CreatePublicIpv4PoolResponse createPublicIpv4Pool(
      RequestContext ctx, CreatePublicIpv4PoolRequest req) {
    var tags = PublicPools.KIND.tags(req.tagSpecifications());
    var pool =
        PublicPools.KIND.create(
            ctx,
            tags,
            id -> {
              var p = new ByoipRecords.PublicPool(id);
              p.networkBorderGroup = req.networkBorderGroup();
              return p;
            });
    return CreatePublicIpv4PoolResponse.builder().poolId(pool.id).build();
  }

  public DeletePublicIpv4PoolResponse deletePublicIpv4Pool(
      RequestContext ctx, DeletePublicIpv4PoolRequest req) {
    if (req.poolId() == null) {
      throw AwsException.missingParameter("PoolId");
    }
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      var pool = PublicPools.KIND.get(ctx.state(), req.poolId());
      if (!pool.ranges.isEmpty()) {
        throw new AwsException(
            "DependencyViolation", "The pool " + pool.id + " has CIDRs: deprovision them first.");
      }
      PublicPools.KIND.delete(ctx, pool.id);
    }
    return DeletePublicIpv4PoolResponse.builder().returnValue(true).build();
  }

  public DescribePublicIpv4PoolsResponse describePublicIpv4Pools(
      RequestContext ctx, DescribePublicIpv4PoolsRequest req) {
    var page =
        PublicPools.KIND.describe(
            ctx, req.poolIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribePublicIpv4PoolsResponse.builder()
        .publicIpv4Pools(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** A range of NetmaskLength (/24 to /32) from an IPv4 pool of an IPAM's public scope. */
  public ProvisionPublicIpv4PoolCidrResponse provisionPublicIpv4PoolCidr(
      RequestContext ctx, ProvisionPublicIpv4PoolCidrRequest req) {
    if (req.ipamPoolId() == null || req.poolId() == null || req.netmaskLength() == null) {
      throw AwsException.missingParameter(
          req.ipamPoolId() == null
              ? "IpamPoolId"
              : req.poolId() == null ? "PoolId" : "NetmaskLength");
    }
    if (req.netmaskLength() < 24 || req.netmaskLength() > 32) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + req.netmaskLength()
              + ") for parameter NetmaskLength is invalid: /24 to /32.");
    }
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      var pool = PublicPools.KIND.get(ctx.state(), req.poolId());
      var ipamPool = IpamPools.KIND.get(ctx.state(), req.ipamPoolId());
      if (!ipamPool.scopeType.equals("public") || ipamPool.ipv6()) {
        throw AwsException.invalidParameterValue(
            "The IPAM pool " + ipamPool.id + " is not an IPv4 pool of a public scope.");
      }
      IpBlock block =
          PoolAllocator.allocate(
                  ctx,
                  st,
                  ipamPool,
                  PoolAllocator.Ask.of(null, req.netmaskLength(), "ec2-public-ipv4-pool", pool.id))
              .block;
      pool.ranges.add(block);
      return ProvisionPublicIpv4PoolCidrResponse.builder()
          .poolId(pool.id)
          .poolAddressRange(PublicPools.range(pool, block))
          .build();
    }
  }

  public DeprovisionPublicIpv4PoolCidrResponse deprovisionPublicIpv4PoolCidr(
      RequestContext ctx, DeprovisionPublicIpv4PoolCidrRequest req) {
    if (req.poolId() == null || req.cidr() == null) {
      throw AwsException.missingParameter(req.poolId() == null ? "PoolId" : "Cidr");
    }
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      var pool = PublicPools.KIND.get(ctx.state(), req.poolId());
      IpBlock block = PoolAllocator.block(req.cidr(), "Cidr", false);
      if (!pool.ranges.contains(block)) {
        throw AwsException.invalidParameterValue(
            "The CIDR " + block + " is not provisioned in pool " + pool.id + ".");
      }
      if (pool.used.keySet().stream()
          .anyMatch(ip -> block.contains(IpBlock.parseOrNull(ip + "/32")))) {
        throw new AwsException(
            "InvalidAddress.InUse",
            "Elastic IPs of the CIDR " + block + " are allocated: release them first.");
      }
      pool.ranges.remove(block);
      st.allocations.values().removeIf(a -> pool.id.equals(a.resourceId) && a.block.equals(block));
      List<String> addresses = new ArrayList<>();
      for (BigInteger i = BigInteger.ZERO;
          i.compareTo(block.size()) < 0;
          i = i.add(BigInteger.ONE)) {
        addresses.add(block.address(i));
      }
      return DeprovisionPublicIpv4PoolCidrResponse.builder()
          .poolId(pool.id)
          .deprovisionedAddresses(addresses)
          .build();
    }
  }

  public DescribeIpv6PoolsResponse describeIpv6Pools(
      RequestContext ctx, DescribeIpv6PoolsRequest req) {
    var page =
        PublicPools.IPV6.describe(
            ctx, req.poolIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeIpv6PoolsResponse.builder()
        .ipv6Pools(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetAssociatedIpv6PoolCidrsResponse getAssociatedIpv6PoolCidrs(
      RequestContext ctx, GetAssociatedIpv6PoolCidrsRequest req) {
    if (req.poolId() == null) {
      throw AwsException.missingParameter("PoolId");
    }
    IpamState st = IpamState.of(ctx.state());
    List<Ipv6CidrAssociation> all;
    synchronized (st) {
      all =
          PublicPools.ipv6Pool(st, req.poolId()).associated.entrySet().stream()
              .map(
                  e ->
                      Ipv6CidrAssociation.builder()
                          .ipv6Cidr(e.getKey())
                          .associatedResource(e.getValue())
                          .build())
              .toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetAssociatedIpv6PoolCidrsResponse.builder()
        .ipv6CidrAssociations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public CreateCoipPoolResponse createCoipPool(RequestContext ctx, CreateCoipPoolRequest req) {
    if (req.localGatewayRouteTableId() == null) {
      throw AwsException.missingParameter("LocalGatewayRouteTableId");
    }
    PublicPools.COIP.tags(req.tagSpecifications());
    throw new AwsException(
        "InvalidLocalGatewayRouteTableID.NotFound",
        "The localGatewayRouteTable ID '"
            + req.localGatewayRouteTableId()
            + "' does not exist (local gateways belong to Outposts, which this region has none"
            + " of)");
  }

  public DeleteCoipPoolResponse deleteCoipPool(RequestContext ctx, DeleteCoipPoolRequest req) {
    if (req.coipPoolId() == null) {
      throw AwsException.missingParameter("CoipPoolId");
    }
    var pool = PublicPools.COIP.delete(ctx, req.coipPoolId());
    return DeleteCoipPoolResponse.builder()
        .coipPool(c -> c.poolId(pool.id).localGatewayRouteTableId(pool.routeTableId))
        .build();
  }

  public CreateCoipCidrResponse createCoipCidr(RequestContext ctx, CreateCoipCidrRequest req) {
    return CreateCoipCidrResponse.builder()
        .coipCidr(coipCidr(ctx, req.coipPoolId(), req.cidr(), true))
        .build();
  }

  public DeleteCoipCidrResponse deleteCoipCidr(RequestContext ctx, DeleteCoipCidrRequest req) {
    return DeleteCoipCidrResponse.builder()
        .coipCidr(coipCidr(ctx, req.coipPoolId(), req.cidr(), false))
        .build();
  }

  /** Adds a CIDR to a customer-owned pool, or takes it away. */
  private static software.amazon.awssdk.services.ec2.model.CoipCidr coipCidr(
      RequestContext ctx, String poolId, String cidr, boolean add) {
    if (poolId == null || cidr == null) {
      throw AwsException.missingParameter(poolId == null ? "CoipPoolId" : "Cidr");
    }
    PoolAllocator.block(cidr, "Cidr", false);
    var pool =
        PublicPools.COIP.modify(
            ctx,
            poolId,
            p -> {
              if (add) {
                p.cidrs.add(cidr);
              } else if (!p.cidrs.remove(cidr)) {
                throw AwsException.invalidParameterValue(
                    "The CIDR " + cidr + " is not in pool " + p.id + ".");
              }
              return p;
            });
    return software.amazon.awssdk.services.ec2.model.CoipCidr.builder()
        .cidr(cidr)
        .coipPoolId(pool.id)
        .localGatewayRouteTableId(pool.routeTableId)
        .build();
  }

  public DescribeCoipPoolsResponse describeCoipPools(
      RequestContext ctx, DescribeCoipPoolsRequest req) {
    var page =
        PublicPools.COIP.describe(
            ctx, req.poolIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeCoipPoolsResponse.builder()
        .coipPools(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetCoipPoolUsageResponse getCoipPoolUsage(
      RequestContext ctx, GetCoipPoolUsageRequest req) {
    if (req.poolId() == null) {
      throw AwsException.missingParameter("PoolId");
    }
    var pool = PublicPools.COIP.get(ctx.state(), req.poolId());
    return GetCoipPoolUsageResponse.builder()
        .coipPoolId(pool.id)
        .localGatewayRouteTableId(pool.routeTableId)
        .build();
  }
}
