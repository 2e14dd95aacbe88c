package dev.ec2double.ec2.vpc;

import java.util.ArrayList;
import java.util.List;

/** A security group and its rules, ingress and egress, in the order they were added. */
public final class SecurityGroupRecord implements java.io.Serializable {
  final String id;
  final String name;
  final String description;
  final String vpcId;
  final List<SgRule> rules = new ArrayList<>();

  /** VPCs other than its own where it may be used (AssociateSecurityGroupVpc), in order. */
  final List<String> associatedVpcIds = new ArrayList<>();

  SecurityGroupRecord(String id, String name, String description, String vpcId) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.vpcId = vpcId;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** Whether interfaces of this VPC may use it: its own VPC or one it was associated with. */
  boolean usableIn(String vpc) {
    return vpcId.equals(vpc) || associatedVpcIds.contains(vpc);
  }

  boolean isDefault() {
    return name.equals("default");
  }
}
