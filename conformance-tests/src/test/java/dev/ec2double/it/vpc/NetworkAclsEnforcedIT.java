package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/**
 * Network ACLs decide what crosses a subnet's boundary, on top of the security groups: a deny entry
 * cuts traffic the groups allow, removing it restores the traffic, traffic inside one subnet never
 * meets the ACL, and as ACLs are stateless, replies need entries of their own.
 */
class NetworkAclsEnforcedIT {
  private static final String BUSYBOX = DockerTestServer.BUSYBOX_AMI;

  @BeforeAll
  static void packetFilter() {
    DockerVpcs.requirePacketFilter();
  }

  @Test
  void aDenyEntryCutsWhatTheGroupsAllowAtTheSubnetBoundaryOnly() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc vpc = vpcs.vpc();
      String webCidr = vpc.prefix() + ".1.0/24";
      String clientCidr = vpc.prefix() + ".2.0/24";
      String clients = vpcs.subnet(vpc, clientCidr);
      // all three in the VPC's default group, which admits its own members
      Instance server = vpcs.run(BUSYBOX, vpc.subnetId(), DockerVpcs.WEB_SERVER);
      Instance neighbour = vpcs.run(BUSYBOX, vpc.subnetId(), null);
      Instance client = vpcs.run(BUSYBOX, clients, null);
      vpcs.waitRunning(server.instanceId(), neighbour.instanceId(), client.instanceId());
      String ip = server.privateIpAddress();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from"));

      NetworkAcl dflt =
          vpcs.ec2
              .describeNetworkAcls(
                  r ->
                      r.filters(
                          f -> f.name("default").values("true"),
                          f -> f.name("vpc-id").values(vpc.id())))
              .networkAcls()
              .get(0);
      String acl = dflt.networkAclId();
      // a deny below the default allow (100): the first match decides
      vpcs.ec2.createNetworkAclEntry(
          r ->
              r.networkAclId(acl)
                  .ruleNumber(50)
                  .egress(false)
                  .protocol("6")
                  .ruleAction(RuleAction.DENY)
                  .cidrBlock("0.0.0.0/0")
                  .portRange(p -> p.from(8080).to(8080)));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).doesNotContain("hello-from");
      assertThat(vpcs.httpGet(neighbour.instanceId(), ip, 8080))
          .as("inside one subnet, traffic does not pass the ACL")
          .contains("hello-from");

      vpcs.ec2.deleteNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(50).egress(false));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from");

      // the client's subnet moves to an ACL of its own, which denies everything at first
      String strict = vpcs.networkAcl(vpc);
      String association =
          dflt.associations().stream()
              .filter(a -> a.subnetId().equals(clients))
              .findFirst()
              .orElseThrow()
              .networkAclAssociationId();
      String moved =
          vpcs.ec2
              .replaceNetworkAclAssociation(r -> r.associationId(association).networkAclId(strict))
              .newAssociationId();
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).doesNotContain("hello-from");

      vpcs.ec2.createNetworkAclEntry(
          r ->
              r.networkAclId(strict)
                  .ruleNumber(100)
                  .egress(true)
                  .protocol("6")
                  .ruleAction(RuleAction.ALLOW)
                  .cidrBlock(webCidr)
                  .portRange(p -> p.from(8080).to(8080)));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080))
          .as("stateless: the answers are not let in yet")
          .doesNotContain("hello-from");
      vpcs.ec2.createNetworkAclEntry(
          r ->
              r.networkAclId(strict)
                  .ruleNumber(100)
                  .egress(false)
                  .protocol("6")
                  .ruleAction(RuleAction.ALLOW)
                  .cidrBlock(webCidr)
                  .portRange(p -> p.from(1024).to(65535)));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from");

      vpcs.ec2.replaceNetworkAclAssociation(r -> r.associationId(moved).networkAclId(acl));
      assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from");
    }
  }
}
