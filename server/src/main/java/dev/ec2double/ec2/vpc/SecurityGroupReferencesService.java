package dev.ec2double.ec2.vpc;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupReferencesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupReferencesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeStaleSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeStaleSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.GetSecurityGroupsForVpcRequest;
import software.amazon.awssdk.services.ec2.model.GetSecurityGroupsForVpcResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroupForVpc;
import software.amazon.awssdk.services.ec2.model.SecurityGroupReference;
import software.amazon.awssdk.services.ec2.model.StaleIpPermission;
import software.amazon.awssdk.services.ec2.model.StaleSecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.ValidateSecurityGroupQuotasForInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.ValidateSecurityGroupQuotasForInterfaceResponse;

/**
 * What refers to a security group from elsewhere: rules of groups in peered VPCs
 * (DescribeSecurityGroupReferences), rules whose peered group or peering is gone
 * (DescribeStaleSecurityGroups), the groups an interface of a VPC may use (GetSecurityGroupsForVpc:
 * the VPC's own and those associated with it), and whether a set of groups fits one interface's
 * quotas (ValidateSecurityGroupQuotasForInterface).
 */
public final class SecurityGroupReferencesService {
  /** AWS's default quotas: groups per interface, and rules per group times groups. */
  static final int GROUPS_PER_INTERFACE = 5;

  static final int RULES_PER_INTERFACE = 1000;

  private static final FilterSpec<SecurityGroupForVpc> FOR_VPC =
      FilterSpec.<SecurityGroupForVpc>of()
          .field("group-id", SecurityGroupForVpc::groupId)
          .field("description", SecurityGroupForVpc::description)
          .field("group-name", SecurityGroupForVpc::groupName)
          .field("owner-id", SecurityGroupForVpc::ownerId)
          .field("primary-vpc-id", SecurityGroupForVpc::primaryVpcId)
          .tags(v -> VpcFilters.tags(v.tags()));

  public DescribeSecurityGroupReferencesResponse describeSecurityGroupReferences(
      RequestContext ctx, DescribeSecurityGroupReferencesRequest req) {
    if (req.groupId().isEmpty()) {
      throw AwsException.missingParameter("GroupId");
    }
    VpcState st = VpcState.of(ctx.state());
    List<SecurityGroupReference> out = new ArrayList<>();
    synchronized (st) {
      for (String id : req.groupId()) {
        SecurityGroupRecord mine = st.group(id);
        Set<String> vpcs = new LinkedHashSet<>();
        for (SecurityGroupRecord other : st.groups.values()) {
          if (!other.vpcId.equals(mine.vpcId)
              && other.rules.stream().anyMatch(r -> mine.id.equals(r.groupId()))) {
            vpcs.add(other.vpcId);
          }
        }
        for (String vpc : vpcs) {
          out.add(
              SecurityGroupReference.builder()
                  .groupId(mine.id)
                  .referencingVpcId(vpc)
                  .vpcPeeringConnectionId(SecurityGroupPeers.peering(st, mine.vpcId, vpc))
                  .build());
        }
      }
    }
    return DescribeSecurityGroupReferencesResponse.builder().securityGroupReferenceSet(out).build();
  }

  public DescribeStaleSecurityGroupsResponse describeStaleSecurityGroups(
      RequestContext ctx, DescribeStaleSecurityGroupsRequest req) {
    if (req.vpcId() == null) {
      throw AwsException.missingParameter("VpcId");
    }
    VpcState st = VpcState.of(ctx.state());
    List<StaleSecurityGroup> stale = new ArrayList<>();
    synchronized (st) {
      st.vpc(req.vpcId());
      for (SecurityGroupRecord g : st.groups.values()) {
        if (!g.vpcId.equals(req.vpcId())) {
          continue;
        }
        List<StaleIpPermission> in = new ArrayList<>();
        List<StaleIpPermission> out = new ArrayList<>();
        for (SecurityGroupPeers.CrossVpc c : SecurityGroupPeers.crossVpcRules(st, g)) {
          String peerVpc = c.peer() == null ? null : c.peer().vpcId;
          if (peerVpc != null && SecurityGroupPeers.peering(st, g.vpcId, peerVpc) != null) {
            continue;
          }
          (c.rule().egress() ? out : in).add(staleView(st, g, c.rule(), peerVpc));
        }
        if (!in.isEmpty() || !out.isEmpty()) {
          stale.add(
              StaleSecurityGroup.builder()
                  .groupId(g.id)
                  .groupName(g.name)
                  .description(g.description)
                  .vpcId(g.vpcId)
                  .staleIpPermissions(in)
                  .staleIpPermissionsEgress(out)
                  .build());
        }
      }
    }
    var page = Pages.page("DescribeStaleSecurityGroups", stale, req.maxResults(), req.nextToken());
    return DescribeStaleSecurityGroupsResponse.builder()
        .staleSecurityGroupSet(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static StaleIpPermission staleView(
      VpcState st, SecurityGroupRecord g, SgRule r, String peerVpc) {
    UserIdGroupPair.Builder pair =
        UserIdGroupPair.builder().groupId(r.groupId()).userId(st.account);
    if (peerVpc != null) {
      VpcPeeringRecord last = SecurityGroupPeers.lastPeering(st, g.vpcId, peerVpc);
      pair.vpcId(peerVpc);
      if (last != null) {
        pair.vpcPeeringConnectionId(last.id).peeringStatus(last.code());
      }
    }
    StaleIpPermission.Builder b =
        StaleIpPermission.builder().ipProtocol(r.protocol()).userIdGroupPairs(pair.build());
    if (!r.protocol().equals("-1")) {
      b.fromPort(r.fromPort()).toPort(r.toPort());
    }
    return b.build();
  }

  public GetSecurityGroupsForVpcResponse getSecurityGroupsForVpc(
      RequestContext ctx, GetSecurityGroupsForVpcRequest req) {
    if (req.vpcId() == null) {
      throw AwsException.missingParameter("VpcId");
    }
    Predicate<SecurityGroupForVpc> filter = FOR_VPC.compile(req.filters());
    VpcState st = VpcState.of(ctx.state());
    List<SecurityGroupForVpc> views = new ArrayList<>();
    synchronized (st) {
      st.vpc(req.vpcId());
      for (SecurityGroupRecord g : st.groups.values()) {
        if (!g.usableIn(req.vpcId())) {
          continue;
        }
        SecurityGroupForVpc v =
            SecurityGroupForVpc.builder()
                .groupId(g.id)
                .groupName(g.name)
                .description(g.description)
                .ownerId(st.account)
                .primaryVpcId(g.vpcId)
                .tags(ctx.tags().sdkTags(g.id))
                .build();
        if (filter.test(v)) {
          views.add(v);
        }
      }
    }
    var page = Pages.page("GetSecurityGroupsForVpc", views, req.maxResults(), req.nextToken());
    return GetSecurityGroupsForVpcResponse.builder()
        .securityGroupForVpcs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * Whether these groups may be on one interface: each exists, at most five of them, and their
   * inbound and outbound rules each stay within 1,000 (AWS's default quotas; over a quota, its
   * error).
   */
  public ValidateSecurityGroupQuotasForInterfaceResponse validateSecurityGroupQuotasForInterface(
      RequestContext ctx, ValidateSecurityGroupQuotasForInterfaceRequest req) {
    if (req.securityGroupIds().isEmpty()) {
      throw AwsException.missingParameter("SecurityGroupIds");
    }
    VpcState st = VpcState.of(ctx.state());
    int in = 0;
    int out = 0;
    synchronized (st) {
      for (String id : new LinkedHashSet<>(req.securityGroupIds())) {
        for (SgRule r : st.group(id).rules) {
          if (r.egress()) {
            out++;
          } else {
            in++;
          }
        }
      }
    }
    if (new LinkedHashSet<>(req.securityGroupIds()).size() > GROUPS_PER_INTERFACE) {
      throw new AwsException(
          "SecurityGroupsPerInterfaceLimitExceeded",
          "The maximum number of security groups per interface has been reached ("
              + GROUPS_PER_INTERFACE
              + ").");
    }
    if (in > RULES_PER_INTERFACE || out > RULES_PER_INTERFACE) {
      throw new AwsException(
          "RulesPerSecurityGroupLimitExceeded",
          "The security groups have "
              + Math.max(in, out)
              + " rules in one direction: at most "
              + RULES_PER_INTERFACE
              + " apply to one network interface.");
    }
    return ValidateSecurityGroupQuotasForInterfaceResponse.builder().valid(true).build();
  }
}
