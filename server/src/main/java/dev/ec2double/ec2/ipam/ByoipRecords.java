package dev.ec2double.ec2.ipam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bring-your-own addresses: CIDRs, ASNs, public IPv4 pools, IPv6 pools, customer-owned pools. */
final class ByoipRecords {
  private ByoipRecords() {}

  static final class Cidr implements java.io.Serializable {
    final IpBlock block;
    String description;
    String state = "provisioned";
    String networkBorderGroup;
    boolean publiclyAdvertisable;
    String poolId;
    String asn;
    final Map<String, String> asnAssociations = new LinkedHashMap<>();

    Cidr(IpBlock block) {
      this.block = block;
    }
  }

  static final class Asn implements java.io.Serializable {
    final String asn;
    final String ipamId;
    String state = "provisioned";

    Asn(String asn, String ipamId) {
      this.asn = asn;
      this.ipamId = ipamId;
    }
  }

  /** A public IPv4 pool: address ranges from BYOIP or IPAM, and the Elastic IPs drawn from them. */
  static final class PublicPool implements java.io.Serializable {
    final String id;
    String description;
    String networkBorderGroup;
    final List<IpBlock> ranges = new ArrayList<>();

    /** Addresses taken by Elastic IPs, by address. */
    final Map<String, String> used = new LinkedHashMap<>();

    PublicPool(String id) {
      this.id = id;
    }
  }

  static final class Ipv6Pool implements java.io.Serializable {
    final String id;
    String description;
    final List<IpBlock> cidrs = new ArrayList<>();

    /** CIDR to the resource (a VPC's association) that holds it. */
    final Map<String, String> associated = new LinkedHashMap<>();

    Ipv6Pool(String id) {
      this.id = id;
    }
  }

  /** A customer-owned IP pool of an Outpost's local gateway route table. */
  static final class CoipPool implements java.io.Serializable {
    final String id;
    final String routeTableId;
    final List<String> cidrs = new ArrayList<>();

    CoipPool(String id, String routeTableId) {
      this.id = id;
      this.routeTableId = routeTableId;
    }
  }
}
