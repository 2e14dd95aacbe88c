package dev.ec2double.testcontainers;

/**
 * Run by {@link ReaperCheckIT} in a JVM of its own, whose environment decides about Ryuk: starts a
 * container and prints what happened.
 */
final class ReaperProbe {
  private ReaperProbe() {}

  public static void main(String[] args) {
    try (Ec2DoubleContainer ec2 = new Ec2DoubleContainer(args[0])) {
      ec2.start();
      System.out.println("started");
    } catch (RuntimeException e) {
      System.out.println("failed: " + e.getMessage());
      System.exit(3);
    }
  }
}
