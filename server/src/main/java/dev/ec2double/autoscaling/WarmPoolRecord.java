package dev.ec2double.autoscaling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A group's warm pool: how many instances to keep ready (launched, then stopped or left running)
 * and the instances in it, by id, with their lifecycle state ({@code Warmed:Pending}, {@code
 * Warmed:Stopped}, {@code Warmed:Running}, {@code Warmed:Hibernated}, {@code Warmed:Terminating}).
 */
final class WarmPoolRecord implements java.io.Serializable {
  Integer maxGroupPreparedCapacity;
  int minSize;
  String poolState = "Stopped";
  boolean reuseOnScaleIn;

  /** "PendingDelete" while a deletion empties the pool, else null. */
  String status;

  final Map<String, Member> instances = new LinkedHashMap<>();

  /** How many instances the pool wants: the prepared capacity beyond desired, at least min. */
  int wanted(GroupRecord g) {
    if (status != null) {
      return 0;
    }
    int prepared = maxGroupPreparedCapacity == null ? g.max : maxGroupPreparedCapacity;
    return Math.max(minSize, prepared - g.desired);
  }

  /** The lifecycle state of a member warmed and ready, as the pool's state names it. */
  String readyState() {
    return "Warmed:" + poolState;
  }
}
