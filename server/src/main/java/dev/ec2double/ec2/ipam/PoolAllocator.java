package dev.ec2double.ec2.ipam;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Carves CIDRs out of a pool: an explicit CIDR must lie in a provisioned CIDR and overlap no other
 * allocation; a netmask length (or the pool's default) gets the lowest free aligned block, outside
 * the disallowed CIDRs and inside the allowed ones when given. The pool's netmask rules hold for
 * both. The caller holds the region's {@link IpamState} lock.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AllocateIpamPoolCidr.html
 */
final class PoolAllocator {
  private PoolAllocator() {}

  /** What to allocate. */
  record Ask(
      String cidr,
      Integer netmaskLength,
      List<String> allowed,
      List<String> disallowed,
      String resourceType,
      String resourceId,
      String description) {

    static Ask of(String cidr, Integer netmask, String resourceType, String resourceId) {
      return new Ask(cidr, netmask, List.of(), List.of(), resourceType, resourceId, null);
    }
  }

  /** The block the pool would give: AllocateIpamPoolCidr's PreviewNextCidr. */
  static IpBlock next(IpamState st, PoolRecords.Pool pool, Ask ask) {
    if (!pool.state.endsWith("-complete")) {
      throw new AwsException("IncorrectState", "The pool " + pool.id + " is " + pool.state + ".");
    }
    List<IpBlock> provisioned = pool.provisioned();
    if (provisioned.isEmpty()) {
      throw AwsException.invalidParameterValue(
          "The pool " + pool.id + " has no provisioned CIDRs to allocate from.");
    }
    List<IpBlock> taken = new ArrayList<>(taken(st, pool.id));
    if (ask.cidr() != null) {
      if (ask.netmaskLength() != null) {
        throw AwsException.invalidParameterCombination(
            "Specify either Cidr or NetmaskLength, not both.");
      }
      IpBlock block = block(ask.cidr(), "Cidr", pool.ipv6());
      checkRules(pool, block.prefix());
      if (provisioned.stream().noneMatch(p -> p.contains(block))) {
        throw AwsException.invalidParameterValue(
            "The CIDR " + block + " is not within the provisioned CIDRs of pool " + pool.id + ".");
      }
      if (taken.stream().anyMatch(t -> t.overlaps(block))) {
        throw AwsException.invalidParameterValue(
            "The CIDR " + block + " overlaps an allocation in pool " + pool.id + ".");
      }
      return block;
    }
    Integer length = ask.netmaskLength() != null ? ask.netmaskLength() : pool.defaultNetmask;
    if (length == null) {
      throw AwsException.missingParameter("NetmaskLength");
    }
    int bits = pool.ipv6() ? 128 : 32;
    if (length < 0 || length > bits) {
      throw AwsException.invalidParameterValue(
          "Value (" + length + ") for parameter NetmaskLength is invalid.");
    }
    checkRules(pool, length);
    for (String d : ask.disallowed()) {
      taken.add(block(d, "DisallowedCidrs", pool.ipv6()));
    }
    List<IpBlock> spaces = provisioned;
    if (!ask.allowed().isEmpty()) {
      spaces = new ArrayList<>();
      for (String a : ask.allowed()) {
        IpBlock allowed = block(a, "AllowedCidrs", pool.ipv6());
        for (IpBlock p : provisioned) {
          if (p.contains(allowed)) {
            spaces.add(allowed);
          } else if (allowed.contains(p)) {
            spaces.add(p);
          }
        }
      }
    }
    for (IpBlock space : spaces) {
      IpBlock free = space.firstFree(length, taken);
      if (free != null) {
        return free;
      }
    }
    // AWS's answer whether the pool is too small for the size or full
    throw AwsException.invalidParameterValue("The allocation size is too big for the pool.");
  }

  /** Allocates and stores. */
  static PoolRecords.Allocation allocate(
      RequestContext ctx, IpamState st, PoolRecords.Pool pool, Ask ask) {
    IpBlock block = next(st, pool, ask);
    var a = new PoolRecords.Allocation(Ids.next("ipam-pool-alloc"), pool.id, block);
    a.description = ask.description();
    a.resourceType = ask.resourceType();
    a.resourceId = ask.resourceId();
    if (!ask.resourceType().equals("custom")) {
      a.resourceRegion = ctx.region();
      a.resourceOwner = ctx.account();
    }
    st.allocations.put(a.id, a);
    return a;
  }

  static List<IpBlock> taken(IpamState st, String poolId) {
    return st.allocations.values().stream()
        .filter(a -> a.poolId.equals(poolId))
        .map(a -> a.block)
        .toList();
  }

  private static void checkRules(PoolRecords.Pool pool, int length) {
    if ((pool.minNetmask != null && length < pool.minNetmask)
        || (pool.maxNetmask != null && length > pool.maxNetmask)) {
      throw AwsException.invalidParameterValue(
          "The netmask length /"
              + length
              + " is outside the allocation rules of pool "
              + pool.id
              + " (/"
              + (pool.minNetmask == null ? 0 : pool.minNetmask)
              + " to /"
              + (pool.maxNetmask == null ? (pool.ipv6() ? 128 : 32) : pool.maxNetmask)
              + ").");
    }
  }

  static IpBlock block(String text, String parameter, boolean ipv6) {
    IpBlock b = IpBlock.parseOrNull(text);
    if (b == null || b.ipv6() != ipv6) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + text
              + ") for parameter "
              + parameter
              + " is invalid. This is not a valid "
              + (ipv6 ? "IPv6" : "IPv4")
              + " CIDR block.");
    }
    return b;
  }
}
