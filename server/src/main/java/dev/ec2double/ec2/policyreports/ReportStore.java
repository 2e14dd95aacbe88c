package dev.ec2double.ec2.policyreports;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The declarative policies reports started in one account and Region (guarded by this lock). */
final class ReportStore implements java.io.Serializable {
  /** One attribute's counts over the accounts of the report, per Region and overall. */
  record Attribute(
      String name, String mostFrequentValue, int matched, int unmatched, List<RegionCounts> regions)
      implements java.io.Serializable {}

  record RegionCounts(String region, int matched, int unmatched) implements java.io.Serializable {}

  static final class Report implements java.io.Serializable {
    final String id;
    final String bucket;
    final String prefix;
    final String targetId;
    final List<String> accounts;
    final Instant started = Instant.now();
    String status = "running";
    Instant ended;
    List<Attribute> summary;

    Report(String id, String bucket, String prefix, String targetId, List<String> accounts) {
      this.id = id;
      this.bucket = bucket;
      this.prefix = prefix;
      this.targetId = targetId;
      this.accounts = List.copyOf(accounts);
    }
  }

  final Map<String, Report> reports = new LinkedHashMap<>();

  static ReportStore of(RegionState state) {
    return state.part(ReportStore.class, ReportStore::new);
  }
}
