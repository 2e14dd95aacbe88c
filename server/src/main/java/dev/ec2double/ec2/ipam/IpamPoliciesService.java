package dev.ec2double.ec2.ipam;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateIpamPolicyRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamPolicyResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPolicyRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPolicyResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPoliciesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPoliciesResponse;
import software.amazon.awssdk.services.ec2.model.DisableIpamPolicyRequest;
import software.amazon.awssdk.services.ec2.model.DisableIpamPolicyResponse;
import software.amazon.awssdk.services.ec2.model.EnableIpamPolicyRequest;
import software.amazon.awssdk.services.ec2.model.EnableIpamPolicyResponse;
import software.amazon.awssdk.services.ec2.model.GetEnabledIpamPolicyRequest;
import software.amazon.awssdk.services.ec2.model.GetEnabledIpamPolicyResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPolicyAllocationRulesRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPolicyAllocationRulesResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPolicyOrganizationTargetsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPolicyOrganizationTargetsResponse;
import software.amazon.awssdk.services.ec2.model.IpamPolicyAllocationRule;
import software.amazon.awssdk.services.ec2.model.IpamPolicyAllocationRuleRequest;
import software.amazon.awssdk.services.ec2.model.IpamPolicyDocument;
import software.amazon.awssdk.services.ec2.model.IpamPolicyOrganizationTarget;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPolicyAllocationRulesRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPolicyAllocationRulesResponse;

/**
 * IPAM policies: per locale and resource type (alb, eip, rds, rnat), the public IPv4 pools a
 * service's addresses come from. One policy is enabled at a time, for the account itself or for
 * organization targets (the delegated administrator's). Records: services other than EC2 do not run
 * here. https://docs.aws.amazon.com/vpc/latest/ipam/ipam-policies.html
 */
public final class IpamPoliciesService {
  private static final Set<String> RESOURCE_TYPES = Set.of("alb", "eip", "rds", "rnat");

  /** This account, as an organization target. */
  private static final String SELF = "";

  public CreateIpamPolicyResponse createIpamPolicy(
      RequestContext ctx, CreateIpamPolicyRequest req) {
    if (req.ipamId() == null) {
      throw AwsException.missingParameter("IpamId");
    }
    var tags = IpamPolicies.POLICY.tags(req.tagSpecifications());
    IpamState st = IpamState.of(ctx.state());
    PolicyRecords.Policy p;
    synchronized (st) {
      String ipamId = Ipams.IPAM.get(ctx.state(), req.ipamId()).id;
      p = IpamPolicies.POLICY.create(ctx, tags, id -> new PolicyRecords.Policy(id, ipamId));
    }
    return CreateIpamPolicyResponse.builder()
        .ipamPolicy(
            IpamPolicies.POLICY.view(ctx, p).toBuilder().state("create-in-progress").build())
        .build();
  }

  public DescribeIpamPoliciesResponse describeIpamPolicies(
      RequestContext ctx, DescribeIpamPoliciesRequest req) {
    var page =
        IpamPolicies.POLICY.describe(
            ctx, req.ipamPolicyIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeIpamPoliciesResponse.builder()
        .ipamPolicies(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** An enabled policy is refused: disable it first. */
  public DeleteIpamPolicyResponse deleteIpamPolicy(
      RequestContext ctx, DeleteIpamPolicyRequest req) {
    if (req.ipamPolicyId() == null) {
      throw AwsException.missingParameter("IpamPolicyId");
    }
    IpamState st = IpamState.of(ctx.state());
    var view =
        IpamPolicies.POLICY.modify(
            ctx,
            req.ipamPolicyId(),
            p -> {
              if (!p.enabledFor.isEmpty()) {
                throw new AwsException(
                    "IncorrectState", "The policy " + p.id + " is enabled: disable it first.");
              }
              var v =
                  IpamPolicies.POLICY.view(ctx, p).toBuilder().state("delete-in-progress").build();
              st.policies.remove(p.id);
              return v;
            });
    ctx.tags().drop(req.ipamPolicyId());
    return DeleteIpamPolicyResponse.builder().ipamPolicy(view).build();
  }

  /** Enabling a policy for a target disables the one enabled for it before. */
  public EnableIpamPolicyResponse enableIpamPolicy(
      RequestContext ctx, EnableIpamPolicyRequest req) {
    String target = target(req.organizationTargetId());
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      PolicyRecords.Policy p = IpamPolicies.POLICY.get(ctx.state(), req.ipamPolicyId());
      st.policies.values().forEach(o -> o.enabledFor.remove(target));
      p.enabledFor.add(target);
      return EnableIpamPolicyResponse.builder().ipamPolicyId(p.id).build();
    }
  }

  public DisableIpamPolicyResponse disableIpamPolicy(
      RequestContext ctx, DisableIpamPolicyRequest req) {
    String target = target(req.organizationTargetId());
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      PolicyRecords.Policy p = IpamPolicies.POLICY.get(ctx.state(), req.ipamPolicyId());
      if (!p.enabledFor.remove(target)) {
        throw new AwsException(
            "IncorrectState", "The policy " + p.id + " is not enabled for that target.");
      }
      return DisableIpamPolicyResponse.builder().returnValue(true).build();
    }
  }

  private static String target(String organizationTargetId) {
    if (organizationTargetId == null) {
      return SELF;
    }
    if (!organizationTargetId.matches(
        "(\\d{12}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})")) {
      throw AwsException.invalidParameterValue(
          "Value (" + organizationTargetId + ") for parameter OrganizationTargetId is invalid.");
    }
    return organizationTargetId;
  }

  public GetEnabledIpamPolicyResponse getEnabledIpamPolicy(
      RequestContext ctx, GetEnabledIpamPolicyRequest req) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      PolicyRecords.Policy p =
          st.policies.values().stream()
              .filter(x -> x.enabledFor.contains(SELF))
              .findFirst()
              .orElse(null);
      var b = GetEnabledIpamPolicyResponse.builder().ipamPolicyEnabled(p != null);
      if (p != null) {
        b.ipamPolicyId(p.id).managedBy("account");
      }
      return b.build();
    }
  }

  public ModifyIpamPolicyAllocationRulesResponse modifyIpamPolicyAllocationRules(
      RequestContext ctx, ModifyIpamPolicyAllocationRulesRequest req) {
    if (req.locale() == null || req.resourceTypeAsString() == null) {
      throw AwsException.missingParameter(req.locale() == null ? "Locale" : "ResourceType");
    }
    String type = resourceType(req.resourceTypeAsString());
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      PolicyRecords.Policy p = IpamPolicies.POLICY.get(ctx.state(), req.ipamPolicyId());
      List<String> pools = new ArrayList<>();
      for (IpamPolicyAllocationRuleRequest r : req.allocationRules()) {
        PoolRecords.Pool pool = IpamPools.KIND.get(ctx.state(), r.sourceIpamPoolId());
        if (!pool.ipamId.equals(p.ipamId) || !pool.scopeType.equals("public") || pool.ipv6()) {
          throw AwsException.invalidParameterValue(
              "The pool " + pool.id + " is not a public IPv4 pool of the policy's IPAM.");
        }
        pools.add(pool.id);
      }
      p.rules.put(req.locale() + " " + type, pools);
      return ModifyIpamPolicyAllocationRulesResponse.builder()
          .ipamPolicyDocument(document(p.id, req.locale(), type, pools))
          .build();
    }
  }

  private static String resourceType(String type) {
    if (!RESOURCE_TYPES.contains(type)) {
      throw AwsException.invalidParameterValue(
          "Value (" + type + ") for parameter ResourceType is invalid.");
    }
    return type;
  }

  private static IpamPolicyDocument document(
      String policyId, String locale, String type, List<String> pools) {
    return IpamPolicyDocument.builder()
        .ipamPolicyId(policyId)
        .locale(locale)
        .resourceType(type)
        .allocationRules(
            pools.stream()
                .map(id -> IpamPolicyAllocationRule.builder().sourceIpamPoolId(id).build())
                .toList())
        .build();
  }

  private static final FilterSpec<IpamPolicyDocument> DOCUMENT_FILTERS =
      FilterSpec.<IpamPolicyDocument>of()
          .field("locale", IpamPolicyDocument::locale)
          .field("resource-type", IpamPolicyDocument::resourceTypeAsString);

  public GetIpamPolicyAllocationRulesResponse getIpamPolicyAllocationRules(
      RequestContext ctx, GetIpamPolicyAllocationRulesRequest req) {
    var filter = DOCUMENT_FILTERS.compile(req.filters());
    String type =
        req.resourceTypeAsString() == null ? null : resourceType(req.resourceTypeAsString());
    IpamState st = IpamState.of(ctx.state());
    List<IpamPolicyDocument> all = new ArrayList<>();
    synchronized (st) {
      PolicyRecords.Policy p = IpamPolicies.POLICY.get(ctx.state(), req.ipamPolicyId());
      p.rules.forEach(
          (key, pools) -> {
            String[] parts = key.split(" ", 2);
            if ((req.locale() == null || req.locale().equals(parts[0]))
                && (type == null || type.equals(parts[1]))) {
              all.add(document(p.id, parts[0], parts[1], pools));
            }
          });
    }
    var page =
        IpamPoolsService.page(
            ctx, all.stream().filter(filter).toList(), req.maxResults(), req.nextToken());
    return GetIpamPolicyAllocationRulesResponse.builder()
        .ipamPolicyDocuments(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetIpamPolicyOrganizationTargetsResponse getIpamPolicyOrganizationTargets(
      RequestContext ctx, GetIpamPolicyOrganizationTargetsRequest req) {
    var filter =
        FilterSpec.<IpamPolicyOrganizationTarget>of()
            .field("organization-target-id", IpamPolicyOrganizationTarget::organizationTargetId)
            .compile(req.filters());
    IpamState st = IpamState.of(ctx.state());
    List<IpamPolicyOrganizationTarget> all;
    synchronized (st) {
      all =
          IpamPolicies.POLICY.get(ctx.state(), req.ipamPolicyId()).enabledFor.stream()
              .filter(t -> !t.equals(SELF))
              .map(t -> IpamPolicyOrganizationTarget.builder().organizationTargetId(t).build())
              .filter(filter)
              .toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamPolicyOrganizationTargetsResponse.builder()
        .organizationTargets(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
