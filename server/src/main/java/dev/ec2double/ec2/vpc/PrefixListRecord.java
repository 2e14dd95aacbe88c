package dev.ec2double.ec2.vpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A managed prefix list: its CIDRs with descriptions, version by version
 * (GetManagedPrefixListEntries reads an older one). AWS-managed lists ({@code
 * com.amazonaws.REGION.s3}) have the owner {@code AWS} and cannot be changed. Fields are guarded by
 * the region's {@link VpcState}.
 */
final class PrefixListRecord implements java.io.Serializable {
  /** One entry. */
  record Entry(String cidr, String description) implements java.io.Serializable {}

  final String id;
  final String owner;
  final String addressFamily;
  String name;
  Integer maxEntries;
  long version = 1;

  /** The entries of every version, by version. */
  final Map<Long, List<Entry>> versions = new LinkedHashMap<>();

  PrefixListRecord(
      String id,
      String owner,
      String name,
      String addressFamily,
      Integer maxEntries,
      List<Entry> entries) {
    this.id = id;
    this.owner = owner;
    this.name = name;
    this.addressFamily = addressFamily;
    this.maxEntries = maxEntries;
    versions.put(1L, new ArrayList<>(entries));
  }

  List<Entry> entries() {
    return versions.get(version);
  }

  boolean awsManaged() {
    return owner.equals("AWS");
  }
}
