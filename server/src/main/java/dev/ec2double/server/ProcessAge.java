package dev.ec2double.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How long this process has run, from Linux's own clock since boot ({@code /proc/uptime} and the
 * process's start in {@code /proc/self/stat}), to 10 ms: what the ready line reports, so a start
 * inside a container is measured without the engine's own part. Asking the JVM's management beans
 * instead would load ~100 classes at start.
 */
final class ProcessAge {
  /** Clock ticks per second in {@code /proc/self/stat}: 100 on every Linux the JDK runs on. */
  private static final long TICKS = 100;

  private ProcessAge() {}

  /** Milliseconds since this process started, or empty where /proc does not say. */
  static OptionalLong millis() {
    try {
      String uptime = Files.readString(Path.of("/proc/uptime")).trim();
      String stat = Files.readString(Path.of("/proc/self/stat"));
      return millis(uptime, stat);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  static OptionalLong millis(String uptime, String stat) {
    double up = Double.parseDouble(uptime.split(" ")[0]);
    // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long startTicks = Long.parseLong(after[19]); // field 22, starttime
    long ms = Math.round(up * 1000) - startTicks * 1000 / TICKS;
    return ms < 0 ? OptionalLong.empty() : OptionalLong.of(ms);
  }
}
