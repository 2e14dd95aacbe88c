package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.errors.AwsException;
import java.util.Locale;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.IcmpTypeCode;
import software.amazon.awssdk.services.ec2.model.PortRange;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclEntryRequest;

/**
 * The checks of CreateNetworkAclEntry's and ReplaceNetworkAclEntry's parameters, as the API
 * reference states them: a rule number from 1 to 32766 (32767 is AWS's own {@code *} rule), {@code
 * allow} or {@code deny}, one IPv4 or IPv6 block, a protocol number (or {@code -1} for all; the
 * names {@code tcp}, {@code udp}, {@code icmp} and {@code all} are taken too and stored as
 * numbers), a port range for TCP (6) and UDP (17), an ICMP type and code for ICMP (1). Ports and
 * ICMP fields of other protocols are ignored, as AWS ignores them.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html
 */
final class NetworkAclEntries {
  static final int MAX_RULE = 32766;

  private NetworkAclEntries() {}

  static int ruleNumber(Integer ruleNumber) {
    if (ruleNumber == null) {
      throw AwsException.missingParameter("ruleNumber");
    }
    if (ruleNumber < 1 || ruleNumber > MAX_RULE) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + ruleNumber
              + ") for parameter ruleNumber is invalid. Rule number must be between 1 and "
              + MAX_RULE
              + ".");
    }
    return ruleNumber;
  }

  static NetworkAclEntryRecord of(CreateNetworkAclEntryRequest req) {
    return of(
        req.ruleNumber(),
        req.egress(),
        req.protocol(),
        req.ruleActionAsString(),
        req.cidrBlock(),
        req.ipv6CidrBlock(),
        req.icmpTypeCode(),
        req.portRange());
  }

  /**
   * ReplaceNetworkAclEntry has CreateNetworkAclEntry's members, so its entry is checked the same
   * way: the request copied member by member.
   */
  static CreateNetworkAclEntryRequest asCreate(ReplaceNetworkAclEntryRequest req) {
    CreateNetworkAclEntryRequest.Builder b = CreateNetworkAclEntryRequest.builder();
    for (SdkField<?> to : b.sdkFields()) {
      for (SdkField<?> from : req.sdkFields()) {
        if (from.memberName().equals(to.memberName())) {
          to.set(b, from.getValueOrDefault(req));
        }
      }
    }
    return b.build();
  }

  static NetworkAclEntryRecord of(
      Integer ruleNumber,
      Boolean egress,
      String protocol,
      String action,
      String cidrBlock,
      String ipv6CidrBlock,
      IcmpTypeCode icmp,
      PortRange ports) {
    int number = ruleNumber(ruleNumber);
    if (egress == null) {
      throw AwsException.missingParameter("egress");
    }
    boolean allow = allow(action);
    String p = protocol(protocol);
    if (cidrBlock == null && ipv6CidrBlock == null) {
      throw AwsException.missingParameter("cidrBlock or ipv6CidrBlock");
    }
    if (cidrBlock != null && ipv6CidrBlock != null) {
      throw AwsException.invalidParameterCombination(
          "Only one of cidrBlock and ipv6CidrBlock may be specified.");
    }
    String cidr = cidrBlock == null ? null : ipv4(cidrBlock);
    String ipv6 = ipv6CidrBlock == null ? null : ipv6(ipv6CidrBlock);
    Integer from = null;
    Integer to = null;
    Integer type = null;
    Integer code = null;
    if (p.equals("6") || p.equals("17")) {
      if (ports == null || ports.from() == null || ports.to() == null) {
        throw AwsException.missingParameter("portRange");
      }
      from = port("from", ports.from());
      to = port("to", ports.to());
      if (from > to) {
        throw AwsException.invalidParameterValue(
            "Invalid port range: the from port (" + from + ") is greater than the to port.");
      }
    } else if (p.equals("1") || p.equals("58")) {
      if (icmp == null || icmp.type() == null || icmp.code() == null) {
        if (p.equals("1")) {
          throw AwsException.missingParameter("icmpTypeCode");
        }
      } else {
        type = icmpField("type", icmp.type());
        code = icmpField("code", icmp.code());
      }
    }
    return new NetworkAclEntryRecord(number, egress, p, allow, cidr, ipv6, from, to, type, code);
  }

  private static boolean allow(String action) {
    if (action == null) {
      throw AwsException.missingParameter("ruleAction");
    }
    return switch (action) {
      case "allow" -> true;
      case "deny" -> false;
      default ->
          throw AwsException.invalidParameterValue(
              "Value ("
                  + action
                  + ") for parameter ruleAction is invalid. Valid values: allow, deny.");
    };
  }

  /** The protocol as a number ({@code -1}: all). */
  static String protocol(String protocol) {
    if (protocol == null) {
      throw AwsException.missingParameter("protocol");
    }
    switch (protocol.toLowerCase(Locale.ROOT)) {
      case "all":
      case "-1":
        return "-1";
      case "tcp":
        return "6";
      case "udp":
        return "17";
      case "icmp":
        return "1";
      case "icmpv6":
        return "58";
      default:
        break;
    }
    try {
      int n = Integer.parseInt(protocol);
      if (n >= 0 && n <= 255) {
        return Integer.toString(n);
      }
    } catch (NumberFormatException e) {
      // falls through to the error
    }
    throw AwsException.invalidParameterValue(
        "Invalid value '"
            + protocol
            + "' for protocol. Valid values: -1, or a protocol number from 0 to 255.");
  }

  private static String ipv4(String text) {
    Cidr c = Cidr.parseOrNull(text);
    if (c == null) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + text
              + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
    }
    return c.toString();
  }

  private static String ipv6(String text) {
    int slash = text.indexOf('/');
    boolean ok = slash > 0 && text.indexOf(':') >= 0 && text.indexOf(':') < slash;
    if (ok) {
      try {
        int prefix = Integer.parseInt(text.substring(slash + 1));
        ok =
            prefix >= 0
                && prefix <= 128
                && text.substring(0, slash).matches("[0-9a-fA-F:.]+")
                && java.net.InetAddress.getByName(text.substring(0, slash))
                    instanceof java.net.Inet6Address;
      } catch (NumberFormatException | java.net.UnknownHostException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + text
              + ") for parameter ipv6CidrBlock is invalid. This is not a valid IPv6 CIDR block.");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  private static int port(String which, int port) {
    if (port < 0 || port > 65535) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + port
              + ") for parameter portRange."
              + which
              + " is invalid. Ports are from 0 to 65535.");
    }
    return port;
  }

  private static int icmpField(String which, int value) {
    if (value < -1 || value > 255) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + value
              + ") for parameter icmpTypeCode."
              + which
              + " is invalid. It is -1 (all) or from 0 to 255.");
    }
    return value;
  }
}
