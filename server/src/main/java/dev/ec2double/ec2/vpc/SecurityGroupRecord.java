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

  boolean isDefault() {
    return name.equals("default");
  }
}
