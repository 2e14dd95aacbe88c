package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * An instance launched on an existing network interface (device index 0) is that interface on the
 * engine: the container has its address and MAC on the VPC's network, and is reached there.
 */
class DockerLaunchOnInterfaceIT {
  private static final String BUSYBOX = DockerTestServer.BUSYBOX_AMI;

  @Test
  void theContainerHasTheInterfacesAddressAndIsReachedThere() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc a = vpcs.vpc();
      String address = a.prefix() + ".1.77";
      String eni = vpcs.networkInterface(a.subnetId(), address);
      NetworkInterface made =
          vpcs.ec2
              .describeNetworkInterfaces(r -> r.networkInterfaceIds(eni))
              .networkInterfaces()
              .get(0);

      Instance server = vpcs.runOnInterface(BUSYBOX, eni, DockerVpcs.WEB_SERVER);
      Instance client = vpcs.run(BUSYBOX, a.subnetId(), null);
      vpcs.waitRunning(server.instanceId(), client.instanceId());

      assertThat(server.privateIpAddress()).isEqualTo(address);
      assertThat(vpcs.exec(server.instanceId(), "ip", "-4", "addr", "show", "eth0"))
          .contains("inet " + address + "/16");
      assertThat(vpcs.exec(server.instanceId(), "cat", "/sys/class/net/eth0/address").trim())
          .isEqualTo(made.macAddress());
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(vpcs.httpGet(client.instanceId(), address, 8080))
                      .contains("hello-from-ip-" + address.replace('.', '-')));

      vpcs.ec2.terminateInstances(r -> r.instanceIds(server.instanceId()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  vpcs.ec2
                      .describeNetworkInterfaces(r -> r.networkInterfaceIds(eni))
                      .networkInterfaces()
                      .get(0)
                      .statusAsString()
                      .equals("available"));
    }
  }
}
