package dev.ec2double.core;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory state of every account and region, thread-safe. With {@code --state-dir} the whole
 * graph is saved (Java serialization: every state class is {@code Serializable}, what belongs to
 * this process only is {@code transient}), so a restarted server picks it up.
 */
public final class StateStore implements java.io.Serializable {
  private final ConcurrentHashMap<String, RegionState> regions = new ConcurrentHashMap<>();

  /** Told after every change worth saving; belongs to this process, so it is not saved. */
  private transient volatile Runnable onChange;

  public RegionState region(String account, String region) {
    String key = account + "/" + region;
    RegionState r = regions.get(key);
    if (r != null) {
      return r;
    }
    r = regions.computeIfAbsent(key, k -> new RegionState(this, account, region));
    changed();
    return r;
  }

  public Collection<RegionState> all() {
    return regions.values();
  }

  public void clear() {
    regions.clear();
    changed();
  }

  /** Who to tell when the state changes (the state file's writer). */
  public void onChange(Runnable listener) {
    this.onChange = listener;
  }

  /** Marks the state as changed since it was last saved. */
  public void changed() {
    Changes.happened();
    Runnable l = onChange;
    if (l != null) {
      l.run();
    }
  }
}
