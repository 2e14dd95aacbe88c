package dev.ec2double.it.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ec2double.it.DockerTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** The lifecycle on the docker backend, asserting the container side at every step. */
class DockerLifecycleIT extends LifecycleContract {
  private static Ec2Client ec2;
  private static DockerClient docker;

  @BeforeAll
  static void client() {
    ec2 = DockerTestServer.ec2();
    docker = DockerTestServer.docker();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Override
  protected Ec2Client ec2() {
    return ec2;
  }

  @Override
  protected String ami() {
    return DockerTestServer.BUSYBOX_AMI;
  }

  private static InspectContainerResponse container(String instanceId) {
    return docker.inspectContainerCmd("ec2double-" + instanceId).exec();
  }

  @Override
  protected void assertMachineRunning(String id) {
    InspectContainerResponse c = container(id);
    assertThat(c.getState().getRunning()).isTrue();
    assertThat(c.getConfig().getLabels()).containsEntry("dev.ec2double.resource", id);
    assertThat(c.getConfig().getHostName())
        .isEqualTo("ip-" + describe(id).privateIpAddress().replace('.', '-'));
    assertThat(c.getNetworkSettings().getNetworks().values())
        .anySatisfy(n -> assertThat(n.getIpAddress()).isEqualTo(describe(id).privateIpAddress()));
  }

  @Override
  protected void assertMachineStopped(String id) {
    InspectContainerResponse c = container(id);
    assertThat(c.getState().getRunning()).isFalse();
  }

  @Override
  protected void assertMachineGone(String id) {
    assertThat(DockerTestServer.containersOf(docker, id)).isEmpty();
  }

  private String exec(String id, String... cmd) {
    return Exec.run(docker, "ec2double-" + id, cmd);
  }

  private String console(String id) {
    String out = ec2.getConsoleOutput(r -> r.instanceId(id).latest(true)).output();
    return out == null ? "" : new String(Base64.getDecoder().decode(out), StandardCharsets.UTF_8);
  }

  @Test
  void limitsTheContainerToTheInstanceTypesCpuAndMemory(TestInfo test) {
    String id = run(test, null);
    waitRunning(id);

    var host = container(id).getHostConfig();
    // t3.micro: 2 vCPUs, 1 GiB
    assertThat(host.getCpuQuota()).isEqualTo(200_000L);
    assertThat(host.getCpuPeriod()).isEqualTo(100_000L);
    assertThat(host.getMemory()).isEqualTo(1024L * 1024 * 1024);
    assertThat(host.getInit()).isTrue();

    ec2.stopInstances(r -> r.instanceIds(id));
    waiter().waitUntilInstanceStopped(r -> r.instanceIds(id));
    ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(a -> a.value("m5.xlarge")));
    var resized = container(id).getHostConfig();
    assertThat(resized.getCpuQuota()).isEqualTo(400_000L);
    assertThat(resized.getMemory()).isEqualTo(16L * 1024 * 1024 * 1024);
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void runsUserDataOnceAndShowsItOnTheConsole(TestInfo test) {
    String script =
        "#!/bin/sh\n"
            + "echo user-data-ran-$(hostname)\n"
            + "echo before-stop > /root/written\n"
            + "mkdir -p /var/lib/cloud/scripts/per-boot\n"
            + "printf '#!/bin/sh\\nhttpd -p 8080 -h /tmp\\n' > /var/lib/cloud/scripts/per-boot/web\n"
            + "chmod +x /var/lib/cloud/scripts/per-boot/web\n"
            + "echo run >> /root/runs\n";
    String id = run(test, script);
    waitRunning(id);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(console(id)).contains("user-data-ran-ip-172-31-"));
    assertThat(exec(id, "cat", "/var/log/cloud-init-output.log")).contains("user-data-ran-");
    await().atMost(Duration.ofSeconds(10)).until(() -> exec(id, "ps").contains("httpd -p 8080"));

    ec2.stopInstances(r -> r.instanceIds(id));
    waiter().waitUntilInstanceStopped(r -> r.instanceIds(id));
    ec2.startInstances(r -> r.instanceIds(id));
    waitRunning(id);

    assertThat(exec(id, "cat", "/root/written")).isEqualTo("before-stop\n");
    assertThat(exec(id, "cat", "/root/runs")).isEqualTo("run\n");
    await().atMost(Duration.ofSeconds(10)).until(() -> exec(id, "ps").contains("httpd -p 8080"));
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void runsCloudConfig(TestInfo test) {
    String config =
        "#cloud-config\n"
            + "write_files:\n"
            + "  - path: /etc/app/config.txt\n"
            + "    content: |\n"
            + "      greeting=hello\n"
            + "    permissions: '0600'\n"
            + "runcmd:\n"
            + "  - echo runcmd-ran > /root/runcmd\n"
            + "  - [sh, -c, 'echo list-form-ran >> /root/runcmd']\n"
            + "packages:\n"
            + "  - nginx\n";
    String id = run(test, config);
    waitRunning(id);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(console(id)).contains("user data finished"));
    assertThat(exec(id, "cat", "/etc/app/config.txt")).isEqualTo("greeting=hello\n");
    assertThat(exec(id, "stat", "-c", "%a", "/etc/app/config.txt")).isEqualTo("600\n");
    assertThat(exec(id, "cat", "/root/runcmd")).isEqualTo("runcmd-ran\nlist-form-ran\n");
    assertThat(console(id)).contains("packages are not installed");
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void putsTheKeyPairsPublicKeyInAuthorizedKeys(TestInfo test) {
    String keyName =
        "key-" + test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    ec2.createKeyPair(r -> r.keyName(keyName).keyType("ed25519"));
    String publicKey =
        ec2.describeKeyPairs(r -> r.keyNames(keyName).includePublicKey(true))
            .keyPairs()
            .get(0)
            .publicKey();
    String id =
        ec2.runInstances(r -> r.imageId(ami()).keyName(keyName).minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    waitRunning(id);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(exec(id, "cat", "/root/.ssh/authorized_keys"))
                    .contains(publicKey.split(" ")[1]));
    assertThat(describe(id).keyName()).isEqualTo(keyName);
    ec2.terminateInstances(r -> r.instanceIds(id));
    ec2.deleteKeyPair(r -> r.keyName(keyName));
  }

  @Test
  void rebootRestartsTheProcessesAndStaysRunning(TestInfo test) {
    String id = run(test, null);
    waitRunning(id);
    String startedAt = container(id).getState().getStartedAt();

    ec2.rebootInstances(r -> r.instanceIds(id));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !container(id).getState().getStartedAt().equals(startedAt));
    await().atMost(Duration.ofSeconds(10)).until(() -> container(id).getState().getRunning());
    assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.RUNNING);
    // the second boot's line reaches the console a moment after the container is up again
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(console(id).split("booting", -1)).hasSizeGreaterThanOrEqualTo(3));
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void anInstanceThatPowersOffIsStopped(TestInfo test) {
    String id = run(test, "#!/bin/sh\n(sleep 1; poweroff) >/dev/null 2>&1 &\n");
    waitRunning(id);

    waiter().waitUntilInstanceStopped(r -> r.instanceIds(id));

    var reason = describe(id).stateReason();
    assertThat(reason.code()).isEqualTo("Client.InstanceInitiatedShutdown");
    assertMachineStopped(id);
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void anInstanceThatPowersOffWithTerminateBehaviourIsTerminated(TestInfo test) {
    String id =
        ec2.runInstances(
                r ->
                    r.imageId(ami())
                        .minCount(1)
                        .maxCount(1)
                        .instanceInitiatedShutdownBehavior("terminate")
                        .userData(
                            Base64.getEncoder()
                                .encodeToString(
                                    "#!/bin/sh\n(sleep 3; poweroff) >/dev/null 2>&1 &\n"
                                        .getBytes(StandardCharsets.UTF_8))))
            .instances()
            .get(0)
            .instanceId();
    waitRunning(id);

    waiter().waitUntilInstanceTerminated(r -> r.instanceIds(id));

    assertThat(describe(id).stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
    assertMachineGone(id);
    // as with TerminateInstances, its DeleteOnTermination root volume goes with it
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        ec2.describeVolumes(
                                r -> r.filters(f -> f.name("attachment.instance-id").values(id)))
                            .volumes())
                    .isEmpty());
  }

  @Test
  void createImageCapturesTheInstancesFiles(TestInfo test) {
    String id = run(test, "#!/bin/sh\necho baked-in > /root/baked\n");
    waitRunning(id);
    await().atMost(Duration.ofSeconds(20)).until(() -> exec(id, "ls", "/root").contains("baked"));

    String ami = ec2.createImage(r -> r.instanceId(id).name("image-of-" + id)).imageId();
    waiter().waitUntilImageAvailable(r -> r.imageIds(ami));
    String copy =
        ec2.runInstances(
                r ->
                    r.imageId(ami)
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .userData(
                            Base64.getEncoder()
                                .encodeToString(
                                    "#!/bin/sh\necho copy > /root/copy-ran\n"
                                        .getBytes(StandardCharsets.UTF_8))))
            .instances()
            .get(0)
            .instanceId();
    waitRunning(copy);

    assertThat(exec(copy, "cat", "/root/baked")).isEqualTo("baked-in\n");
    // user data runs once per instance, as cloud-init's does: the image's marker is the original's
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(exec(copy, "cat", "/root/copy-ran")).isEqualTo("copy\n"));
    ec2.terminateInstances(r -> r.instanceIds(id, copy));
    waiter().waitUntilInstanceTerminated(r -> r.instanceIds(id, copy));
    ec2.deregisterImage(r -> r.imageId(ami));
    try {
      docker.inspectImageCmd("ec2-double/images:" + ami).exec();
      throw new AssertionError("the image of a deregistered AMI is still on the engine");
    } catch (NotFoundException expected) {
      // removed with the AMI
    }
  }
}
