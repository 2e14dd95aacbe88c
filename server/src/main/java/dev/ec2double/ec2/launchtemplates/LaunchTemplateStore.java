package dev.ec2double.ec2.launchtemplates;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;

/**
 * The launch templates of one account in one region, by id; names are unique in the region. Every
 * read and change holds the store's lock ({@link LaunchTemplates#KIND} too).
 */
final class LaunchTemplateStore implements java.io.Serializable {
  /** One version: what it was given, merged with its source version when it named one. */
  record Version(
      long number, String description, Instant createTime, RequestLaunchTemplateData data)
      implements java.io.Serializable {}

  /** One template and its versions; changed only under the store's lock. */
  static final class Template implements java.io.Serializable {
    final String id;
    final String name;
    final Instant createTime;
    final TreeMap<Long, Version> versions = new TreeMap<>();
    long defaultVersion = 1;

    /** The highest number ever given: numbers of deleted versions are not given again. */
    long lastNumber;

    Template(String id, String name, Instant createTime) {
      this.id = id;
      this.name = name;
      this.createTime = createTime;
    }

    Version add(String description, RequestLaunchTemplateData data) {
      Version v = new Version(++lastNumber, description, Instant.now(), data);
      versions.put(v.number(), v);
      return v;
    }

    /** What {@code $Latest} names: the highest version that still exists. */
    long latest() {
      return versions.lastKey();
    }
  }

  final Map<String, Template> byId = new LinkedHashMap<>();

  static LaunchTemplateStore of(RegionState state) {
    return state.part(LaunchTemplateStore.class, LaunchTemplateStore::new);
  }

  synchronized Optional<Template> byName(String name) {
    return byId.values().stream().filter(t -> t.name.equals(name)).findFirst();
  }
}
