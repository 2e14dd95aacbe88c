package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;

/** docker-java clients of one engine, each call through {@link EngineTransport}. */
final class EngineClients {
  private EngineClients() {}

  /**
   * @param connect how long connecting may take
   * @param answer how long a call may go without an answer; null for none (the event stream is
   *     quiet while nothing happens)
   */
  static DockerClient of(DefaultDockerClientConfig config, Duration connect, Duration answer) {
    ZerodepDockerHttpClient.Builder http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(connect)
            .maxConnections(64);
    if (answer != null) {
      http.responseTimeout(answer);
    }
    return DockerClientImpl.getInstance(
        config, new EngineTransport(http.build(), String.valueOf(config.getDockerHost())));
  }
}
