package dev.ec2double.elbv2;

import dev.ec2double.core.RegionState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.vpc.DefaultVpc;
import dev.ec2double.wire.AwsException;

/**
 * The seam between load balancers and the VPC store: which subnets, VPCs and security groups exist.
 * {@link #defaultVpcOnly()} knows the default VPC alone; the VPC feature replaces it with one
 * backed by its own store.
 */
public interface Networks {
  record Subnet(String id, String vpcId, String zone) {}

  /** The subnet, or AWS's SubnetNotFound. */
  Subnet subnet(RegionState region, String subnetId);

  boolean vpcExists(RegionState region, String vpcId);

  /** The CIDR blocks of a VPC, for checking ip targets. */
  java.util.List<String> vpcCidrs(RegionState region, String vpcId);

  boolean securityGroupExists(RegionState region, String vpcId, String groupId);

  String defaultSecurityGroup(RegionState region, String vpcId);

  static Networks defaultVpcOnly() {
    return new Networks() {
      @Override
      public Subnet subnet(RegionState region, String subnetId) {
        DefaultVpc vpc = Instances.defaultVpc(region);
        try {
          DefaultVpc.Subnet s = vpc.subnet(subnetId);
          return new Subnet(s.id(), vpc.vpcId(), s.zone());
        } catch (AwsException e) {
          throw new AwsException("SubnetNotFound", "The subnet ID '" + subnetId + "' is not valid");
        }
      }

      @Override
      public boolean vpcExists(RegionState region, String vpcId) {
        return Instances.defaultVpc(region).vpcId().equals(vpcId);
      }

      @Override
      public java.util.List<String> vpcCidrs(RegionState region, String vpcId) {
        return java.util.List.of(DefaultVpc.CIDR);
      }

      @Override
      public boolean securityGroupExists(RegionState region, String vpcId, String groupId) {
        return Instances.defaultVpc(region).defaultSecurityGroupId().equals(groupId);
      }

      @Override
      public String defaultSecurityGroup(RegionState region, String vpcId) {
        return Instances.defaultVpc(region).defaultSecurityGroupId();
      }
    };
  }
}
