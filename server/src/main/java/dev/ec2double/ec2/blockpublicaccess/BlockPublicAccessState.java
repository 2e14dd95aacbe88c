package dev.ec2double.ec2.blockpublicaccess;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** VPC Block Public Access of one account in one region: its mode and exclusions (this lock). */
final class BlockPublicAccessState implements java.io.Serializable {
  /** An exclusion of one VPC or subnet; deleted ones stay visible, {@code delete-complete}. */
  static final class Exclusion implements java.io.Serializable {
    final String id;
    final String resourceArn;
    final Instant created;
    String mode;
    String state = "create-complete";
    Instant updated;
    Instant deleted;

    Exclusion(String id, String resourceArn, String mode) {
      this.id = id;
      this.resourceArn = resourceArn;
      this.mode = mode;
      this.created = Instant.now();
      this.updated = created;
    }

    boolean live() {
      return deleted == null;
    }
  }

  String mode = "off";
  Instant lastUpdate;
  final Map<String, Exclusion> exclusions = new LinkedHashMap<>();

  static BlockPublicAccessState of(RegionState state) {
    return state.part(BlockPublicAccessState.class, BlockPublicAccessState::new);
  }
}
