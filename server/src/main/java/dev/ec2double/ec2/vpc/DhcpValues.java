package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;

/**
 * CreateDhcpOptions' options, checked as AWS checks them: the six keys it knows, server lists of
 * IPv4 (and for DNS and NTP, IPv6) addresses within their limits, values given comma-separated in
 * one parameter split into several.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateDhcpOptions.html
 */
final class DhcpValues {
  static final String AMAZON_DNS = "AmazonProvidedDNS";

  private DhcpValues() {}

  static Map<String, List<String>> of(List<NewDhcpConfiguration> configurations) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (NewDhcpConfiguration c : configurations) {
      String key = c.key();
      if (key == null || key.isEmpty()) {
        throw AwsException.missingParameter("DhcpConfiguration.Key");
      }
      if (out.containsKey(key)) {
        throw AwsException.invalidParameterValue(
            "The DHCP option " + key + " is given more than once.");
      }
      List<String> values = split(key, c.values());
      switch (key) {
        case "domain-name" -> one(key, values);
        case "domain-name-servers" -> servers(key, values, 4, 4, true);
        case "ntp-servers" -> servers(key, values, 4, 4, false);
        case "netbios-name-servers" -> servers(key, values, 4, 0, false);
        case "netbios-node-type" -> {
          one(key, values);
          if (!List.of("1", "2", "4", "8").contains(values.get(0))) {
            throw invalid(values.get(0), key, "The NetBIOS node type must be 1, 2, 4 or 8.");
          }
        }
        case "ipv6-address-preferred-lease-time" -> leaseTime(key, values);
        default ->
            throw AwsException.invalidParameterValue(
                "Value ("
                    + key
                    + ") for parameter DhcpConfiguration.Key is invalid. Valid keys are"
                    + " domain-name, domain-name-servers, ntp-servers, netbios-name-servers,"
                    + " netbios-node-type and ipv6-address-preferred-lease-time.");
      }
      out.put(key, List.copyOf(values));
    }
    return out;
  }

  /** Server lists may come comma-separated in one value; a domain name keeps its spaces. */
  private static List<String> split(String key, List<String> given) {
    List<String> values = new ArrayList<>();
    for (String v : given) {
      if (key.equals("domain-name")) {
        values.add(v.trim());
        continue;
      }
      for (String part : v.split(",")) {
        values.add(part.trim());
      }
    }
    values.removeIf(String::isEmpty);
    if (values.isEmpty()) {
      throw AwsException.invalidParameterValue("The DHCP option " + key + " must have a value.");
    }
    return values;
  }

  private static void one(String key, List<String> values) {
    if (values.size() > 1) {
      throw AwsException.invalidParameterValue("The DHCP option " + key + " takes one value.");
    }
    if (values.get(0).length() > 255) {
      throw invalid(values.get(0), key, "The value is longer than 255 characters.");
    }
  }

  private static void servers(
      String key, List<String> values, int maxV4, int maxV6, boolean amazonDns) {
    int v4 = 0;
    int v6 = 0;
    for (String v : values) {
      if (amazonDns && v.equals(AMAZON_DNS)) {
        v4++; // it takes the place of one IPv4 server
      } else if (Cidr.ip(v) >= 0) {
        v4++;
      } else if (maxV6 > 0 && isIpv6(v)) {
        v6++;
      } else {
        throw invalid(v, key, "It is not a valid IP address.");
      }
    }
    if (v4 > maxV4 || v6 > maxV6) {
      throw AwsException.invalidParameterValue(
          "The DHCP option "
              + key
              + " takes at most "
              + maxV4
              + " IPv4 addresses"
              + (maxV6 > 0 ? " and " + maxV6 + " IPv6 addresses." : "."));
    }
  }

  private static void leaseTime(String key, List<String> values) {
    one(key, values);
    long seconds;
    try {
      seconds = Long.parseLong(values.get(0));
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 140 || seconds > Integer.MAX_VALUE) {
      throw invalid(values.get(0), key, "The lease time must be 140 to 2147483647 seconds.");
    }
  }

  /** A literal IPv6 address (hex groups with colons, at most one {@code ::}); no lookups. */
  static boolean isIpv6(String v) {
    if (!v.matches("[0-9A-Fa-f:]{2,39}")
        || v.contains(":::")
        || (v.startsWith(":") && !v.startsWith("::"))
        || (v.endsWith(":") && !v.endsWith("::"))) {
      return false;
    }
    int compressions = v.split("::", -1).length - 1;
    String[] groups = v.replace("::", ":x:").split(":", -1);
    int count = 0;
    for (String g : groups) {
      if (g.equals("x") || g.isEmpty()) {
        continue;
      }
      if (g.length() > 4) {
        return false;
      }
      count++;
    }
    return compressions <= 1 && (compressions == 1 ? count < 8 : count == 8);
  }

  private static AwsException invalid(String value, String key, String why) {
    return AwsException.invalidParameterValue(
        "Value (" + value + ") for parameter " + key + " is invalid. " + why);
  }
}
