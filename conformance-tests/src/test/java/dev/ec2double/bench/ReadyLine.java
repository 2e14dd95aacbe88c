package dev.ec2double.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the server's ready line says. */
final class ReadyLine {
  private static final Pattern AGE = Pattern.compile(" in (\\d+) ms$");

  private ReadyLine() {}

  /** The process's age at ready, as the line reports it (Linux's clock, to 10 ms). */
  static long processMillis(String line) {
    Matcher m = AGE.matcher(line.strip());
    if (!m.find()) {
      throw new IllegalStateException("the ready line gives no start time: " + line);
    }
    return Long.parseLong(m.group(1));
  }
}
