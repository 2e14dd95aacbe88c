package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;

/**
 * A security group rule naming a managed prefix list admits exactly the list's CIDRs, and follows
 * the list when ModifyManagedPrefixList changes its entries.
 */
class PrefixListRulesEnforcedIT {
  private static final String BUSYBOX = DockerTestServer.BUSYBOX_AMI;

  @BeforeAll
  static void packetFilter() {
    DockerVpcs.requirePacketFilter();
  }

  @Test
  void aRuleNamingAPrefixListAdmitsItsCidrsAndFollowsItsChanges() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc vpc = vpcs.vpc();
      String web = vpcs.group(vpc, "web");
      Instance server = vpcs.run(BUSYBOX, vpc.subnetId(), DockerVpcs.WEB_SERVER, web);
      Instance first = vpcs.run(BUSYBOX, vpc.subnetId(), null);
      Instance second = vpcs.run(BUSYBOX, vpc.subnetId(), null);
      vpcs.waitRunning(server.instanceId(), first.instanceId(), second.instanceId());
      String ip = server.privateIpAddress();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> vpcs.exec(server.instanceId(), "ps").contains("httpd -p 8080"));

      ManagedPrefixList list =
          vpcs.ec2
              .createManagedPrefixList(
                  r ->
                      r.prefixListName("clients-" + vpc.id())
                          .addressFamily("IPv4")
                          .maxEntries(5)
                          .entries(e -> e.cidr(first.privateIpAddress() + "/32")))
              .prefixList();
      String pl = list.prefixListId();
      IpPermission fromList =
          IpPermission.builder()
              .ipProtocol("tcp")
              .fromPort(8080)
              .toPort(8080)
              .prefixListIds(p -> p.prefixListId(pl))
              .build();
      assertThat(vpcs.httpGet(first.instanceId(), ip, 8080))
          .as("no rule yet")
          .doesNotContain("hello-from");

      vpcs.ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(fromList));
      assertThat(vpcs.httpGet(first.instanceId(), ip, 8080))
          .as("the list's one CIDR")
          .contains("hello-from");
      assertThat(vpcs.httpGet(second.instanceId(), ip, 8080))
          .as("an address outside the list")
          .doesNotContain("hello-from");
      assertThat(
              vpcs.ec2
                  .getManagedPrefixListAssociations(r -> r.prefixListId(pl))
                  .prefixListAssociations())
          .anySatisfy(a -> assertThat(a.resourceId()).isEqualTo(web));
      assertThat(error(() -> vpcs.ec2.deleteManagedPrefixList(r -> r.prefixListId(pl))))
          .startsWith("DependencyViolation");

      // the list changes: the rule follows it at once
      vpcs.ec2.modifyManagedPrefixList(
          r ->
              r.prefixListId(pl)
                  .currentVersion(1L)
                  .removeEntries(e -> e.cidr(first.privateIpAddress() + "/32"))
                  .addEntries(e -> e.cidr(second.privateIpAddress() + "/32")));
      assertThat(vpcs.httpGet(second.instanceId(), ip, 8080))
          .as("added to the list")
          .contains("hello-from");
      assertThat(vpcs.httpGet(first.instanceId(), ip, 8080))
          .as("removed from the list")
          .doesNotContain("hello-from");

      vpcs.ec2.restoreManagedPrefixListVersion(
          r -> r.prefixListId(pl).currentVersion(2L).previousVersion(1L));
      assertThat(vpcs.httpGet(first.instanceId(), ip, 8080))
          .as("version 1 restored")
          .contains("hello-from");

      vpcs.ec2.revokeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(fromList));
      assertThat(vpcs.httpGet(first.instanceId(), ip, 8080))
          .as("rule revoked")
          .doesNotContain("hello-from");
      vpcs.ec2.deleteManagedPrefixList(r -> r.prefixListId(pl));
    }
  }
}
