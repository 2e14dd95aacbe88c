package dev.ec2double.core;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory state of every account and region, thread-safe. */
public final class StateStore {
  private final ConcurrentHashMap<String, RegionState> regions = new ConcurrentHashMap<>();

  public RegionState region(String account, String region) {
    return regions.computeIfAbsent(account + "/" + region, k -> new RegionState(account, region));
  }

  public Collection<RegionState> all() {
    return regions.values();
  }

  public void clear() {
    regions.clear();
  }
}
