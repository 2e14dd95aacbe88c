package dev.ec2double.ec2.ipam;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import java.math.BigInteger;
import software.amazon.awssdk.services.ec2.model.CoipPool;
import software.amazon.awssdk.services.ec2.model.Ipv6Pool;
import software.amazon.awssdk.services.ec2.model.PoolCidrBlock;
import software.amazon.awssdk.services.ec2.model.PublicIpv4Pool;
import software.amazon.awssdk.services.ec2.model.PublicIpv4PoolRange;

/** Public IPv4 pools, BYOIP IPv6 pools and customer-owned IP pools as resource kinds. */
final class PublicPools {
  private PublicPools() {}

  static final ResourceKind<ByoipRecords.PublicPool, PublicIpv4Pool> KIND =
      ResourceKind.<ByoipRecords.PublicPool, PublicIpv4Pool>of("ipv4pool-ec2", "ipv4pool-ec2")
          .errors("InvalidPublicIpv4PoolID.NotFound", "publicIpv4Pool", null)
          .storedIn(IpamState::of, st -> st.publicPools)
          .id(r -> r.id)
          .view(PublicPools::view, PublicIpv4Pool::tags)
          .filter("network-border-group", PublicIpv4Pool::networkBorderGroup)
          .build();

  static final ResourceKind<ByoipRecords.Ipv6Pool, Ipv6Pool> IPV6 =
      ResourceKind.<ByoipRecords.Ipv6Pool, Ipv6Pool>of("ipv6pool-ec2", "ipv6pool-ec2")
          .errors("InvalidIpv6PoolID.NotFound", "ipv6Pool", null)
          .storedIn(IpamState::of, st -> st.ipv6Pools)
          .id(r -> r.id)
          .view(PublicPools::ipv6View, Ipv6Pool::tags)
          .build();

  /** Customer-owned pools belong to an Outpost's local gateway: none exists without one. */
  static final ResourceKind<ByoipRecords.CoipPool, CoipPool> COIP =
      ResourceKind.<ByoipRecords.CoipPool, CoipPool>of("ipv4pool-coip", "coip-pool")
          .errors("InvalidCoipPoolId.NotFound", "coipPool", "InvalidCoipPoolId.Malformed")
          .storedIn(IpamState::of, st -> st.coipPools)
          .id(r -> r.id)
          .view(PublicPools::coipView, CoipPool::tags)
          .filter("coip-pool.pool-id", CoipPool::poolId)
          .filter("coip-pool.local-gateway-route-table-id", CoipPool::localGatewayRouteTableId)
          .build();

  static ByoipRecords.Ipv6Pool ipv6Pool(IpamState st, String id) {
    ByoipRecords.Ipv6Pool p = id == null ? null : st.ipv6Pools.get(id);
    if (p == null) {
      throw new AwsException(
          "InvalidIpv6PoolID.NotFound", "The ipv6Pool ID '" + id + "' does not exist");
    }
    return p;
  }

  static PublicIpv4PoolRange range(ByoipRecords.PublicPool p, IpBlock r) {
    long used =
        p.used.keySet().stream().filter(ip -> r.contains(IpBlock.parseOrNull(ip + "/32"))).count();
    int size = r.size().min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    return PublicIpv4PoolRange.builder()
        .firstAddress(r.address(BigInteger.ZERO))
        .lastAddress(r.address(r.size().subtract(BigInteger.ONE)))
        .addressCount(size)
        .availableAddressCount(size - (int) used)
        .build();
  }

  private static PublicIpv4Pool view(RequestContext ctx, ByoipRecords.PublicPool r) {
    var ranges = r.ranges.stream().map(b -> range(r, b)).toList();
    return PublicIpv4Pool.builder()
        .poolId(r.id)
        .description(r.description)
        .poolAddressRanges(ranges)
        .totalAddressCount(ranges.stream().mapToInt(PublicIpv4PoolRange::addressCount).sum())
        .totalAvailableAddressCount(
            ranges.stream().mapToInt(PublicIpv4PoolRange::availableAddressCount).sum())
        .networkBorderGroup(r.networkBorderGroup == null ? ctx.region() : r.networkBorderGroup)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  private static Ipv6Pool ipv6View(RequestContext ctx, ByoipRecords.Ipv6Pool r) {
    return Ipv6Pool.builder()
        .poolId(r.id)
        .description(r.description)
        .poolCidrBlocks(
            r.cidrs.stream().map(c -> PoolCidrBlock.builder().cidr(c.toString()).build()).toList())
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  private static CoipPool coipView(RequestContext ctx, ByoipRecords.CoipPool r) {
    return CoipPool.builder()
        .poolId(r.id)
        .poolCidrs(r.cidrs)
        .localGatewayRouteTableId(r.routeTableId)
        .poolArn("arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":coip-pool/" + r.id)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }
}
