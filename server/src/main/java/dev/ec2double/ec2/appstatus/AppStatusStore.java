package dev.ec2double.ec2.appstatus;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application status checks of one account in one Region, what they are associated with, their
 * probes' results per instance and the instances' suppressions. Every read and change holds this
 * object's lock.
 */
final class AppStatusStore implements java.io.Serializable {
  /** A network path a check is probed along (recorded: probes go from the host). */
  record HealthPath(String sourceSubnet, String sourceGroup, List<String[]> destinations)
      implements java.io.Serializable {}

  /** A tag association: instances with this tag are watched. */
  record TagPair(String key, String value) implements java.io.Serializable {
    boolean matches(Map<String, String> tags) {
      return value.equals(tags.get(key));
    }
  }

  static final class Check implements java.io.Serializable {
    final String id;
    final Instant created = Instant.now();
    Instant modified;
    Instant deleted;
    String aggregation = "included";
    String protocol;
    int port;
    String path = "/";
    int deviceIndex;
    String ipVersion = "ipv4";
    String ipScope = "private";
    int interval = 60;
    int timeout = 6;
    int failureThreshold = 2;
    int successThreshold = 2;
    String matcher = "200";
    int grace = 300;
    List<HealthPath> paths = List.of();
    final Set<String> instanceIds = new LinkedHashSet<>();
    final Set<TagPair> tagPairs = new LinkedHashSet<>();

    Check(String id) {
      this.id = id;
    }

    boolean live() {
      return deleted == null;
    }

    boolean watches(AppInstances.Instance i) {
      return live()
          && (instanceIds.contains(i.id()) || tagPairs.stream().anyMatch(t -> t.matches(i.tags())));
    }
  }

  /** One check's probes of one instance: the streak, the status the thresholds give, the last. */
  static final class Track implements java.io.Serializable {
    String status = "initializing";
    Instant since = Instant.now();
    Instant updated = since;
    int passes;
    int failures;
    Instant lastProbe;
    transient boolean inFlight;
    String reasonCode;
    Integer statusCode;
    String protocol;
  }

  /** Suppression of an instance's status: until {@code resumeAt}, or until disabled when null. */
  record Suppression(Instant suppressAt, Instant resumeAt) implements java.io.Serializable {
    boolean active(Instant now) {
      return resumeAt == null || now.isBefore(resumeAt);
    }
  }

  /** An instance's overall status and since when it has had it. */
  record Overall(String status, Instant since) implements java.io.Serializable {}

  final Map<String, Check> checks = new LinkedHashMap<>();
  final Map<String, Track> tracks = new LinkedHashMap<>();
  final Map<String, Suppression> suppressions = new LinkedHashMap<>();
  final Map<String, Overall> overall = new LinkedHashMap<>();

  static AppStatusStore of(RegionState state) {
    return state.part(AppStatusStore.class, AppStatusStore::new);
  }

  static String trackKey(String checkId, String instanceId) {
    return checkId + "/" + instanceId;
  }

  List<Check> live() {
    List<Check> out = new ArrayList<>();
    checks.values().stream().filter(Check::live).forEach(out::add);
    return out;
  }
}
