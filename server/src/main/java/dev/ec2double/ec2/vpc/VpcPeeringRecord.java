package dev.ec2double.ec2.vpc;

import java.time.Instant;

/**
 * A VPC peering connection. The same record is kept in the requester's and, when the peer VPC was
 * found, in the accepter's VPC state (another account or region of this server), so both sides see
 * one status; its fields change only under this record's own lock.
 */
final class VpcPeeringRecord implements java.io.Serializable {
  /** One side: its account, region, VPC and that VPC's IPv4 block. */
  record Side(String account, String region, String vpcId, String cidr, String network)
      implements java.io.Serializable {
    String scope() {
      return account + "/" + region;
    }
  }

  final String id;
  final Side requester;

  /** The accepter as the request named it; its CIDR and network are null when it was not found. */
  final Side accepter;

  final Instant expiration;
  String code;
  String message;
  boolean requesterDns;
  boolean accepterDns;

  VpcPeeringRecord(String id, Side requester, Side accepter, Instant expiration) {
    this.id = id;
    this.requester = requester;
    this.accepter = accepter;
    this.expiration = expiration;
  }

  synchronized void set(String code, String message) {
    this.code = code;
    this.message = message;
  }

  /** The status now: a request not accepted in time has expired. */
  synchronized String code() {
    if (code.equals("pending-acceptance") && Instant.now().isAfter(expiration)) {
      set("expired", "Expired");
    }
    return code;
  }

  synchronized String message() {
    code();
    return message;
  }

  boolean active() {
    return code().equals("active");
  }

  /** The side of an account and region, or null when neither is theirs. */
  Side sideOf(String account, String region) {
    if (accepter.account().equals(account) && accepter.region().equals(region)) {
      return accepter;
    }
    if (requester.account().equals(account) && requester.region().equals(region)) {
      return requester;
    }
    return null;
  }

  /** The VPC of the other side than the one in {@code vpcId}'s state. */
  Side other(Side side) {
    return side == requester ? accepter : requester;
  }
}
