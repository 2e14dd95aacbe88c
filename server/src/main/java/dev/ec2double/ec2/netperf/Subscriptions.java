package dev.ec2double.ec2.netperf;

import dev.ec2double.core.RegionState;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The network performance metric subscriptions of one account in one region, in the order they were
 * enabled (guarded by this object's lock).
 */
final class Subscriptions implements java.io.Serializable {
  /** One subscription: a source and destination (both regions, or both zone ids of a region). */
  record Key(String source, String destination, String metric, String statistic)
      implements java.io.Serializable {}

  final Set<Key> keys = new LinkedHashSet<>();

  static Subscriptions of(RegionState state) {
    return state.part(Subscriptions.class, Subscriptions::new);
  }
}
