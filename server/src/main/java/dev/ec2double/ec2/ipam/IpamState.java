package dev.ec2double.ec2.ipam;

import dev.ec2double.core.RegionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPAM and address-pool records of one account in one region. Every read and change holds this
 * object's lock, so that an allocation and the check that the space is free are one step.
 */
final class IpamState implements java.io.Serializable {
  final Map<String, IpamRecords.Ipam> ipams = new LinkedHashMap<>();
  final Map<String, IpamRecords.Scope> scopes = new LinkedHashMap<>();
  final Map<String, IpamRecords.Discovery> discoveries = new LinkedHashMap<>();
  final Map<String, IpamRecords.DiscoveryAssociation> associations = new LinkedHashMap<>();
  final Map<String, IpamRecords.Token> tokens = new LinkedHashMap<>();
  final Map<String, PoolRecords.Pool> pools = new LinkedHashMap<>();
  final Map<String, PoolRecords.Allocation> allocations = new LinkedHashMap<>();
  final Map<String, PolicyRecords.Policy> policies = new LinkedHashMap<>();
  final Map<String, PolicyRecords.Resolver> resolvers = new LinkedHashMap<>();
  final Map<String, PolicyRecords.Target> targets = new LinkedHashMap<>();
  final Map<String, RegistryRecords.Association> registries = new LinkedHashMap<>();
  final Map<String, ByoipRecords.Cidr> byoipCidrs = new LinkedHashMap<>();
  final Map<String, ByoipRecords.Asn> asns = new LinkedHashMap<>();
  final Map<String, ByoipRecords.PublicPool> publicPools = new LinkedHashMap<>();
  final Map<String, ByoipRecords.Ipv6Pool> ipv6Pools = new LinkedHashMap<>();
  final Map<String, ByoipRecords.CoipPool> coipPools = new LinkedHashMap<>();

  /** What held which CIDR when: GetIpamAddressHistory's records, oldest first. */
  final List<PoolRecords.History> history = new ArrayList<>();

  /**
   * Resource CIDRs ("resource-id cidr") that IPAM ignores (ModifyIpamResourceCidr Monitored=false).
   */
  final java.util.Set<String> ignored = new java.util.HashSet<>();

  /**
   * Resource CIDRs ("resource-id cidr") moved to a scope other than their IPAM's private default.
   */
  final Map<String, String> movedTo = new java.util.HashMap<>();

  /** The delegated administrator of IPAM for the organization, or null. */
  String delegatedAdmin;

  static IpamState of(RegionState state) {
    return state.part(IpamState.class, IpamState::new);
  }
}
