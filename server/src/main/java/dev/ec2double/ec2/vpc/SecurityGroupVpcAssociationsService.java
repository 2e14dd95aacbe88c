package dev.ec2double.ec2.vpc;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AssociateSecurityGroupVpcRequest;
import software.amazon.awssdk.services.ec2.model.AssociateSecurityGroupVpcResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupVpcAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupVpcAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateSecurityGroupVpcRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateSecurityGroupVpcResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroupVpcAssociation;

/**
 * A security group used by interfaces of another VPC of the region
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateSecurityGroupVpc.html): once
 * associated, RunInstances, CreateNetworkInterface and ModifyNetworkInterfaceAttribute in that VPC
 * take the group, and the packet filter applies its rules to them as to any member. Not for a
 * default group nor the default VPC; not disassociated while an interface of that VPC uses it.
 */
public final class SecurityGroupVpcAssociationsService {
  private static final FilterSpec<SecurityGroupVpcAssociation> FILTERS =
      FilterSpec.<SecurityGroupVpcAssociation>of()
          .field("group-id", SecurityGroupVpcAssociation::groupId)
          .field("group-owner-id", SecurityGroupVpcAssociation::groupOwnerId)
          .field("state", SecurityGroupVpcAssociation::stateAsString)
          .field("vpc-id", SecurityGroupVpcAssociation::vpcId)
          .field("vpc-owner-id", SecurityGroupVpcAssociation::vpcOwnerId);

  public AssociateSecurityGroupVpcResponse associateSecurityGroupVpc(
      RequestContext ctx, AssociateSecurityGroupVpcRequest req) {
    require(req.groupId(), req.vpcId());
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      SecurityGroupRecord g = st.group(req.groupId());
      VpcRecord vpc = st.vpc(req.vpcId());
      if (g.isDefault()) {
        throw AwsException.invalidParameterValue(
            "The default security group " + g.id + " cannot be associated with another VPC.");
      }
      if (vpc.isDefault) {
        throw AwsException.invalidParameterValue(
            "Security groups cannot be associated with the default VPC " + vpc.id + ".");
      }
      if (g.vpcId.equals(vpc.id)) {
        throw AwsException.invalidParameterValue(
            "The security group " + g.id + " already belongs to VPC " + vpc.id + ".");
      }
      if (g.associatedVpcIds.contains(vpc.id)) {
        throw new AwsException(
            "InvalidGroupVpcAssociation.Duplicate",
            "The security group " + g.id + " is already associated with VPC " + vpc.id + ".");
      }
      g.associatedVpcIds.add(vpc.id);
    }
    return AssociateSecurityGroupVpcResponse.builder().state("associating").build();
  }

  public DisassociateSecurityGroupVpcResponse disassociateSecurityGroupVpc(
      RequestContext ctx, DisassociateSecurityGroupVpcRequest req) {
    require(req.groupId(), req.vpcId());
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      SecurityGroupRecord g = st.group(req.groupId());
      if (!g.associatedVpcIds.contains(req.vpcId())) {
        throw new AwsException(
            "InvalidGroupVpcAssociation.NotFound",
            "The security group " + g.id + " is not associated with VPC " + req.vpcId() + ".");
      }
      boolean used =
          st.interfaces.values().stream()
              .anyMatch(n -> n.vpcId.equals(req.vpcId()) && n.groupIds.contains(g.id));
      if (used) {
        throw new AwsException(
            "DependencyViolation",
            "The security group "
                + g.id
                + " is in use by network interfaces in VPC "
                + req.vpcId()
                + ".");
      }
      g.associatedVpcIds.remove(req.vpcId());
    }
    return DisassociateSecurityGroupVpcResponse.builder().state("disassociating").build();
  }

  public DescribeSecurityGroupVpcAssociationsResponse describeSecurityGroupVpcAssociations(
      RequestContext ctx, DescribeSecurityGroupVpcAssociationsRequest req) {
    Predicate<SecurityGroupVpcAssociation> filter = FILTERS.compile(req.filters());
    VpcState st = VpcState.of(ctx.state());
    List<SecurityGroupVpcAssociation> views = new ArrayList<>();
    synchronized (st) {
      for (SecurityGroupRecord g : st.groups.values()) {
        for (String vpc : g.associatedVpcIds) {
          SecurityGroupVpcAssociation v =
              SecurityGroupVpcAssociation.builder()
                  .groupId(g.id)
                  .groupOwnerId(st.account)
                  .vpcId(vpc)
                  .vpcOwnerId(st.account)
                  .state("associated")
                  .build();
          if (filter.test(v)) {
            views.add(v);
          }
        }
      }
    }
    var page =
        Pages.page(
            "DescribeSecurityGroupVpcAssociations", views, req.maxResults(), req.nextToken());
    return DescribeSecurityGroupVpcAssociationsResponse.builder()
        .securityGroupVpcAssociations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static void require(String groupId, String vpcId) {
    if (groupId == null) {
      throw AwsException.missingParameter("GroupId");
    }
    if (vpcId == null) {
      throw AwsException.missingParameter("VpcId");
    }
  }
}
