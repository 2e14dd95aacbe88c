package dev.ec2double.ec2.ipam;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateIpamPrefixListResolverRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamPrefixListResolverResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamPrefixListResolverTargetRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamPrefixListResolverTargetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPrefixListResolverRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPrefixListResolverResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPrefixListResolverTargetRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPrefixListResolverTargetResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPrefixListResolverTargetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPrefixListResolverTargetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPrefixListResolversRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPrefixListResolversResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverRulesRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverRulesResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverVersionEntriesRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverVersionEntriesResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverVersionsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverVersionsResponse;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRule;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRuleConditionRequest;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRuleRequest;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverVersion;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverVersionEntry;
import software.amazon.awssdk.services.ec2.model.IpamResourceCidr;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPrefixListResolverRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPrefixListResolverResponse;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPrefixListResolverTargetRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPrefixListResolverTargetResponse;

/**
 * Prefix list resolvers: rules (a static CIDR; the provisioned CIDRs of a scope's pools; the CIDRs
 * of a scope's VPCs and subnets) resolved to a CIDR list, a new version each time the resolver is
 * made or its rules change; targets record which managed prefix list follows which version.
 * https://docs.aws.amazon.com/vpc/latest/ipam/ipam-prefix-list-resolvers.html
 */
public final class PrefixListResolversService {
  public CreateIpamPrefixListResolverResponse createIpamPrefixListResolver(
      RequestContext ctx, CreateIpamPrefixListResolverRequest req) {
    if (req.ipamId() == null || req.addressFamilyAsString() == null) {
      throw AwsException.missingParameter(req.ipamId() == null ? "IpamId" : "AddressFamily");
    }
    String family = req.addressFamilyAsString();
    if (!family.equals("ipv4") && !family.equals("ipv6")) {
      throw AwsException.invalidParameterValue(
          "Value (" + family + ") for parameter AddressFamily is invalid.");
    }
    var tags = IpamPolicies.RESOLVER.tags(req.tagSpecifications());
    List<VpcLookups.Addressed> addressed = VpcLookups.addressed(ctx.state());
    IpamState st = IpamState.of(ctx.state());
    PolicyRecords.Resolver r;
    synchronized (st) {
      String ipamId = Ipams.IPAM.get(ctx.state(), req.ipamId()).id;
      List<PolicyRecords.Rule> rules = rules(ctx, family, req.rules());
      r =
          IpamPolicies.RESOLVER.create(
              ctx,
              tags,
              id -> {
                var x = new PolicyRecords.Resolver(id, ipamId, family);
                x.description = req.description();
                x.rules = rules;
                return x;
              });
      r.versions.add(resolve(ctx, st, r, addressed));
    }
    return CreateIpamPrefixListResolverResponse.builder()
        .ipamPrefixListResolver(
            IpamPolicies.RESOLVER.view(ctx, r).toBuilder().state("create-in-progress").build())
        .build();
  }

  private static List<PolicyRecords.Rule> rules(
      RequestContext ctx, String family, List<IpamPrefixListResolverRuleRequest> requests) {
    List<PolicyRecords.Rule> out = new ArrayList<>();
    for (IpamPrefixListResolverRuleRequest q : requests) {
      String type = q.ruleTypeAsString();
      if (type == null) {
        throw AwsException.missingParameter("Rules.RuleType");
      }
      switch (type) {
        case "static-cidr" -> {
          if (q.staticCidr() == null) {
            throw AwsException.missingParameter("Rules.StaticCidr");
          }
          PoolAllocator.block(q.staticCidr(), "StaticCidr", family.equals("ipv6"));
        }
        case "ipam-pool-cidr", "ipam-resource-cidr" -> {
          if (q.ipamScopeId() == null) {
            throw AwsException.missingParameter("Rules.IpamScopeId");
          }
          Ipams.SCOPE.get(ctx.state(), q.ipamScopeId());
        }
        default ->
            throw AwsException.invalidParameterValue(
                "Value (" + type + ") for parameter RuleType is invalid.");
      }
      List<PolicyRecords.Condition> conditions = new ArrayList<>();
      for (IpamPrefixListResolverRuleConditionRequest c : q.conditions()) {
        String op = c.operationAsString() == null ? "equals" : c.operationAsString();
        if (!Set.of("equals", "not-equals", "subnet-of").contains(op)) {
          throw AwsException.invalidParameterValue(
              "Value (" + op + ") for parameter Operation is invalid.");
        }
        conditions.add(
            new PolicyRecords.Condition(
                op,
                c.ipamPoolId(),
                c.resourceId(),
                c.resourceOwner(),
                c.resourceRegion(),
                c.resourceTag() == null ? null : c.resourceTag().key(),
                c.resourceTag() == null ? null : c.resourceTag().value(),
                c.cidr()));
      }
      out.add(
          new PolicyRecords.Rule(
              type, q.staticCidr(), q.ipamScopeId(), q.resourceTypeAsString(), conditions));
    }
    return out;
  }

  /** The CIDRs the rules name now, each once, of the resolver's address family. */
  private static List<String> resolve(
      RequestContext ctx,
      IpamState st,
      PolicyRecords.Resolver r,
      List<VpcLookups.Addressed> addressed) {
    boolean v6 = r.addressFamily.equals("ipv6");
    Set<String> out = new LinkedHashSet<>();
    for (PolicyRecords.Rule rule : r.rules) {
      switch (rule.type()) {
        case "static-cidr" -> out.add(rule.cidr());
        case "ipam-pool-cidr" -> {
          for (PoolRecords.Pool p : st.pools.values()) {
            if (p.scopeId.equals(rule.scopeId()) && p.ipv6() == v6) {
              for (IpBlock b : p.provisioned()) {
                if (rule.conditions().stream().allMatch(c -> poolMatches(c, p, b))) {
                  out.add(b.toString());
                }
              }
            }
          }
        }
        default -> {
          IpamRecords.Scope scope = st.scopes.get(rule.scopeId());
          if (scope == null) {
            continue;
          }
          for (IpamResourceCidr c : IpamResources.of(ctx, st, scope, addressed)) {
            IpBlock b = IpBlock.parseOrNull(c.resourceCidr());
            if (b != null
                && b.ipv6() == v6
                && (rule.resourceType() == null
                    || rule.resourceType().equals(c.resourceTypeAsString()))
                && rule.conditions().stream().allMatch(k -> resourceMatches(k, c, b))) {
              out.add(b.toString());
            }
          }
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static boolean compare(String op, String wanted, String actual) {
    if (wanted == null) {
      return true;
    }
    boolean equal = wanted.equals(actual);
    return op.equals("not-equals") ? !equal : equal;
  }

  private static boolean within(PolicyRecords.Condition c, IpBlock b) {
    if (c.cidr() == null) {
      return true;
    }
    IpBlock outer = IpBlock.parseOrNull(c.cidr());
    boolean inside = outer != null && outer.contains(b);
    return c.operation().equals("not-equals") ? !inside : inside;
  }

  private static boolean poolMatches(PolicyRecords.Condition c, PoolRecords.Pool p, IpBlock b) {
    return compare(c.operation(), c.poolId(), p.id) && within(c, b);
  }

  private static boolean resourceMatches(PolicyRecords.Condition c, IpamResourceCidr r, IpBlock b) {
    boolean tag =
        c.tagKey() == null
            || r.resourceTags().stream()
                    .anyMatch(
                        t ->
                            t.key().equals(c.tagKey())
                                && (c.tagValue() == null || c.tagValue().equals(t.value())))
                != c.operation().equals("not-equals");
    return compare(c.operation(), c.resourceId(), r.resourceId())
        && compare(c.operation(), c.owner(), r.resourceOwnerId())
        && compare(c.operation(), c.region(), r.resourceRegion())
        && compare(c.operation(), c.poolId(), r.ipamPoolId())
        && tag
        && within(c, b);
  }

  public DescribeIpamPrefixListResolversResponse describeIpamPrefixListResolvers(
      RequestContext ctx, DescribeIpamPrefixListResolversRequest req) {
    var page =
        IpamPolicies.RESOLVER.describe(
            ctx, req.ipamPrefixListResolverIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeIpamPrefixListResolversResponse.builder()
        .ipamPrefixListResolvers(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** New rules make a new version; targets that track the latest follow it. */
  public ModifyIpamPrefixListResolverResponse modifyIpamPrefixListResolver(
      RequestContext ctx, ModifyIpamPrefixListResolverRequest req) {
    List<VpcLookups.Addressed> addressed = VpcLookups.addressed(ctx.state());
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      PolicyRecords.Resolver r =
          IpamPolicies.RESOLVER.get(ctx.state(), req.ipamPrefixListResolverId());
      if (req.description() != null) {
        r.description = req.description();
      }
      if (req.hasRules()) {
        r.rules = rules(ctx, r.addressFamily, req.rules());
        r.versions.add(resolve(ctx, st, r, addressed));
        st.targets.values().stream()
            .filter(t -> t.resolverId.equals(r.id) && t.trackLatest)
            .forEach(t -> t.lastSynced = (long) r.versions.size());
      }
      r.state = "modify-complete";
      return ModifyIpamPrefixListResolverResponse.builder()
          .ipamPrefixListResolver(
              IpamPolicies.RESOLVER.view(ctx, r).toBuilder().state("modify-in-progress").build())
          .build();
    }
  }

  public DeleteIpamPrefixListResolverResponse deleteIpamPrefixListResolver(
      RequestContext ctx, DeleteIpamPrefixListResolverRequest req) {
    if (req.ipamPrefixListResolverId() == null) {
      throw AwsException.missingParameter("IpamPrefixListResolverId");
    }
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      var r = IpamPolicies.RESOLVER.get(ctx.state(), req.ipamPrefixListResolverId());
      if (st.targets.values().stream().anyMatch(t -> t.resolverId.equals(r.id))) {
        throw new AwsException(
            "DependencyViolation", "The resolver " + r.id + " has targets: delete them first.");
      }
      var view = IpamPolicies.RESOLVER.view(ctx, r).toBuilder().state("delete-in-progress").build();
      IpamPolicies.RESOLVER.delete(ctx, r.id);
      return DeleteIpamPrefixListResolverResponse.builder().ipamPrefixListResolver(view).build();
    }
  }

  public GetIpamPrefixListResolverRulesResponse getIpamPrefixListResolverRules(
      RequestContext ctx, GetIpamPrefixListResolverRulesRequest req) {
    var filter =
        FilterSpec.<IpamPrefixListResolverRule>of()
            .field("rule-type", IpamPrefixListResolverRule::ruleTypeAsString)
            .field("ipam-scope-id", IpamPrefixListResolverRule::ipamScopeId)
            .field("resource-type", IpamPrefixListResolverRule::resourceTypeAsString)
            .field("static-cidr", IpamPrefixListResolverRule::staticCidr)
            .compile(req.filters());
    List<IpamPrefixListResolverRule> all;
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      all =
          IpamPolicies.RESOLVER.get(ctx.state(), req.ipamPrefixListResolverId()).rules.stream()
              .map(IpamPolicies::rule)
              .filter(filter)
              .toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamPrefixListResolverRulesResponse.builder()
        .rules(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetIpamPrefixListResolverVersionsResponse getIpamPrefixListResolverVersions(
      RequestContext ctx, GetIpamPrefixListResolverVersionsRequest req) {
    var filter =
        FilterSpec.<IpamPrefixListResolverVersion>of()
            .field("version", IpamPrefixListResolverVersion::version)
            .compile(req.filters());
    List<IpamPrefixListResolverVersion> all = new ArrayList<>();
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      var r = IpamPolicies.RESOLVER.get(ctx.state(), req.ipamPrefixListResolverId());
      for (long v = 1; v <= r.versions.size(); v++) {
        if (req.ipamPrefixListResolverVersions().isEmpty()
            || req.ipamPrefixListResolverVersions().contains(v)) {
          all.add(IpamPrefixListResolverVersion.builder().version(v).build());
        }
      }
    }
    var page =
        IpamPoolsService.page(
            ctx, all.stream().filter(filter).toList(), req.maxResults(), req.nextToken());
    return GetIpamPrefixListResolverVersionsResponse.builder()
        .ipamPrefixListResolverVersions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetIpamPrefixListResolverVersionEntriesResponse getIpamPrefixListResolverVersionEntries(
      RequestContext ctx, GetIpamPrefixListResolverVersionEntriesRequest req) {
    if (req.ipamPrefixListResolverVersion() == null) {
      throw AwsException.missingParameter("IpamPrefixListResolverVersion");
    }
    List<IpamPrefixListResolverVersionEntry> all;
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      var r = IpamPolicies.RESOLVER.get(ctx.state(), req.ipamPrefixListResolverId());
      long v = req.ipamPrefixListResolverVersion();
      if (v < 1 || v > r.versions.size()) {
        throw AwsException.invalidParameterValue(
            "The resolver " + r.id + " has no version " + v + ".");
      }
      all =
          r.versions.get((int) v - 1).stream()
              .map(c -> IpamPrefixListResolverVersionEntry.builder().cidr(c).build())
              .toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamPrefixListResolverVersionEntriesResponse.builder()
        .entries(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public CreateIpamPrefixListResolverTargetResponse createIpamPrefixListResolverTarget(
      RequestContext ctx, CreateIpamPrefixListResolverTargetRequest req) {
    for (String[] p :
        new String[][] {
          {"IpamPrefixListResolverId", req.ipamPrefixListResolverId()},
          {"PrefixListId", req.prefixListId()},
          {"PrefixListRegion", req.prefixListRegion()},
          {"TrackLatestVersion", req.trackLatestVersion() == null ? null : "set"}
        }) {
      if (p[1] == null) {
        throw AwsException.missingParameter(p[0]);
      }
    }
    if (!req.prefixListId().matches("pl-[0-9a-f]{8,17}")) {
      throw new AwsException(
          "InvalidPrefixListId.Malformed", "Invalid id: \"" + req.prefixListId() + "\"");
    }
    var tags = IpamPolicies.TARGET.tags(req.tagSpecifications());
    IpamState st = IpamState.of(ctx.state());
    PolicyRecords.Target t;
    synchronized (st) {
      var r = IpamPolicies.RESOLVER.get(ctx.state(), req.ipamPrefixListResolverId());
      Long desired = version(r, req.desiredVersion(), req.trackLatestVersion());
      t =
          IpamPolicies.TARGET.create(
              ctx,
              tags,
              id -> {
                var x =
                    new PolicyRecords.Target(id, r.id, req.prefixListId(), req.prefixListRegion());
                x.trackLatest = req.trackLatestVersion();
                x.desiredVersion = desired;
                x.lastSynced = x.trackLatest ? (long) r.versions.size() : desired;
                return x;
              });
    }
    return CreateIpamPrefixListResolverTargetResponse.builder()
        .ipamPrefixListResolverTarget(
            IpamPolicies.TARGET.view(ctx, t).toBuilder().state("create-in-progress").build())
        .build();
  }

  /** A target either tracks the latest version or names one that exists. */
  private static Long version(PolicyRecords.Resolver r, Long desired, Boolean trackLatest) {
    if (Boolean.TRUE.equals(trackLatest)) {
      if (desired != null) {
        throw AwsException.invalidParameterCombination(
            "DesiredVersion cannot be given with TrackLatestVersion.");
      }
      return null;
    }
    if (desired == null) {
      throw AwsException.missingParameter("DesiredVersion");
    }
    if (desired < 1 || desired > r.versions.size()) {
      throw AwsException.invalidParameterValue(
          "The resolver " + r.id + " has no version " + desired + ".");
    }
    return desired;
  }

  public ModifyIpamPrefixListResolverTargetResponse modifyIpamPrefixListResolverTarget(
      RequestContext ctx, ModifyIpamPrefixListResolverTargetRequest req) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      var t = IpamPolicies.TARGET.get(ctx.state(), req.ipamPrefixListResolverTargetId());
      var r = st.resolvers.get(t.resolverId);
      boolean track = req.trackLatestVersion() != null ? req.trackLatestVersion() : t.trackLatest;
      Long desired =
          version(
              r,
              req.desiredVersion() != null || track ? req.desiredVersion() : t.desiredVersion,
              track);
      t.trackLatest = track;
      t.desiredVersion = desired;
      t.lastSynced = track ? (long) r.versions.size() : desired;
      t.state = "modify-complete";
      return ModifyIpamPrefixListResolverTargetResponse.builder()
          .ipamPrefixListResolverTarget(
              IpamPolicies.TARGET.view(ctx, t).toBuilder().state("modify-in-progress").build())
          .build();
    }
  }

  public DeleteIpamPrefixListResolverTargetResponse deleteIpamPrefixListResolverTarget(
      RequestContext ctx, DeleteIpamPrefixListResolverTargetRequest req) {
    if (req.ipamPrefixListResolverTargetId() == null) {
      throw AwsException.missingParameter("IpamPrefixListResolverTargetId");
    }
    var t = IpamPolicies.TARGET.get(ctx.state(), req.ipamPrefixListResolverTargetId());
    var view = IpamPolicies.TARGET.view(ctx, t).toBuilder().state("delete-in-progress").build();
    IpamPolicies.TARGET.delete(ctx, t.id);
    return DeleteIpamPrefixListResolverTargetResponse.builder()
        .ipamPrefixListResolverTarget(view)
        .build();
  }

  public DescribeIpamPrefixListResolverTargetsResponse describeIpamPrefixListResolverTargets(
      RequestContext ctx, DescribeIpamPrefixListResolverTargetsRequest req) {
    if (req.ipamPrefixListResolverId() != null) {
      IpamPolicies.RESOLVER.get(ctx.state(), req.ipamPrefixListResolverId());
    }
    IpamPolicies.TARGET.checkFilters(req.filters());
    var page =
        IpamPolicies.TARGET.describe(
            ctx, req.ipamPrefixListResolverTargetIds(), req.filters(), null, null);
    var items =
        page.items().stream()
            .filter(
                t ->
                    req.ipamPrefixListResolverId() == null
                        || req.ipamPrefixListResolverId().equals(t.ipamPrefixListResolverId()))
            .toList();
    var paged = IpamPoolsService.page(ctx, items, req.maxResults(), req.nextToken());
    return DescribeIpamPrefixListResolverTargetsResponse.builder()
        .ipamPrefixListResolverTargets(paged.items())
        .nextToken(paged.nextToken())
        .build();
  }
}
