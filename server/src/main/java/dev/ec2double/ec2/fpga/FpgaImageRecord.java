package dev.ec2double.ec2.fpga;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One Amazon FPGA image (AFI): where its design checkpoint was read from, who may load it, its
 * product codes. A record: no FPGA is here. Guarded by the lock of its {@link FpgaStore}.
 */
final class FpgaImageRecord implements java.io.Serializable {
  /** How long a new AFI is {@code pending} (AWS takes minutes to generate one). */
  static final Duration PENDING = Duration.ofMillis(1200);

  final String id;
  final String globalId;
  final String ownerId;
  final Instant created = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  final String bucket;
  final String key;
  final String logsBucket;
  final String logsKey;
  String name;
  String description;
  Instant updated = created;
  boolean isPublic;
  final Set<String> loadUsers = new LinkedHashSet<>();
  final List<String> productCodes = new ArrayList<>();

  FpgaImageRecord(
      String id,
      String globalId,
      String ownerId,
      String bucket,
      String key,
      String logsBucket,
      String logsKey) {
    this.id = id;
    this.globalId = globalId;
    this.ownerId = ownerId;
    this.bucket = bucket;
    this.key = key;
    this.logsBucket = logsBucket;
    this.logsKey = logsKey;
  }

  String state(Instant now) {
    return now.isBefore(created.plus(PENDING)) ? "pending" : "available";
  }

  /** Whether the account sees it: its owner, or shared by load permission. */
  boolean visibleTo(String account) {
    return ownerId.equals(account) || isPublic || loadUsers.contains(account);
  }

  void touch() {
    updated = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }
}
