package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Where VPC CIDRs and Elastic IPs come from when a call names a pool: an IPAM pool
 * (CreateVpc/AssociateVpcCidrBlock with Ipv4IpamPoolId or Ipv6IpamPoolId, AssociateSubnetCidrBlock
 * with Ipv6IpamPoolId), a BYOIP IPv6 pool (Ipv6Pool), a public IPv4 pool (AllocateAddress with
 * PublicIpv4Pool). Owned here, answered by {@code ec2.ipam}; without it every pool is unknown.
 * Called without the VPC state's lock held.
 */
public interface VpcAddressPools {

  /**
   * Allocates a CIDR for a VPC: the explicit one, or the first free one of the netmask length (or
   * the pool's default).
   *
   * @return the CIDR, held for {@code vpcId} until {@link #release}
   */
  String allocate(
      RequestContext ctx,
      String poolId,
      String cidr,
      Integer netmaskLength,
      boolean ipv6,
      String vpcId,
      List<Tag> vpcTags);

  /** A CIDR from a BYOIP IPv6 pool ({@code ipv6pool-ec2-...}) for a VPC. */
  String allocateIpv6Pool(RequestContext ctx, String poolId, String cidr, String vpcId);

  /**
   * The IPv6 block a CreateVpc or AssociateVpcCidrBlock asks of a pool (an IPAM pool or a BYOIP
   * IPv6 pool), or null when it names none.
   */
  default String ipv6(
      RequestContext ctx,
      String ipamPoolId,
      String ipv6Pool,
      String cidr,
      Integer netmaskLength,
      String vpcId,
      List<Tag> vpcTags) {
    if (ipamPoolId != null) {
      return allocate(ctx, ipamPoolId, cidr, netmaskLength, true, vpcId, vpcTags);
    }
    return ipv6Pool == null ? null : allocateIpv6Pool(ctx, ipv6Pool, cidr, vpcId);
  }

  /**
   * A subnet's IPv6 block from an IPAM pool (AssociateSubnetCidrBlock with Ipv6IpamPoolId): the
   * explicit one, or the first free one of the netmask length (or the pool's default).
   *
   * @return the CIDR, held for {@code subnetId} until {@link #releaseSubnet}
   */
  default String subnetIpv6(
      RequestContext ctx, String poolId, String cidr, Integer netmaskLength, String subnetId) {
    throw new AwsException(
        "InvalidIpamPoolId.NotFound", "The ipamPool ID '" + poolId + "' does not exist");
  }

  /** Gives back the CIDRs a subnet holds from pools (one CIDR, or all of them when null). */
  default void releaseSubnet(RequestContext ctx, String subnetId, String cidr) {}

  /** Gives back the CIDRs a VPC holds from pools (one CIDR, or all of them when null). */
  void release(RequestContext ctx, String vpcId, String cidr);

  /** An address from a public IPv4 pool for an Elastic IP (the given one, or the lowest free). */
  String publicIp(RequestContext ctx, String poolId, String address, String allocationId);

  /** Gives an Elastic IP's address back to its pool. */
  void releasePublicIp(RequestContext ctx, String poolId, String address);

  /** No pools at all: every pool id is unknown. */
  VpcAddressPools NONE =
      new VpcAddressPools() {
        @Override
        public String allocate(
            RequestContext ctx,
            String poolId,
            String cidr,
            Integer netmaskLength,
            boolean ipv6,
            String vpcId,
            List<Tag> vpcTags) {
          throw unknown(poolId);
        }

        @Override
        public String allocateIpv6Pool(
            RequestContext ctx, String poolId, String cidr, String vpcId) {
          throw unknown(poolId);
        }

        @Override
        public void release(RequestContext ctx, String vpcId, String cidr) {}

        @Override
        public String publicIp(
            RequestContext ctx, String poolId, String address, String allocationId) {
          throw unknown(poolId);
        }

        @Override
        public void releasePublicIp(RequestContext ctx, String poolId, String address) {}

        private AwsException unknown(String poolId) {
          return new AwsException(
              "InvalidIpamPoolId.NotFound", "The ipamPool ID '" + poolId + "' does not exist");
        }
      };
}
