package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * A rule changed in place by ModifySecurityGroupRules, and a group associated with another VPC,
 * take effect on running instances at once (the host's packet filter), as rule changes do.
 */
class SecurityGroupRuleEditsEnforcedIT {
  private static final String BUSYBOX = DockerTestServer.BUSYBOX_AMI;

  @BeforeAll
  static void packetFilter() {
    DockerVpcs.requirePacketFilter();
  }

  @Test
  void aModifiedRuleMovesThePortAndThePeerOfRunningInstances() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc vpc = vpcs.vpc();
      String web = vpcs.group(vpc, "web");
      String clients = vpcs.group(vpc, "clients");
      String others = vpcs.group(vpc, "others");
      Instance server = vpcs.run(BUSYBOX, vpc.subnetId(), DockerVpcs.WEB_SERVER, web);
      Instance client = vpcs.run(BUSYBOX, vpc.subnetId(), null, clients);
      Instance other = vpcs.run(BUSYBOX, vpc.subnetId(), null, others);
      vpcs.waitRunning(server.instanceId(), client.instanceId(), other.instanceId());
      String ip = server.privateIpAddress();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> vpcs.exec(server.instanceId(), "ps").contains("httpd -p 8080"));

      SecurityGroupRule rule =
          vpcs.ec2
              .authorizeSecurityGroupIngress(
                  r ->
                      r.groupId(web)
                          .ipPermissions(
                              p ->
                                  p.ipProtocol("tcp")
                                      .fromPort(8080)
                                      .toPort(8080)
                                      .userIdGroupPairs(u -> u.groupId(clients))))
              .securityGroupRules()
              .get(0);
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from");
      assertThat(vpcs.httpGet(other.instanceId(), ip, 8080)).doesNotContain("hello-from");

      // the same rule id now opens another port: 8080 is closed
      modify(vpcs, web, rule.securityGroupRuleId(), 9090, clients);
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).doesNotContain("hello-from");

      // and back to 8080, for the other group only
      modify(vpcs, web, rule.securityGroupRuleId(), 8080, others);
      assertThat(vpcs.httpGet(other.instanceId(), ip, 8080)).contains("hello-from");
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).doesNotContain("hello-from");
    }
  }

  private static void modify(DockerVpcs vpcs, String group, String ruleId, int port, String peer) {
    vpcs.ec2.modifySecurityGroupRules(
        r ->
            r.groupId(group)
                .securityGroupRules(
                    u ->
                        u.securityGroupRuleId(ruleId)
                            .securityGroupRule(
                                s ->
                                    s.ipProtocol("tcp")
                                        .fromPort(port)
                                        .toPort(port)
                                        .referencedGroupId(peer))));
  }

  @Test
  void aGroupAssociatedWithAnotherVpcGuardsInstancesThere() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc home = vpcs.vpc();
      DockerVpcs.Vpc there = vpcs.vpc();
      String shared = vpcs.group(home, "shared-web");
      String local = vpcs.group(there, "local");
      vpcs.ec2.associateSecurityGroupVpc(r -> r.groupId(shared).vpcId(there.id()));
      Instance server = vpcs.run(BUSYBOX, there.subnetId(), DockerVpcs.WEB_SERVER, shared);
      Instance client = vpcs.run(BUSYBOX, there.subnetId(), null, local);
      vpcs.waitRunning(server.instanceId(), client.instanceId());
      String ip = server.privateIpAddress();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> vpcs.exec(server.instanceId(), "ps").contains("httpd -p 8080"));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).doesNotContain("hello-from");

      vpcs.ec2.authorizeSecurityGroupIngress(
          r ->
              r.groupId(shared)
                  .ipPermissions(
                      p ->
                          p.ipProtocol("tcp")
                              .fromPort(8080)
                              .toPort(8080)
                              .ipRanges(x -> x.cidrIp(there.prefix() + ".0.0/16"))));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from");
    }
  }
}
