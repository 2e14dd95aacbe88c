package dev.ec2double.it.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.Clients;
import dev.ec2double.it.ControlApi;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The control API for tests ({@code /_ec2double/reset} and moto's {@code /moto-api/reset}), each
 * test on a server of its own: a reset is server-wide.
 */
class ControlApiIT {
  @Test
  void resetForgetsEveryAccountAndRegionAndTheDefaultsComeBack() throws Exception {
    try (Ec2DoubleServer server = mock();
        Ec2Client east = Clients.ec2Builder(server.endpoint(), "us-east-1", "AKIDA", "s").build();
        Ec2Client west =
            Clients.ec2Builder(server.endpoint(), "eu-west-1", "111122223333", "s").build()) {
      east.createKeyPair(r -> r.keyName("k1"));
      String vpc = west.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
      String instance =
          east.runInstances(r -> r.imageId(ami(east)).minCount(3).maxCount(3))
              .instances()
              .get(0)
              .instanceId();
      String defaultVpcBefore = defaultVpc(east);

      HttpResponse<String> answer = post(server.endpoint(), "/_ec2double/reset");

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThat(answer.body()).matches("\\{\"status\":\"ok\",\"resetMillis\":[0-9]+\\.[0-9]\\}");
      assertThat(east.describeKeyPairs().keyPairs()).isEmpty();
      assertThat(west.describeVpcs().vpcs()).extracting(Vpc::vpcId).doesNotContain(vpc);
      assertThat(east.describeInstances().reservations()).isEmpty();
      assertThat(
              east.describeInstances(r -> r.filters(f -> f.name("instance-id").values(instance)))
                  .reservations())
          .isEmpty();
      // a fresh server has a default VPC in every region again, with new ids as AWS's would
      assertThat(defaultVpc(east)).isNotNull().isNotEqualTo(defaultVpcBefore);
      assertThat(west.describeVpcs().vpcs()).filteredOn(Vpc::isDefault).hasSize(1);
    }
  }

  @Test
  void motoApiResetDoesTheSameForSuitesWrittenForMotoServer() throws Exception {
    try (Ec2DoubleServer server = mock();
        Ec2Client ec2 = Clients.ec2Builder(server.endpoint(), "us-east-1", "AKIDA", "s").build()) {
      ec2.createKeyPair(r -> r.keyName("from-a-moto-suite"));

      HttpResponse<String> answer = post(server.endpoint(), "/moto-api/reset");

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("\"status\":\"ok\"");
      assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();
    }
  }

  @Test
  void aGetIsRefusedWithTheMethodToUseAndChangesNothing() throws Exception {
    try (Ec2DoubleServer server = mock();
        Ec2Client ec2 = Clients.ec2Builder(server.endpoint(), "us-east-1", "AKIDA", "s").build()) {
      ec2.createKeyPair(r -> r.keyName("kept"));

      HttpResponse<String> answer =
          ControlApi.send(server.endpoint(), "GET", "/_ec2double/reset", null);

      assertThat(answer.statusCode()).isEqualTo(405);
      assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
      assertThat(answer.body()).contains("use POST");
      assertThat(ec2.describeKeyPairs().keyPairs()).hasSize(1);
    }
  }

  @Test
  void resetOnTheEngineRemovesTheInstancesContainers() throws Exception {
    try (Ec2DoubleServer server =
            new Ec2DoubleServer(
                    ServerConfig.builder()
                        .port(0)
                        .backend("docker")
                        .ami(DockerTestServer.BUSYBOX_AMI, "ec2-double/busybox:latest")
                        .build())
                .start();
        Ec2Client ec2 = Clients.ec2Builder(server.endpoint(), "us-east-1", "AKIDA", "s").build()) {
      String id = DockerTestServer.runBusybox(ec2);
      Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
      var docker = DockerTestServer.docker();
      assertThat(DockerTestServer.containersOf(docker, id)).hasSize(1);

      assertThat(post(server.endpoint(), "/_ec2double/reset").statusCode()).isEqualTo(200);

      assertThat(DockerTestServer.containersOf(docker, id)).isEmpty();
      assertThat(ec2.describeInstances().reservations()).isEmpty();
      // and the fresh server launches again
      String next = DockerTestServer.runBusybox(ec2);
      assertThat(next).isNotEqualTo(id);
      ec2.terminateInstances(r -> r.instanceIds(next));
    }
  }

  private static Ec2DoubleServer mock() {
    return new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build()).start();
  }

  private static String ami(Ec2Client ec2) {
    return ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
  }

  private static String defaultVpc(Ec2Client ec2) {
    return ec2.describeVpcs().vpcs().stream()
        .filter(Vpc::isDefault)
        .map(Vpc::vpcId)
        .findFirst()
        .orElse(null);
  }

  private static HttpResponse<String> post(URI endpoint, String path) throws Exception {
    return ControlApi.send(endpoint, "POST", path, null);
  }
}
