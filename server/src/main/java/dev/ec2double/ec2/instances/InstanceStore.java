package dev.ec2double.ec2.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The instances of one account in one region. Terminated instances stay visible for an hour, as on
 * AWS, then are forgotten.
 */
public final class InstanceStore implements java.io.Serializable {
  static final Duration TERMINATED_VISIBLE = Duration.ofHours(1);

  private final ConcurrentHashMap<String, InstanceRecord> byId = new ConcurrentHashMap<>();
  private final AtomicLong seq = new AtomicLong();

  long nextSeq() {
    return seq.incrementAndGet();
  }

  void put(InstanceRecord r) {
    byId.put(r.id, r);
  }

  public InstanceRecord get(String id) {
    InstanceRecord r = byId.get(id);
    if (r != null && expired(r)) {
      byId.remove(id, r);
      return null;
    }
    return r;
  }

  /** Every instance still visible, in launch order. */
  public List<InstanceRecord> all() {
    List<InstanceRecord> out = new ArrayList<>(byId.size());
    for (InstanceRecord r : byId.values()) {
      if (expired(r)) {
        byId.remove(r.id, r);
      } else {
        out.add(r);
      }
    }
    out.sort(Comparator.comparingLong(r -> r.seq));
    return out;
  }

  private static boolean expired(InstanceRecord r) {
    Instant t;
    synchronized (r) {
      t = r.terminatedAt;
    }
    return t != null && t.plus(TERMINATED_VISIBLE).isBefore(Instant.now());
  }
}
