package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The real effects of the "instances in full" actions on the docker backend: CPU options set the
 * container's CPU limit, the console screenshot is a picture of the real console, a diagnostic
 * interrupt shows in the console output, and the region's metadata defaults reach the metadata
 * service of instances launched after them.
 */
class DockerInstancesInFullIT {
  private static final Duration UP = Duration.ofSeconds(60);
  private static Ec2Client ec2;
  private static DockerClient docker;

  @BeforeAll
  static void client() {
    // an account and region of its own: the metadata defaults set here reach no other test
    ec2 =
        Clients.ec2Builder(
                DockerTestServer.get().endpoint(), "eu-central-2", "510000000007", "secret")
            .build();
    docker = DockerTestServer.docker();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String run(String ami, String type, String userData) {
    String id =
        ec2.runInstances(
                r -> {
                  r.imageId(ami).instanceType(type).minCount(1).maxCount(1);
                  if (userData != null) {
                    r.userData(
                        Base64.getEncoder()
                            .encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
                  }
                })
            .instances()
            .get(0)
            .instanceId();
    awaitState(ec2, id, InstanceStateName.RUNNING, UP);
    return id;
  }

  private static String console(String id) {
    String out = ec2.getConsoleOutput(r -> r.instanceId(id).latest(true)).output();
    return out == null ? "" : new String(Base64.getDecoder().decode(out), StandardCharsets.UTF_8);
  }

  private static long cpuQuota(String id) {
    return DockerTestServer.containersOf(docker, id).stream()
        .map(c -> docker.inspectContainerCmd(c.getId()).exec().getHostConfig().getCpuQuota())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void cpuOptionsBecomeTheContainersCpuLimit() {
    String id = run(DockerTestServer.BUSYBOX_AMI, "m5.xlarge", null); // 2 cores x 2 threads
    assertThat(cpuQuota(id)).isEqualTo(400_000L);
    ec2.stopInstances(r -> r.instanceIds(id));
    awaitState(ec2, id, InstanceStateName.STOPPED, UP);
    ec2.modifyInstanceCpuOptions(r -> r.instanceId(id).coreCount(1).threadsPerCore(1));
    ec2.startInstances(r -> r.instanceIds(id));
    awaitState(ec2, id, InstanceStateName.RUNNING, UP);
    assertThat(cpuQuota(id)).isEqualTo(100_000L);
    String nproc =
        Exec.run(
            docker,
            "ec2double-" + id,
            "sh",
            "-c",
            "cat /sys/fs/cgroup/cpu.max 2>/dev/null || cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us");
    assertThat(nproc).contains("100000");
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void aTypeLargerThanTheMachineStillRunsWithItsFullLimits() {
    String id = run(DockerTestServer.BUSYBOX_AMI, "c6a.48xlarge", null); // 192 vCPUs, 384 GiB
    var host =
        DockerTestServer.containersOf(docker, id).stream()
            .map(c -> docker.inspectContainerCmd(c.getId()).exec().getHostConfig())
            .findFirst()
            .orElseThrow();

    assertThat(host.getCpuQuota()).isEqualTo(19_200_000L);
    assertThat(host.getMemory()).isEqualTo(393_216L * 1024 * 1024);
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void theScreenshotShowsTheConsoleAndADiagnosticInterruptIsInIt() throws Exception {
    String id = run(DockerTestServer.BUSYBOX_AMI, "t3.nano", "#!/bin/sh\necho screen-test-line\n");
    await().atMost(UP).until(() -> console(id).contains("screen-test-line"));
    var shot = ec2.getConsoleScreenshot(r -> r.instanceId(id));
    BufferedImage image =
        ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(shot.imageData())));
    assertThat(image.getWidth()).isEqualTo(800);
    int lit = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        lit += (image.getRGB(x, y) & 0xff) > 0x80 ? 1 : 0;
      }
    }
    assertThat(lit).isGreaterThan(500);

    ec2.sendDiagnosticInterrupt(r -> r.instanceId(id));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> console(id).contains("NMI received for unknown reason"));
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void metadataDefaultsReachTheMetadataServiceOfInstancesLaunchedAfter() {
    ec2.modifyInstanceMetadataDefaults(r -> r.httpTokens("required"));
    try {
      String id = run(DockerTestServer.DEBIAN_AMI, "t3.micro", null);
      String container = "ec2double-" + id;
      String v1 =
          "curl -s -o /dev/null -w '%{http_code}' -m 5"
              + " http://169.254.169.254/latest/meta-data/instance-id";
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(Exec.run(docker, container, "sh", "-c", v1)).isEqualTo("401"));
      String v2 =
          "T=$(curl -s -m 5 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60'"
              + " http://169.254.169.254/latest/api/token);"
              + " curl -s -m 5 -H \"X-aws-ec2-metadata-token: $T\""
              + " http://169.254.169.254/latest/meta-data/instance-id";
      assertThat(Exec.run(docker, container, "sh", "-c", v2)).isEqualTo(id);
      ec2.terminateInstances(r -> r.instanceIds(id));
    } finally {
      ec2.modifyInstanceMetadataDefaults(r -> r.httpTokens("no-preference"));
    }
  }
}
