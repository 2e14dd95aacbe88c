package dev.ec2double.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes to any state in this process: every mutating API call, failed or not, every
 * background step and every engine event counts one, whoever assembled the parts (the server, or a
 * test wiring services by hand). An answer built after reading the count is still true while the
 * count stays the same, so read-only answers may be reused under it (DescribeInstances' views).
 * Counting across servers in one process only costs some reuse.
 */
public final class Changes {
  private static final AtomicLong COUNT = new AtomicLong();

  private Changes() {}

  /** The count now; read it before reading the state an answer is built from. */
  public static long count() {
    return COUNT.get();
  }

  /** Says that a change was made: called after the change, never before. */
  public static void happened() {
    COUNT.incrementAndGet();
  }
}
