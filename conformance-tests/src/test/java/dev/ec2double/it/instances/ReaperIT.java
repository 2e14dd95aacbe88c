package dev.ec2double.it.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.compute.Labels;
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

  /**
   * The shared default VPC network carries the labels of the server that made it; when that server
   * stopped while others still had instances on it, it outlived them all. A server that stops now
   * removes such a network once nothing uses it: one of a dead process, and one of a server of this
   * process that has closed (a test JVM runs many servers, and its pid stays alive).
   */
  @Test
  void aServerThatStopsRemovesNetworksLeftByServersThatAreGone() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor(10, TimeUnit.SECONDS);
    String ofDeadProcess = "ec2double-reaper-it-dead-" + ProcessHandle.current().pid();
    String ofClosedServer = "ec2double-reaper-it-closed-" + ProcessHandle.current().pid();
    String ofOpenServer = "ec2double-reaper-it-open-" + ProcessHandle.current().pid();
    try (Ec2DoubleServer open =
        new Ec2DoubleServer(ServerConfig.builder().port(0).backend("docker").build()).start()) {
      String openId = open.serverId();
      try (Ec2DoubleServer server =
          new Ec2DoubleServer(ServerConfig.builder().port(0).backend("docker").build()).start()) {
        network(ofDeadProcess, "srv-gone" + dead.pid(), dead.pid());
        network(ofClosedServer, "srv-closed" + dead.pid(), ProcessHandle.current().pid());
        network(ofOpenServer, openId, ProcessHandle.current().pid());
        assertThat(networksNamed(ofDeadProcess) + networksNamed(ofClosedServer))
            .as("made while the server runs")
            .isEqualTo(2);
      }
      assertThat(networksNamed(ofDeadProcess)).as("its process is dead").isZero();
      assertThat(networksNamed(ofClosedServer)).as("its server closed").isZero();
      assertThat(networksNamed(ofOpenServer)).as("its server is still open").isEqualTo(1);
    } finally {
      docker.listNetworksCmd().exec().stream()
          .filter(n -> ofOpenServer.equals(n.getName()))
          .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    }
  }

  private void network(String name, String serverId, long ownerPid) {
    docker
        .createNetworkCmd()
        .withName(name)
        .withLabels(
            java.util.Map.of(
                Labels.SERVER, serverId,
                Labels.OWNER_HOST, Labels.host(),
                Labels.OWNER_PID, Long.toString(ownerPid)))
        .exec();
  }

  private int networksNamed(String name) {
    return (int)
        docker.listNetworksCmd().exec().stream().filter(n -> name.equals(n.getName())).count();
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
