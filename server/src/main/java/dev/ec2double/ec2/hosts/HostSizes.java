package dev.ec2double.ec2.hosts;

import java.util.Map;

/**
 * How big a Dedicated Host of a family is. AWS publishes the figures per family in its Dedicated
 * Hosts pricing and configuration tables; ec2-double knows the common families' sockets and
 * physical cores and takes two sockets of 24 cores (96 vCPUs) for the others: docs/instances.md
 * says so.
 */
final class HostSizes {
  private HostSizes() {}

  /** Sockets, physical cores, and vCPUs (two threads a core; one on Graviton). */
  record Size(int sockets, int cores, int vcpus) {
    static Size x86(int sockets, int cores) {
      return new Size(sockets, cores, cores * 2);
    }

    static Size graviton(int cores) {
      return new Size(1, cores, cores);
    }
  }

  private static final Size DEFAULT = Size.x86(2, 48);

  private static final Map<String, Size> FAMILIES =
      Map.ofEntries(
          Map.entry("t3", Size.x86(2, 48)),
          Map.entry("m5", Size.x86(2, 48)),
          Map.entry("m5d", Size.x86(2, 48)),
          Map.entry("r5", Size.x86(2, 48)),
          Map.entry("r5d", Size.x86(2, 48)),
          Map.entry("c5", Size.x86(2, 36)),
          Map.entry("c5d", Size.x86(2, 36)),
          Map.entry("m6i", Size.x86(2, 64)),
          Map.entry("c6i", Size.x86(2, 64)),
          Map.entry("r6i", Size.x86(2, 64)),
          Map.entry("m6g", Size.graviton(64)),
          Map.entry("c6g", Size.graviton(64)),
          Map.entry("r6g", Size.graviton(64)),
          Map.entry("m7i", Size.x86(2, 96)),
          Map.entry("c7i", Size.x86(2, 96)),
          Map.entry("r7i", Size.x86(2, 96)),
          Map.entry("m7g", Size.graviton(64)),
          Map.entry("c7g", Size.graviton(64)),
          Map.entry("r7g", Size.graviton(64)));

  static Size of(String family) {
    return FAMILIES.getOrDefault(family, DEFAULT);
  }

  /** {@code m5} of {@code m5.large}. */
  static String family(String instanceType) {
    int dot = instanceType.indexOf('.');
    return dot < 0 ? instanceType : instanceType.substring(0, dot);
  }
}
