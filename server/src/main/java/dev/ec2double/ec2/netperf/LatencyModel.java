package dev.ec2double.ec2.netperf;

import java.time.Instant;

/**
 * The synthetic latencies of GetAwsNetworkPerformanceData: ec2-double measures no network between
 * Regions, so each pair has a fixed base latency by how far apart its ends are (inside a zone well
 * under a millisecond, between zones of a Region about a millisecond, between Regions tens of
 * milliseconds), varied a few percent per five-minute point. Everything is derived from the pair
 * and the point's start, so the same question gets the same answer, and A to B is B to A.
 */
final class LatencyModel {
  private LatencyModel() {}

  /** The p50 latency in milliseconds of the pair in the period starting at {@code start}. */
  static float latencyMs(Locations pair, Instant start) {
    String a =
        pair.source().compareTo(pair.destination()) <= 0 ? pair.source() : pair.destination();
    String b = a.equals(pair.source()) ? pair.destination() : pair.source();
    double unit = unit(a + "|" + b);
    double base =
        switch (pair.distance()) {
          case SAME_ZONE -> 0.06 + 0.06 * unit;
          case SAME_REGION -> 0.5 + 1.0 * unit;
          case CROSS_REGION -> 10 + 190 * unit;
        };
    double jitter = (unit(a + "|" + b + "|" + start.getEpochSecond()) - 0.5) * 0.06;
    return (float) (Math.round(base * (1 + jitter) * 1000) / 1000.0);
  }

  /** A stable number in [0, 1) for a key. */
  private static double unit(String key) {
    long h = 1125899906842597L;
    for (int i = 0; i < key.length(); i++) {
      h = 31 * h + key.charAt(i);
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (h >>> 11) / (double) (1L << 53);
  }
}
