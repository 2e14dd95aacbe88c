package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/** Security groups decide who reaches an instance, and rule changes apply to running ones. */
class SecurityGroupsEnforcedIT {
  private static final String BUSYBOX = DockerTestServer.BUSYBOX_AMI;

  @org.junit.jupiter.api.BeforeAll
  static void packetFilter() {
    DockerVpcs.requirePacketFilter();
  }

  @Test
  void aPortOpensForAnAllowedSourceOnlyAndClosesWhenRevoked() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc vpc = vpcs.vpc();
      String web = vpcs.group(vpc, "web");
      String clients = vpcs.group(vpc, "clients");
      String others = vpcs.group(vpc, "others");
      Instance server = vpcs.run(BUSYBOX, vpc.subnetId(), DockerVpcs.WEB_SERVER, web);
      Instance allowed = vpcs.run(BUSYBOX, vpc.subnetId(), null, clients);
      Instance denied = vpcs.run(BUSYBOX, vpc.subnetId(), null, others);
      vpcs.waitRunning(server.instanceId(), allowed.instanceId(), denied.instanceId());
      String ip = server.privateIpAddress();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> vpcs.exec(server.instanceId(), "ps").contains("httpd -p 8080"));

      // no ingress rule yet: nobody gets in
      assertThat(vpcs.httpGet(allowed.instanceId(), ip, 8080)).doesNotContain("hello-from");

      IpPermission fromClients =
          IpPermission.builder()
              .ipProtocol("tcp")
              .fromPort(8080)
              .toPort(8080)
              .userIdGroupPairs(u -> u.groupId(clients))
              .build();
      vpcs.ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(fromClients));
      assertThat(vpcs.httpGet(allowed.instanceId(), ip, 8080)).contains("hello-from");
      assertThat(vpcs.httpGet(denied.instanceId(), ip, 8080)).doesNotContain("hello-from");

      // a CIDR rule for the other instance's address
      IpPermission fromDenied =
          IpPermission.builder()
              .ipProtocol("tcp")
              .fromPort(8000)
              .toPort(8100)
              .ipRanges(r -> r.cidrIp(denied.privateIpAddress() + "/32"))
              .build();
      vpcs.ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(fromDenied));
      assertThat(vpcs.httpGet(denied.instanceId(), ip, 8080)).contains("hello-from");

      vpcs.ec2.revokeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(fromClients));
      assertThat(vpcs.httpGet(allowed.instanceId(), ip, 8080)).doesNotContain("hello-from");
      assertThat(vpcs.httpGet(denied.instanceId(), ip, 8080)).contains("hello-from");

      // changing the instance's groups applies at once as well
      vpcs.ec2.modifyInstanceAttribute(r -> r.instanceId(allowed.instanceId()).groups(others));
      assertThat(vpcs.httpGet(allowed.instanceId(), ip, 8080)).doesNotContain("hello-from");
      vpcs.ec2.authorizeSecurityGroupIngress(
          r ->
              r.groupId(web)
                  .ipPermissions(
                      fromClients.toBuilder().userIdGroupPairs(u -> u.groupId(others)).build()));
      assertThat(vpcs.httpGet(allowed.instanceId(), ip, 8080)).contains("hello-from");
    }
  }

  @Test
  void egressRulesLimitWhatAnInstanceSends() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc vpc = vpcs.vpc();
      String open = vpcs.group(vpc, "open");
      String quiet = vpcs.group(vpc, "quiet");
      vpcs.ec2.authorizeSecurityGroupIngress(
          r ->
              r.groupId(open)
                  .ipPermissions(p -> p.ipProtocol("-1").ipRanges(x -> x.cidrIp("0.0.0.0/0"))));
      Instance server = vpcs.run(BUSYBOX, vpc.subnetId(), DockerVpcs.WEB_SERVER, open);
      Instance client = vpcs.run(BUSYBOX, vpc.subnetId(), null, quiet);
      vpcs.waitRunning(server.instanceId(), client.instanceId());
      String ip = server.privateIpAddress();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from"));

      vpcs.ec2.revokeSecurityGroupEgress(
          r ->
              r.groupId(quiet)
                  .ipPermissions(p -> p.ipProtocol("-1").ipRanges(x -> x.cidrIp("0.0.0.0/0"))));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).doesNotContain("hello-from");
    }
  }
}
