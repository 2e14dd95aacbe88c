package dev.ec2double.ec2.ipam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** IPAM policies, prefix list resolvers and their targets. */
final class PolicyRecords {
  private PolicyRecords() {}

  /** A policy: which pools public addresses of a service come from, per locale. */
  static final class Policy implements java.io.Serializable {
    final String id;
    final String ipamId;
    String state = "create-complete";

    /** The organization targets it is enabled for ("" is this account). */
    final Set<String> enabledFor = new LinkedHashSet<>();

    /** locale + " " + resource type to the source pools, in order. */
    final Map<String, List<String>> rules = new LinkedHashMap<>();

    Policy(String id, String ipamId) {
      this.id = id;
      this.ipamId = ipamId;
    }
  }

  /** One rule of a resolver: a static CIDR, or the CIDRs of a scope's pools or resources. */
  record Rule(
      String type, String cidr, String scopeId, String resourceType, List<Condition> conditions)
      implements java.io.Serializable {}

  record Condition(
      String operation,
      String poolId,
      String resourceId,
      String owner,
      String region,
      String tagKey,
      String tagValue,
      String cidr)
      implements java.io.Serializable {}

  /** A resolver: rules, and the versions (the CIDR lists) it resolved them to. */
  static final class Resolver implements java.io.Serializable {
    final String id;
    final String ipamId;
    final String addressFamily;
    String description;
    String state = "create-complete";
    List<Rule> rules = new ArrayList<>();
    final List<List<String>> versions = new ArrayList<>();

    Resolver(String id, String ipamId, String addressFamily) {
      this.id = id;
      this.ipamId = ipamId;
      this.addressFamily = addressFamily;
    }
  }

  /** A managed prefix list a resolver keeps in step with one of its versions. */
  static final class Target implements java.io.Serializable {
    final String id;
    final String resolverId;
    final String prefixListId;
    final String prefixListRegion;
    Long desiredVersion;
    boolean trackLatest;
    Long lastSynced;
    String state = "create-complete";

    Target(String id, String resolverId, String prefixListId, String prefixListRegion) {
      this.id = id;
      this.resolverId = resolverId;
      this.prefixListId = prefixListId;
      this.prefixListRegion = prefixListRegion;
    }
  }
}
