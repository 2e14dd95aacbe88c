package dev.ec2double.ec2.ipam;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.GetIpamAddressHistoryRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamAddressHistoryResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamDiscoveredAccountsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamDiscoveredAccountsResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamDiscoveredPublicAddressesRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamDiscoveredPublicAddressesResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamDiscoveredResourceCidrsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamDiscoveredResourceCidrsResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamDiscoveredRoutesRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamDiscoveredRoutesResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamResourceCidrsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamResourceCidrsResponse;
import software.amazon.awssdk.services.ec2.model.IpamAddressHistoryRecord;
import software.amazon.awssdk.services.ec2.model.IpamDiscoveredAccount;
import software.amazon.awssdk.services.ec2.model.IpamDiscoveredPublicAddress;
import software.amazon.awssdk.services.ec2.model.IpamDiscoveredResourceCidr;
import software.amazon.awssdk.services.ec2.model.IpamDiscoveredRoute;
import software.amazon.awssdk.services.ec2.model.IpamResourceCidr;
import software.amazon.awssdk.services.ec2.model.ModifyIpamResourceCidrRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamResourceCidrResponse;

/**
 * What IPAM sees of the region: GetIpamResourceCidrs and ModifyIpamResourceCidr (the VPCs' and
 * subnets' CIDRs with their management, compliance and overlap, {@link IpamResources}),
 * GetIpamAddressHistory (sampled at each of these calls), and what a resource discovery found:
 * resource CIDRs, the account, the public addresses drawn from public IPv4 pools, the advertised
 * BYOIP routes. Only this region's resources are known: other regions are other states.
 */
public final class IpamResourcesService {
  public GetIpamResourceCidrsResponse getIpamResourceCidrs(
      RequestContext ctx, GetIpamResourceCidrsRequest req) {
    var filter = IpamResources.FILTERS.compile(req.filters());
    if (req.ipamScopeId() == null) {
      throw AwsException.missingParameter("IpamScopeId");
    }
    List<VpcLookups.Addressed> addressed = VpcLookups.addressed(ctx.state());
    IpamState st = IpamState.of(ctx.state());
    List<IpamResourceCidr> all;
    synchronized (st) {
      IpamRecords.Scope scope = Ipams.SCOPE.get(ctx.state(), req.ipamScopeId());
      if (req.ipamPoolId() != null) {
        IpamPools.KIND.get(ctx.state(), req.ipamPoolId());
      }
      IpamResources.sample(st, addressed);
      all =
          IpamResources.of(ctx, st, scope, addressed).stream()
              .filter(r -> req.ipamPoolId() == null || req.ipamPoolId().equals(r.ipamPoolId()))
              .filter(r -> req.resourceId() == null || req.resourceId().equals(r.resourceId()))
              .filter(
                  r ->
                      req.resourceTypeAsString() == null
                          || req.resourceTypeAsString().equals(r.resourceTypeAsString()))
              .filter(
                  r ->
                      req.resourceOwner() == null
                          || req.resourceOwner().equals(r.resourceOwnerId()))
              .filter(
                  r ->
                      req.resourceTag() == null
                          || r.resourceTags().stream()
                              .anyMatch(
                                  t ->
                                      t.key().equals(req.resourceTag().key())
                                          && (req.resourceTag().value() == null
                                              || req.resourceTag().value().equals(t.value()))))
              .filter(filter)
              .toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamResourceCidrsResponse.builder()
        .ipamResourceCidrs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Monitored=false ignores the CIDR; DestinationIpamScopeId moves it to another scope. */
  public ModifyIpamResourceCidrResponse modifyIpamResourceCidr(
      RequestContext ctx, ModifyIpamResourceCidrRequest req) {
    for (String[] p :
        new String[][] {
          {"ResourceId", req.resourceId()},
          {"ResourceCidr", req.resourceCidr()},
          {"ResourceRegion", req.resourceRegion()},
          {"CurrentIpamScopeId", req.currentIpamScopeId()},
          {"Monitored", req.monitored() == null ? null : "set"}
        }) {
      if (p[1] == null) {
        throw AwsException.missingParameter(p[0]);
      }
    }
    List<VpcLookups.Addressed> addressed = VpcLookups.addressed(ctx.state());
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      IpamRecords.Scope current = Ipams.SCOPE.get(ctx.state(), req.currentIpamScopeId());
      IpamRecords.Scope target =
          req.destinationIpamScopeId() == null
              ? current
              : Ipams.SCOPE.get(ctx.state(), req.destinationIpamScopeId());
      if (!target.ipamId.equals(current.ipamId) || !target.type.equals("private")) {
        throw AwsException.invalidParameterValue(
            "The destination scope must be a private scope of the same IPAM.");
      }
      String key = IpamResources.key(req.resourceId(), req.resourceCidr());
      boolean found =
          IpamResources.of(ctx, st, current, addressed).stream()
              .anyMatch(
                  r ->
                      r.resourceId().equals(req.resourceId())
                          && r.resourceCidr().equals(req.resourceCidr())
                          && r.resourceRegion().equals(req.resourceRegion()));
      if (!found) {
        throw new AwsException(
            "InvalidIpamResourceCidr.NotFound",
            "The resource CIDR "
                + req.resourceCidr()
                + " of "
                + req.resourceId()
                + " is not in scope "
                + current.id
                + ".");
      }
      if (req.monitored()) {
        st.ignored.remove(key);
      } else {
        st.ignored.add(key);
      }
      if (!target.id.equals(current.id)) {
        st.movedTo.put(key, target.id);
      }
      IpamResourceCidr answer =
          IpamResources.of(ctx, st, target, addressed).stream()
              .filter(
                  r ->
                      r.resourceId().equals(req.resourceId())
                          && r.resourceCidr().equals(req.resourceCidr()))
              .findFirst()
              .orElseThrow();
      return ModifyIpamResourceCidrResponse.builder().ipamResourceCidr(answer).build();
    }
  }

  public GetIpamAddressHistoryResponse getIpamAddressHistory(
      RequestContext ctx, GetIpamAddressHistoryRequest req) {
    if (req.cidr() == null || req.ipamScopeId() == null) {
      throw AwsException.missingParameter(req.cidr() == null ? "Cidr" : "IpamScopeId");
    }
    IpBlock asked = IpBlock.parseOrNull(req.cidr());
    if (asked == null) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.cidr() + ") for parameter Cidr is invalid.");
    }
    long from = req.startTime() == null ? 0 : req.startTime().toEpochMilli();
    long to = req.endTime() == null ? Long.MAX_VALUE : req.endTime().toEpochMilli();
    List<VpcLookups.Addressed> addressed = VpcLookups.addressed(ctx.state());
    IpamState st = IpamState.of(ctx.state());
    List<IpamAddressHistoryRecord> all = new ArrayList<>();
    synchronized (st) {
      IpamRecords.Scope scope = Ipams.SCOPE.get(ctx.state(), req.ipamScopeId());
      IpamResources.sample(st, addressed);
      var now = IpamResources.of(ctx, st, scope, addressed);
      for (PoolRecords.History h : st.history) {
        IpBlock b = IpBlock.parseOrNull(h.cidr);
        long end = h.end == 0 ? Long.MAX_VALUE : h.end;
        if (b == null
            || !b.overlaps(asked)
            || (req.vpcId() != null && !req.vpcId().equals(h.vpcId))
            || end < from
            || h.start > to) {
          continue;
        }
        IpamResourceCidr current =
            now.stream()
                .filter(r -> r.resourceId().equals(h.resourceId) && r.resourceCidr().equals(h.cidr))
                .findFirst()
                .orElse(null);
        all.add(
            IpamAddressHistoryRecord.builder()
                .resourceOwnerId(ctx.account())
                .resourceRegion(ctx.region())
                .resourceType(h.resourceType)
                .resourceId(h.resourceId)
                .resourceCidr(h.cidr)
                .resourceName(current == null ? null : current.resourceName())
                .resourceComplianceStatus(
                    current == null ? null : current.complianceStatusAsString())
                .resourceOverlapStatus(current == null ? null : current.overlapStatusAsString())
                .vpcId(h.vpcId)
                .sampledStartTime(Instant.ofEpochMilli(h.start))
                .sampledEndTime(h.end == 0 ? null : Instant.ofEpochMilli(h.end))
                .build());
      }
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamAddressHistoryResponse.builder()
        .historyRecords(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static final FilterSpec<IpamDiscoveredResourceCidr> DISCOVERED_FILTERS =
      FilterSpec.<IpamDiscoveredResourceCidr>of()
          .field("resource-id", IpamDiscoveredResourceCidr::resourceId)
          .field("resource-type", IpamDiscoveredResourceCidr::resourceTypeAsString)
          .field("resource-cidr", IpamDiscoveredResourceCidr::resourceCidr)
          .field("resource-owner-id", IpamDiscoveredResourceCidr::resourceOwnerId)
          .field("vpc-id", IpamDiscoveredResourceCidr::vpcId);

  /** The discovery must exist and operate in the region asked about. */
  private static IpamRecords.Discovery discovery(RequestContext ctx, String id, String region) {
    if (id == null || region == null) {
      throw AwsException.missingParameter(id == null ? "IpamResourceDiscoveryId" : "Region");
    }
    IpamRecords.Discovery d = Ipams.DISCOVERY.get(ctx.state(), id);
    if (!d.operatingRegions.contains(region)) {
      throw AwsException.invalidParameterValue(
          "The region " + region + " is not an operating region of " + d.id + ".");
    }
    return d;
  }

  public GetIpamDiscoveredResourceCidrsResponse getIpamDiscoveredResourceCidrs(
      RequestContext ctx, GetIpamDiscoveredResourceCidrsRequest req) {
    var filter = DISCOVERED_FILTERS.compile(req.filters());
    discovery(ctx, req.ipamResourceDiscoveryId(), req.resourceRegion());
    Instant now = Instant.now();
    List<IpamDiscoveredResourceCidr> all =
        !req.resourceRegion().equals(ctx.region())
            ? List.of()
            : VpcLookups.addressed(ctx.state()).stream()
                .map(
                    a ->
                        IpamDiscoveredResourceCidr.builder()
                            .ipamResourceDiscoveryId(req.ipamResourceDiscoveryId())
                            .resourceRegion(ctx.region())
                            .resourceId(a.resourceId())
                            .resourceOwnerId(ctx.account())
                            .resourceCidr(a.cidr())
                            .ipSource("none")
                            .resourceType(a.type())
                            .ipUsage(a.usage())
                            .vpcId(a.vpcId())
                            .subnetId(a.type().equals("subnet") ? a.resourceId() : null)
                            .sampleTime(now)
                            .build())
                .filter(filter)
                .toList();
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamDiscoveredResourceCidrsResponse.builder()
        .ipamDiscoveredResourceCidrs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static final FilterSpec<IpamDiscoveredAccount> ACCOUNT_FILTERS =
      FilterSpec.<IpamDiscoveredAccount>of()
          .field("account-id", IpamDiscoveredAccount::accountId)
          .field("discovery-region", IpamDiscoveredAccount::discoveryRegion);

  public GetIpamDiscoveredAccountsResponse getIpamDiscoveredAccounts(
      RequestContext ctx, GetIpamDiscoveredAccountsRequest req) {
    var filter = ACCOUNT_FILTERS.compile(req.filters());
    discovery(ctx, req.ipamResourceDiscoveryId(), req.discoveryRegion());
    Instant now = Instant.now();
    List<IpamDiscoveredAccount> all =
        java.util.stream.Stream.of(
                IpamDiscoveredAccount.builder()
                    .accountId(ctx.account())
                    .discoveryRegion(req.discoveryRegion())
                    .lastAttemptedDiscoveryTime(now)
                    .lastSuccessfulDiscoveryTime(now)
                    .build())
            .filter(filter)
            .toList();
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamDiscoveredAccountsResponse.builder()
        .ipamDiscoveredAccounts(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static final FilterSpec<IpamDiscoveredPublicAddress> ADDRESS_FILTERS =
      FilterSpec.<IpamDiscoveredPublicAddress>of()
          .field("address", IpamDiscoveredPublicAddress::address)
          .field("address-type", IpamDiscoveredPublicAddress::addressTypeAsString)
          .field("address-allocation-id", IpamDiscoveredPublicAddress::addressAllocationId)
          .field("public-ipv4-pool-id", IpamDiscoveredPublicAddress::publicIpv4PoolId);

  /** The Elastic IPs drawn from this account's public IPv4 pools (BYOIP addresses). */
  public GetIpamDiscoveredPublicAddressesResponse getIpamDiscoveredPublicAddresses(
      RequestContext ctx, GetIpamDiscoveredPublicAddressesRequest req) {
    var filter = ADDRESS_FILTERS.compile(req.filters());
    discovery(ctx, req.ipamResourceDiscoveryId(), req.addressRegion());
    Instant now = Instant.now();
    IpamState st = IpamState.of(ctx.state());
    List<IpamDiscoveredPublicAddress> all = new ArrayList<>();
    synchronized (st) {
      if (req.addressRegion().equals(ctx.region())) {
        for (ByoipRecords.PublicPool p : st.publicPools.values()) {
          p.used.forEach(
              (ip, allocationId) ->
                  all.add(
                      IpamDiscoveredPublicAddress.builder()
                          .ipamResourceDiscoveryId(req.ipamResourceDiscoveryId())
                          .addressRegion(ctx.region())
                          .address(ip)
                          .addressOwnerId(ctx.account())
                          .addressAllocationId(allocationId)
                          .addressType("byoip")
                          .publicIpv4PoolId(p.id)
                          .networkBorderGroup(ctx.region())
                          .sampleTime(now)
                          .build()));
        }
      }
    }
    var page =
        IpamPoolsService.page(
            ctx, all.stream().filter(filter).toList(), req.maxResults(), req.nextToken());
    return GetIpamDiscoveredPublicAddressesResponse.builder()
        .ipamDiscoveredPublicAddresses(page.items())
        .oldestSampleTime(now)
        .nextToken(page.nextToken())
        .build();
  }

  private static final FilterSpec<IpamDiscoveredRoute> ROUTE_FILTERS =
      FilterSpec.<IpamDiscoveredRoute>of()
          .field("cidr", IpamDiscoveredRoute::cidr)
          .field("asn", IpamDiscoveredRoute::asn)
          .field("state", IpamDiscoveredRoute::stateAsString);

  /** The BYOIP CIDRs this account advertises, with their origin ASN. */
  public GetIpamDiscoveredRoutesResponse getIpamDiscoveredRoutes(
      RequestContext ctx, GetIpamDiscoveredRoutesRequest req) {
    var filter = ROUTE_FILTERS.compile(req.filters());
    discovery(ctx, req.ipamResourceDiscoveryId(), req.resourceRegion());
    Instant now = Instant.now();
    IpamState st = IpamState.of(ctx.state());
    List<IpamDiscoveredRoute> all = new ArrayList<>();
    synchronized (st) {
      for (ByoipRecords.Cidr c : st.byoipCidrs.values()) {
        if (c.state.equals("advertised") && req.resourceRegion().equals(ctx.region())) {
          all.add(
              IpamDiscoveredRoute.builder()
                  .ipamResourceDiscoveryId(req.ipamResourceDiscoveryId())
                  .resourceRegion(ctx.region())
                  .resourceOwnerId(ctx.account())
                  .cidr(c.block.toString())
                  .asn(c.asn)
                  .state("advertised")
                  .advertisementType("regional")
                  .networkBorderGroup(c.networkBorderGroup)
                  .poolId(c.poolId)
                  .sampleTime(now)
                  .build());
        }
      }
    }
    var page =
        IpamPoolsService.page(
            ctx, all.stream().filter(filter).toList(), req.maxResults(), req.nextToken());
    return GetIpamDiscoveredRoutesResponse.builder()
        .ipamDiscoveredRoutes(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
