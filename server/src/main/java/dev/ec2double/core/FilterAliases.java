package dev.ec2double.core;

import java.util.HashMap;
import java.util.Map;

/**
 * The one table of filter names real EC2 takes besides those its API reference lists: legacy and
 * camel-case forms of a documented filter, which real tools send. Each alias reads exactly what its
 * filter reads; a name in neither list is still refused ({@code InvalidParameterValue}).
 *
 * <p>Where each row comes from:
 *
 * <ul>
 *   <li>DescribeSubnets: the API reference itself says "you can also use" {@code availabilityZone},
 *       {@code availableIpAddressCount}, {@code cidr}/{@code cidrBlock}, {@code defaultForAz};
 *       {@code vpcId} as moto and Terraform examples use it.
 *   <li>DescribeVpcs: {@code cidr-block} is what Ansible's {@code ec2_vpc_net} always sends (with
 *       the VPC's CIDR) and real EC2 answers; {@code cidrBlock} likewise (Eucalyptus issue 316
 *       reports AWS accepts both for {@code cidr}); {@code isDefault} is what Ansible's {@code
 *       ec2_instance} sends to find the default VPC and AWS's own Tools for PowerShell reference
 *       shows ({@code Get-EC2Vpc -Filter @{Name="isDefault"}}); {@code vpcId}, {@code
 *       dhcpOptionsId} as moto, which mirrors them, accepts.
 * </ul>
 */
public final class FilterAliases {
  private FilterAliases() {}

  /** Describe action → (alias → the documented filter it stands for). */
  private static final Map<String, Map<String, String>> TABLE = new HashMap<>();

  static {
    row("DescribeVpcs", "cidr-block", "cidr");
    row("DescribeVpcs", "cidrBlock", "cidr");
    row("DescribeVpcs", "isDefault", "is-default");
    row("DescribeVpcs", "vpcId", "vpc-id");
    row("DescribeVpcs", "dhcpOptionsId", "dhcp-options-id");

    row("DescribeSubnets", "availabilityZone", "availability-zone");
    row("DescribeSubnets", "availableIpAddressCount", "available-ip-address-count");
    row("DescribeSubnets", "cidr", "cidr-block");
    row("DescribeSubnets", "cidrBlock", "cidr-block");
    row("DescribeSubnets", "defaultForAz", "default-for-az");
    row("DescribeSubnets", "vpcId", "vpc-id");
  }

  private static void row(String action, String alias, String filter) {
    TABLE.computeIfAbsent(action, a -> new HashMap<>()).put(alias, filter);
  }

  /** The aliases an action takes (alias → filter), empty for most. */
  public static Map<String, String> of(String action) {
    return Map.copyOf(TABLE.getOrDefault(action, Map.of()));
  }
}
