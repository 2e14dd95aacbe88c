package dev.ec2double.compute.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.ComputeBackendContract;
import dev.ec2double.compute.EngineSettings;
import dev.ec2double.compute.VolumePaths;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on the Docker engine, looking inside the containers for what the interface cannot
 * show. It needs an engine and fails (never skips) without one; the machines run the local busybox
 * image that {@code ../shared/ci/base-images.sh} builds.
 */
class DockerBackendContractTest extends ComputeBackendContract {
  private static final Duration EXEC = Duration.ofSeconds(30);
  private static final Pattern BOOT = Pattern.compile("ec2-double: booting");
  private static DockerBackend docker;
  private static String serverId;

  @BeforeAll
  static void connect() {
    serverId = newServerId();
    docker = DockerBackend.connect(EngineSettings.DEFAULT, Duration.ofSeconds(5), serverId, false);
  }

  @AfterAll
  static void removeWhatItMade() {
    if (docker != null) {
      docker.removeAll();
      docker.close();
    }
  }

  @Override
  protected ComputeBackend backend() {
    return docker;
  }

  @Override
  protected String serverId() {
    return serverId;
  }

  @Override
  protected boolean filtersPackets() {
    return true;
  }

  @Override
  protected int exitOnItsOwn(String machineId) {
    docker.client().killContainerCmd(machineId).withSignal("SIGKILL").exec();
    return 137;
  }

  @Override
  protected void assertBootedTimes(String machineId, int boots) {
    await()
        .atMost(EXEC)
        .untilAsserted(() -> assertThat(boots(docker.consoleOutput(machineId))).isEqualTo(boots));
  }

  private static int boots(String console) {
    Matcher m = BOOT.matcher(console);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String sh(String machineId, String script) {
    return ContainerExec.run(docker.client(), EXEC, machineId, "sh", "-c", script).output();
  }

  @Override
  protected void write(String machineId, String device, String text) {
    sh(machineId, "echo " + text + " > " + VolumePaths.mountPoint(device) + "/note.txt");
  }

  @Override
  protected void assertHolds(String machineId, String device, String text) {
    assertThat(sh(machineId, "cat " + VolumePaths.mountPoint(device) + "/note.txt 2>&1"))
        .isEqualTo(text + "\n");
  }

  @Override
  protected void serve(String machineId, int... ports) {
    StringBuilder script = new StringBuilder("mkdir -p /www && echo ok > /www/index.html");
    for (int port : ports) {
      script.append(" && httpd -p ").append(port).append(" -h /www");
    }
    sh(machineId, script.toString());
  }

  @Override
  protected boolean connects(String fromMachineId, String address, int port) {
    return sh(
            fromMachineId,
            "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 " + address + " " + port + " 2>&1")
        .contains("HTTP/1");
  }

  @Test
  void anImageTheEngineDoesNotHaveIsNotThere() {
    assertThat(docker.inspectImage("ec2-double/no-such-image:never")).isEmpty();
    assertThat(docker.inspectImage(image()))
        .hasValueSatisfying(i -> assertThat(i.architecture()).isIn("x86_64", "arm64"));
  }
}
