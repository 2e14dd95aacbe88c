package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupEgressResponse;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressResponse;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Security groups and their rules. Every change is pushed to the packet filter at once, so running
 * instances see it (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html).
 */
public final class SecurityGroupsService {
  private final SecurityGroupEnforcer enforcer;

  public SecurityGroupsService(SecurityGroupEnforcer enforcer) {
    this.enforcer = enforcer;
  }

  public CreateSecurityGroupResponse createSecurityGroup(
      RequestContext ctx, CreateSecurityGroupRequest req) {
    String name = req.groupName();
    if (name == null || name.isEmpty()) {
      throw AwsException.missingParameter("GroupName");
    }
    if (req.description() == null || req.description().isEmpty()) {
      throw AwsException.missingParameter("GroupDescription");
    }
    if (name.startsWith("sg-")) {
      throw AwsException.invalidParameterValue("Group names may not be in the format sg-*.");
    }
    if (name.length() > 255) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + name + "' for groupName. Length exceeds maximum of 255 characters.");
    }
    if (name.equalsIgnoreCase("default")) {
      throw new AwsException("InvalidGroup.Reserved", "The security group 'default' is reserved");
    }
    List<Tag> tags = VpcTags.of(req.tagSpecifications(), "security-group");
    VpcState st = VpcState.of(ctx.state());
    SecurityGroupRecord g;
    synchronized (st) {
      VpcRecord vpc;
      if (req.vpcId() != null) {
        vpc = st.vpc(req.vpcId());
      } else {
        vpc = st.defaultVpc();
        if (vpc == null) {
          throw new AwsException("VPCIdNotSpecified", "No default VPC for this user");
        }
      }
      for (SecurityGroupRecord other : st.groups.values()) {
        if (other.vpcId.equals(vpc.id) && other.name.equals(name)) {
          throw new AwsException(
              "InvalidGroup.Duplicate",
              "The security group '" + name + "' already exists for VPC '" + vpc.id + "'");
        }
      }
      g = new SecurityGroupRecord(Ids.next("sg"), name, req.description(), vpc.id);
      g.rules.add(
          new SgRule(Ids.next("sgr"), true, "-1", -1, -1, "0.0.0.0/0", null, null, null, null));
      st.groups.put(g.id, g);
    }
    VpcTags.apply(ctx, g.id, tags);
    return CreateSecurityGroupResponse.builder()
        .groupId(g.id)
        .securityGroupArn(
            "arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":security-group/" + g.id)
        .tags(VpcTags.shown(ctx, g.id))
        .build();
  }

  public DeleteSecurityGroupResponse deleteSecurityGroup(
      RequestContext ctx, DeleteSecurityGroupRequest req) {
    VpcState st = VpcState.of(ctx.state());
    SecurityGroupRecord g;
    synchronized (st) {
      g = find(st, req.groupId(), req.groupName());
      if (g.isDefault()) {
        throw new AwsException(
            "CannotDelete",
            "the specified group: \"" + g.id + "\" name: \"default\" cannot be deleted by a user");
      }
      SecurityGroupRecord group = g;
      boolean used =
          st.interfaces.values().stream().anyMatch(n -> n.groupIds.contains(group.id))
              || st.groups.values().stream()
                  .anyMatch(
                      o ->
                          o != group
                              && o.rules.stream().anyMatch(r -> group.id.equals(r.groupId())));
      if (used) {
        throw new AwsException(
            "DependencyViolation", "resource " + g.id + " has a dependent object");
      }
      st.groups.remove(g.id);
    }
    ctx.tags().drop(g.id);
    return DeleteSecurityGroupResponse.builder().returnValue(true).groupId(g.id).build();
  }

  private static SecurityGroupRecord find(VpcState st, String id, String name) {
    if (id != null) {
      return st.group(id);
    }
    if (name != null) {
      return st.groupByName(name, null);
    }
    throw AwsException.missingParameter("GroupId");
  }

  public DescribeSecurityGroupsResponse describeSecurityGroups(
      RequestContext ctx, DescribeSecurityGroupsRequest req) {
    VpcState st = VpcState.of(ctx.state());
    Predicate<SecurityGroup> filter = VpcFilters.GROUPS.compile(req.filters());
    List<SecurityGroup> views = new ArrayList<>();
    synchronized (st) {
      List<SecurityGroupRecord> records = new ArrayList<>();
      for (String id : req.groupIds()) {
        records.add(st.group(id));
      }
      for (String name : req.groupNames()) {
        records.add(st.groupByName(name, null));
      }
      if (req.groupIds().isEmpty() && req.groupNames().isEmpty()) {
        records.addAll(st.groups.values());
      }
      for (SecurityGroupRecord r : records) {
        SecurityGroup g = withPeerNames(st, SecurityGroupViews.group(ctx, st, r));
        if (filter.test(g)) {
          views.add(g);
        }
      }
    }
    var page = Pages.page("DescribeSecurityGroups", views, req.maxResults(), req.nextToken());
    return DescribeSecurityGroupsResponse.builder()
        .securityGroups(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Group pairs name their peer group in DescribeSecurityGroups. */
  private static SecurityGroup withPeerNames(VpcState st, SecurityGroup g) {
    return g.toBuilder()
        .ipPermissions(named(st, g.ipPermissions()))
        .ipPermissionsEgress(named(st, g.ipPermissionsEgress()))
        .build();
  }

  private static List<IpPermission> named(VpcState st, List<IpPermission> perms) {
    return perms.stream()
        .map(
            p ->
                p.toBuilder()
                    .userIdGroupPairs(
                        p.userIdGroupPairs().stream()
                            .map(
                                u -> {
                                  SecurityGroupRecord peer = st.groups.get(u.groupId());
                                  return peer == null
                                      ? u
                                      : u.toBuilder().groupName(peer.name).build();
                                })
                            .toList())
                    .build())
        .toList();
  }

  public DescribeSecurityGroupRulesResponse describeSecurityGroupRules(
      RequestContext ctx, DescribeSecurityGroupRulesRequest req) {
    VpcState st = VpcState.of(ctx.state());
    Predicate<SecurityGroupRule> filter = VpcFilters.RULES.compile(req.filters());
    List<SecurityGroupRule> views = new ArrayList<>();
    synchronized (st) {
      for (String id : req.securityGroupRuleIds()) {
        if (st.groups.values().stream()
            .noneMatch(g -> g.rules.stream().anyMatch(r -> r.id().equals(id)))) {
          throw ruleNotFound(id);
        }
      }
      for (SecurityGroupRecord g : st.groups.values()) {
        for (SgRule r : g.rules) {
          if (!req.securityGroupRuleIds().isEmpty()
              && !req.securityGroupRuleIds().contains(r.id())) {
            continue;
          }
          SecurityGroupRule v = SecurityGroupViews.rule(ctx, st, g.id, r);
          if (filter.test(v)) {
            views.add(v);
          }
        }
      }
    }
    var page = Pages.page("DescribeSecurityGroupRules", views, req.maxResults(), req.nextToken());
    return DescribeSecurityGroupRulesResponse.builder()
        .securityGroupRules(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(
      RequestContext ctx, AuthorizeSecurityGroupIngressRequest req) {
    List<IpPermission> perms =
        legacy(
            req.ipPermissions(),
            req.ipProtocol(),
            req.fromPort(),
            req.toPort(),
            req.cidrIp(),
            req.sourceSecurityGroupName());
    List<SecurityGroupRule> added =
        authorize(
            ctx,
            req.groupId(),
            req.groupName(),
            perms,
            false,
            VpcTags.of(req.tagSpecifications(), "security-group-rule"));
    return AuthorizeSecurityGroupIngressResponse.builder()
        .returnValue(true)
        .securityGroupRules(added)
        .build();
  }

  public AuthorizeSecurityGroupEgressResponse authorizeSecurityGroupEgress(
      RequestContext ctx, AuthorizeSecurityGroupEgressRequest req) {
    List<IpPermission> perms =
        legacy(
            req.ipPermissions(),
            req.ipProtocol(),
            req.fromPort(),
            req.toPort(),
            req.cidrIp(),
            req.sourceSecurityGroupName());
    List<SecurityGroupRule> added =
        authorize(
            ctx,
            req.groupId(),
            null,
            perms,
            true,
            VpcTags.of(req.tagSpecifications(), "security-group-rule"));
    return AuthorizeSecurityGroupEgressResponse.builder()
        .returnValue(true)
        .securityGroupRules(added)
        .build();
  }

  /** The older flat form (CidrIp, IpProtocol, FromPort, ToPort) as one IpPermission. */
  private static List<IpPermission> legacy(
      List<IpPermission> perms,
      String protocol,
      Integer from,
      Integer to,
      String cidr,
      String sourceGroupName) {
    if (!perms.isEmpty() || (protocol == null && cidr == null && sourceGroupName == null)) {
      return perms;
    }
    IpPermission.Builder b =
        IpPermission.builder()
            .ipProtocol(protocol == null ? "-1" : protocol)
            .fromPort(from)
            .toPort(to);
    if (cidr != null) {
      b.ipRanges(IpRange.builder().cidrIp(cidr).build());
    }
    if (sourceGroupName != null) {
      b.userIdGroupPairs(UserIdGroupPair.builder().groupName(sourceGroupName).build());
    }
    return List.of(b.build());
  }

  private List<SecurityGroupRule> authorize(
      RequestContext ctx,
      String groupId,
      String groupName,
      List<IpPermission> perms,
      boolean egress,
      List<Tag> tags) {
    VpcState st = VpcState.of(ctx.state());
    List<SecurityGroupRule> out = new ArrayList<>();
    List<SgRule> rules;
    synchronized (st) {
      SecurityGroupRecord g = find(st, groupId, groupName);
      rules = IpPermissions.rules(st, g, perms, egress);
      for (int i = 0; i < rules.size(); i++) {
        SgRule r = rules.get(i);
        boolean dup =
            g.rules.stream().anyMatch(r::sameAs)
                || rules.subList(0, i).stream().anyMatch(r::sameAs);
        if (dup) {
          throw new AwsException(
              "InvalidPermission.Duplicate",
              "the specified rule \"" + IpPermissions.describe(r) + "\" already exists");
        }
      }
      g.rules.addAll(rules);
      for (SgRule r : rules) {
        VpcTags.apply(ctx, r.id(), tags);
        out.add(SecurityGroupViews.rule(ctx, st, g.id, r));
      }
    }
    enforcer.refresh(ctx.state());
    return out;
  }

  public RevokeSecurityGroupIngressResponse revokeSecurityGroupIngress(
      RequestContext ctx, RevokeSecurityGroupIngressRequest req) {
    List<IpPermission> perms =
        legacy(
            req.ipPermissions(),
            req.ipProtocol(),
            req.fromPort(),
            req.toPort(),
            req.cidrIp(),
            req.sourceSecurityGroupName());
    revoke(ctx, req.groupId(), req.groupName(), perms, req.securityGroupRuleIds(), false);
    return RevokeSecurityGroupIngressResponse.builder().returnValue(true).build();
  }

  public RevokeSecurityGroupEgressResponse revokeSecurityGroupEgress(
      RequestContext ctx, RevokeSecurityGroupEgressRequest req) {
    List<IpPermission> perms =
        legacy(
            req.ipPermissions(),
            req.ipProtocol(),
            req.fromPort(),
            req.toPort(),
            req.cidrIp(),
            req.sourceSecurityGroupName());
    revoke(ctx, req.groupId(), null, perms, req.securityGroupRuleIds(), true);
    return RevokeSecurityGroupEgressResponse.builder().returnValue(true).build();
  }

  private void revoke(
      RequestContext ctx,
      String groupId,
      String groupName,
      List<IpPermission> perms,
      List<String> ruleIds,
      boolean egress) {
    VpcState st = VpcState.of(ctx.state());
    List<String> removedIds = new ArrayList<>();
    synchronized (st) {
      SecurityGroupRecord g = find(st, groupId, groupName);
      List<SgRule> remove = new ArrayList<>();
      for (String id : ruleIds) {
        SgRule r =
            g.rules.stream()
                .filter(x -> x.id().equals(id) && x.egress() == egress)
                .findFirst()
                .orElseThrow(() -> ruleNotFound(id));
        remove.add(r);
      }
      if (!perms.isEmpty()) {
        for (SgRule wanted : IpPermissions.rules(st, g, perms, egress)) {
          SgRule r =
              g.rules.stream()
                  .filter(wanted::sameAs)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new AwsException(
                              "InvalidPermission.NotFound",
                              "The specified rule does not exist in this security group."));
          remove.add(r);
        }
      }
      if (remove.isEmpty()) {
        throw AwsException.missingParameter("IpPermissions");
      }
      g.rules.removeAll(remove);
      remove.forEach(r -> removedIds.add(r.id()));
    }
    removedIds.forEach(ctx.tags()::drop);
    enforcer.refresh(ctx.state());
  }

  private static AwsException ruleNotFound(String id) {
    return new AwsException(
        "InvalidSecurityGroupRuleId.NotFound",
        "The security group rule ID '" + id + "' does not exist");
  }
}
