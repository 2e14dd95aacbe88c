package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.awaitState;
import static dev.ec2double.it.Ec2Calls.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.Option;
import dev.ec2double.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Hibernation on the docker backend: the container is paused, so a process keeps its memory across
 * StopInstances(Hibernate) and StartInstances, and a hibernated instance still terminates.
 */
class DockerHibernationIT {
  /**
   * A counter that lives only in the shell's memory: its token and count go to a file, replaced
   * whole (mv) so that a reader never sees it half written.
   */
  private static final String COUNTER =
      "#!/bin/sh\n"
          + "sh -c 'token=$(cat /proc/sys/kernel/random/uuid); i=0;"
          + " while true; do i=$((i+1)); echo \"$token $i\" > /tmp/counter.new;"
          + " mv /tmp/counter.new /tmp/counter; sleep 0.2; done'"
          + " counter-loop >/dev/null 2>&1 &\n";

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

  private static String launch(boolean hibernation) {
    return launch(ec2, hibernation);
  }

  private static String launch(Ec2Client ec2, boolean hibernation) {
    return ec2.runInstances(
            r ->
                r.imageId(DockerTestServer.BUSYBOX_AMI)
                    .instanceType("t3.nano")
                    .minCount(1)
                    .maxCount(1)
                    .hibernationOptions(h -> h.configured(hibernation))
                    .userData(
                        Base64.getEncoder()
                            .encodeToString(COUNTER.getBytes(StandardCharsets.UTF_8))))
        .instances()
        .get(0)
        .instanceId();
  }

  /** "token count" as the counter last wrote it. */
  private static String[] counter(String id) {
    return Exec.run(docker, "ec2double-" + id, "cat", "/tmp/counter").trim().split(" ");
  }

  /** Whether the counter's process runs in the instance. */
  private static boolean counting(String id) {
    return Exec.run(docker, "ec2double-" + id, "sh", "-c", "ps -o args | grep -c counter-loo[p]")
        .trim()
        .equals("1");
  }

  private static String[] awaitCounter(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> counter(id), c -> c.length == 2 && Integer.parseInt(c[1]) > 2);
  }

  @Test
  void aHibernatedInstanceKeepsItsProcessesMemoryAcrossStopAndStart() {
    String id = launch(true);
    awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    assertThat(describe(ec2, id).hibernationOptions().configured()).isTrue();
    String[] before = awaitCounter(id);

    var stopping = ec2.stopInstances(r -> r.instanceIds(id).hibernate(true)).stoppingInstances();
    assertThat(stopping.get(0).currentState().name()).isEqualTo(InstanceStateName.STOPPING);
    Instance stopped = awaitState(ec2, id, InstanceStateName.STOPPED, Duration.ofSeconds(60));
    assertThat(stopped.stateReason().code()).isEqualTo("Client.UserInitiatedHibernate");
    assertThat(stopped.stateReason().message())
        .isEqualTo("Client.UserInitiatedHibernate: User initiated hibernate");
    var state = docker.inspectContainerCmd("ec2double-" + id).exec().getState();
    assertThat(state.getPaused()).as("the container is paused, not stopped").isTrue();
    // the console still answers while it sleeps
    ec2.getConsoleOutput(r -> r.instanceId(id));

    ec2.startInstances(r -> r.instanceIds(id));
    awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    assertThat(docker.inspectContainerCmd("ec2double-" + id).exec().getState().getPaused())
        .isFalse();
    int last = Integer.parseInt(counter(id)[1]);
    assertThat(last).isGreaterThanOrEqualTo(Integer.parseInt(before[1]));
    // the same process, with the same memory, counts on from where it was
    String[] after =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> counter(id), c -> Integer.parseInt(c[1]) > last);
    assertThat(after[0]).as("the same process's token").isEqualTo(before[0]);
    assertThat(counting(id)).isTrue();

    ec2.terminateInstances(r -> r.instanceIds(id));
    awaitState(ec2, id, InstanceStateName.TERMINATED, Duration.ofSeconds(60));
  }

  @Test
  void aPlainStopLosesTheProcessButAHibernatedInstanceTerminates() {
    String plain = launch(false);
    String sleeper = launch(true);
    awaitState(ec2, plain, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    awaitState(ec2, sleeper, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    assertThat(describe(ec2, plain).hibernationOptions().configured()).isFalse();

    assertThat(Ec2Calls.error(() -> ec2.stopInstances(r -> r.instanceIds(plain).hibernate(true))))
        .isEqualTo(
            "UnsupportedHibernationConfiguration: The instance can't be hibernated because it was"
                + " not configured at launch for hibernation: "
                + plain);
    assertThat(describe(ec2, plain).state().name()).isEqualTo(InstanceStateName.RUNNING);

    // a plain stop ends the counter: after a start, nothing counts (user data runs once)
    String[] before = awaitCounter(plain);
    assertThat(counting(plain)).isTrue();
    ec2.stopInstances(r -> r.instanceIds(plain));
    Instance stopped = awaitState(ec2, plain, InstanceStateName.STOPPED, Duration.ofSeconds(60));
    assertThat(stopped.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
    ec2.startInstances(r -> r.instanceIds(plain));
    awaitState(ec2, plain, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    assertThat(counting(plain)).as("the stop ended the counter's process").isFalse();
    assertThat(counter(plain)[0]).isEqualTo(before[0]);

    // a hibernated (paused) container is removed by TerminateInstances
    ec2.stopInstances(r -> r.instanceIds(sleeper).hibernate(true));
    awaitState(ec2, sleeper, InstanceStateName.STOPPED, Duration.ofSeconds(60));
    ec2.terminateInstances(r -> r.instanceIds(sleeper, plain));
    awaitState(ec2, sleeper, InstanceStateName.TERMINATED, Duration.ofSeconds(60));
    assertThat(DockerTestServer.containersOf(docker, sleeper)).isEmpty();
  }

  private static Ec2DoubleServer server(java.nio.file.Path stateDir) {
    return new Ec2DoubleServer(
            ServerConfig.builder()
                .port(0)
                .backend("docker")
                .ami(DockerTestServer.BUSYBOX_AMI, "ec2-double/busybox:latest")
                .set(Option.STATE_DIR, stateDir.toString())
                .build())
        .start();
  }

  @Test
  void aServerRestartedOnItsStateResumesTheHibernatedInstance(@TempDir java.nio.file.Path dir) {
    String id;
    String[] before;
    try (Ec2DoubleServer first = server(dir);
        Ec2Client c = Clients.ec2(first.endpoint(), "AKIDHIBERNATE")) {
      id = launch(c, true);
      awaitState(c, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
      before = awaitCounter(id);
      c.stopInstances(r -> r.instanceIds(id).hibernate(true));
      awaitState(c, id, InstanceStateName.STOPPED, Duration.ofSeconds(60));
    }
    // the first server is gone; its paused container stays for the next one
    assertThat(docker.inspectContainerCmd("ec2double-" + id).exec().getState().getPaused())
        .isTrue();

    try (Ec2DoubleServer second = server(dir);
        Ec2Client c = Clients.ec2(second.endpoint(), "AKIDHIBERNATE")) {
      Instance i = describe(c, id);
      assertThat(i.state().name()).isEqualTo(InstanceStateName.STOPPED);
      assertThat(i.stateReason().code()).isEqualTo("Client.UserInitiatedHibernate");

      c.startInstances(r -> r.instanceIds(id));
      awaitState(c, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
      int last = Integer.parseInt(counter(id)[1]);
      String[] after =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> counter(id), x -> Integer.parseInt(x[1]) > last);
      assertThat(after[0]).as("the same process, across the restart").isEqualTo(before[0]);

      second.reset();
    }
    assertThat(DockerTestServer.containersOf(docker, id)).isEmpty();
  }
}
