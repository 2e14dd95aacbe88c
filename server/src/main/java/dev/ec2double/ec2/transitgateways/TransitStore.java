package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records of the transit gateway features beyond gateways, VPC attachments and route tables
 * (those are in {@code ec2.vpc}): peering attachments, Connect attachments and peers, multicast
 * domains, policy tables, prefix list references, route table announcements, metering policies and
 * NAT configurations of one account in one region. Every read and change holds the store's lock;
 * code that also needs the VPC state takes it inside this one, never the other way round.
 */
final class TransitStore implements java.io.Serializable {

  /** What every record of the family has: a state, a creation time. */
  abstract static class Base implements java.io.Serializable {
    final String id;
    final Instant created = Instant.now();
    String state = "available";

    Base(String id) {
      this.id = id;
    }

    boolean live() {
      return !state.equals("deleted") && !state.equals("rejected") && !state.equals("failed");
    }
  }

  /** One side of a peering. */
  record Side(String account, String region, String transitGatewayId)
      implements java.io.Serializable {}

  /** A peering attachment: one record, held by the requester's region and the accepter's. */
  static final class Peering extends Base {
    final Side requester;
    final Side accepter;
    final String dynamicRouting;

    Peering(String id, Side requester, Side accepter, String dynamicRouting) {
      super(id);
      this.requester = requester;
      this.accepter = accepter;
      this.dynamicRouting = dynamicRouting;
    }
  }

  /** A Connect attachment over a transport (VPC) attachment. */
  static final class Connect extends Base {
    final String transitGatewayId;
    final String transportAttachmentId;

    Connect(String id, String transitGatewayId, String transportAttachmentId) {
      super(id);
      this.transitGatewayId = transitGatewayId;
      this.transportAttachmentId = transportAttachmentId;
    }
  }

  static final class ConnectPeer extends Base {
    final String attachmentId;
    final String transitGatewayAddress;
    final String peerAddress;
    final List<String> insideCidrBlocks;
    final long transitGatewayAsn;
    final long peerAsn;

    ConnectPeer(
        String id,
        String attachmentId,
        String transitGatewayAddress,
        String peerAddress,
        List<String> insideCidrBlocks,
        long transitGatewayAsn,
        long peerAsn) {
      super(id);
      this.attachmentId = attachmentId;
      this.transitGatewayAddress = transitGatewayAddress;
      this.peerAddress = peerAddress;
      this.insideCidrBlocks = List.copyOf(insideCidrBlocks);
      this.transitGatewayAsn = transitGatewayAsn;
      this.peerAsn = peerAsn;
    }
  }

  /** A subnet of an attachment in a multicast domain. */
  record DomainSubnet(String attachmentId, String resourceId, String subnetId, String state)
      implements java.io.Serializable {}

  /** A network interface registered in a group, as a member or a source. */
  record GroupEntry(String group, String eni, String subnetId, boolean source)
      implements java.io.Serializable {}

  static final class MulticastDomain extends Base {
    final String transitGatewayId;
    final Map<String, String> options = new LinkedHashMap<>();
    final List<DomainSubnet> subnets = new ArrayList<>();
    final Set<GroupEntry> groups = new LinkedHashSet<>();

    MulticastDomain(String id, String transitGatewayId) {
      super(id);
      this.transitGatewayId = transitGatewayId;
    }
  }

  /** A policy table entry's rule, with its target route table. */
  record PolicyEntry(
      String ruleNumber,
      String sourceCidr,
      String sourcePorts,
      String destinationCidr,
      String destinationPorts,
      String protocol,
      String metaDataKey,
      String metaDataValue,
      String targetRouteTableId)
      implements java.io.Serializable {}

  static final class PolicyTable extends Base {
    final String transitGatewayId;
    final Set<String> attachments = new LinkedHashSet<>();
    final Map<String, PolicyEntry> entries = new LinkedHashMap<>();

    PolicyTable(String id, String transitGatewayId) {
      super(id);
      this.transitGatewayId = transitGatewayId;
    }
  }

  /** A route to a prefix list's CIDRs in a transit gateway route table. */
  record PrefixListReference(
      String routeTableId, String prefixListId, String owner, String attachmentId)
      implements java.io.Serializable {}

  static final class Announcement extends Base {
    final String transitGatewayId;
    final String routeTableId;
    final String peeringAttachmentId;
    final String peerTransitGatewayId;

    Announcement(
        String id,
        String transitGatewayId,
        String routeTableId,
        String peeringAttachmentId,
        String peerTransitGatewayId) {
      super(id);
      this.transitGatewayId = transitGatewayId;
      this.routeTableId = routeTableId;
      this.peeringAttachmentId = peeringAttachmentId;
      this.peerTransitGatewayId = peerTransitGatewayId;
    }
  }

  /** A metering policy entry: who pays for traffic that matches its rule. */
  record MeteringEntry(
      int ruleNumber, Map<String, String> rule, String meteredAccount, Instant updatedAt)
      implements java.io.Serializable {}

  static final class MeteringPolicy extends Base {
    final String transitGatewayId;
    final List<String> middleboxes = new ArrayList<>();
    final Map<Integer, MeteringEntry> entries = new java.util.TreeMap<>();
    Instant updated = Instant.now();

    MeteringPolicy(String id, String transitGatewayId) {
      super(id);
      this.transitGatewayId = transitGatewayId;
    }
  }

  /** An attachment's NAT gateway settings. */
  static final class NatConfiguration implements java.io.Serializable {
    String support = "disabled";
    String systemRoutes = "disable";
    final List<Map<String, String>> rules = new ArrayList<>();
  }

  final Map<String, Peering> peerings = new LinkedHashMap<>();
  final Map<String, Connect> connects = new LinkedHashMap<>();
  final Map<String, ConnectPeer> connectPeers = new LinkedHashMap<>();
  final Map<String, MulticastDomain> domains = new LinkedHashMap<>();
  final Map<String, PolicyTable> policyTables = new LinkedHashMap<>();
  final Map<String, PrefixListReference> prefixListReferences = new LinkedHashMap<>();
  final Map<String, Announcement> announcements = new LinkedHashMap<>();
  final Map<String, MeteringPolicy> meteringPolicies = new LinkedHashMap<>();
  final Map<String, NatConfiguration> natConfigurations = new LinkedHashMap<>();

  static TransitStore of(RegionState state) {
    return state.part(TransitStore.class, TransitStore::new);
  }
}
