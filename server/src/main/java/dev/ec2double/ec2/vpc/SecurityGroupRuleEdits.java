package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ModifySecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.ModifySecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleDescription;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleUpdate;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsEgressRequest;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsEgressResponse;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsIngressRequest;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsIngressResponse;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Changes to existing rules, by rule id: ModifySecurityGroupRules replaces a rule's protocol, ports
 * and peer in place (the id stays, the packet filter follows at once, as for Authorize and Revoke);
 * UpdateSecurityGroupRuleDescriptionsIngress/Egress change descriptions only, found by rule id or
 * by the IpPermissions that name the rule.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySecurityGroupRules.html
 */
public final class SecurityGroupRuleEdits {
  /** What AWS allows in a rule description (its API reference's Constraints). */
  private static final Pattern DESCRIPTION =
      Pattern.compile("[a-zA-Z0-9. _\\-:/()#,@\\[\\]+=&;{}!$*]*");

  private final SecurityGroupEnforcer enforcer;

  public SecurityGroupRuleEdits(SecurityGroupEnforcer enforcer) {
    this.enforcer = enforcer;
  }

  public ModifySecurityGroupRulesResponse modifySecurityGroupRules(
      RequestContext ctx, ModifySecurityGroupRulesRequest req) {
    if (req.groupId() == null) {
      throw AwsException.missingParameter("GroupId");
    }
    if (req.securityGroupRules().isEmpty()) {
      throw AwsException.missingParameter("SecurityGroupRules");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      SecurityGroupRecord g = st.group(req.groupId());
      Map<Integer, SgRule> replaced = new HashMap<>();
      for (SecurityGroupRuleUpdate u : req.securityGroupRules()) {
        if (u.securityGroupRuleId() == null) {
          throw AwsException.missingParameter("SecurityGroupRuleId");
        }
        if (u.securityGroupRule() == null) {
          throw AwsException.missingParameter("SecurityGroupRule");
        }
        int at = indexOf(g, u.securityGroupRuleId());
        SgRule old = g.rules.get(at);
        IpPermission perm = permission(u.securityGroupRule());
        SgRule made = IpPermissions.rules(st, g, List.of(perm), old.egress()).get(0);
        SgRule next =
            new SgRule(
                old.id(),
                old.egress(),
                made.protocol(),
                made.fromPort(),
                made.toPort(),
                made.cidrIpv4(),
                made.cidrIpv6(),
                made.prefixListId(),
                made.groupId(),
                checked(made.description()));
        replaced.put(at, next);
      }
      List<SgRule> after = new ArrayList<>(g.rules);
      replaced.forEach(after::set);
      for (int i = 0; i < after.size(); i++) {
        for (int j = 0; j < i; j++) {
          if (after.get(i).sameAs(after.get(j))
              && (replaced.containsKey(i) || replaced.containsKey(j))) {
            throw new AwsException(
                "InvalidPermission.Duplicate",
                "the specified rule \""
                    + IpPermissions.describe(after.get(i))
                    + "\" already exists");
          }
        }
      }
      g.rules.clear();
      g.rules.addAll(after);
    }
    enforcer.refresh(ctx.state());
    return ModifySecurityGroupRulesResponse.builder().returnValue(true).build();
  }

  /** A SecurityGroupRuleRequest as the IpPermission of Authorize calls: exactly one peer. */
  private static IpPermission permission(SecurityGroupRuleRequest r) {
    long peers =
        java.util.stream.Stream.of(
                r.cidrIpv4(), r.cidrIpv6(), r.prefixListId(), r.referencedGroupId())
            .filter(java.util.Objects::nonNull)
            .count();
    if (peers == 0) {
      throw AwsException.missingParameter("CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupId");
    }
    if (peers > 1) {
      throw AwsException.invalidParameterCombination(
          "Only one of CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupId may be given");
    }
    IpPermission.Builder b =
        IpPermission.builder().ipProtocol(r.ipProtocol()).fromPort(r.fromPort()).toPort(r.toPort());
    String d = r.description();
    if (r.cidrIpv4() != null) {
      b.ipRanges(IpRange.builder().cidrIp(r.cidrIpv4()).description(d).build());
    } else if (r.cidrIpv6() != null) {
      b.ipv6Ranges(Ipv6Range.builder().cidrIpv6(r.cidrIpv6()).description(d).build());
    } else if (r.prefixListId() != null) {
      b.prefixListIds(PrefixListId.builder().prefixListId(r.prefixListId()).description(d).build());
    } else {
      b.userIdGroupPairs(
          UserIdGroupPair.builder().groupId(r.referencedGroupId()).description(d).build());
    }
    return b.build();
  }

  public UpdateSecurityGroupRuleDescriptionsIngressResponse
      updateSecurityGroupRuleDescriptionsIngress(
          RequestContext ctx, UpdateSecurityGroupRuleDescriptionsIngressRequest req) {
    describe(
        ctx,
        req.groupId(),
        req.groupName(),
        req.ipPermissions(),
        req.securityGroupRuleDescriptions(),
        false);
    return UpdateSecurityGroupRuleDescriptionsIngressResponse.builder().returnValue(true).build();
  }

  public UpdateSecurityGroupRuleDescriptionsEgressResponse
      updateSecurityGroupRuleDescriptionsEgress(
          RequestContext ctx, UpdateSecurityGroupRuleDescriptionsEgressRequest req) {
    describe(
        ctx,
        req.groupId(),
        req.groupName(),
        req.ipPermissions(),
        req.securityGroupRuleDescriptions(),
        true);
    return UpdateSecurityGroupRuleDescriptionsEgressResponse.builder().returnValue(true).build();
  }

  private static void describe(
      RequestContext ctx,
      String groupId,
      String groupName,
      List<IpPermission> perms,
      List<SecurityGroupRuleDescription> byId,
      boolean egress) {
    if (perms.isEmpty() && byId.isEmpty()) {
      throw AwsException.missingParameter("IpPermissions or SecurityGroupRuleDescriptions");
    }
    if (!perms.isEmpty() && !byId.isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "Specify either IpPermissions or SecurityGroupRuleDescriptions, not both");
    }
    if (groupId == null && groupName == null) {
      throw AwsException.missingParameter("GroupId");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      SecurityGroupRecord g = groupId != null ? st.group(groupId) : st.groupByName(groupName, null);
      Map<Integer, SgRule> changed = new HashMap<>();
      for (SecurityGroupRuleDescription d : byId) {
        int at = indexOf(g, d.securityGroupRuleId());
        SgRule r = g.rules.get(at);
        if (r.egress() != egress) {
          throw ruleNotFound(d.securityGroupRuleId());
        }
        changed.put(at, r.withDescription(checked(d.description())));
      }
      if (!perms.isEmpty()) {
        for (SgRule wanted : IpPermissions.rules(st, g, perms, egress)) {
          int at = -1;
          for (int i = 0; i < g.rules.size(); i++) {
            if (g.rules.get(i).sameAs(wanted)) {
              at = i;
            }
          }
          if (at < 0) {
            throw new AwsException(
                "InvalidPermission.NotFound",
                "The specified rule does not exist in this security group.");
          }
          changed.put(at, g.rules.get(at).withDescription(checked(wanted.description())));
        }
      }
      changed.forEach(g.rules::set);
    }
  }

  private static int indexOf(SecurityGroupRecord g, String ruleId) {
    for (int i = 0; i < g.rules.size(); i++) {
      if (g.rules.get(i).id().equals(ruleId)) {
        return i;
      }
    }
    throw ruleNotFound(ruleId);
  }

  static String checked(String description) {
    if (description == null) {
      return null;
    }
    if (description.length() > 255 || !DESCRIPTION.matcher(description).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid rule description. Valid descriptions are strings less than 256 characters"
              + " from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*");
    }
    return description;
  }

  private static AwsException ruleNotFound(String id) {
    return new AwsException(
        "InvalidSecurityGroupRuleId.NotFound",
        "The security group rule ID '" + id + "' does not exist");
  }
}
