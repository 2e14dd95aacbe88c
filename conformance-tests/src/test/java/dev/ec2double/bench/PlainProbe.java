package dev.ec2double.bench;

import org.junit.jupiter.api.Test;

/**
 * {@link JUnitStart}'s baseline: a class without the extension whose one test notes when it runs,
 * so the start table shows what JUnit alone takes to reach a first test in the same JVM. Not a test
 * of the suite (its name matches no pattern the build runs).
 */
class PlainProbe {
  static volatile long ran;

  @Test
  void runs() {
    ran = System.nanoTime();
  }
}
