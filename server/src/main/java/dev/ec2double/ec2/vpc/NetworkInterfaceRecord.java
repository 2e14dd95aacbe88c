package dev.ec2double.ec2.vpc;

import java.time.Instant;
import java.util.List;

/** A network interface: an address in a subnet, a MAC, security groups, maybe an attachment. */
public final class NetworkInterfaceRecord implements java.io.Serializable {
  final String id;
  final String subnetId;
  final String vpcId;
  final String zone;
  final String privateIp;
  final String mac;
  final String description;
  String interfaceType;

  /** ModifyNetworkInterfaceAttribute's AssociatePublicIpAddress, when it was given. */
  Boolean associatePublicIp;

  /** ModifyPublicIpDnsNameOptions' hostname type. */
  String publicDnsHostnameType = "public-ipv4-dns-name";

  /**
   * The service that made and manages the interface (a route server endpoint's), null for one the
   * user made: such an interface is in use and only its owner deletes it.
   */
  String requesterId;

  List<String> groupIds;
  boolean sourceDestCheck = true;
  String instanceId;
  String attachmentId;
  int deviceIndex;
  Instant attachTime;
  boolean deleteOnTermination;

  /** Secondary private IPv4 addresses (AssignPrivateIpAddresses): records, not on the machine. */
  final List<String> secondaryIps = new java.util.ArrayList<>();

  /** IPv6 addresses of the subnet's /64 (AssignIpv6Addresses): records, not on the machine. */
  final List<String> ipv6Addresses = new java.util.ArrayList<>();

  NetworkInterfaceRecord(
      String id,
      String subnetId,
      String vpcId,
      String zone,
      String privateIp,
      String mac,
      String description,
      List<String> groupIds) {
    this.id = id;
    this.subnetId = subnetId;
    this.vpcId = vpcId;
    this.zone = zone;
    this.privateIp = privateIp;
    this.mac = mac;
    this.description = description == null ? "" : description;
    this.interfaceType = "interface";
    this.groupIds = List.copyOf(groupIds);
  }

  public String id() {
    return id;
  }

  public String privateIp() {
    return privateIp;
  }

  public String mac() {
    return mac;
  }

  public String subnetId() {
    return subnetId;
  }

  public String vpcId() {
    return vpcId;
  }
}
