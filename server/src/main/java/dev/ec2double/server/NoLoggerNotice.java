package dev.ec2double.server;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The server logs through SLF4J and brings no provider to the projects that embed it (the jar's own
 * {@code java -jar} has slf4j-simple): in a test JVM without one, its log is silent. Javalin then
 * prints a 15-line banner at every start; instead, one line says once what is lost and how to see
 * it.
 */
final class NoLoggerNotice {
  static final String NOTICE =
      "ec2-double: no SLF4J provider on the classpath, so the server's log (why an instance could"
          + " not launch, for one) is not shown. Add one, e.g. org.slf4j:slf4j-simple in test scope"
          + " (docs/junit5.md#logging).";
  private static final String JAVALIN_BANNER = "Javalin: It looks like you don't have a logger";
  private static final AtomicBoolean TOLD = new AtomicBoolean();

  private NoLoggerNotice() {}

  /** Runs Javalin's start; without an SLF4J provider, with the notice instead of its banner. */
  static void around(Runnable start) {
    if (!(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory)) {
      start.run();
      return;
    }
    PrintStream err = System.err;
    if (TOLD.compareAndSet(false, true)) {
      err.println(NOTICE);
    }
    // Only Javalin's banner is held back; whatever else is written meanwhile passes.
    PrintStream filter =
        new PrintStream(err, true) {
          @Override
          public void println(String x) {
            if (x == null || !x.contains(JAVALIN_BANNER)) {
              super.println(x);
            }
          }
        };
    System.setErr(filter);
    try {
      start.run();
    } finally {
      if (System.err == filter) {
        System.setErr(err);
      }
    }
  }
}
