package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.Ids;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Reads the IpPermissions of Authorize/Revoke calls into one rule per peer, checked as AWS does.
 */
final class IpPermissions {
  private IpPermissions() {}

  static List<SgRule> rules(
      VpcState st, SecurityGroupRecord group, List<IpPermission> perms, boolean egress) {
    List<SgRule> out = new ArrayList<>();
    for (IpPermission p : perms) {
      String protocol = protocol(p.ipProtocol());
      int from = -1;
      int to = -1;
      if (protocol.equals("tcp") || protocol.equals("udp")) {
        if (p.fromPort() == null || p.toPort() == null) {
          throw AwsException.invalidParameterValue(
              "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
        }
        from = p.fromPort();
        to = p.toPort();
        if (from < 0 || to > 65535 || from > to) {
          throw new AwsException(
              "InvalidParameterValue",
              "Invalid value 'Invalid TCP/UDP port range " + from + "-" + to + "' for portRange");
        }
      } else if (protocol.equals("icmp")) {
        from = p.fromPort() == null ? -1 : p.fromPort();
        to = p.toPort() == null ? -1 : p.toPort();
      } else if (!protocol.equals("-1")) {
        from = p.fromPort() == null ? -1 : p.fromPort();
        to = p.toPort() == null ? -1 : p.toPort();
      }
      for (IpRange r : p.ipRanges()) {
        Cidr c = Cidr.parseOrNull(r.cidrIp());
        if (c == null) {
          throw AwsException.invalidParameterValue("CIDR block " + r.cidrIp() + " is malformed");
        }
        out.add(rule(egress, protocol, from, to, c.toString(), null, null, null, r.description()));
      }
      for (Ipv6Range r : p.ipv6Ranges()) {
        out.add(rule(egress, protocol, from, to, null, r.cidrIpv6(), null, null, r.description()));
      }
      for (PrefixListId r : p.prefixListIds()) {
        if (r.prefixListId() == null || !PrefixLists.exists(st, r.prefixListId())) {
          // what AWS answers for a list that is not there (a CloudFormation user's report)
          throw new AwsException(
              "InvalidPrefixListId.NotFound",
              "The prefix list ID '" + r.prefixListId() + "' does not exist");
        }
        out.add(
            rule(egress, protocol, from, to, null, null, r.prefixListId(), null, r.description()));
      }
      for (UserIdGroupPair pair : p.userIdGroupPairs()) {
        SecurityGroupRecord peer =
            pair.groupId() != null
                ? st.group(pair.groupId())
                : st.groupByName(pair.groupName(), group.vpcId);
        if (!peer.vpcId.equals(group.vpcId)
            && SecurityGroupPeers.peering(st, group.vpcId, peer.vpcId) == null) {
          throw AwsException.invalidParameterValue(
              "You have specified two resources that belong to different networks.");
        }
        out.add(rule(egress, protocol, from, to, null, null, null, peer.id, pair.description()));
      }
    }
    if (out.isEmpty()) {
      throw AwsException.missingParameter("IpPermissions");
    }
    return out;
  }

  private static SgRule rule(
      boolean egress,
      String protocol,
      int from,
      int to,
      String v4,
      String v6,
      String prefixList,
      String group,
      String description) {
    return new SgRule(
        Ids.next("sgr"), egress, protocol, from, to, v4, v6, prefixList, group, description);
  }

  /** tcp, udp, icmp, -1, or a protocol number; 6, 17 and 1 read as their names, as AWS does. */
  static String protocol(String p) {
    if (p == null) {
      throw AwsException.missingParameter("IpProtocol");
    }
    String v = p.toLowerCase(Locale.ROOT);
    switch (v) {
      case "tcp", "6":
        return "tcp";
      case "udp", "17":
        return "udp";
      case "icmp", "1":
        return "icmp";
      case "-1", "all":
        return "-1";
      default:
        try {
          int n = Integer.parseInt(v);
          if (n >= 0 && n <= 255) {
            return v;
          }
        } catch (NumberFormatException e) {
          // fall through
        }
        throw AwsException.invalidParameterValue(
            "Invalid value '" + p + "' for IP protocol. Unknown protocol.");
    }
  }

  /** The text AWS's InvalidPermission.Duplicate quotes. */
  static String describe(SgRule r) {
    String proto = r.protocol().equals("-1") ? "ALL" : r.protocol().toUpperCase(Locale.ROOT);
    StringBuilder b = new StringBuilder("peer: " + r.peer() + ", " + proto);
    if (!r.protocol().equals("-1")) {
      b.append(", from port: ").append(r.fromPort()).append(", to port: ").append(r.toPort());
    }
    return b.append(", ALLOW").toString();
  }
}
