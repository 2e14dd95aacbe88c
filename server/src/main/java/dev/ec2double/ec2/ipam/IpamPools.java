package dev.ec2double.ec2.ipam;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.IpamPool;
import software.amazon.awssdk.services.ec2.model.IpamPoolAllocation;
import software.amazon.awssdk.services.ec2.model.IpamPoolCidr;
import software.amazon.awssdk.services.ec2.model.IpamResourceTag;

/**
 * IPAM pools as a resource kind, the views of their CIDRs and allocations, and the filters of
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeIpamPools.html
 */
final class IpamPools {
  private IpamPools() {}

  static final ResourceKind<PoolRecords.Pool, IpamPool> KIND =
      ResourceKind.<PoolRecords.Pool, IpamPool>of("ipam-pool", "ipam-pool")
          .errors("InvalidIpamPoolId.NotFound", "ipamPool", "InvalidIpamPoolId.Malformed")
          .storedIn(IpamState::of, st -> st.pools)
          .id(r -> r.id)
          .view(IpamPools::view, IpamPool::tags)
          .filter("ipam-pool-id", IpamPool::ipamPoolId)
          .filter("ipam-pool-arn", IpamPool::ipamPoolArn)
          .filter("ipam-scope-arn", IpamPool::ipamScopeArn)
          .filter("ipam-scope-type", IpamPool::ipamScopeTypeAsString)
          .filter("ipam-arn", IpamPool::ipamArn)
          .filter("ipam-region", IpamPool::ipamRegion)
          .filter("owner-id", IpamPool::ownerId)
          .filter("source-ipam-pool-id", IpamPool::sourceIpamPoolId)
          .filter("locale", IpamPool::locale)
          .filter("pool-depth", IpamPool::poolDepth)
          .filter("state", IpamPool::stateAsString)
          .filter("description", IpamPool::description)
          .filter("auto-import", IpamPool::autoImport)
          .filter("publicly-advertisable", IpamPool::publiclyAdvertisable)
          .filter("address-family", IpamPool::addressFamilyAsString)
          .filter("aws-service", IpamPool::awsServiceAsString)
          .filter("public-ip-source", IpamPool::publicIpSourceAsString)
          .filter("allocation-min-netmask-length", IpamPool::allocationMinNetmaskLength)
          .filter("allocation-max-netmask-length", IpamPool::allocationMaxNetmaskLength)
          .filter("allocation-default-netmask-length", IpamPool::allocationDefaultNetmaskLength)
          .build();

  /** GetIpamPoolCidrs' filters. */
  static final FilterSpec<IpamPoolCidr> CIDR_FILTERS =
      FilterSpec.<IpamPoolCidr>of()
          .field("cidr", IpamPoolCidr::cidr)
          .field("state", IpamPoolCidr::stateAsString)
          .field("ipam-pool-cidr-id", IpamPoolCidr::ipamPoolCidrId)
          .field("netmask-length", IpamPoolCidr::netmaskLength);

  /** GetIpamPoolAllocations' and DescribeIpamPoolAllocations' filters. */
  static final FilterSpec<IpamPoolAllocation> ALLOCATION_FILTERS =
      FilterSpec.<IpamPoolAllocation>of()
          .field("cidr", IpamPoolAllocation::cidr)
          .field("ipam-pool-allocation-id", IpamPoolAllocation::ipamPoolAllocationId)
          .field("description", IpamPoolAllocation::description)
          .field("resource-id", IpamPoolAllocation::resourceId)
          .field("resource-type", IpamPoolAllocation::resourceTypeAsString)
          .field("resource-region", IpamPoolAllocation::resourceRegion)
          .field("resource-owner", IpamPoolAllocation::resourceOwner)
          .tags(
              a -> {
                var m = new java.util.LinkedHashMap<String, String>();
                a.tags().forEach(t -> m.put(t.key(), t.value()));
                return m;
              });

  private static IpamPool view(RequestContext ctx, PoolRecords.Pool r) {
    var b =
        IpamPool.builder()
            .ownerId(ctx.account())
            .ipamPoolId(r.id)
            .sourceIpamPoolId(r.sourcePoolId)
            .ipamPoolArn(Ipams.arn(ctx, "ipam-pool", r.id))
            .ipamScopeArn(Ipams.arn(ctx, "ipam-scope", r.scopeId))
            .ipamScopeType(r.scopeType)
            .ipamArn(Ipams.arn(ctx, "ipam", r.ipamId))
            .ipamRegion(ctx.region())
            .locale(r.locale == null ? "None" : r.locale)
            .poolDepth(r.depth)
            .state(r.state)
            .description(r.description)
            .autoImport(r.autoImport)
            .publiclyAdvertisable(r.publiclyAdvertisable)
            .addressFamily(r.addressFamily)
            .allocationMinNetmaskLength(r.minNetmask)
            .allocationMaxNetmaskLength(r.maxNetmask)
            .allocationDefaultNetmaskLength(r.defaultNetmask)
            .allocationResourceTags(
                r.resourceTags.entrySet().stream()
                    .map(e -> IpamResourceTag.builder().key(e.getKey()).value(e.getValue()).build())
                    .toList())
            .tags(ctx.tags().sdkTags(r.id))
            .awsService(r.awsService)
            .publicIpSource(r.publicIpSource);
    return b.build();
  }

  static IpamPoolCidr cidr(PoolRecords.PoolCidr c) {
    return IpamPoolCidr.builder()
        .cidr(c.block.toString())
        .state(c.state)
        .ipamPoolCidrId(c.id)
        .netmaskLength(c.block.prefix())
        .build();
  }

  static IpamPoolAllocation allocation(RequestContext ctx, PoolRecords.Allocation a) {
    return IpamPoolAllocation.builder()
        .cidr(a.block.toString())
        .ipamPoolAllocationId(a.id)
        .description(a.description)
        .resourceId(a.resourceId)
        .resourceType(a.resourceType)
        .resourceRegion(a.resourceRegion)
        .resourceOwner(a.resourceOwner)
        .tags(ctx.tags().sdkTags(a.id))
        .build();
  }

  /**
   * Removes a pool with everything in it (DeleteIpamPool with Cascade, DeleteIpam with Cascade):
   * its child pools, allocations, and its allocation in its source pool. The caller holds the lock.
   */
  static void drop(RequestContext ctx, IpamState st, String poolId) {
    for (String child :
        st.pools.values().stream()
            .filter(p -> poolId.equals(p.sourcePoolId))
            .map(p -> p.id)
            .toList()) {
      drop(ctx, st, child);
    }
    List<String> gone =
        st.allocations.values().stream()
            .filter(a -> a.poolId.equals(poolId) || poolId.equals(a.resourceId))
            .map(a -> a.id)
            .toList();
    gone.forEach(
        id -> {
          st.allocations.remove(id);
          ctx.tags().drop(id);
        });
    st.pools.remove(poolId);
    ctx.tags().drop(poolId);
  }
}
