package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.ReferencedSecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Security groups as DescribeSecurityGroups shows them: rules with the same protocol and ports
 * folded into one IpPermission with several peers, as AWS does.
 */
final class SecurityGroupViews {
  private SecurityGroupViews() {}

  static SecurityGroup group(RequestContext ctx, VpcState st, SecurityGroupRecord g) {
    return SecurityGroup.builder()
        .groupId(g.id)
        .groupName(g.name)
        .description(g.description)
        .vpcId(g.vpcId)
        .ownerId(st.account)
        .securityGroupArn("arn:aws:ec2:" + st.region + ":" + st.account + ":security-group/" + g.id)
        .ipPermissions(permissions(st, g.rules, false))
        .ipPermissionsEgress(permissions(st, g.rules, true))
        .tags(VpcTags.shown(ctx, g.id))
        .build();
  }

  static List<IpPermission> permissions(VpcState st, List<SgRule> rules, boolean egress) {
    Map<String, IpPermission.Builder> byKey = new LinkedHashMap<>();
    Map<String, List<IpRange>> v4 = new LinkedHashMap<>();
    Map<String, List<Ipv6Range>> v6 = new LinkedHashMap<>();
    Map<String, List<PrefixListId>> lists = new LinkedHashMap<>();
    Map<String, List<UserIdGroupPair>> pairs = new LinkedHashMap<>();
    for (SgRule r : rules) {
      if (r.egress() != egress) {
        continue;
      }
      String key = r.protocol() + "|" + r.fromPort() + "|" + r.toPort();
      byKey.computeIfAbsent(
          key,
          k -> {
            IpPermission.Builder b = IpPermission.builder().ipProtocol(r.protocol());
            if (!r.protocol().equals("-1")) {
              b.fromPort(r.fromPort()).toPort(r.toPort());
            }
            return b;
          });
      if (r.cidrIpv4() != null) {
        v4.computeIfAbsent(key, k -> new ArrayList<>())
            .add(IpRange.builder().cidrIp(r.cidrIpv4()).description(r.description()).build());
      } else if (r.cidrIpv6() != null) {
        v6.computeIfAbsent(key, k -> new ArrayList<>())
            .add(Ipv6Range.builder().cidrIpv6(r.cidrIpv6()).description(r.description()).build());
      } else if (r.prefixListId() != null) {
        lists
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(
                PrefixListId.builder()
                    .prefixListId(r.prefixListId())
                    .description(r.description())
                    .build());
      } else {
        pairs
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(
                UserIdGroupPair.builder()
                    .groupId(r.groupId())
                    .userId(st.account)
                    .description(r.description())
                    .build());
      }
    }
    List<IpPermission> out = new ArrayList<>();
    byKey.forEach(
        (key, b) ->
            out.add(
                b.ipRanges(v4.getOrDefault(key, List.of()))
                    .ipv6Ranges(v6.getOrDefault(key, List.of()))
                    .prefixListIds(lists.getOrDefault(key, List.of()))
                    .userIdGroupPairs(pairs.getOrDefault(key, List.of()))
                    .build()));
    return out;
  }

  static SecurityGroupRule rule(RequestContext ctx, VpcState st, String groupId, SgRule r) {
    return SecurityGroupRule.builder()
        .securityGroupRuleId(r.id())
        .groupId(groupId)
        .groupOwnerId(st.account)
        .isEgress(r.egress())
        .ipProtocol(r.protocol())
        .fromPort(r.fromPort())
        .toPort(r.toPort())
        .cidrIpv4(r.cidrIpv4())
        .cidrIpv6(r.cidrIpv6())
        .prefixListId(r.prefixListId())
        .referencedGroupInfo(
            r.groupId() == null
                ? null
                : ReferencedSecurityGroup.builder().groupId(r.groupId()).userId(st.account).build())
        .description(r.description())
        .securityGroupRuleArn(
            "arn:aws:ec2:" + st.region + ":" + st.account + ":security-group-rule/" + r.id())
        .tags(ctx.tags().sdkTags(r.id()))
        .build();
  }
}
