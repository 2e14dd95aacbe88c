package dev.ec2double.compute;

/**
 * The one boundary between the EC2 services and the world that runs instances. The docker backend
 * makes containers, networks and volumes; the mock backend keeps the same state machine with
 * nothing behind it. The interface does not assume a local engine.
 */
public interface ComputeBackend extends AutoCloseable {
  /** {@code docker} or {@code mock}, as the configuration names it. */
  String name();

  /** A line for the startup banner: what this backend talks to. */
  String describe();

  @Override
  void close();
}
