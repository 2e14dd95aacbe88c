package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Capacity Manager's settings, data exports and monitored tag keys of one account and region. */
final class CapacityManagerStore implements java.io.Serializable {
  boolean enabled;
  boolean organizationsAccess;
  Instant enabledAt;

  /** A data export: where Capacity Manager writes its hourly files. */
  record Export(
      String id, String bucket, String prefix, String schedule, String format, Instant created)
      implements java.io.Serializable {}

  final Map<String, Export> exports = new LinkedHashMap<>();

  /** Tag keys and when each was activated. */
  final Map<String, Instant> tagKeys = new LinkedHashMap<>();

  static CapacityManagerStore of(RegionState state) {
    return state.part(CapacityManagerStore.class, CapacityManagerStore::new);
  }
}
