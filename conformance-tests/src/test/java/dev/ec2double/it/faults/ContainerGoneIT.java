package dev.ec2double.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.it.DockerTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * An instance's container killed or removed on the engine behind the server's back (docker kill,
 * docker rm -f): DescribeInstances shows what happened, and the instance's actions answer as AWS
 * does for that state.
 */
class ContainerGoneIT {
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

  @Test
  void killedContainerStopsTheInstanceAndStartInstancesRunsItAgain() {
    String id = runningInstance();

    docker.killContainerCmd("ec2double-" + id).exec();

    Instance stopped = awaitState(id, InstanceStateName.STOPPED);
    assertThat(stopped.stateReason().code()).isEqualTo("Server.InternalError");
    assertThat(stopped.stateReason().message())
        .startsWith("Server.InternalError: ")
        .contains("killed outside ec2-double");
    ec2.startInstances(r -> r.instanceIds(id));
    awaitState(id, InstanceStateName.RUNNING);
    assertThat(docker.inspectContainerCmd("ec2double-" + id).exec().getState().getRunning())
        .isTrue();
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void removedContainerTerminatesTheInstanceAndFreesItsAddress() {
    String id = runningInstance();
    String networkInterface = describe(id).networkInterfaces().get(0).networkInterfaceId();

    docker.removeContainerCmd("ec2double-" + id).withForce(true).exec();

    Instance terminated = awaitState(id, InstanceStateName.TERMINATED);
    assertThat(terminated.stateReason().code()).isEqualTo("Server.InternalError");
    assertThat(terminated.stateReason().message()).contains("removed outside ec2-double");
    assertThatThrownBy(() -> ec2.startInstances(r -> r.instanceIds(id)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IncorrectInstanceState"));
    // its primary interface went with it, as with a terminate
    assertThat(
            ec2.describeNetworkInterfaces(
                    r -> r.filters(f -> f.name("network-interface-id").values(networkInterface)))
                .networkInterfaces())
        .isEmpty();
  }

  @Test
  void stoppedInstanceWhoseContainerIsRemovedIsTerminated() {
    String id = runningInstance();
    ec2.stopInstances(r -> r.instanceIds(id).force(true));
    awaitState(id, InstanceStateName.STOPPED);

    docker.removeContainerCmd("ec2double-" + id).exec();

    Instance terminated = awaitState(id, InstanceStateName.TERMINATED);
    assertThat(terminated.stateReason().message()).contains("removed outside ec2-double");
  }

  private static String runningInstance() {
    String id = DockerTestServer.runBusybox(ec2);
    awaitState(id, InstanceStateName.RUNNING);
    return id;
  }

  static Instance awaitState(String id, InstanceStateName state) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> describe(id), i -> i.state().name() == state);
  }

  private static Instance describe(String id) {
    return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
  }
}
