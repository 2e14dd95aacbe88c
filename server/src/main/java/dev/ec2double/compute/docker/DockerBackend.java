package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ec2double.compute.ComputeBackend;
import java.io.IOException;
import java.time.Duration;

/** Instances as containers on a Docker engine, local or remote ({@code DOCKER_HOST}). */
public final class DockerBackend implements ComputeBackend {
  private final DockerClient docker;
  private final String engine;

  private DockerBackend(DockerClient docker, String engine) {
    this.docker = docker;
    this.engine = engine;
  }

  /** Connects and pings the engine; throws when none answers. */
  public static DockerBackend connect(Duration timeout) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(timeout)
            .responseTimeout(Duration.ofMinutes(5))
            .maxConnections(64)
            .build();
    DockerClient client = DockerClientImpl.getInstance(config, http);
    try {
      client.pingCmd().exec();
      String version = client.versionCmd().exec().getVersion();
      return new DockerBackend(client, config.getDockerHost() + " (engine " + version + ")");
    } catch (RuntimeException e) {
      try {
        client.close();
      } catch (IOException ignored) {
        // nothing to release
      }
      throw e;
    }
  }

  public DockerClient client() {
    return docker;
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public String describe() {
    return "docker at " + engine;
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException ignored) {
      // closing a connection pool cannot fail in a way we could act on
    }
  }
}
