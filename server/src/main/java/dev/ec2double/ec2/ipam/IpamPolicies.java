package dev.ec2double.ec2.ipam;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.IpamPolicy;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolver;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRule;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRuleCondition;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverTarget;
import software.amazon.awssdk.services.ec2.model.IpamResourceTag;

/** IPAM policies, prefix list resolvers and their targets as resource kinds. */
final class IpamPolicies {
  private IpamPolicies() {}

  static final ResourceKind<PolicyRecords.Policy, IpamPolicy> POLICY =
      ResourceKind.<PolicyRecords.Policy, IpamPolicy>of("ipam-policy", "ipam-policy")
          .errors("InvalidIpamPolicyId.NotFound", "ipamPolicy", "InvalidIpamPolicyId.Malformed")
          .storedIn(IpamState::of, st -> st.policies)
          .id(r -> r.id)
          .view(IpamPolicies::policy, IpamPolicy::tags)
          .filter("ipam-policy-id", IpamPolicy::ipamPolicyId)
          .filter("ipam-id", IpamPolicy::ipamId)
          .filter("owner-id", IpamPolicy::ownerId)
          .filter("state", IpamPolicy::stateAsString)
          .build();

  static final ResourceKind<PolicyRecords.Resolver, IpamPrefixListResolver> RESOLVER =
      ResourceKind.<PolicyRecords.Resolver, IpamPrefixListResolver>of(
              "ipam-prefix-list-resolver", "ipam-prefix-list-resolver")
          .errors(
              "InvalidIpamPrefixListResolverId.NotFound",
              "ipamPrefixListResolver",
              "InvalidIpamPrefixListResolverId.Malformed")
          .storedIn(IpamState::of, st -> st.resolvers)
          .id(r -> r.id)
          .view(IpamPolicies::resolver, IpamPrefixListResolver::tags)
          .filter("ipam-prefix-list-resolver-id", IpamPrefixListResolver::ipamPrefixListResolverId)
          .filter("ipam-arn", IpamPrefixListResolver::ipamArn)
          .filter("address-family", IpamPrefixListResolver::addressFamilyAsString)
          .filter("description", IpamPrefixListResolver::description)
          .filter("owner-id", IpamPrefixListResolver::ownerId)
          .filter("state", IpamPrefixListResolver::stateAsString)
          .build();

  static final ResourceKind<PolicyRecords.Target, IpamPrefixListResolverTarget> TARGET =
      ResourceKind.<PolicyRecords.Target, IpamPrefixListResolverTarget>of(
              "ipam-prefix-list-resolver-target", "ipam-prefix-list-resolver-target")
          .errors(
              "InvalidIpamPrefixListResolverTargetId.NotFound",
              "ipamPrefixListResolverTarget",
              "InvalidIpamPrefixListResolverTargetId.Malformed")
          .storedIn(IpamState::of, st -> st.targets)
          .id(r -> r.id)
          .view(IpamPolicies::target, IpamPrefixListResolverTarget::tags)
          .filter(
              "ipam-prefix-list-resolver-target-id",
              IpamPrefixListResolverTarget::ipamPrefixListResolverTargetId)
          .filter(
              "ipam-prefix-list-resolver-id",
              IpamPrefixListResolverTarget::ipamPrefixListResolverId)
          .filter("prefix-list-id", IpamPrefixListResolverTarget::prefixListId)
          .filter("prefix-list-region", IpamPrefixListResolverTarget::prefixListRegion)
          .filter("state", IpamPrefixListResolverTarget::stateAsString)
          .build();

  private static IpamPolicy policy(RequestContext ctx, PolicyRecords.Policy r) {
    return IpamPolicy.builder()
        .ownerId(ctx.account())
        .ipamPolicyId(r.id)
        .ipamPolicyArn(Ipams.arn(ctx, "ipam-policy", r.id))
        .ipamPolicyRegion(ctx.region())
        .state(r.state)
        .tags(ctx.tags().sdkTags(r.id))
        .ipamId(r.ipamId)
        .build();
  }

  private static IpamPrefixListResolver resolver(RequestContext ctx, PolicyRecords.Resolver r) {
    return IpamPrefixListResolver.builder()
        .ownerId(ctx.account())
        .ipamPrefixListResolverId(r.id)
        .ipamPrefixListResolverArn(Ipams.arn(ctx, "ipam-prefix-list-resolver", r.id))
        .ipamArn(Ipams.arn(ctx, "ipam", r.ipamId))
        .ipamRegion(ctx.region())
        .description(r.description)
        .addressFamily(r.addressFamily)
        .state(r.state)
        .tags(ctx.tags().sdkTags(r.id))
        .lastVersionCreationStatus("success")
        .build();
  }

  static IpamPrefixListResolverRule rule(PolicyRecords.Rule r) {
    return IpamPrefixListResolverRule.builder()
        .ruleType(r.type())
        .staticCidr(r.cidr())
        .ipamScopeId(r.scopeId())
        .resourceType(r.resourceType())
        .conditions(
            r.conditions().stream()
                .map(
                    c ->
                        IpamPrefixListResolverRuleCondition.builder()
                            .operation(c.operation())
                            .ipamPoolId(c.poolId())
                            .resourceId(c.resourceId())
                            .resourceOwner(c.owner())
                            .resourceRegion(c.region())
                            .resourceTag(
                                c.tagKey() == null
                                    ? null
                                    : IpamResourceTag.builder()
                                        .key(c.tagKey())
                                        .value(c.tagValue())
                                        .build())
                            .cidr(c.cidr())
                            .build())
                .toList())
        .build();
  }

  private static IpamPrefixListResolverTarget target(RequestContext ctx, PolicyRecords.Target r) {
    return IpamPrefixListResolverTarget.builder()
        .ipamPrefixListResolverTargetId(r.id)
        .ipamPrefixListResolverTargetArn(Ipams.arn(ctx, "ipam-prefix-list-resolver-target", r.id))
        .ipamPrefixListResolverId(r.resolverId)
        .ownerId(ctx.account())
        .prefixListId(r.prefixListId)
        .prefixListRegion(r.prefixListRegion)
        .desiredVersion(r.desiredVersion)
        .lastSyncedVersion(r.lastSynced)
        .trackLatestVersion(r.trackLatest)
        .state(r.state)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  static List<String> latest(PolicyRecords.Resolver r) {
    return r.versions.isEmpty() ? List.of() : r.versions.get(r.versions.size() - 1);
  }
}
