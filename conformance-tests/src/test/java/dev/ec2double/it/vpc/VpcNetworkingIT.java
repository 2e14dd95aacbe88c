package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;

/** VPCs are networks: who reaches whom, on the docker backend. */
class VpcNetworkingIT {
  private static final String BUSYBOX = DockerTestServer.BUSYBOX_AMI;

  @Test
  void instancesReachEachOtherInTheirVpcByAddressAndNameButNotAcrossVpcs() throws Exception {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc a = vpcs.vpc();
      DockerVpcs.Vpc b = vpcs.vpc();
      Instance server = vpcs.run(BUSYBOX, a.subnetId(), DockerVpcs.WEB_SERVER);
      Instance neighbour = vpcs.run(BUSYBOX, a.subnetId(), null);
      Instance stranger = vpcs.run(BUSYBOX, b.subnetId(), null);
      vpcs.waitRunning(server.instanceId(), neighbour.instanceId(), stranger.instanceId());

      assertThat(server.privateIpAddress()).startsWith(a.prefix() + ".1.");
      assertThat(neighbour.privateIpAddress()).startsWith(a.prefix() + ".1.");
      assertThat(stranger.privateIpAddress()).isEqualTo(b.prefix() + ".1.4");
      String hostname = "ip-" + server.privateIpAddress().replace('.', '-');
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(vpcs.httpGet(neighbour.instanceId(), server.privateIpAddress(), 8080))
                      .contains("hello-from-" + hostname));
      assertThat(vpcs.httpGet(neighbour.instanceId(), server.privateDnsName(), 8080))
          .contains("hello-from-" + hostname);
      assertThat(vpcs.httpGet(stranger.instanceId(), server.privateIpAddress(), 8080))
          .doesNotContain("hello-from");
      assertThat(vpcs.httpGet(stranger.instanceId(), server.privateDnsName(), 8080))
          .doesNotContain("hello-from");

      // the host reaches private addresses (what a test on the host does)
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://" + server.privateIpAddress() + ":8080/").toURL().openConnection();
      c.setConnectTimeout(3000);
      try (InputStream in = c.getInputStream()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .startsWith("hello-from-" + hostname);
      }
    }
  }

  @Test
  void deletingAVpcWithInstancesFailsAndLeavesItsNetwork() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc a = vpcs.vpc();
      Instance i = vpcs.run(BUSYBOX, a.subnetId(), null);
      vpcs.waitRunning(i.instanceId());

      Ec2Exception e =
          org.junit.jupiter.api.Assertions.assertThrows(
              Ec2Exception.class, () -> vpcs.ec2.deleteVpc(r -> r.vpcId(a.id())));
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DependencyViolation");
      assertThat(vpcs.ec2.describeVpcs(r -> r.vpcIds(a.id())).vpcs()).hasSize(1);
      assertThat(
              DockerTestServer.docker()
                  .inspectNetworkCmd()
                  .withNetworkId("ec2double-" + a.id())
                  .exec()
                  .getIpam()
                  .getConfig()
                  .get(0)
                  .getSubnet())
          .isEqualTo(a.prefix() + ".0.0/16");
      assertThat(vpcs.exec(i.instanceId(), "hostname"))
          .startsWith("ip-" + a.prefix().replace('.', '-'));
    }
  }

  @Test
  void anOverlappingVpcFailsToLaunchWithAClearErrorAndBreaksNothing() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc a = vpcs.vpc();
      DockerVpcs.Vpc twin = vpcs.vpc(a.prefix());
      Instance server = vpcs.run(BUSYBOX, a.subnetId(), DockerVpcs.WEB_SERVER);
      vpcs.waitRunning(server.instanceId());

      Ec2Exception e =
          org.junit.jupiter.api.Assertions.assertThrows(
              Ec2Exception.class, () -> vpcs.run(BUSYBOX, twin.subnetId(), null));
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Unsupported");
      assertThat(e.awsErrorDetails().errorMessage())
          .contains(twin.id(), "ec2double-" + a.id(), "overlapping");
      assertThat(
              vpcs.ec2
                  .describeSubnets(r -> r.subnetIds(twin.subnetId()))
                  .subnets()
                  .get(0)
                  .availableIpAddressCount())
          .isEqualTo(251);
      Instance neighbour = vpcs.run(BUSYBOX, a.subnetId(), null);
      vpcs.waitRunning(neighbour.instanceId());
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(vpcs.httpGet(neighbour.instanceId(), server.privateIpAddress(), 8080))
                      .contains("hello-from-"));
    }
  }
}
