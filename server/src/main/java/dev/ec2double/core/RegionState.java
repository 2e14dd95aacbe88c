package dev.ec2double.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything one account holds in one region. Each feature keeps its own state object here, made on
 * first use, so features never share mutable structures by accident.
 */
public final class RegionState implements java.io.Serializable {
  private final StateStore owner;
  private final String account;
  private final String region;
  private final ConcurrentHashMap<Class<?>, Object> parts = new ConcurrentHashMap<>();

  public RegionState(String account, String region) {
    this(null, account, region);
  }

  RegionState(StateStore owner, String account, String region) {
    this.owner = owner;
    this.account = account;
    this.region = region;
  }

  public String account() {
    return account;
  }

  public String region() {
    return region;
  }

  @SuppressWarnings("unchecked")
  public <T> T part(Class<T> type, Supplier<T> factory) {
    Object part = parts.get(type);
    if (part != null) {
      return (T) part;
    }
    part = parts.computeIfAbsent(type, k -> factory.get());
    changed(); // a new part may hold resources made with it (the default VPC)
    return (T) part;
  }

  /** A part made before (or restored with the state), or null: never makes one. */
  public <T> T existingPart(Class<T> type) {
    return type.cast(parts.get(type));
  }

  /** Marks the state as changed since it was last saved. */
  public void changed() {
    if (owner != null) {
      owner.changed(); // counts it too
    } else {
      Changes.happened();
    }
  }

  public TagStore tags() {
    return part(TagStore.class, TagStore::new);
  }
}
