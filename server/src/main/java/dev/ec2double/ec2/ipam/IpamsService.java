package dev.ec2double.ec2.ipam;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AddIpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.CreateIpamRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamScopeRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamScopeResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamScopeRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamScopeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamScopesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamScopesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamsResponse;
import software.amazon.awssdk.services.ec2.model.DisableIpamOrganizationAdminAccountRequest;
import software.amazon.awssdk.services.ec2.model.DisableIpamOrganizationAdminAccountResponse;
import software.amazon.awssdk.services.ec2.model.EnableIpamOrganizationAdminAccountRequest;
import software.amazon.awssdk.services.ec2.model.EnableIpamOrganizationAdminAccountResponse;
import software.amazon.awssdk.services.ec2.model.ExternalAuthorityConfiguration;
import software.amazon.awssdk.services.ec2.model.ModifyIpamRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamResponse;
import software.amazon.awssdk.services.ec2.model.ModifyIpamScopeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamScopeResponse;
import software.amazon.awssdk.services.ec2.model.RemoveIpamOperatingRegion;

/**
 * CreateIpam (with its default private and public scopes and its default resource discovery, as AWS
 * makes them), DescribeIpams, ModifyIpam, DeleteIpam (Cascade removes scopes and pools; without it,
 * an IPAM with pools or custom scopes is refused); the scope calls; the organization's delegated
 * administrator. Records: an IPAM plans addresses, it carries no traffic.
 * https://docs.aws.amazon.com/vpc/latest/ipam/what-it-is-ipam.html
 */
public final class IpamsService {
  public IpamsService(Resources resources) {
    Ipams.IPAM.registerTaggable(resources);
    Ipams.SCOPE.registerTaggable(resources);
    Ipams.DISCOVERY.registerTaggable(resources);
    Ipams.ASSOCIATION.registerTaggable(resources);
    Ipams.TOKEN.registerTaggable(resources);
    IpamPools.KIND.registerTaggable(resources);
    IpamPolicies.POLICY.registerTaggable(resources);
    IpamPolicies.RESOLVER.registerTaggable(resources);
    IpamPolicies.TARGET.registerTaggable(resources);
    PublicPools.KIND.registerTaggable(resources);
    PublicPools.IPV6.registerTaggable(resources);
    PublicPools.COIP.registerTaggable(resources);
    InternetRegistries.KIND.registerTaggable(resources);
    resources.register(
        new Resources.Kind(
            "ipam-pool-alloc",
            "ipam-pool-allocation",
            "InvalidIpamPoolAllocationId.NotFound",
            (state, id) -> {
              IpamState st = IpamState.of(state);
              synchronized (st) {
                return st.allocations.containsKey(id);
              }
            }));
  }

  public CreateIpamResponse createIpam(RequestContext ctx, CreateIpamRequest req) {
    List<String> regions =
        regionNames(req.operatingRegions().stream().map(AddIpamOperatingRegion::regionName));
    String tier = tier(req.tierAsString());
    var tags = Ipams.IPAM.tags(req.tagSpecifications());
    IpamState st = IpamState.of(ctx.state());
    IpamRecords.Ipam ipam;
    synchronized (st) {
      ipam =
          Ipams.IPAM.create(
              ctx,
              tags,
              id -> {
                var r = new IpamRecords.Ipam(id);
                r.description = req.description();
                r.tier = tier;
                r.enablePrivateGua = Boolean.TRUE.equals(req.enablePrivateGua());
                r.meteredAccount =
                    req.meteredAccountAsString() == null
                        ? "ipam-owner"
                        : req.meteredAccountAsString();
                r.operatingRegions.add(ctx.region());
                regions.stream()
                    .filter(n -> !n.equals(ctx.region()))
                    .forEach(r.operatingRegions::add);
                return r;
              });
      ipam.privateScopeId = defaultScope(ctx, ipam.id, "private");
      ipam.publicScopeId = defaultScope(ctx, ipam.id, "public");
      var discovery =
          Ipams.DISCOVERY.create(ctx, List.of(), id -> new IpamRecords.Discovery(id, true));
      discovery.operatingRegions.addAll(ipam.operatingRegions);
      ipam.defaultDiscoveryId = discovery.id;
      ipam.defaultAssociationId =
          Ipams.ASSOCIATION.create(
                  ctx,
                  List.of(),
                  id -> new IpamRecords.DiscoveryAssociation(id, ipam.id, discovery.id, true))
              .id;
    }
    return CreateIpamResponse.builder()
        .ipam(Ipams.IPAM.view(ctx, ipam).toBuilder().state("create-in-progress").build())
        .build();
  }

  private static String defaultScope(RequestContext ctx, String ipamId, String type) {
    return Ipams.SCOPE.create(ctx, List.of(), id -> new IpamRecords.Scope(id, ipamId, type, true))
        .id;
  }

  public DescribeIpamsResponse describeIpams(RequestContext ctx, DescribeIpamsRequest req) {
    var page =
        Ipams.IPAM.describe(ctx, req.ipamIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeIpamsResponse.builder().ipams(page.items()).nextToken(page.nextToken()).build();
  }

  public ModifyIpamResponse modifyIpam(RequestContext ctx, ModifyIpamRequest req) {
    List<String> add =
        regionNames(req.addOperatingRegions().stream().map(AddIpamOperatingRegion::regionName));
    List<String> remove =
        regionNames(
            req.removeOperatingRegions().stream().map(RemoveIpamOperatingRegion::regionName));
    String tier = req.tierAsString() == null ? null : tier(req.tierAsString());
    IpamRecords.Ipam ipam =
        Ipams.IPAM.modify(
            ctx,
            req.ipamId(),
            r -> {
              if (remove.contains(ctx.region())) {
                throw AwsException.invalidParameterValue(
                    "The IPAM's home region " + ctx.region() + " cannot be removed.");
              }
              if (req.description() != null) {
                r.description = req.description();
              }
              if (tier != null) {
                r.tier = tier;
              }
              if (req.enablePrivateGua() != null) {
                r.enablePrivateGua = req.enablePrivateGua();
              }
              if (req.meteredAccountAsString() != null) {
                r.meteredAccount = req.meteredAccountAsString();
              }
              add.stream()
                  .filter(n -> !r.operatingRegions.contains(n))
                  .forEach(r.operatingRegions::add);
              r.operatingRegions.removeAll(remove);
              r.state = "modify-complete";
              return r;
            });
    return ModifyIpamResponse.builder()
        .ipam(Ipams.IPAM.view(ctx, ipam).toBuilder().state("modify-in-progress").build())
        .build();
  }

  /**
   * Without Cascade, an IPAM whose scopes hold pools, or that has scopes of its own, is refused;
   * with it, its scopes, pools, allocations and default discovery go with it.
   */
  public DeleteIpamResponse deleteIpam(RequestContext ctx, DeleteIpamRequest req) {
    if (req.ipamId() == null) {
      throw AwsException.missingParameter("IpamId");
    }
    IpamState st = IpamState.of(ctx.state());
    var view =
        Ipams.IPAM.modify(
            ctx,
            req.ipamId(),
            ipam -> {
              boolean pools = st.pools.values().stream().anyMatch(p -> p.ipamId.equals(ipam.id));
              boolean scopes =
                  st.scopes.values().stream()
                      .anyMatch(s -> s.ipamId.equals(ipam.id) && !s.isDefault);
              if ((pools || scopes) && !Boolean.TRUE.equals(req.cascade())) {
                throw new AwsException(
                    "InvalidIpamState",
                    "The IPAM "
                        + ipam.id
                        + " has pools or custom scopes: delete them first, or ask for Cascade.");
              }
              var v = Ipams.IPAM.view(ctx, ipam).toBuilder().state("delete-in-progress").build();
              st.pools.values().stream()
                  .filter(p -> p.ipamId.equals(ipam.id))
                  .map(p -> p.id)
                  .toList()
                  .forEach(id -> IpamPools.drop(ctx, st, id));
              st.scopes.values().removeIf(s -> s.ipamId.equals(ipam.id));
              st.associations.values().removeIf(a -> a.ipamId.equals(ipam.id));
              st.discoveries.remove(ipam.defaultDiscoveryId);
              st.ipams.remove(ipam.id);
              return v;
            });
    ctx.tags().drop(req.ipamId());
    return DeleteIpamResponse.builder().ipam(view).build();
  }

  public CreateIpamScopeResponse createIpamScope(RequestContext ctx, CreateIpamScopeRequest req) {
    if (req.ipamId() == null) {
      throw AwsException.missingParameter("IpamId");
    }
    var tags = Ipams.SCOPE.tags(req.tagSpecifications());
    IpamState st = IpamState.of(ctx.state());
    IpamRecords.Scope scope;
    synchronized (st) {
      String ipamId = Ipams.IPAM.get(ctx.state(), req.ipamId()).id;
      scope =
          Ipams.SCOPE.create(
              ctx,
              tags,
              id -> {
                var s = new IpamRecords.Scope(id, ipamId, "private", false);
                s.description = req.description();
                external(s, req.externalAuthorityConfiguration());
                return s;
              });
    }
    return CreateIpamScopeResponse.builder()
        .ipamScope(Ipams.SCOPE.view(ctx, scope).toBuilder().state("create-in-progress").build())
        .build();
  }

  private static void external(IpamRecords.Scope s, ExternalAuthorityConfiguration c) {
    if (c == null) {
      return;
    }
    if (c.typeAsString() == null || c.externalResourceIdentifier() == null) {
      throw AwsException.missingParameter(
          c.typeAsString() == null
              ? "ExternalAuthorityConfiguration.Type"
              : "ExternalAuthorityConfiguration.ExternalResourceIdentifier");
    }
    s.externalType = c.typeAsString();
    s.externalId = c.externalResourceIdentifier();
  }

  public DescribeIpamScopesResponse describeIpamScopes(
      RequestContext ctx, DescribeIpamScopesRequest req) {
    var page =
        Ipams.SCOPE.describe(
            ctx, req.ipamScopeIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeIpamScopesResponse.builder()
        .ipamScopes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyIpamScopeResponse modifyIpamScope(RequestContext ctx, ModifyIpamScopeRequest req) {
    var scope =
        Ipams.SCOPE.modify(
            ctx,
            req.ipamScopeId(),
            s -> {
              if (req.description() != null) {
                s.description = req.description();
              }
              if (Boolean.TRUE.equals(req.removeExternalAuthorityConfiguration())) {
                s.externalType = null;
                s.externalId = null;
              } else {
                external(s, req.externalAuthorityConfiguration());
              }
              s.state = "modify-complete";
              return s;
            });
    return ModifyIpamScopeResponse.builder()
        .ipamScope(Ipams.SCOPE.view(ctx, scope).toBuilder().state("modify-in-progress").build())
        .build();
  }

  public DeleteIpamScopeResponse deleteIpamScope(RequestContext ctx, DeleteIpamScopeRequest req) {
    if (req.ipamScopeId() == null) {
      throw AwsException.missingParameter("IpamScopeId");
    }
    IpamState st = IpamState.of(ctx.state());
    var view =
        Ipams.SCOPE.modify(
            ctx,
            req.ipamScopeId(),
            s -> {
              if (s.isDefault) {
                throw AwsException.invalidParameterValue(
                    "The scope " + s.id + " is a default scope of its IPAM and cannot be deleted.");
              }
              if (st.pools.values().stream().anyMatch(p -> p.scopeId.equals(s.id))) {
                throw new AwsException(
                    "InvalidIpamScope.NotEmpty",
                    "The scope " + s.id + " still has pools: delete them first.");
              }
              var v = Ipams.SCOPE.view(ctx, s).toBuilder().state("delete-in-progress").build();
              st.scopes.remove(s.id);
              return v;
            });
    ctx.tags().drop(req.ipamScopeId());
    return DeleteIpamScopeResponse.builder().ipamScope(view).build();
  }

  public EnableIpamOrganizationAdminAccountResponse enableIpamOrganizationAdminAccount(
      RequestContext ctx, EnableIpamOrganizationAdminAccountRequest req) {
    String account = accountId(req.delegatedAdminAccountId());
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      st.delegatedAdmin = account;
    }
    return EnableIpamOrganizationAdminAccountResponse.builder().success(true).build();
  }

  public DisableIpamOrganizationAdminAccountResponse disableIpamOrganizationAdminAccount(
      RequestContext ctx, DisableIpamOrganizationAdminAccountRequest req) {
    String account = accountId(req.delegatedAdminAccountId());
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      if (!account.equals(st.delegatedAdmin)) {
        throw AwsException.invalidParameterValue(
            "The account " + account + " is not the delegated administrator of IPAM.");
      }
      st.delegatedAdmin = null;
    }
    return DisableIpamOrganizationAdminAccountResponse.builder().success(true).build();
  }

  private static String accountId(String id) {
    if (id == null) {
      throw AwsException.missingParameter("DelegatedAdminAccountId");
    }
    if (!id.matches("\\d{12}")) {
      throw AwsException.invalidParameterValue(
          "Value (" + id + ") for parameter DelegatedAdminAccountId is invalid.");
    }
    return id;
  }

  static String tier(String tier) {
    if (tier == null) {
      return "advanced";
    }
    if (!tier.equals("free") && !tier.equals("advanced")) {
      throw AwsException.invalidParameterValue(
          "Value (" + tier + ") for parameter Tier is invalid.");
    }
    return tier;
  }

  /** Operating regions must be regions AWS has. */
  static List<String> regionNames(java.util.stream.Stream<String> names) {
    List<String> out = names.toList();
    for (String n : out) {
      if (n == null || !RegionCatalog.isRegion(n)) {
        throw AwsException.invalidParameterValue("The operating region '" + n + "' is invalid.");
      }
    }
    return out;
  }

  static String newToken() {
    return Ids.next("token").substring(6);
  }
}
