package dev.ec2double.junit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What one test class asks for: the server part of it is the key of the shared-server cache. */
record Settings(
    Backend backend,
    String region,
    Map<String, String> amis,
    Isolation isolation,
    boolean printRequestsOnFailure) {
  static final Settings DEFAULTS =
      new Settings(Backend.AUTO, "us-east-1", Map.of(), Isolation.PER_CLASS, false);

  Settings {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(isolation, "isolation");
    amis = Collections.unmodifiableMap(new LinkedHashMap<>(amis));
  }

  static Settings of(Ec2Test test, Iterable<Ami> amis) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Ami ami : amis) {
      map.put(ami.id(), ami.image());
    }
    return test == null
        ? new Settings(DEFAULTS.backend, DEFAULTS.region, map, DEFAULTS.isolation, false)
        : new Settings(
            test.backend(), test.region(), map, test.isolation(), test.printRequestsOnFailure());
  }

  /**
   * The configuration a server is started with and shared by. Region is left out (the server serves
   * every region; only the clients differ); isolation is in, because a per-method reset is
   * server-wide and must never empty the state of a per-class test running beside it.
   */
  ServerKey serverKey() {
    return new ServerKey(backend, amis, isolation);
  }

  record ServerKey(Backend backend, Map<String, String> amis, Isolation isolation) {}
}
