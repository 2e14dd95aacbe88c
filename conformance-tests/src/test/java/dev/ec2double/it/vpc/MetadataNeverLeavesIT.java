package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.compute.docker.DockerBackend;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.instances.Exec;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.Option;
import dev.ec2double.server.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * With {@code --security-groups off}, an instance's requests to 169.254.169.254 still get
 * ec2-double's metadata service, and no packet to a link-local address leaves the host through the
 * engine's NAT (where, on an EC2 host, the host's own metadata service and its credentials are).
 */
class MetadataNeverLeavesIT {
  private static Ec2DoubleServer server;
  private static Ec2Client ec2;
  private static Instance instance;

  @BeforeAll
  static void launch() {
    server =
        new Ec2DoubleServer(
                ServerConfig.builder()
                    .port(0)
                    .backend("docker")
                    .set(Option.SECURITY_GROUPS, "off")
                    .ami(DockerTestServer.DEBIAN_AMI, "ec2-double/debian:12")
                    .build())
            .start();
    ec2 = Clients.ec2(server.endpoint(), "AKIDMETADATAOFF");
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.251.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.251.1.0/24")).subnet().subnetId();
    instance =
        ec2.runInstances(
                r ->
                    r.imageId(DockerTestServer.DEBIAN_AMI).subnetId(subnet).minCount(1).maxCount(1))
            .instances()
            .get(0);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                ec2.describeInstances(r -> r.instanceIds(instance.instanceId()))
                    .reservations()
                    .get(0)
                    .instances()
                    .get(0)
                    .state()
                    .nameAsString()
                    .equals("running"));
  }

  @AfterAll
  static void close() {
    if (ec2 != null) {
      ec2.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String inInstance(String... cmd) {
    return Exec.run(
        ((DockerBackend) server.backend()).client(), "ec2double-" + instance.instanceId(), cmd);
  }

  @Test
  void servesTheMetadataServiceAndNothingLinkLocalLeavesTheHost() {
    assertThat(server.backend().packetFilterProblem())
        .as("--security-groups off is not a packet filter problem")
        .isNull();
    try (LinkLocalCounters counters = new LinkLocalCounters(instance.privateIpAddress())) {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(
                          inInstance(
                              "curl",
                              "-s",
                              "--max-time",
                              "3",
                              "http://169.254.169.254/latest/meta-data/instance-id"))
                      .isEqualTo(instance.instanceId()));
      // ECS's credentials address, and the metadata address on another port: not ours, refused
      assertThat(
              inInstance(
                  "sh",
                  "-c",
                  "curl -s --max-time 3 http://169.254.170.2/ ; echo \" exit=$?\";"
                      + " curl -s --max-time 3 http://169.254.169.254:8080/ ; echo \" exit=$?\""))
          .as("curl exit 7: the connection was refused, not timed out (28) or answered")
          .isEqualTo(" exit=7\n exit=7\n");

      assertThat(counters.sent()).as("packets the instance sent to 169.254.0.0/16").isPositive();
      assertThat(counters.leftTheHost()).as("of those, packets that left the host").isZero();
    }
  }
}
