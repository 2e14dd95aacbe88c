package dev.ec2double.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything one account holds in one region. Each feature keeps its own state object here, made on
 * first use, so features never share mutable structures by accident.
 */
public final class RegionState {
  private final String account;
  private final String region;
  private final ConcurrentHashMap<Class<?>, Object> parts = new ConcurrentHashMap<>();

  public RegionState(String account, String region) {
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
    return (T) parts.computeIfAbsent(type, k -> factory.get());
  }

  public TagStore tags() {
    return part(TagStore.class, TagStore::new);
  }
}
