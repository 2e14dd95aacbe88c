package dev.ec2double.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.ec2double.compute.Labels;
import dev.ec2double.compute.docker.DockerBackend;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One server on the docker backend for the test JVM, with AMIs for the local stand-in images that
 * {@code scripts/test-images.sh} makes. It fails (never skips) when no engine answers.
 */
public final class DockerTestServer {
  public static final String BUSYBOX_AMI = "ami-0b0b0b0b0b0b0b0b0";
  public static final String DEBIAN_AMI = "ami-0de12de12de12de12";
  private static Ec2DoubleServer server;

  private DockerTestServer() {}

  public static synchronized Ec2DoubleServer get() {
    if (server == null) {
      server =
          new Ec2DoubleServer(
                  ServerConfig.builder()
                      .port(0)
                      .backend("docker")
                      .ami(BUSYBOX_AMI, "ec2-double/busybox:latest")
                      .ami(DEBIAN_AMI, "ec2-double/debian:12")
                      .build())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  public static DockerClient docker() {
    return ((DockerBackend) get().backend()).client();
  }

  /** The containers, in any state, of an instance: by the label every server puts on them. */
  public static List<Container> containersOf(DockerClient docker, String instanceId) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(Labels.RESOURCE, instanceId))
        .exec();
  }

  /** Launches one t3.nano of the busybox AMI, the smallest instance there is; its id. */
  public static String runBusybox(Ec2Client ec2) {
    return ec2.runInstances(
            r -> r.imageId(BUSYBOX_AMI).instanceType("t3.nano").minCount(1).maxCount(1))
        .instances()
        .get(0)
        .instanceId();
  }

  public static Ec2Client ec2() {
    return Clients.ec2(get().endpoint(), "AKIDDOCKER");
  }
}
