package dev.ec2double.ec2.ipam;

import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.CreateTags;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateIpamPoolRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamPoolResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPoolRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPoolResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPoolsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPoolsResponse;
import software.amazon.awssdk.services.ec2.model.IpamPool;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPoolRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPoolResponse;
import software.amazon.awssdk.services.ec2.model.RequestIpamResourceTag;

/**
 * CreateIpamPool, DescribeIpamPools, ModifyIpamPool, DeleteIpamPool: pools in a scope, nested under
 * a source pool (depth up to 10, same family and scope, the source's locale), with the allocation
 * rules (netmask lengths, resource tags) every allocation from them is held to. The CIDR and
 * allocation calls are {@link PoolCidrsService}.
 * https://docs.aws.amazon.com/vpc/latest/ipam/create-top-ipam.html
 */
public final class IpamPoolsService {
  static final int MAX_DEPTH = 10;

  public CreateIpamPoolResponse createIpamPool(RequestContext ctx, CreateIpamPoolRequest req) {
    if (req.ipamScopeId() == null) {
      throw AwsException.missingParameter("IpamScopeId");
    }
    String family = req.addressFamilyAsString();
    if (family == null) {
      throw AwsException.missingParameter("AddressFamily");
    }
    if (!family.equals("ipv4") && !family.equals("ipv6")) {
      throw AwsException.invalidParameterValue(
          "Value (" + family + ") for parameter AddressFamily is invalid.");
    }
    boolean v6 = family.equals("ipv6");
    if (req.publiclyAdvertisable() != null && !v6) {
      throw AwsException.invalidParameterCombination(
          "PubliclyAdvertisable is only for IPv6 pools.");
    }
    var tags = IpamPools.KIND.tags(req.tagSpecifications());
    IpamState st = IpamState.of(ctx.state());
    PoolRecords.Pool pool;
    synchronized (st) {
      IpamRecords.Scope scope = Ipams.SCOPE.get(ctx.state(), req.ipamScopeId());
      IpamRecords.Ipam ipam = st.ipams.get(scope.ipamId);
      String locale = req.locale() == null || req.locale().equals("None") ? null : req.locale();
      if (locale != null && !ipam.operatingRegions.contains(locale)) {
        throw AwsException.invalidParameterValue(
            "The locale " + locale + " is not an operating region of IPAM " + ipam.id + ".");
      }
      int depth = 1;
      if (req.sourceIpamPoolId() != null) {
        PoolRecords.Pool source = IpamPools.KIND.get(ctx.state(), req.sourceIpamPoolId());
        if (!source.scopeId.equals(scope.id) || !source.addressFamily.equals(family)) {
          throw AwsException.invalidParameterValue(
              "The source pool "
                  + source.id
                  + " must be in scope "
                  + scope.id
                  + " and of address family "
                  + family
                  + ".");
        }
        if (source.locale != null && !source.locale.equals(locale)) {
          throw AwsException.invalidParameterValue(
              "The pool's locale must be its source pool's: " + source.locale + ".");
        }
        depth = source.depth + 1;
        if (depth > MAX_DEPTH) {
          throw AwsException.invalidParameterValue(
              "Pools may be nested " + MAX_DEPTH + " deep at most.");
        }
      }
      int finalDepth = depth;
      pool =
          IpamPools.KIND.create(
              ctx,
              tags,
              id -> {
                var p = new PoolRecords.Pool(id, scope, req.sourceIpamPoolId(), family, finalDepth);
                p.locale = locale;
                p.description = req.description();
                p.autoImport = Boolean.TRUE.equals(req.autoImport());
                p.publiclyAdvertisable =
                    v6 ? !Boolean.FALSE.equals(req.publiclyAdvertisable()) : null;
                p.awsService = req.awsServiceAsString();
                p.publicIpSource =
                    req.publicIpSourceAsString() != null
                        ? req.publicIpSourceAsString()
                        : scope.type.equals("public") && v6 ? "byoip" : null;
                rules(
                    p,
                    req.allocationMinNetmaskLength(),
                    req.allocationMaxNetmaskLength(),
                    req.allocationDefaultNetmaskLength(),
                    false);
                addTags(p, req.allocationResourceTags());
                return p;
              });
    }
    return CreateIpamPoolResponse.builder()
        .ipamPool(IpamPools.KIND.view(ctx, pool).toBuilder().state("create-in-progress").build())
        .build();
  }

  /** Netmask rules: each within the family's bits, min ≤ default ≤ max. */
  private static void rules(
      PoolRecords.Pool p, Integer min, Integer max, Integer dflt, boolean clearDefault) {
    int bits = p.ipv6() ? 128 : 32;
    Integer newMin = min != null ? min : p.minNetmask;
    Integer newMax = max != null ? max : p.maxNetmask;
    Integer newDefault = clearDefault ? null : dflt != null ? dflt : p.defaultNetmask;
    for (Integer v : new Integer[] {newMin, newMax, newDefault}) {
      if (v != null && (v < 0 || v > bits)) {
        throw AwsException.invalidParameterValue(
            "The netmask length " + v + " is not valid for an " + p.addressFamily + " pool.");
      }
    }
    int lo = newMin == null ? 0 : newMin;
    int hi = newMax == null ? bits : newMax;
    if (lo > hi || (newDefault != null && (newDefault < lo || newDefault > hi))) {
      throw AwsException.invalidParameterValue(
          "The allocation netmask lengths must satisfy min <= default <= max.");
    }
    p.minNetmask = newMin;
    p.maxNetmask = newMax;
    p.defaultNetmask = newDefault;
  }

  private static void addTags(PoolRecords.Pool p, List<RequestIpamResourceTag> tags) {
    for (RequestIpamResourceTag t : tags) {
      if (t.key() == null) {
        throw AwsException.missingParameter("AllocationResourceTag.Key");
      }
      p.resourceTags.put(t.key(), t.value() == null ? "" : t.value());
    }
  }

  public DescribeIpamPoolsResponse describeIpamPools(
      RequestContext ctx, DescribeIpamPoolsRequest req) {
    var page =
        IpamPools.KIND.describe(
            ctx, req.ipamPoolIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeIpamPoolsResponse.builder()
        .ipamPools(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyIpamPoolResponse modifyIpamPool(RequestContext ctx, ModifyIpamPoolRequest req) {
    if (Boolean.TRUE.equals(req.clearAllocationDefaultNetmaskLength())
        && req.allocationDefaultNetmaskLength() != null) {
      throw AwsException.invalidParameterCombination(
          "ClearAllocationDefaultNetmaskLength and AllocationDefaultNetmaskLength cannot both be"
              + " given.");
    }
    var pool =
        IpamPools.KIND.modify(
            ctx,
            req.ipamPoolId(),
            p -> {
              rules(
                  p,
                  req.allocationMinNetmaskLength(),
                  req.allocationMaxNetmaskLength(),
                  req.allocationDefaultNetmaskLength(),
                  Boolean.TRUE.equals(req.clearAllocationDefaultNetmaskLength()));
              if (req.description() != null) {
                p.description = req.description();
              }
              if (req.autoImport() != null) {
                p.autoImport = req.autoImport();
              }
              addTags(p, req.addAllocationResourceTags());
              req.removeAllocationResourceTags().forEach(t -> p.resourceTags.remove(t.key()));
              p.state = "modify-complete";
              return p;
            });
    return ModifyIpamPoolResponse.builder()
        .ipamPool(IpamPools.KIND.view(ctx, pool).toBuilder().state("modify-in-progress").build())
        .build();
  }

  /**
   * A pool with provisioned CIDRs, allocations or child pools is refused, unless Cascade asks for
   * all of it to go.
   */
  public DeleteIpamPoolResponse deleteIpamPool(RequestContext ctx, DeleteIpamPoolRequest req) {
    if (req.ipamPoolId() == null) {
      throw AwsException.missingParameter("IpamPoolId");
    }
    IpamState st = IpamState.of(ctx.state());
    IpamPool view;
    synchronized (st) {
      PoolRecords.Pool p = IpamPools.KIND.get(ctx.state(), req.ipamPoolId());
      boolean children = st.pools.values().stream().anyMatch(c -> p.id.equals(c.sourcePoolId));
      boolean used = !p.provisioned().isEmpty() || !PoolAllocator.taken(st, p.id).isEmpty();
      if ((children || used) && !Boolean.TRUE.equals(req.cascade())) {
        throw new AwsException(
            "InvalidIpamPoolState",
            "The pool "
                + p.id
                + " has "
                + (children ? "child pools" : "provisioned CIDRs or allocations")
                + ": deprovision and release them first, or ask for Cascade.");
      }
      view = IpamPools.KIND.view(ctx, p).toBuilder().state("delete-in-progress").build();
      IpamPools.drop(ctx, st, p.id);
    }
    return DeleteIpamPoolResponse.builder().ipamPool(view).build();
  }

  static List<software.amazon.awssdk.services.ec2.model.Tag> allocationTags(
      List<software.amazon.awssdk.services.ec2.model.TagSpecification> specs) {
    return CreateTags.of(specs, "ipam-pool-allocation");
  }

  static <T> Pages.Page<T> page(RequestContext ctx, List<T> all, Integer max, String token) {
    return Pages.page(ctx.action(), new ArrayList<>(all), max, token);
  }

  static String cidrId() {
    return Ids.next("ipam-pool-cidr");
  }
}
