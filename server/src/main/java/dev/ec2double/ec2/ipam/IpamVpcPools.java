package dev.ec2double.ec2.ipam;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.VpcAddressPools;
import dev.ec2double.errors.AwsException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The pools behind CreateVpc, AssociateVpcCidrBlock and AllocateAddress: a VPC's CIDR from an IPAM
 * pool (private scope for IPv4, the pool's locale must be the VPC's region, the pool's required
 * resource tags on the VPC), a BYOIP IPv6 pool's /56, a public IPv4 pool's address. Never takes the
 * VPC state's lock, so the VPC feature may call it holding its own.
 */
public final class IpamVpcPools implements VpcAddressPools {
  @Override
  public String allocate(
      RequestContext ctx,
      String poolId,
      String cidr,
      Integer netmaskLength,
      boolean ipv6,
      String vpcId,
      List<Tag> vpcTags) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      PoolRecords.Pool pool = IpamPools.KIND.get(ctx.state(), poolId);
      if (pool.ipv6() != ipv6) {
        throw AwsException.invalidParameterValue(
            "The pool " + pool.id + " is an " + pool.addressFamily + " pool.");
      }
      if (!ipv6 && !pool.scopeType.equals("private")) {
        throw AwsException.invalidParameterValue(
            "A VPC's IPv4 CIDR comes from a pool in a private scope; " + pool.id + " is public.");
      }
      checkLocale(ctx, pool, "a VPC");
      for (var required : pool.resourceTags.entrySet()) {
        boolean has =
            vpcTags.stream()
                .anyMatch(
                    t ->
                        t.key().equals(required.getKey())
                            && (required.getValue().isEmpty()
                                || required.getValue().equals(t.value())));
        if (!has) {
          throw AwsException.invalidParameterValue(
              "The pool "
                  + pool.id
                  + " allocates only to resources tagged "
                  + required.getKey()
                  + "="
                  + required.getValue()
                  + ".");
        }
      }
      if (cidr == null && netmaskLength == null && pool.defaultNetmask == null) {
        throw AwsException.missingParameter(ipv6 ? "Ipv6NetmaskLength" : "Ipv4NetmaskLength");
      }
      return PoolAllocator.allocate(
              ctx, st, pool, PoolAllocator.Ask.of(cidr, netmaskLength, "vpc", vpcId))
          .block
          .toString();
    }
  }

  @Override
  public String subnetIpv6(
      RequestContext ctx, String poolId, String cidr, Integer netmaskLength, String subnetId) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      PoolRecords.Pool pool = IpamPools.KIND.get(ctx.state(), poolId);
      if (!pool.ipv6()) {
        throw AwsException.invalidParameterValue(
            "The pool " + pool.id + " is an " + pool.addressFamily + " pool.");
      }
      checkLocale(ctx, pool, "a subnet");
      if (cidr == null && netmaskLength == null && pool.defaultNetmask == null) {
        throw AwsException.missingParameter("Ipv6NetmaskLength");
      }
      return PoolAllocator.allocate(
              ctx, st, pool, PoolAllocator.Ask.of(cidr, netmaskLength, "subnet", subnetId))
          .block
          .toString();
    }
  }

  @Override
  public void releaseSubnet(RequestContext ctx, String subnetId, String cidr) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      releaseAllocations(st, subnetId, "subnet", cidr);
    }
  }

  /** Gives back a resource's pool allocations: all of them, or the one of {@code cidr}. */
  private static void releaseAllocations(
      IpamState st, String resourceId, String resourceType, String cidr) {
    st.allocations
        .values()
        .removeIf(
            a ->
                resourceId.equals(a.resourceId)
                    && resourceType.equals(a.resourceType)
                    && (cidr == null || a.block.toString().equals(cidr)));
  }

  @Override
  public String allocateIpv6Pool(RequestContext ctx, String poolId, String cidr, String vpcId) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      ByoipRecords.Ipv6Pool pool = PublicPools.ipv6Pool(st, poolId);
      List<IpBlock> taken = new ArrayList<>();
      pool.associated.keySet().forEach(c -> taken.add(IpBlock.parseOrNull(c)));
      IpBlock block = null;
      if (cidr != null) {
        IpBlock asked = PoolAllocator.block(cidr, "Ipv6CidrBlock", true);
        if (asked.prefix() != 56
            || pool.cidrs.stream().noneMatch(c -> c.contains(asked))
            || taken.stream().anyMatch(asked::overlaps)) {
          throw AwsException.invalidParameterValue(
              "The IPv6 CIDR " + cidr + " is not a free /56 of pool " + pool.id + ".");
        }
        block = asked;
      }
      for (int i = 0; block == null && i < pool.cidrs.size(); i++) {
        block = pool.cidrs.get(i).firstFree(56, taken);
      }
      if (block == null) {
        throw new AwsException(
            "InsufficientCidrBlocks", "The IPv6 pool " + pool.id + " has no free /56.");
      }
      pool.associated.put(block.toString(), vpcId);
      return block.toString();
    }
  }

  @Override
  public void release(RequestContext ctx, String vpcId, String cidr) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      releaseAllocations(st, vpcId, "vpc", cidr);
      for (ByoipRecords.Ipv6Pool p : st.ipv6Pools.values()) {
        p.associated
            .entrySet()
            .removeIf(e -> e.getValue().equals(vpcId) && (cidr == null || e.getKey().equals(cidr)));
      }
    }
  }

  @Override
  public String publicIp(RequestContext ctx, String poolId, String address, String allocationId) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      ByoipRecords.PublicPool pool = PublicPools.KIND.get(ctx.state(), poolId);
      if (address != null) {
        IpBlock one = IpBlock.parseOrNull(address + "/32");
        if (one == null || pool.ranges.stream().noneMatch(r -> r.contains(one))) {
          throw AwsException.invalidParameterValue(
              "The address " + address + " is not in pool " + pool.id + ".");
        }
        if (pool.used.containsKey(address)) {
          throw new AwsException(
              "InvalidAddress.InUse", "The address " + address + " is already allocated.");
        }
        pool.used.put(address, allocationId);
        return address;
      }
      for (IpBlock range : pool.ranges) {
        for (BigInteger i = BigInteger.ZERO;
            i.compareTo(range.size()) < 0;
            i = i.add(BigInteger.ONE)) {
          String ip = range.address(i);
          if (!pool.used.containsKey(ip)) {
            pool.used.put(ip, allocationId);
            return ip;
          }
        }
      }
      throw new AwsException(
          "InsufficientAddressCapacity",
          "The public IPv4 pool " + pool.id + " has no free address.");
    }
  }

  @Override
  public void releasePublicIp(RequestContext ctx, String poolId, String address) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      ByoipRecords.PublicPool pool = st.publicPools.get(poolId);
      if (pool != null) {
        pool.used.remove(address);
      }
    }
  }

  /** A pool serves resources of its own locale (Region) only. */
  private static void checkLocale(RequestContext ctx, PoolRecords.Pool pool, String what) {
    if (!ctx.region().equals(pool.locale)) {
      throw AwsException.invalidParameterValue(
          "The pool "
              + pool.id
              + " has locale "
              + (pool.locale == null ? "None" : pool.locale)
              + ": "
              + what
              + " in "
              + ctx.region()
              + " needs a pool with that locale.");
    }
  }
}
