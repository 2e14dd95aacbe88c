package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * Two VPCs on the engine reach each other at their private addresses only while a peering
 * connection between them is active and both sides' route tables send the other's block to it; the
 * security groups still decide, and the receiver sees the sender's own address.
 */
class VpcPeeringEnforcedIT {
  private static final String BUSYBOX = DockerTestServer.BUSYBOX_AMI;

  @BeforeAll
  static void packetFilter() {
    DockerVpcs.requirePacketFilter();
  }

  private static IpPermission port8080From(String cidr) {
    return IpPermission.builder()
        .ipProtocol("tcp")
        .fromPort(8080)
        .toPort(8080)
        .ipRanges(x -> x.cidrIp(cidr))
        .build();
  }

  private static String mainTable(DockerVpcs vpcs, DockerVpcs.Vpc vpc) {
    return vpcs.ec2
        .describeRouteTables(
            r -> r.filters(filter("vpc-id", vpc.id()), filter("association.main", "true")))
        .routeTables()
        .get(0)
        .routeTableId();
  }

  @Test
  void peeredVpcsReachEachOtherOnlyWithRoutesOnBothSides() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc a = vpcs.vpc();
      DockerVpcs.Vpc b = vpcs.vpc();
      String cidrA = a.prefix() + ".0.0/16";
      String cidrB = b.prefix() + ".0.0/16";
      // the server admits A's block on 8080; the client's default group lets everything out
      String web = vpcs.group(b, "web");
      vpcs.ec2.authorizeSecurityGroupIngress(
          r -> r.groupId(web).ipPermissions(port8080From(cidrA)));
      Instance server = vpcs.run(BUSYBOX, b.subnetId(), DockerVpcs.WEB_SERVER, web);
      Instance client = vpcs.run(BUSYBOX, a.subnetId(), null);
      vpcs.waitRunning(server.instanceId(), client.instanceId());
      String ip = server.privateIpAddress();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> vpcs.exec(server.instanceId(), "ps").contains("httpd -p 8080"));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080))
          .as("two VPCs without a peering")
          .doesNotContain("hello-from");

      String pcx =
          vpcs.ec2
              .createVpcPeeringConnection(r -> r.vpcId(a.id()).peerVpcId(b.id()))
              .vpcPeeringConnection()
              .vpcPeeringConnectionId();
      vpcs.ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
      String rtbA = mainTable(vpcs, a);
      String rtbB = mainTable(vpcs, b);
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080))
          .as("active, no routes")
          .doesNotContain("hello-from");

      vpcs.ec2.createRoute(
          r -> r.routeTableId(rtbA).destinationCidrBlock(cidrB).vpcPeeringConnectionId(pcx));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080))
          .as("a route on one side only")
          .doesNotContain("hello-from");

      vpcs.ec2.createRoute(
          r -> r.routeTableId(rtbB).destinationCidrBlock(cidrA).vpcPeeringConnectionId(pcx));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080))
          .as("routes on both sides")
          .contains("hello-from");
      assertThat(
              vpcs.exec(
                  client.instanceId(), "sh", "-c", "ping -c 1 -W 2 " + ip + " >/dev/null; echo $?"))
          .as("ICMP is not in the server's group")
          .contains("1");

      // the group decides on top of the routes
      vpcs.ec2.revokeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(port8080From(cidrA)));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).doesNotContain("hello-from");
      vpcs.ec2.authorizeSecurityGroupIngress(
          r -> r.groupId(web).ipPermissions(port8080From(client.privateIpAddress() + "/32")));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080))
          .as("a /32 rule for the client's private address admits it: the address is kept")
          .contains("hello-from");

      vpcs.ec2.deleteRoute(r -> r.routeTableId(rtbB).destinationCidrBlock(cidrA));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080))
          .as("the return route removed")
          .doesNotContain("hello-from");
      vpcs.ec2.createRoute(
          r -> r.routeTableId(rtbB).destinationCidrBlock(cidrA).vpcPeeringConnectionId(pcx));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from");

      vpcs.ec2.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080))
          .as("after DeleteVpcPeeringConnection")
          .doesNotContain("hello-from");
      vpcs.ec2.deleteRoute(r -> r.routeTableId(rtbA).destinationCidrBlock(cidrB));
      vpcs.ec2.deleteRoute(r -> r.routeTableId(rtbB).destinationCidrBlock(cidrA));
    }
  }
}
