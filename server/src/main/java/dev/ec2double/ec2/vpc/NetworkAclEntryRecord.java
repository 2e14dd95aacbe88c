package dev.ec2double.ec2.vpc;

/**
 * One entry (rule) of a network ACL, as CreateNetworkAclEntry gave it, checked and normalized by
 * {@link NetworkAclEntries}.
 *
 * @param protocol {@code -1} or an IP protocol number
 * @param cidr the IPv4 block, or null for an IPv6 entry
 * @param ipv6Cidr the IPv6 block, or null for an IPv4 entry
 * @param fromPort the port range of a TCP or UDP entry, else null
 * @param icmpType the ICMP type and code of an ICMP entry (-1: all), else null
 */
record NetworkAclEntryRecord(
    int ruleNumber,
    boolean egress,
    String protocol,
    boolean allow,
    String cidr,
    String ipv6Cidr,
    Integer fromPort,
    Integer toPort,
    Integer icmpType,
    Integer icmpCode)
    implements java.io.Serializable {

  /** An entry for every IPv4 packet. */
  static NetworkAclEntryRecord all(int ruleNumber, boolean egress, boolean allow) {
    return new NetworkAclEntryRecord(
        ruleNumber, egress, "-1", allow, "0.0.0.0/0", null, null, null, null, null);
  }
}
