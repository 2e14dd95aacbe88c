package dev.ec2double.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A main class of the benchmark run in fresh JVMs, round after round: each run prints one line
 * starting with a prefix and followed by figures in milliseconds (the start table's in-JVM rows);
 * and the start table's row (median, least, most), which all its rows use.
 */
final class Forked {
  private Forked() {}

  /**
   * {@code rounds} runs of {@code main} on {@code java} with the README's flags and {@code flags};
   * per figure of the line, its values over the rounds, sorted.
   */
  static long[][] figures(String java, List<String> flags, Class<?> main, String prefix, int rounds)
      throws Exception {
    long[][] byFigure = null;
    for (int i = 0; i < rounds; i++) {
      List<String> cmd = new ArrayList<>(List.of(java));
      cmd.addAll(Servers.JVM_FLAGS);
      cmd.addAll(flags);
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      StringBuilder out = new StringBuilder();
      String[] found = null;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          out.append(l).append('\n');
          if (l.startsWith(prefix + " ")) {
            found = l.substring(prefix.length() + 1).split(" ");
          }
        }
      }
      if (p.waitFor() != 0 || found == null) {
        throw new IllegalStateException(main.getSimpleName() + " printed no figures:\n" + out);
      }
      if (byFigure == null) {
        byFigure = new long[found.length][rounds];
      }
      for (int f = 0; f < found.length; f++) {
        byFigure[f][i] = Long.parseLong(found[f]);
      }
    }
    for (long[] values : byFigure) {
      Arrays.sort(values);
    }
    return byFigure;
  }

  /** A row of the start table: the median, the least and the most of sorted values. */
  static String row(String label, long[] sorted) {
    return String.format(
        "| %s | %d ms | %d ms | %d ms |",
        label, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }
}
