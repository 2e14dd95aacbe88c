package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroupForVpc;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.StaleSecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Security group rules changed by id, rule descriptions, references and stale rules across peered
 * VPCs, groups associated with other VPCs and the per-interface quotas, on the mock backend.
 */
class SecurityGroupRuleEditsIT {
  private static final String REGION = "ap-south-1";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2(REGION, "AKIDSGRULEEDITS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String vpc(String cidr) {
    return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
  }

  private static String group(String vpc, String name) {
    return ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(name).description(name)).groupId();
  }

  private static SecurityGroupRule authorizeTcp(String group, int port, String cidr) {
    return ec2.authorizeSecurityGroupIngress(
            r ->
                r.groupId(group)
                    .ipPermissions(
                        IpPermission.builder()
                            .ipProtocol("tcp")
                            .fromPort(port)
                            .toPort(port)
                            .ipRanges(IpRange.builder().cidrIp(cidr).build())
                            .build()))
        .securityGroupRules()
        .get(0);
  }

  private static SecurityGroupRule rule(String id) {
    return ec2.describeSecurityGroupRules(r -> r.securityGroupRuleIds(id))
        .securityGroupRules()
        .get(0);
  }

  @Test
  void modifySecurityGroupRulesReplacesARuleInPlace() {
    String g = group(vpc("10.61.0.0/16"), "modify-rules");
    SecurityGroupRule r80 = authorizeTcp(g, 80, "10.0.0.0/8");
    SecurityGroupRule r81 = authorizeTcp(g, 81, "10.0.0.0/8");

    assertThat(
            ec2.modifySecurityGroupRules(
                    r ->
                        r.groupId(g)
                            .securityGroupRules(
                                u ->
                                    u.securityGroupRuleId(r80.securityGroupRuleId())
                                        .securityGroupRule(
                                            s ->
                                                s.ipProtocol("udp")
                                                    .fromPort(5000)
                                                    .toPort(5010)
                                                    .cidrIpv4("192.168.0.0/24")
                                                    .description("dns and more"))))
                .returnValue())
        .isTrue();
    SecurityGroupRule changed = rule(r80.securityGroupRuleId());
    assertThat(changed.ipProtocol()).isEqualTo("udp");
    assertThat(changed.fromPort()).isEqualTo(5000);
    assertThat(changed.toPort()).isEqualTo(5010);
    assertThat(changed.cidrIpv4()).isEqualTo("192.168.0.0/24");
    assertThat(changed.description()).isEqualTo("dns and more");
    assertThat(changed.isEgress()).isFalse();

    // the same as the other rule: a duplicate, and nothing changes
    assertError(
        () ->
            ec2.modifySecurityGroupRules(
                r ->
                    r.groupId(g)
                        .securityGroupRules(
                            u ->
                                u.securityGroupRuleId(r80.securityGroupRuleId())
                                    .securityGroupRule(
                                        s ->
                                            s.ipProtocol("tcp")
                                                .fromPort(81)
                                                .toPort(81)
                                                .cidrIpv4("10.0.0.0/8")))),
        "InvalidPermission.Duplicate");
    assertThat(rule(r80.securityGroupRuleId()).ipProtocol()).isEqualTo("udp");
    assertThat(rule(r81.securityGroupRuleId()).fromPort()).isEqualTo(81);

    assertError(
        () ->
            ec2.modifySecurityGroupRules(
                r ->
                    r.groupId(g)
                        .securityGroupRules(
                            u ->
                                u.securityGroupRuleId("sgr-0123456789abcdef0")
                                    .securityGroupRule(
                                        s -> s.ipProtocol("-1").cidrIpv4("10.0.0.0/8")))),
        "InvalidSecurityGroupRuleId.NotFound");
    assertError(
        () ->
            ec2.modifySecurityGroupRules(
                r ->
                    r.groupId(g)
                        .securityGroupRules(
                            u ->
                                u.securityGroupRuleId(r81.securityGroupRuleId())
                                    .securityGroupRule(
                                        s ->
                                            s.ipProtocol("-1")
                                                .cidrIpv4("10.0.0.0/8")
                                                .cidrIpv6("::/0")))),
        "InvalidParameterCombination");
  }

  @Test
  void ruleDescriptionsChangeByIdOrByPermission() {
    String g = group(vpc("10.62.0.0/16"), "descriptions");
    SecurityGroupRule r = authorizeTcp(g, 443, "172.16.0.0/12");
    ec2.updateSecurityGroupRuleDescriptionsIngress(
        q ->
            q.groupId(g)
                .securityGroupRuleDescriptions(
                    d -> d.securityGroupRuleId(r.securityGroupRuleId()).description("by id")));
    assertThat(rule(r.securityGroupRuleId()).description()).isEqualTo("by id");

    ec2.updateSecurityGroupRuleDescriptionsIngress(
        q ->
            q.groupId(g)
                .ipPermissions(
                    IpPermission.builder()
                        .ipProtocol("tcp")
                        .fromPort(443)
                        .toPort(443)
                        .ipRanges(
                            IpRange.builder()
                                .cidrIp("172.16.0.0/12")
                                .description("by rule")
                                .build())
                        .build()));
    assertThat(rule(r.securityGroupRuleId()).description()).isEqualTo("by rule");

    assertError(
        () ->
            ec2.updateSecurityGroupRuleDescriptionsIngress(
                q ->
                    q.groupId(g)
                        .securityGroupRuleDescriptions(
                            d ->
                                d.securityGroupRuleId(r.securityGroupRuleId()).description("<b>"))),
        "InvalidParameterValue");
    // an ingress rule is not an egress one
    assertError(
        () ->
            ec2.updateSecurityGroupRuleDescriptionsEgress(
                q ->
                    q.groupId(g)
                        .securityGroupRuleDescriptions(
                            d -> d.securityGroupRuleId(r.securityGroupRuleId()).description("x"))),
        "InvalidSecurityGroupRuleId.NotFound");
    assertError(
        () ->
            ec2.updateSecurityGroupRuleDescriptionsIngress(
                q ->
                    q.groupId(g)
                        .ipPermissions(
                            IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(22)
                                .toPort(22)
                                .ipRanges(IpRange.builder().cidrIp("172.16.0.0/12").build())
                                .build())),
        "InvalidPermission.NotFound");
  }

  @Test
  void rulesNamingAPeeredGroupAreReferencesUntilThePeeringGoesThenStale() {
    String a = vpc("10.63.0.0/16");
    String b = vpc("10.64.0.0/16");
    String ga = group(a, "app");
    String gb = group(b, "db");
    UserIdGroupPair fromApp = UserIdGroupPair.builder().groupId(ga).build();
    IpPermission pg =
        IpPermission.builder()
            .ipProtocol("tcp")
            .fromPort(5432)
            .toPort(5432)
            .userIdGroupPairs(fromApp)
            .build();
    // not peered: two networks
    assertError(
        () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(gb).ipPermissions(pg)),
        "InvalidParameterValue");

    String pcx =
        ec2.createVpcPeeringConnection(r -> r.vpcId(a).peerVpcId(b))
            .vpcPeeringConnection()
            .vpcPeeringConnectionId();
    ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(gb).ipPermissions(pg));

    var refs = ec2.describeSecurityGroupReferences(r -> r.groupId(ga)).securityGroupReferenceSet();
    assertThat(refs).hasSize(1);
    assertThat(refs.get(0).groupId()).isEqualTo(ga);
    assertThat(refs.get(0).referencingVpcId()).isEqualTo(b);
    assertThat(refs.get(0).vpcPeeringConnectionId()).isEqualTo(pcx);
    assertThat(ec2.describeStaleSecurityGroups(r -> r.vpcId(b)).staleSecurityGroupSet()).isEmpty();

    ec2.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
    List<StaleSecurityGroup> stale =
        ec2.describeStaleSecurityGroups(r -> r.vpcId(b)).staleSecurityGroupSet();
    assertThat(stale).hasSize(1);
    assertThat(stale.get(0).groupId()).isEqualTo(gb);
    assertThat(stale.get(0).groupName()).isEqualTo("db");
    var perm = stale.get(0).staleIpPermissions().get(0);
    assertThat(perm.ipProtocol()).isEqualTo("tcp");
    assertThat(perm.fromPort()).isEqualTo(5432);
    UserIdGroupPair pair = perm.userIdGroupPairs().get(0);
    assertThat(pair.groupId()).isEqualTo(ga);
    assertThat(pair.vpcId()).isEqualTo(a);
    assertThat(pair.vpcPeeringConnectionId()).isEqualTo(pcx);
    assertThat(pair.peeringStatus()).isEqualTo("deleted");
    assertThat(stale.get(0).staleIpPermissionsEgress()).isEmpty();
    assertThat(
            ec2.describeSecurityGroupReferences(r -> r.groupId(ga))
                .securityGroupReferenceSet()
                .get(0)
                .vpcPeeringConnectionId())
        .isNull();

    assertError(
        () -> ec2.describeStaleSecurityGroups(r -> r.vpcId("vpc-0123456789abcdef0")),
        "InvalidVpcID.NotFound");
    assertError(
        () -> ec2.describeStaleSecurityGroups(r -> r.vpcId(b).maxResults(300)),
        "InvalidParameterValue");
    assertError(
        () -> ec2.describeSecurityGroupReferences(r -> r.groupId("sg-0123456789abcdef0")),
        "InvalidGroup.NotFound");
  }

  @Test
  void aGroupAssociatedWithAnotherVpcServesItsInterfaces() {
    String home = vpc("10.65.0.0/16");
    String other = vpc("10.66.0.0/16");
    String g = group(home, "shared-web");
    String subnet =
        ec2.createSubnet(r -> r.vpcId(other).cidrBlock("10.66.1.0/24")).subnet().subnetId();
    // before the association the other VPC cannot use it
    assertError(
        () -> ec2.createNetworkInterface(r -> r.subnetId(subnet).groups(g)),
        "InvalidParameterValue");
    assertThat(ec2.associateSecurityGroupVpc(r -> r.groupId(g).vpcId(other)).stateAsString())
        .isEqualTo("associating");
    assertError(
        () -> ec2.associateSecurityGroupVpc(r -> r.groupId(g).vpcId(other)),
        "InvalidGroupVpcAssociation.Duplicate");
    assertError(
        () -> ec2.associateSecurityGroupVpc(r -> r.groupId(g).vpcId(home)),
        "InvalidParameterValue");

    var assoc =
        ec2.describeSecurityGroupVpcAssociations(r -> r.filters(filter("group-id", g)))
            .securityGroupVpcAssociations();
    assertThat(assoc).hasSize(1);
    assertThat(assoc.get(0).vpcId()).isEqualTo(other);
    assertThat(assoc.get(0).stateAsString()).isEqualTo("associated");
    assertThat(assoc.get(0).groupOwnerId()).isEqualTo(assoc.get(0).vpcOwnerId());
    assertThat(
            ec2.describeSecurityGroupVpcAssociations(
                    r -> r.filters(filter("group-id", g), filter("vpc-id", home)))
                .securityGroupVpcAssociations())
        .isEmpty();

    List<String> usable =
        ec2.getSecurityGroupsForVpc(r -> r.vpcId(other)).securityGroupForVpcs().stream()
            .map(SecurityGroupForVpc::groupId)
            .toList();
    assertThat(usable).contains(g).hasSize(2); // its own default group and the associated one
    SecurityGroupForVpc shown =
        ec2.getSecurityGroupsForVpc(r -> r.vpcId(other).filters(filter("group-name", "shared-web")))
            .securityGroupForVpcs()
            .get(0);
    assertThat(shown.primaryVpcId()).isEqualTo(home);
    assertThat(
            ec2.getSecurityGroupsForVpc(
                    r -> r.vpcId(other).filters(filter("primary-vpc-id", other)))
                .securityGroupForVpcs())
        .hasSize(1);
    assertThat(
            error(
                () ->
                    ec2.getSecurityGroupsForVpc(
                        r -> r.vpcId(other).filters(filter("vpc-id", other)))))
        .startsWith("InvalidParameterValue");

    String eni =
        ec2.createNetworkInterface(r -> r.subnetId(subnet).groups(g))
            .networkInterface()
            .networkInterfaceId();
    assertError(
        () -> ec2.disassociateSecurityGroupVpc(r -> r.groupId(g).vpcId(other)),
        "DependencyViolation");
    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    // a VPC that a group is associated with is not deleted
    assertError(() -> ec2.deleteVpc(r -> r.vpcId(other)), "DependencyViolation");
    assertThat(ec2.disassociateSecurityGroupVpc(r -> r.groupId(g).vpcId(other)).stateAsString())
        .isEqualTo("disassociating");
    assertThat(
            ec2.describeSecurityGroupVpcAssociations(r -> r.filters(filter("group-id", g)))
                .securityGroupVpcAssociations())
        .isEmpty();
    assertError(
        () -> ec2.disassociateSecurityGroupVpc(r -> r.groupId(g).vpcId(other)),
        "InvalidGroupVpcAssociation.NotFound");
  }

  @Test
  void quotasForOneInterfaceAreChecked() {
    String v = vpc("10.67.0.0/16");
    List<String> groups =
        List.of(
            group(v, "q1"),
            group(v, "q2"),
            group(v, "q3"),
            group(v, "q4"),
            group(v, "q5"),
            group(v, "q6"));
    assertThat(
            ec2.validateSecurityGroupQuotasForInterface(
                    r -> r.securityGroupIds(groups.subList(0, 5)))
                .valid())
        .isTrue();
    assertError(
        () -> ec2.validateSecurityGroupQuotasForInterface(r -> r.securityGroupIds(groups)),
        "SecurityGroupsPerInterfaceLimitExceeded");
    assertError(
        () ->
            ec2.validateSecurityGroupQuotasForInterface(
                r -> r.securityGroupIds("sg-0123456789abcdef0")),
        "InvalidGroup.NotFound");
  }

  @Test
  void theAwsCliModifiesARuleAndReadsStaleGroups() throws Exception {
    AwsCli.requireInstalled("SecurityGroupRuleEditsIT");
    String g = group(vpc("10.68.0.0/16"), "cli-rules");
    SecurityGroupRule r = authorizeTcp(g, 8080, "10.1.0.0/16");
    AwsCli.Run modified =
        AwsCli.run(
            REGION,
            "ec2",
            "modify-security-group-rules",
            "--group-id",
            g,
            "--security-group-rules",
            "SecurityGroupRuleId="
                + r.securityGroupRuleId()
                + ",SecurityGroupRule={IpProtocol=tcp,FromPort=9090,ToPort=9090,CidrIpv4=10.2.0.0/16}");
    assertThat(modified.exit()).as(modified.stderr()).isZero();
    JsonNode json = new ObjectMapper().readTree(modified.stdout());
    assertThat(json.get("Return").asBoolean()).isTrue();
    assertThat(rule(r.securityGroupRuleId()).fromPort()).isEqualTo(9090);

    String vpcOfGroup =
        ec2.describeSecurityGroups(q -> q.groupIds(g)).securityGroups().get(0).vpcId();
    AwsCli.Run stale =
        AwsCli.run(REGION, "ec2", "describe-stale-security-groups", "--vpc-id", vpcOfGroup);
    assertThat(stale.exit()).as(stale.stderr()).isZero();
    assertThat(new ObjectMapper().readTree(stale.stdout()).get("StaleSecurityGroupSet").size())
        .isZero();
  }
}
