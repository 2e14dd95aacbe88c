package dev.ec2double.compute;

import java.time.Duration;

/**
 * A backend that runs machines on an engine, found on the class path through {@link
 * java.util.ServiceLoader} (a {@code META-INF/services/dev.ec2double.compute.BackendProvider} line
 * in the backend's module), so that the server never names a backend's classes: the Docker
 * backend's module is one such provider, and a cluster backend would be another.
 */
public interface BackendProvider {
  /** The name {@code --backend} gives it ({@code docker}). */
  String name();

  /**
   * Connects to the engine.
   *
   * @param timeout how long to wait for the engine's first answer
   * @param serverId the id the labels of everything this server makes carry
   * @param watched remove what the server made even if its process is killed before it can
   * @throws RuntimeException when no engine answers
   */
  ComputeBackend connect(EngineSettings engine, Duration timeout, String serverId, boolean watched);
}
