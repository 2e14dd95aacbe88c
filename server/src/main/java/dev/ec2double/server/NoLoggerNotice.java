package dev.ec2double.server;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The server logs through SLF4J and brings no provider to the projects that embed it (the jar's own
 * {@code java -jar} has slf4j-simple): in a test JVM without one, its log is silent. One line says
 * once what is lost and how to see it.
 */
final class NoLoggerNotice {
  static final String NOTICE =
      "ec2-double: no SLF4J provider on the classpath, so the server's log (why an instance could"
          + " not launch, for one) is not shown. Add one, e.g. org.slf4j:slf4j-simple in test scope"
          + " (docs/junit5.md#logging).";
  private static final AtomicBoolean TOLD = new AtomicBoolean();

  private NoLoggerNotice() {}

  /** Prints the notice, once per JVM, when SLF4J has no provider. */
  static void tell() {
    if (LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory
        && TOLD.compareAndSet(false, true)) {
      System.err.println(NOTICE);
    }
  }
}
