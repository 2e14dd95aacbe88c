package dev.ec2double.ec2.ipam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The records of IPAM pools: their provisioned CIDRs, allocations and the address history. */
final class PoolRecords {
  private PoolRecords() {}

  static final class Pool implements java.io.Serializable {
    final String id;
    final String scopeId;
    final String ipamId;
    final String scopeType;
    final String sourcePoolId;
    final String addressFamily;
    final int depth;
    String locale;
    String description;
    boolean autoImport;
    Boolean publiclyAdvertisable;
    Integer minNetmask;
    Integer maxNetmask;
    Integer defaultNetmask;
    final Map<String, String> resourceTags = new LinkedHashMap<>();
    String awsService;
    String publicIpSource;
    String state = "create-complete";

    /** The provisioned CIDRs, in the order they came (deprovisioned ones stay, as on AWS). */
    final List<PoolCidr> cidrs = new ArrayList<>();

    Pool(String id, IpamRecords.Scope scope, String sourcePoolId, String addressFamily, int depth) {
      this.id = id;
      this.scopeId = scope.id;
      this.ipamId = scope.ipamId;
      this.scopeType = scope.type;
      this.sourcePoolId = sourcePoolId;
      this.addressFamily = addressFamily;
      this.depth = depth;
    }

    boolean ipv6() {
      return addressFamily.equals("ipv6");
    }

    List<IpBlock> provisioned() {
      List<IpBlock> out = new ArrayList<>();
      for (PoolCidr c : cidrs) {
        if (c.state.equals("provisioned")) {
          out.add(c.block);
        }
      }
      return out;
    }
  }

  static final class PoolCidr implements java.io.Serializable {
    final String id;
    final IpBlock block;
    String state = "provisioned";

    PoolCidr(String id, IpBlock block) {
      this.id = id;
      this.block = block;
    }
  }

  /**
   * A CIDR carved from a pool: for a resource (a VPC, a child pool's CIDR, an Elastic IP pool) or a
   * custom allocation (AllocateIpamPoolCidr).
   */
  static final class Allocation implements java.io.Serializable {
    final String id;
    final String poolId;
    final IpBlock block;
    String description;
    String resourceId;
    String resourceType;
    String resourceRegion;
    String resourceOwner;

    Allocation(String id, String poolId, IpBlock block) {
      this.id = id;
      this.poolId = poolId;
      this.block = block;
    }
  }

  /** A resource holding a CIDR from {@code start} until {@code end} (0 while it still does). */
  static final class History implements java.io.Serializable {
    final String resourceId;
    final String resourceType;
    final String cidr;
    final String vpcId;
    final long start;
    long end;

    History(String resourceId, String resourceType, String cidr, String vpcId, long start) {
      this.resourceId = resourceId;
      this.resourceType = resourceType;
      this.cidr = cidr;
      this.vpcId = vpcId;
      this.start = start;
    }
  }
}
