package dev.ec2double.ec2.ipam;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.VpcLookups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpamResourceCidr;
import software.amazon.awssdk.services.ec2.model.IpamResourceTag;

/**
 * The CIDRs of VPCs and subnets as IPAM monitors them, computed from the VPC records at each call:
 * a VPC CIDR allocated from a pool is {@code managed} and {@code compliant} while it keeps the
 * pool's rules (netmask lengths, required tags), else {@code noncompliant}; any other is {@code
 * unmanaged}; a CIDR overlapping another VPC's (or a subnet another VPC's subnet) is {@code
 * overlapping}; ModifyIpamResourceCidr with Monitored=false makes it {@code ignored}.
 */
final class IpamResources {
  private IpamResources() {}

  static final FilterSpec<IpamResourceCidr> FILTERS =
      FilterSpec.<IpamResourceCidr>of()
          .field("resource-id", IpamResourceCidr::resourceId)
          .field("resource-type", IpamResourceCidr::resourceTypeAsString)
          .field("resource-cidr", IpamResourceCidr::resourceCidr)
          .field("resource-region", IpamResourceCidr::resourceRegion)
          .field("resource-owner-id", IpamResourceCidr::resourceOwnerId)
          .field("vpc-id", IpamResourceCidr::vpcId)
          .field("ipam-pool-id", IpamResourceCidr::ipamPoolId)
          .field("compliance-status", IpamResourceCidr::complianceStatusAsString)
          .field("overlap-status", IpamResourceCidr::overlapStatusAsString)
          .field("management-state", IpamResourceCidr::managementStateAsString);

  static String key(String resourceId, String cidr) {
    return resourceId + " " + cidr;
  }

  /**
   * The resource CIDRs of a scope. {@code addressed} is read from the VPC feature before this
   * object's lock is taken; the caller holds it now.
   */
  static List<IpamResourceCidr> of(
      RequestContext ctx,
      IpamState st,
      IpamRecords.Scope scope,
      List<VpcLookups.Addressed> addressed) {
    IpamRecords.Ipam ipam = st.ipams.get(scope.ipamId);
    List<VpcLookups.Addressed> inScope = new ArrayList<>();
    for (VpcLookups.Addressed a : addressed) {
      String home = st.movedTo.getOrDefault(key(a.resourceId(), a.cidr()), ipam.privateScopeId);
      if (home.equals(scope.id) && ipam.operatingRegions.contains(ctx.region())) {
        inScope.add(a);
      }
    }
    List<IpamResourceCidr> out = new ArrayList<>();
    for (VpcLookups.Addressed a : inScope) {
      boolean ignored = st.ignored.contains(key(a.resourceId(), a.cidr()));
      PoolRecords.Allocation alloc =
          st.allocations.values().stream()
              .filter(
                  x -> a.resourceId().equals(x.resourceId) && x.block.toString().equals(a.cidr()))
              .findFirst()
              .orElse(null);
      Map<String, String> tags = new LinkedHashMap<>();
      ctx.tags().sdkTags(a.resourceId()).forEach(t -> tags.put(t.key(), t.value()));
      String management = ignored ? "ignored" : alloc != null ? "managed" : "unmanaged";
      String compliance =
          ignored
              ? "ignored"
              : alloc == null
                  ? "unmanaged"
                  : compliant(st, alloc, tags) ? "compliant" : "noncompliant";
      String overlap =
          ignored ? "ignored" : overlaps(st, a, inScope) ? "overlapping" : "nonoverlapping";
      out.add(
          IpamResourceCidr.builder()
              .ipamId(ipam.id)
              .ipamScopeId(scope.id)
              .ipamPoolId(alloc == null ? null : alloc.poolId)
              .resourceRegion(ctx.region())
              .resourceOwnerId(ctx.account())
              .resourceId(a.resourceId())
              .resourceName(tags.get("Name"))
              .resourceCidr(a.cidr())
              .resourceType(a.type())
              .resourceTags(
                  tags.entrySet().stream()
                      .map(
                          e ->
                              IpamResourceTag.builder().key(e.getKey()).value(e.getValue()).build())
                      .toList())
              .ipUsage(a.usage())
              .complianceStatus(compliance)
              .managementState(management)
              .overlapStatus(overlap)
              .vpcId(a.vpcId())
              .availabilityZoneId(a.zone())
              .build());
    }
    return out;
  }

  private static boolean compliant(
      IpamState st, PoolRecords.Allocation alloc, Map<String, String> tags) {
    PoolRecords.Pool pool = st.pools.get(alloc.poolId);
    if (pool == null) {
      return false;
    }
    int len = alloc.block.prefix();
    if ((pool.minNetmask != null && len < pool.minNetmask)
        || (pool.maxNetmask != null && len > pool.maxNetmask)) {
      return false;
    }
    for (var required : pool.resourceTags.entrySet()) {
      String v = tags.get(required.getKey());
      if (v == null || (!required.getValue().isEmpty() && !required.getValue().equals(v))) {
        return false;
      }
    }
    return true;
  }

  /** A VPC CIDR against other VPCs' CIDRs; a subnet CIDR against other VPCs' subnets. */
  private static boolean overlaps(
      IpamState st, VpcLookups.Addressed a, List<VpcLookups.Addressed> all) {
    IpBlock block = IpBlock.parseOrNull(a.cidr());
    for (VpcLookups.Addressed o : all) {
      if (o.type().equals(a.type())
          && !o.vpcId().equals(a.vpcId())
          && !st.ignored.contains(key(o.resourceId(), o.cidr()))) {
        IpBlock other = IpBlock.parseOrNull(o.cidr());
        if (block != null && other != null && block.overlaps(other)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Brings the address history up to date with what exists now: IPAM samples resources, so a CIDR
   * is first seen at the first call after it appeared, and ends at the first call after it went.
   */
  static void sample(IpamState st, List<VpcLookups.Addressed> addressed) {
    long now = System.currentTimeMillis();
    java.util.Set<String> live = new java.util.HashSet<>();
    for (VpcLookups.Addressed a : addressed) {
      live.add(key(a.resourceId(), a.cidr()));
    }
    java.util.Set<String> open = new java.util.HashSet<>();
    for (PoolRecords.History h : st.history) {
      if (h.end == 0) {
        if (live.contains(key(h.resourceId, h.cidr))) {
          open.add(key(h.resourceId, h.cidr));
        } else {
          h.end = now;
        }
      }
    }
    for (VpcLookups.Addressed a : addressed) {
      if (!open.contains(key(a.resourceId(), a.cidr()))) {
        st.history.add(new PoolRecords.History(a.resourceId(), a.type(), a.cidr(), a.vpcId(), now));
      }
    }
  }
}
