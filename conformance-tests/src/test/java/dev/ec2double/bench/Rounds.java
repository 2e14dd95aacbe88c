package dev.ec2double.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Paths under comparison taking turns, round after round, and each path's median round: one round
 * alone swings with whatever else the machine does at that moment. The load balancer benchmarks
 * share it, and their table rows.
 */
final class Rounds {
  interface Side {
    Wrk.Result measure() throws Exception;
  }

  private Rounds() {}

  /** Each path's median of {@code rounds} rounds, in the order the paths were given. */
  static List<Wrk.Result> takeTurns(int rounds, List<Side> paths) throws Exception {
    List<List<Wrk.Result>> results = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      results.add(new ArrayList<>());
    }
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < paths.size(); i++) {
        results.get(i).add(paths.get(i).measure());
      }
    }
    return results.stream().map(Rounds::median).toList();
  }

  static Wrk.Result median(List<Wrk.Result> rounds) {
    List<Wrk.Result> sorted = new ArrayList<>(rounds);
    sorted.sort(Comparator.comparingDouble(Wrk.Result::rps));
    return sorted.get(sorted.size() / 2);
  }

  /**
   * How busy the machine was as a section began ({@code /proc/loadavg}'s 1-minute figure and the
   * cores): the figures of a run beside other work are noisier than a quiet machine's.
   */
  static String load() {
    try {
      String avg = Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
      return " Load average "
          + avg
          + " on "
          + Runtime.getRuntime().availableProcessors()
          + " cores as the section began.";
    } catch (IOException e) {
      return "";
    }
  }

  /** A table row: the rate, p50, p99 and the rate against the base path's. */
  static String row(String name, Wrk.Result r, Wrk.Result base) {
    return String.format(
        "| %s | %.0f | %.2f ms | %.2f ms | %.2fx |",
        name, r.rps(), r.p50Ms(), r.p99Ms(), r.rps() / base.rps());
  }
}
