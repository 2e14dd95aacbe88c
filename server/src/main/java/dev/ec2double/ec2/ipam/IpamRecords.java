package dev.ec2double.ec2.ipam;

import java.util.ArrayList;
import java.util.List;

/** The records of IPAMs, their scopes, resource discoveries and verification tokens. */
final class IpamRecords {
  private IpamRecords() {}

  /** An IPAM: its two default scopes and its default resource discovery are made with it. */
  static final class Ipam implements java.io.Serializable {
    final String id;
    String description;
    String tier;
    boolean enablePrivateGua;
    String meteredAccount;
    final List<String> operatingRegions = new ArrayList<>();
    String privateScopeId;
    String publicScopeId;
    String defaultDiscoveryId;
    String defaultAssociationId;
    String state = "create-complete";

    Ipam(String id) {
      this.id = id;
    }
  }

  static final class Scope implements java.io.Serializable {
    final String id;
    final String ipamId;
    final String type;
    final boolean isDefault;
    String description;
    String externalType;
    String externalId;
    String state = "create-complete";

    Scope(String id, String ipamId, String type, boolean isDefault) {
      this.id = id;
      this.ipamId = ipamId;
      this.type = type;
      this.isDefault = isDefault;
    }
  }

  static final class Discovery implements java.io.Serializable {
    final String id;
    final boolean isDefault;
    String description;
    final List<String> operatingRegions = new ArrayList<>();
    final List<String> exclusions = new ArrayList<>();
    String state = "create-complete";

    Discovery(String id, boolean isDefault) {
      this.id = id;
      this.isDefault = isDefault;
    }
  }

  static final class DiscoveryAssociation implements java.io.Serializable {
    final String id;
    final String ipamId;
    final String discoveryId;
    final boolean isDefault;
    String state = "associate-complete";

    DiscoveryAssociation(String id, String ipamId, String discoveryId, boolean isDefault) {
      this.id = id;
      this.ipamId = ipamId;
      this.discoveryId = discoveryId;
      this.isDefault = isDefault;
    }
  }

  /** A token to prove control of a public CIDR's DNS (ProvisionIpamPoolCidr's dns-token). */
  static final class Token implements java.io.Serializable {
    final String id;
    final String ipamId;
    final String name;
    final String value;
    final long notAfter;
    String state = "create-complete";

    Token(String id, String ipamId, String name, String value, long notAfter) {
      this.id = id;
      this.ipamId = ipamId;
      this.name = name;
      this.value = value;
      this.notAfter = notAfter;
    }
  }
}
