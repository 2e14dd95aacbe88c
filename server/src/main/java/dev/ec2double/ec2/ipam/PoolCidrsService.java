package dev.ec2double.ec2.ipam;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AllocateIpamPoolCidrRequest;
import software.amazon.awssdk.services.ec2.model.AllocateIpamPoolCidrResponse;
import software.amazon.awssdk.services.ec2.model.DeprovisionIpamPoolCidrRequest;
import software.amazon.awssdk.services.ec2.model.DeprovisionIpamPoolCidrResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPoolAllocationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPoolAllocationsResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPoolAllocationsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPoolAllocationsResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPoolCidrsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPoolCidrsResponse;
import software.amazon.awssdk.services.ec2.model.IpamPoolAllocation;
import software.amazon.awssdk.services.ec2.model.IpamPoolCidr;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPoolAllocationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPoolAllocationResponse;
import software.amazon.awssdk.services.ec2.model.ProvisionIpamPoolCidrRequest;
import software.amazon.awssdk.services.ec2.model.ProvisionIpamPoolCidrResponse;
import software.amazon.awssdk.services.ec2.model.ReleaseIpamPoolAllocationRequest;
import software.amazon.awssdk.services.ec2.model.ReleaseIpamPoolAllocationResponse;

/**
 * The address space of pools: ProvisionIpamPoolCidr (a top-level pool's own CIDR, which must not
 * overlap another top-level pool of its scope; a child pool's CIDR is allocated from its source
 * pool), DeprovisionIpamPoolCidr (refused while allocations lie in it), GetIpamPoolCidrs, and the
 * allocations: AllocateIpamPoolCidr (real, non-overlapping: {@link PoolAllocator}),
 * ReleaseIpamPoolAllocation (custom allocations only: a VPC's goes when the VPC does),
 * GetIpamPoolAllocations, DescribeIpamPoolAllocations, ModifyIpamPoolAllocation.
 */
public final class PoolCidrsService {
  /** Where Amazon-provided public IPv6 CIDRs come from. */
  private static final IpBlock AMAZON_IPV6 = IpBlock.parseOrNull("2600:1f00::/24");

  public ProvisionIpamPoolCidrResponse provisionIpamPoolCidr(
      RequestContext ctx, ProvisionIpamPoolCidrRequest req) {
    if (req.ipamPoolId() == null) {
      throw AwsException.missingParameter("IpamPoolId");
    }
    if ((req.cidr() == null) == (req.netmaskLength() == null)) {
      throw AwsException.invalidParameterCombination("Specify either Cidr or NetmaskLength.");
    }
    IpamState st = IpamState.of(ctx.state());
    PoolRecords.PoolCidr made;
    synchronized (st) {
      PoolRecords.Pool pool = IpamPools.KIND.get(ctx.state(), req.ipamPoolId());
      IpBlock block;
      if (pool.sourcePoolId != null) {
        PoolRecords.Pool source = IpamPools.KIND.get(ctx.state(), pool.sourcePoolId);
        block =
            PoolAllocator.allocate(
                    ctx,
                    st,
                    source,
                    PoolAllocator.Ask.of(req.cidr(), req.netmaskLength(), "ipam-pool", pool.id))
                .block;
      } else if (req.cidr() == null) {
        if (!"amazon".equals(pool.publicIpSource) || !pool.ipv6()) {
          throw AwsException.invalidParameterValue(
              "NetmaskLength is only for pools with a source pool or Amazon-provided IPv6 pools:"
                  + " give the Cidr.");
        }
        block = amazonIpv6(st, req.netmaskLength());
      } else {
        block = PoolAllocator.block(req.cidr(), "Cidr", pool.ipv6());
        checkTopLevel(ctx, st, pool, block, req);
      }
      made = new PoolRecords.PoolCidr(IpamPoolsService.cidrId(), block);
      pool.cidrs.add(made);
    }
    return ProvisionIpamPoolCidrResponse.builder()
        .ipamPoolCidr(IpamPools.cidr(made).toBuilder().state("pending-provision").build())
        .build();
  }

  /**
   * A top-level pool's CIDR overlaps no other top-level pool's in the scope; in the public scope an
   * IPv4 CIDR must be the caller's own (a signed authorization or a DNS verification token).
   */
  private static void checkTopLevel(
      RequestContext ctx,
      IpamState st,
      PoolRecords.Pool pool,
      IpBlock block,
      ProvisionIpamPoolCidrRequest req) {
    for (PoolRecords.Pool other : st.pools.values()) {
      if (other.scopeId.equals(pool.scopeId) && other.sourcePoolId == null) {
        for (IpBlock b : other.provisioned()) {
          if (b.overlaps(block)) {
            throw AwsException.invalidParameterValue(
                "The CIDR " + block + " overlaps " + b + " of pool " + other.id + ".");
          }
        }
      }
    }
    if (pool.scopeType.equals("public") && !"amazon".equals(pool.publicIpSource)) {
      boolean signed =
          req.cidrAuthorizationContext() != null
              && req.cidrAuthorizationContext().message() != null
              && req.cidrAuthorizationContext().signature() != null;
      if (req.ipamExternalResourceVerificationTokenId() != null) {
        Ipams.TOKEN.get(ctx.state(), req.ipamExternalResourceVerificationTokenId());
        signed = true;
      }
      if (!signed) {
        throw AwsException.missingParameter("CidrAuthorizationContext");
      }
    }
  }

  private static IpBlock amazonIpv6(IpamState st, int length) {
    if (length < 40 || length > 60 || length % 4 != 0) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + length
              + ") for parameter NetmaskLength is invalid: /40 to /60 in steps of 4.");
    }
    List<IpBlock> taken = new ArrayList<>();
    st.pools.values().forEach(p -> taken.addAll(p.provisioned()));
    IpBlock free = AMAZON_IPV6.firstFree(length, taken);
    if (free == null) {
      throw new AwsException("InsufficientCidrBlocks", "No Amazon-provided IPv6 CIDR is free.");
    }
    return free;
  }

  public DeprovisionIpamPoolCidrResponse deprovisionIpamPoolCidr(
      RequestContext ctx, DeprovisionIpamPoolCidrRequest req) {
    if (req.cidr() == null) {
      throw AwsException.missingParameter("Cidr");
    }
    IpamState st = IpamState.of(ctx.state());
    PoolRecords.PoolCidr c;
    synchronized (st) {
      PoolRecords.Pool pool = IpamPools.KIND.get(ctx.state(), req.ipamPoolId());
      IpBlock block = PoolAllocator.block(req.cidr(), "Cidr", pool.ipv6());
      c =
          pool.cidrs.stream()
              .filter(x -> x.state.equals("provisioned") && x.block.equals(block))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AwsException(
                          "InvalidIpamPoolCidr.NotFound",
                          "The CIDR " + block + " is not provisioned in pool " + pool.id + "."));
      if (PoolAllocator.taken(st, pool.id).stream().anyMatch(block::overlaps)) {
        throw new AwsException(
            "DependencyViolation",
            "The CIDR " + block + " of pool " + pool.id + " has allocations: release them first.");
      }
      c.state = "deprovisioned";
      if (pool.sourcePoolId != null) {
        st.allocations
            .values()
            .removeIf(a -> pool.id.equals(a.resourceId) && a.block.equals(block));
      }
    }
    return DeprovisionIpamPoolCidrResponse.builder()
        .ipamPoolCidr(IpamPools.cidr(c).toBuilder().state("pending-deprovision").build())
        .build();
  }

  public GetIpamPoolCidrsResponse getIpamPoolCidrs(
      RequestContext ctx, GetIpamPoolCidrsRequest req) {
    var filter = IpamPools.CIDR_FILTERS.compile(req.filters());
    IpamState st = IpamState.of(ctx.state());
    List<IpamPoolCidr> all;
    synchronized (st) {
      all =
          IpamPools.KIND.get(ctx.state(), req.ipamPoolId()).cidrs.stream()
              .map(IpamPools::cidr)
              .filter(filter)
              .toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamPoolCidrsResponse.builder()
        .ipamPoolCidrs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public AllocateIpamPoolCidrResponse allocateIpamPoolCidr(
      RequestContext ctx, AllocateIpamPoolCidrRequest req) {
    if (req.ipamPoolId() == null) {
      throw AwsException.missingParameter("IpamPoolId");
    }
    var tags = IpamPoolsService.allocationTags(req.tagSpecifications());
    var ask =
        new PoolAllocator.Ask(
            req.cidr(),
            req.netmaskLength(),
            req.allowedCidrs(),
            req.disallowedCidrs(),
            "custom",
            null,
            req.description());
    IpamState st = IpamState.of(ctx.state());
    IpamPoolAllocation answer;
    synchronized (st) {
      PoolRecords.Pool pool = IpamPools.KIND.get(ctx.state(), req.ipamPoolId());
      if (Boolean.TRUE.equals(req.previewNextCidr())) {
        IpBlock next = PoolAllocator.next(st, pool, ask);
        return AllocateIpamPoolCidrResponse.builder()
            .ipamPoolAllocation(a -> a.cidr(next.toString()).resourceType("custom"))
            .build();
      }
      PoolRecords.Allocation a = PoolAllocator.allocate(ctx, st, pool, ask);
      if (!tags.isEmpty()) {
        ctx.tags().add(List.of(a.id), tags);
      }
      answer = IpamPools.allocation(ctx, a);
    }
    return AllocateIpamPoolCidrResponse.builder().ipamPoolAllocation(answer).build();
  }

  public ReleaseIpamPoolAllocationResponse releaseIpamPoolAllocation(
      RequestContext ctx, ReleaseIpamPoolAllocationRequest req) {
    for (String[] p :
        new String[][] {
          {"IpamPoolId", req.ipamPoolId()},
          {"Cidr", req.cidr()},
          {"IpamPoolAllocationId", req.ipamPoolAllocationId()}
        }) {
      if (p[1] == null) {
        throw AwsException.missingParameter(p[0]);
      }
    }
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      PoolRecords.Pool pool = IpamPools.KIND.get(ctx.state(), req.ipamPoolId());
      PoolRecords.Allocation a = allocation(st, req.ipamPoolAllocationId());
      if (!a.poolId.equals(pool.id) || !a.block.toString().equals(req.cidr())) {
        throw AwsException.invalidParameterValue(
            "The allocation "
                + a.id
                + " is not the CIDR "
                + req.cidr()
                + " of pool "
                + pool.id
                + ".");
      }
      if (!a.resourceType.equals("custom")) {
        throw new AwsException(
            "InvalidIpamPoolAllocation.NotCustom",
            "The allocation "
                + a.id
                + " belongs to "
                + a.resourceType
                + " "
                + a.resourceId
                + ": only custom allocations can be released; it goes with its resource.");
      }
      st.allocations.remove(a.id);
    }
    ctx.tags().drop(req.ipamPoolAllocationId());
    return ReleaseIpamPoolAllocationResponse.builder().success(true).build();
  }

  private static PoolRecords.Allocation allocation(IpamState st, String id) {
    PoolRecords.Allocation a = id == null ? null : st.allocations.get(id);
    if (a == null) {
      throw new AwsException(
          "InvalidIpamPoolAllocationId.NotFound",
          "The ipamPoolAllocation ID '" + id + "' does not exist");
    }
    return a;
  }

  public GetIpamPoolAllocationsResponse getIpamPoolAllocations(
      RequestContext ctx, GetIpamPoolAllocationsRequest req) {
    var filter = IpamPools.ALLOCATION_FILTERS.compile(req.filters());
    IpamState st = IpamState.of(ctx.state());
    List<IpamPoolAllocation> all;
    synchronized (st) {
      String poolId = IpamPools.KIND.get(ctx.state(), req.ipamPoolId()).id;
      if (req.ipamPoolAllocationId() != null) {
        allocation(st, req.ipamPoolAllocationId());
      }
      all =
          st.allocations.values().stream()
              .filter(a -> a.poolId.equals(poolId))
              .filter(
                  a ->
                      req.ipamPoolAllocationId() == null || a.id.equals(req.ipamPoolAllocationId()))
              .map(a -> IpamPools.allocation(ctx, a))
              .filter(filter)
              .toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamPoolAllocationsResponse.builder()
        .ipamPoolAllocations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeIpamPoolAllocationsResponse describeIpamPoolAllocations(
      RequestContext ctx, DescribeIpamPoolAllocationsRequest req) {
    var filter = IpamPools.ALLOCATION_FILTERS.compile(req.filters());
    IpamState st = IpamState.of(ctx.state());
    List<IpamPoolAllocation> all = new ArrayList<>();
    synchronized (st) {
      List<PoolRecords.Allocation> picked = new ArrayList<>();
      for (String id : req.ipamPoolAllocationIds()) {
        picked.add(allocation(st, id));
      }
      if (req.ipamPoolAllocationIds().isEmpty()) {
        picked.addAll(st.allocations.values());
      }
      picked.stream().map(a -> IpamPools.allocation(ctx, a)).filter(filter).forEach(all::add);
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return DescribeIpamPoolAllocationsResponse.builder()
        .ipamPoolAllocations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyIpamPoolAllocationResponse modifyIpamPoolAllocation(
      RequestContext ctx, ModifyIpamPoolAllocationRequest req) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      PoolRecords.Allocation a = allocation(st, req.ipamPoolAllocationId());
      if (req.description() != null) {
        a.description = req.description();
      }
      return ModifyIpamPoolAllocationResponse.builder()
          .ipamPoolAllocation(IpamPools.allocation(ctx, a))
          .build();
    }
  }
}
