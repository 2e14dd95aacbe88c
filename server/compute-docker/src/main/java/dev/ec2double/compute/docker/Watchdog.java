package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ec2double.compute.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small process that outlives its server: it waits on a pipe from the server and, when the pipe
 * breaks because the server died without cleaning up (kill -9, a killed test JVM), removes
 * everything that carries the server's id, as Testcontainers' reaper does for its containers.
 */
public final class Watchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
  private static final String CLOSED = "closed\n";

  private final Process process;

  private Watchdog(Process process) {
    this.process = process;
  }

  /**
   * Starts the watchdog for a server id and its engine (empty: docker's default); returns null (and
   * logs) when it cannot.
   */
  static Watchdog start(String serverId, String dockerHost) {
    try {
      String java =
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      Process p =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-Xmx24m",
                      "-XX:TieredStopAtLevel=1",
                      "-XX:+UseSerialGC",
                      "-cp",
                      System.getProperty("java.class.path"),
                      Watchdog.class.getName(),
                      serverId,
                      dockerHost))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new Watchdog(p);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "no watchdog: if this JVM is killed, the next server start reaps ({})", e.toString());
      return null;
    }
  }

  public long pid() {
    return process.pid();
  }

  /** The server cleaned up itself: the watchdog leaves without touching anything. */
  @Override
  public void close() {
    try (OutputStream out = process.getOutputStream()) {
      out.write(CLOSED.getBytes());
    } catch (IOException e) {
      LOG.debug("watchdog already gone");
    }
  }

  public static void main(String[] args) throws IOException {
    String serverId = args[0];
    InputStream in = System.in;
    byte[] said = in.readAllBytes(); // returns when the server closes the pipe or dies
    if (new String(said).equals(CLOSED)) {
      return;
    }
    DefaultDockerClientConfig.Builder builder =
        DefaultDockerClientConfig.createDefaultConfigBuilder();
    if (args.length > 1 && !args[1].isEmpty()) {
      builder.withDockerHost(args[1]);
    }
    DefaultDockerClientConfig config = builder.build();
    try (DockerClient docker =
        DockerClientImpl.getInstance(
            config,
            new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .build())) {
      Map<String, String> ours = Map.of(Labels.SERVER, serverId);
      docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec().stream()
          .forEach(
              c -> {
                try {
                  docker
                      .removeContainerCmd(c.getId())
                      .withForce(true)
                      .withRemoveVolumes(true)
                      .exec();
                } catch (RuntimeException gone) {
                  // removed meanwhile
                }
              });
      docker.listNetworksCmd().exec().stream()
          .filter(n -> n.getLabels() != null && serverId.equals(n.getLabels().get(Labels.SERVER)))
          .forEach(
              n -> {
                try {
                  docker.removeNetworkCmd(n.getId()).exec();
                } catch (RuntimeException inUse) {
                  // still used by another server's containers
                }
              });
      // its packet filter chains too (a no-op where iptables is not there or they never were)
      HostPacketFilter.remove(Iptables.LOCAL, HostPacketFilter.chainOf(serverId));
      // its volume mounts (a no-op where the engine's host is not this one), then its volumes
      DockerStorage.unmountOnThisHost(serverId);
      EngineVolumes.labelled(docker, Labels.SERVER + "=" + serverId)
          .forEach(
              v -> {
                try {
                  docker.removeVolumeCmd(v.getName()).exec();
                } catch (RuntimeException inUse) {
                  // removed meanwhile, or still in use
                }
              });
      docker.listImagesCmd().withLabelFilter(ours).exec().stream()
          .forEach(
              i -> {
                try {
                  docker.removeImageCmd(i.getId()).withForce(true).exec();
                } catch (RuntimeException gone) {
                  // removed meanwhile
                }
              });
    }
  }
}
