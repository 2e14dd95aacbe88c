package dev.ec2double.it.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import dev.ec2double.compute.Labels;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Mixed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * On the docker backend: an instance's container is never privileged and cannot reach the engine,
 * and concurrent launches and terminations leave no container behind.
 */
class DockerContainmentIT {
  private static final String ACCOUNT = "500000000004";

  private static Ec2Client ec2() {
    return Clients.ec2(DockerTestServer.get().endpoint(), ACCOUNT);
  }

  @Test
  void instanceContainersAreNotPrivilegedAndHaveNoEngineSocket() {
    DockerClient docker = DockerTestServer.docker();
    try (Ec2Client ec2 = ec2()) {
      String id =
          ec2.runInstances(r -> r.imageId(DockerTestServer.BUSYBOX_AMI).minCount(1).maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      ec2.waiter()
          .waitUntilInstanceRunning(
              r -> r.instanceIds(id),
              w ->
                  w.waitTimeout(Duration.ofSeconds(60))
                      // the timeout, not the waiter's default 40 attempts (12 s), is the limit
                      .maxAttempts(200)
                      .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(300))));

      var container = docker.inspectContainerCmd("ec2double-" + id).exec();
      HostConfig host = container.getHostConfig();
      assertThat(host.getPrivileged()).isNotEqualTo(Boolean.TRUE);
      assertThat(host.getCapAdd()).isNullOrEmpty();
      assertThat(host.getDevices()).isNullOrEmpty();
      // the one bind is the instance's own directory for its EBS volumes (docs/volumes.md)
      assertThat(
              host.getBinds() == null
                  ? java.util.List.<Bind>of()
                  : java.util.List.of(host.getBinds()))
          .allSatisfy(
              b -> {
                assertThat(b.getVolume().getPath()).isEqualTo("/mnt/ec2-double");
                assertThat(b.getPath()).contains("ec2double-" + id).doesNotContain("docker.sock");
              });
      assertThat(host.getPidMode()).isNotEqualTo("host");
      assertThat(host.getNetworkMode()).isNotEqualTo("host");
      assertThat(container.getMounts())
          .noneSatisfy(m -> assertThat(String.valueOf(m.getSource())).contains("docker.sock"));
      String look =
          Exec.run(
              docker,
              "ec2double-" + id,
              "sh",
              "-c",
              "ls /var/run/docker.sock /run/docker.sock 2>&1; echo DOCKER_HOST=$DOCKER_HOST");
      assertThat(look).contains("No such file").contains("DOCKER_HOST=\n");
      ec2.terminateInstances(r -> r.instanceIds(id));
    }
  }

  @Test
  void concurrentCallsLeaveNoContainerBehind() throws Exception {
    DockerClient docker = DockerTestServer.docker();
    try (Ec2Client ec2 = ec2()) {
      String shared =
          ec2.runInstances(r -> r.imageId(DockerTestServer.BUSYBOX_AMI).minCount(1).maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      Mixed mixed = new Mixed(ec2, DockerTestServer.BUSYBOX_AMI, shared);
      mixed.launched.add(shared);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(pool.submit(() -> mixed.run(thread, 20, new Random(77 + thread))));
      }
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
      assertThat(mixed.unexpected).isEmpty();
      assertThat(mixed.volumes).as("volumes made").isNotEmpty();

      Mixed.terminateAll(ec2);
      ec2.waiter()
          .waitUntilInstanceTerminated(
              r -> r.instanceIds(mixed.launched),
              w ->
                  w.waitTimeout(Duration.ofSeconds(120))
                      // the timeout, not the waiter's default 40 attempts (12 s), is the limit
                      .maxAttempts(400)
                      .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(300))));

      assertThat(
              docker
                  .listContainersCmd()
                  .withShowAll(true)
                  .withLabelFilter(java.util.Map.of(Labels.ACCOUNT, ACCOUNT))
                  .exec())
          .as("containers of the account after terminate-all")
          .isEmpty();
      assertThat(Mixed.describeAll(ec2))
          .allSatisfy(i -> assertThat(i.state().name()).isEqualTo(InstanceStateName.TERMINATED));
      assertThat(mixed.deleteVolumesAndGroup()).as("volumes left after deleting them").isEmpty();
      assertThat(
              docker
                  .listVolumesCmd()
                  .withFilter("label", List.of(Labels.ACCOUNT + "=" + ACCOUNT))
                  .exec()
                  .getVolumes())
          .as("engine volumes of the account after terminate-all and deleting its volumes")
          .isNullOrEmpty();
    }
  }
}
