package dev.ec2double.elbv2;

import dev.ec2double.core.RegionState;
import dev.ec2double.ec2.vpc.SubnetRecord;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;

/**
 * The seam between load balancers and the VPC store: which subnets, VPCs and security groups exist.
 * {@link #fromVpcs()} answers from the VPC feature's store.
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

  /** Answered from the VPC feature's store. */
  static Networks fromVpcs() {
    return new Networks() {
      @Override
      public Subnet subnet(RegionState region, String subnetId) {
        SubnetRecord s = VpcLookups.subnetOrNull(region, subnetId);
        if (s == null) {
          throw new AwsException("SubnetNotFound", "The subnet ID '" + subnetId + "' is not valid");
        }
        return new Subnet(s.id(), s.vpcId(), s.zone());
      }

      @Override
      public boolean vpcExists(RegionState region, String vpcId) {
        return VpcLookups.vpcExists(region, vpcId);
      }

      @Override
      public java.util.List<String> vpcCidrs(RegionState region, String vpcId) {
        return VpcLookups.vpcCidrs(region, vpcId);
      }

      @Override
      public boolean securityGroupExists(RegionState region, String vpcId, String groupId) {
        return VpcLookups.securityGroupExists(region, vpcId, groupId);
      }

      @Override
      public String defaultSecurityGroup(RegionState region, String vpcId) {
        return VpcLookups.defaultSecurityGroup(region, vpcId);
      }
    };
  }
}
