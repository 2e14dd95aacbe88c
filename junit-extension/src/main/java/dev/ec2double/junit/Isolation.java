package dev.ec2double.junit;

/** How long the EC2 state a test sees lives. */
public enum Isolation {
  /**
   * State lives as long as the server: test methods of a class see what earlier ones made, and
   * classes sharing the server see each other's resources. Name resources after the test.
   */
  PER_CLASS,
  /**
   * Before each test the server forgets every resource and removes what it made in the engine.
   * Because that reset is server-wide, classes with this setting get their own server, and their
   * tests run one at a time on it even under parallel execution.
   */
  PER_METHOD
}
