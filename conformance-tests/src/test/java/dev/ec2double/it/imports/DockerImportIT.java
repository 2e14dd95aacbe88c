package dev.ec2double.it.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.ec2double.compute.docker.DockerBackend;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * On the docker backend, the AMI an ImportImage task makes is real: RunInstances of it starts a
 * container of the engine image the import base (Debian 12's AMI) maps to. A server of its own maps
 * that AMI to the local busybox image, since the public debian:12 cannot be pulled here.
 */
class DockerImportIT {
  private static Ec2DoubleServer server;
  private static Ec2Client ec2;

  @BeforeAll
  static void start() {
    server =
        new Ec2DoubleServer(
                ServerConfig.builder()
                    .port(0)
                    .backend("docker")
                    .ami("ami-0ec2d00000000de12", "ec2-double/busybox:latest")
                    .build())
            .start();
    ec2 = Clients.ec2(server.endpoint(), "AKIDIMPORT");
  }

  @AfterAll
  static void stop() {
    ec2.close();
    server.close();
  }

  @Test
  void anImportedAmiLaunchesAContainer() {
    String ami = ImportExportIT.imported(ec2, "docker.vmdk").imageId();
    String id =
        ec2.runInstances(r -> r.imageId(ami).instanceType("t3.nano").minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    var docker = ((DockerBackend) server.backend()).client();
    List<Container> containers = DockerTestServer.containersOf(docker, id);
    assertThat(containers).hasSize(1);
    assertThat(containers.get(0).getImage()).isEqualTo("ec2-double/busybox:latest");
    assertThat(containers.get(0).getState()).isEqualTo("running");
    // its root volume came from the import's root snapshot
    String rootSnapshot =
        ec2.describeImages(r -> r.imageIds(ami))
            .images()
            .get(0)
            .blockDeviceMappings()
            .get(0)
            .ebs()
            .snapshotId();
    String volumeId = Ec2Calls.describe(ec2, id).blockDeviceMappings().get(0).ebs().volumeId();
    assertThat(ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().get(0).snapshotId())
        .isEqualTo(rootSnapshot);
    ec2.terminateInstances(r -> r.instanceIds(id));
    Ec2Calls.awaitState(ec2, id, InstanceStateName.TERMINATED, Duration.ofSeconds(60));
  }
}
