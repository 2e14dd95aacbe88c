package dev.ec2double.ec2.vpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network ACL: its entries (both directions, AWS's {@code *} rules included as 32767) and the
 * subnets associated with it. Fields are guarded by the region's {@link VpcState}.
 */
final class NetworkAclRecord implements java.io.Serializable {
  /** The number AWS shows for the {@code *} rule that denies what no other entry matched. */
  static final int LAST_RULE = 32767;

  final String id;
  final String vpcId;
  final boolean isDefault;
  final List<NetworkAclEntryRecord> entries = new ArrayList<>();

  /** Association id by subnet id, in the order the subnets were associated. */
  final Map<String, String> associations = new LinkedHashMap<>();

  /**
   * An ACL as AWS makes it: the default one of a VPC allows everything (rule 100) in both
   * directions; one of CreateNetworkAcl has only the {@code *} rules, so it denies everything.
   */
  NetworkAclRecord(String id, String vpcId, boolean isDefault) {
    this.id = id;
    this.vpcId = vpcId;
    this.isDefault = isDefault;
    for (boolean egress : new boolean[] {true, false}) {
      if (isDefault) {
        entries.add(NetworkAclEntryRecord.all(100, egress, true));
      }
      entries.add(NetworkAclEntryRecord.all(LAST_RULE, egress, false));
    }
  }

  NetworkAclEntryRecord entry(int ruleNumber, boolean egress) {
    for (NetworkAclEntryRecord e : entries) {
      if (e.ruleNumber() == ruleNumber && e.egress() == egress) {
        return e;
      }
    }
    return null;
  }

  /** The entries of one direction by rule number, the {@code *} rule last. */
  List<NetworkAclEntryRecord> direction(boolean egress) {
    return entries.stream()
        .filter(e -> e.egress() == egress)
        .sorted(java.util.Comparator.comparingInt(NetworkAclEntryRecord::ruleNumber))
        .toList();
  }
}
