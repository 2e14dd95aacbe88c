package dev.ec2double.it.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A server killed with SIGKILL cannot clean up: its watchdog process does, and when the watchdog is
 * killed too, the next server to start does.
 */
class ReaperIT {
  private final DockerClient docker = DockerTestServer.docker();

  @Test
  void theWatchdogRemovesWhatAKilledServerLeft() throws Exception {
    Process server = startServer();
    String id = runInstance(server);
    String serverId = serverOf(id);
    assertThat(volumesOf(serverId)).as("its data volume's storage").isEqualTo(1);

    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(containersOf(id)).isZero();
              assertThat(volumesOf(serverId)).isZero();
            });
  }

  @Test
  void theNextServerRemovesWhatAKilledServerAndItsWatchdogLeft() throws Exception {
    Process server = startServer();
    String id = runInstance(server);
    String serverId = serverOf(id);
    assertThat(volumesOf(serverId)).as("its data volume's storage").isEqualTo(1);

    server.toHandle().children().forEach(ProcessHandle::destroyForcibly);
    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    Thread.sleep(2000);
    assertThat(containersOf(id)).as("nobody is left to clean up").isEqualTo(1);

    try (Ec2DoubleServer next =
        new Ec2DoubleServer(ServerConfig.builder().port(0).backend("docker").build()).start()) {
      assertThat(containersOf(id)).as("the next server reaps it").isZero();
      assertThat(volumesOf(serverId)).as("and its volumes").isZero();
    }
  }

  private String serverOf(String instanceId) {
    return DockerTestServer.containersOf(docker, instanceId)
        .get(0)
        .getLabels()
        .get("dev.ec2double.server");
  }

  /** The engine volumes (EBS volumes' storage) of a server. */
  private int volumesOf(String serverId) {
    var volumes =
        docker
            .listVolumesCmd()
            .withFilter("label", List.of("dev.ec2double.server=" + serverId))
            .exec()
            .getVolumes();
    return volumes == null ? 0 : volumes.size();
  }

  private int containersOf(String instanceId) {
    return DockerTestServer.containersOf(docker, instanceId).size();
  }

  private static Process startServer() throws Exception {
    Path jar = Path.of("..", "server", "target", "ec2-double.jar");
    assertThat(jar).exists();
    return new ProcessBuilder(
            "java",
            "-jar",
            jar.toString(),
            "--port",
            "0",
            "--backend",
            "docker",
            "--ami",
            DockerTestServer.BUSYBOX_AMI + "=ec2-double/busybox:latest")
        .redirectErrorStream(true)
        .start();
  }

  private static String runInstance(Process server) throws Exception {
    int port = readyPort(server);
    try (Ec2Client ec2 =
        Clients.ec2Builder(URI.create("http://127.0.0.1:" + port), "us-east-1", "AKIDREAP", "s")
            .build()) {
      String id =
          ec2.runInstances(
                  r ->
                      r.imageId(DockerTestServer.BUSYBOX_AMI)
                          .minCount(1)
                          .maxCount(1)
                          .blockDeviceMappings(
                              b -> b.deviceName("/dev/sdf").ebs(e -> e.volumeSize(1))))
              .instances()
              .get(0)
              .instanceId();
      ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
      return id;
    }
  }

  private static int readyPort(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      int at = line.indexOf("ready on http://127.0.0.1:");
      if (at >= 0) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(line.substring(at + 26).split("\\D")[0]);
      }
    }
    throw new AssertionError("server exited before it was ready");
  }
}
