package dev.ec2double.compute.docker;

import dev.ec2double.compute.BackendProvider;
import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.EngineSettings;
import java.time.Duration;

/** {@code --backend docker}: found by {@link java.util.ServiceLoader} (META-INF/services). */
public final class DockerBackendProvider implements BackendProvider {
  @Override
  public String name() {
    return "docker";
  }

  @Override
  public ComputeBackend connect(
      EngineSettings engine, Duration timeout, String serverId, boolean watched) {
    return DockerBackend.connect(engine, timeout, serverId, watched);
  }
}
