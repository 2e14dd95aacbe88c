package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttribute;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceCreationType;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecondaryNetwork;
import software.amazon.awssdk.services.ec2.model.SecondarySubnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TrunkInterfaceAssociation;

/**
 * Network interface attributes, permissions and trunk associations, and secondary networks and
 * subnets, on the mock backend.
 */
class NetworkInterfaceExtrasIT {
  private static final String REGION = "eu-north-1";
  private static Ec2Client ec2;
  private static String subnet;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2(REGION, "AKIDENIEXTRAS");
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.71.0.0/16")).vpc().vpcId();
    subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.71.1.0/24")).subnet().subnetId();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String eni(NetworkInterfaceCreationType type) {
    return ec2.createNetworkInterface(r -> r.subnetId(subnet).description("d").interfaceType(type))
        .networkInterface()
        .networkInterfaceId();
  }

  @Test
  void attributesAreDescribedOneAtATimeAndSourceDestCheckResets() {
    String id = eni(null);
    var description =
        ec2.describeNetworkInterfaceAttribute(
            r -> r.networkInterfaceId(id).attribute(NetworkInterfaceAttribute.DESCRIPTION));
    assertThat(description.description().value()).isEqualTo("d");
    assertThat(description.groups()).isEmpty();
    assertThat(
            ec2.describeNetworkInterfaceAttribute(
                    r -> r.networkInterfaceId(id).attribute(NetworkInterfaceAttribute.GROUP_SET))
                .groups())
        .hasSize(1);
    assertThat(
            ec2.describeNetworkInterfaceAttribute(
                    r -> r.networkInterfaceId(id).attribute(NetworkInterfaceAttribute.ATTACHMENT))
                .attachment())
        .isNull();

    ec2.modifyNetworkInterfaceAttribute(
        r ->
            r.networkInterfaceId(id)
                .sourceDestCheck(b -> b.value(false))
                .associatePublicIpAddress(true));
    assertThat(sourceDestCheck(id)).isFalse();
    assertThat(
            ec2.describeNetworkInterfaceAttribute(
                    r ->
                        r.networkInterfaceId(id)
                            .attribute(NetworkInterfaceAttribute.ASSOCIATE_PUBLIC_IP_ADDRESS))
                .associatePublicIpAddress())
        .isTrue();
    ec2.resetNetworkInterfaceAttribute(r -> r.networkInterfaceId(id).sourceDestCheck("true"));
    assertThat(sourceDestCheck(id)).isTrue();

    assertError(
        () -> ec2.describeNetworkInterfaceAttribute(r -> r.networkInterfaceId(id)),
        "MissingParameter");
    assertError(
        () -> ec2.resetNetworkInterfaceAttribute(r -> r.networkInterfaceId(id)),
        "MissingParameter");
    assertError(
        () ->
            ec2.describeNetworkInterfaceAttribute(
                r ->
                    r.networkInterfaceId("eni-0123456789abcdef0")
                        .attribute(NetworkInterfaceAttribute.DESCRIPTION)),
        "InvalidNetworkInterfaceID.NotFound");
    assertError(
        () ->
            ec2.modifyPublicIpDnsNameOptions(
                r -> r.networkInterfaceId(id).hostnameType("public-ipv6-dns-name")),
        "InvalidParameterValue");
    assertThat(
            ec2.modifyPublicIpDnsNameOptions(
                    r -> r.networkInterfaceId(id).hostnameType("public-ipv4-dns-name"))
                .successful())
        .isTrue();
  }

  private static boolean sourceDestCheck(String id) {
    return ec2.describeNetworkInterfaceAttribute(
            r -> r.networkInterfaceId(id).attribute(NetworkInterfaceAttribute.SOURCE_DEST_CHECK))
        .sourceDestCheck()
        .value();
  }

  @Test
  void permissionsAreGrantedPerAccountAndGoWithTheirInterface() {
    String id = eni(null);
    NetworkInterfacePermission p =
        ec2.createNetworkInterfacePermission(
                r ->
                    r.networkInterfaceId(id)
                        .awsAccountId("123456789012")
                        .permission("INSTANCE-ATTACH"))
            .interfacePermission();
    assertThat(p.networkInterfacePermissionId()).matches("eni-perm-[0-9a-f]{17}");
    assertThat(p.permissionState().stateAsString()).isEqualTo("granted");
    ec2.createNetworkInterfacePermission(
        r -> r.networkInterfaceId(id).awsAccountId("123456789012").permission("EIP-ASSOCIATE"));
    assertError(
        () ->
            ec2.createNetworkInterfacePermission(
                r ->
                    r.networkInterfaceId(id)
                        .awsAccountId("123456789012")
                        .permission("INSTANCE-ATTACH")),
        "InvalidPermission.Duplicate");
    assertError(
        () ->
            ec2.createNetworkInterfacePermission(
                r -> r.networkInterfaceId(id).awsAccountId("12345").permission("INSTANCE-ATTACH")),
        "InvalidParameterValue");

    var byType =
        ec2.describeNetworkInterfacePermissions(
                r ->
                    r.filters(
                        filter("network-interface-permission.network-interface-id", id),
                        filter("network-interface-permission.permission", "EIP-ASSOCIATE")))
            .networkInterfacePermissions();
    assertThat(byType).hasSize(1);
    assertThat(byType.get(0).awsAccountId()).isEqualTo("123456789012");

    ec2.deleteNetworkInterfacePermission(
        r -> r.networkInterfacePermissionId(p.networkInterfacePermissionId()));
    assertError(
        () ->
            ec2.describeNetworkInterfacePermissions(
                r -> r.networkInterfacePermissionIds(p.networkInterfacePermissionId())),
        "InvalidPermissionId.NotFound");
    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(id));
    assertThat(
            ec2.describeNetworkInterfacePermissions(
                    r -> r.filters(filter("network-interface-permission.network-interface-id", id)))
                .networkInterfacePermissions())
        .isEmpty();
  }

  @Test
  void branchInterfacesJoinATrunkByVlanOrGreKey() {
    String trunk = eni(NetworkInterfaceCreationType.TRUNK);
    String b1 = eni(null);
    String b2 = eni(null);
    String plain = eni(null);
    TrunkInterfaceAssociation vlan =
        ec2.associateTrunkInterface(r -> r.trunkInterfaceId(trunk).branchInterfaceId(b1).vlanId(10))
            .interfaceAssociation();
    assertThat(vlan.associationId()).matches("trunk-assoc-[0-9a-f]{17}");
    assertThat(vlan.interfaceProtocolAsString()).isEqualTo("VLAN");
    assertThat(vlan.vlanId()).isEqualTo(10);
    TrunkInterfaceAssociation gre =
        ec2.associateTrunkInterface(r -> r.trunkInterfaceId(trunk).branchInterfaceId(b2).greKey(7))
            .interfaceAssociation();
    assertThat(gre.interfaceProtocolAsString()).isEqualTo("GRE");

    assertError(
        () ->
            ec2.associateTrunkInterface(
                r -> r.trunkInterfaceId(plain).branchInterfaceId(b1).vlanId(11)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.associateTrunkInterface(
                r -> r.trunkInterfaceId(trunk).branchInterfaceId(plain).vlanId(10)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.associateTrunkInterface(
                r -> r.trunkInterfaceId(trunk).branchInterfaceId(plain).vlanId(1).greKey(1)),
        "InvalidParameterCombination");

    assertThat(
            ec2.describeTrunkInterfaceAssociations(
                    r -> r.filters(filter("interface-protocol", "GRE")))
                .interfaceAssociations())
        .extracting(TrunkInterfaceAssociation::associationId)
        .contains(gre.associationId())
        .doesNotContain(vlan.associationId());
    assertThat(
            ec2.describeTrunkInterfaceAssociations(r -> r.filters(filter("gre-key", "7")))
                .interfaceAssociations())
        .extracting(TrunkInterfaceAssociation::associationId)
        .contains(gre.associationId());

    assertThat(
            ec2.disassociateTrunkInterface(r -> r.associationId(vlan.associationId()))
                .returnValue())
        .isTrue();
    assertError(
        () -> ec2.disassociateTrunkInterface(r -> r.associationId(vlan.associationId())),
        "InvalidAssociationID.NotFound");
    assertThat(
            ec2.describeTrunkInterfaceAssociations(
                    r -> r.associationIds(gre.associationId()).maxResults(5))
                .interfaceAssociations())
        .hasSize(1);
  }

  @Test
  void secondaryNetworksHoldSubnetsInsideTheirBlock() {
    SecondaryNetwork made =
        ec2.createSecondaryNetwork(
                r ->
                    r.ipv4CidrBlock("100.64.0.0/16")
                        .networkType("rdma")
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.SECONDARY_NETWORK)
                                .tags(Tag.builder().key("Name").value("rdma-a").build())
                                .build()))
            .secondaryNetwork();
    String sn = made.secondaryNetworkId();
    assertThat(made.stateAsString()).isEqualTo("create-in-progress");
    assertThat(made.ipv4CidrBlockAssociations().get(0).cidrBlock()).isEqualTo("100.64.0.0/16");
    SecondaryNetwork shown =
        ec2.describeSecondaryNetworks(r -> r.filters(filter("tag:Name", "rdma-a")))
            .secondaryNetworks()
            .get(0);
    assertThat(shown.secondaryNetworkId()).isEqualTo(sn);
    assertThat(shown.stateAsString()).isEqualTo("create-complete");
    assertThat(shown.secondaryNetworkArn()).endsWith(":secondary-network/" + sn);

    assertError(
        () -> ec2.createSecondaryNetwork(r -> r.ipv4CidrBlock("100.64.0.0/30").networkType("rdma")),
        "InvalidParameterValue");
    SecondarySubnet s =
        ec2.createSecondarySubnet(
                r ->
                    r.secondaryNetworkId(sn)
                        .ipv4CidrBlock("100.64.1.0/24")
                        .availabilityZone("eu-north-1b"))
            .secondarySubnet();
    assertThat(s.availabilityZone()).isEqualTo("eu-north-1b");
    assertThat(s.secondaryNetworkTypeAsString()).isEqualTo("rdma");
    assertError(
        () ->
            ec2.createSecondarySubnet(
                r -> r.secondaryNetworkId(sn).ipv4CidrBlock("100.64.1.128/25")),
        "InvalidSubnet.Conflict");
    assertError(
        () ->
            ec2.createSecondarySubnet(r -> r.secondaryNetworkId(sn).ipv4CidrBlock("100.65.0.0/24")),
        "InvalidSubnet.Range");
    assertError(
        () -> ec2.deleteSecondaryNetwork(r -> r.secondaryNetworkId(sn)), "DependencyViolation");
    assertThat(
            ec2.describeSecondarySubnets(r -> r.filters(filter("secondary-network-id", sn)))
                .secondarySubnets())
        .extracting(SecondarySubnet::secondarySubnetId)
        .containsExactly(s.secondarySubnetId());

    ec2.deleteSecondarySubnet(r -> r.secondarySubnetId(s.secondarySubnetId()));
    assertThat(
            ec2.deleteSecondaryNetwork(r -> r.secondaryNetworkId(sn))
                .secondaryNetwork()
                .stateAsString())
        .isEqualTo("delete-in-progress");
    assertThat(
            ec2.describeSecondaryNetworks(r -> r.secondaryNetworkIds(sn))
                .secondaryNetworks()
                .get(0)
                .stateAsString())
        .isEqualTo("delete-complete");
    assertError(
        () -> ec2.deleteSecondaryNetwork(r -> r.secondaryNetworkId(sn)),
        "InvalidSecondaryNetworkId.NotFound");

    assertThat(
            ec2.describeSecondaryInterfaces(r -> r.filters(filter("secondary-network-id", sn)))
                .secondaryInterfaces())
        .isEmpty();
    assertError(
        () -> ec2.describeSecondaryInterfaces(r -> r.filters(filter("no-such-filter", "x"))),
        "InvalidParameterValue");
  }

  @Test
  void theAwsCliDescribesAnAttributeAndGrantsAPermission() throws Exception {
    AwsCli.requireInstalled("NetworkInterfaceExtrasIT");
    String id = eni(null);
    AwsCli.Run attr =
        AwsCli.run(
            REGION,
            "ec2",
            "describe-network-interface-attribute",
            "--network-interface-id",
            id,
            "--attribute",
            "sourceDestCheck");
    assertThat(attr.exit()).as(attr.stderr()).isZero();
    JsonNode a = new ObjectMapper().readTree(attr.stdout());
    assertThat(a.get("SourceDestCheck").get("Value").asBoolean()).isTrue();
    assertThat(a.get("NetworkInterfaceId").asText()).isEqualTo(id);

    AwsCli.Run granted =
        AwsCli.run(
            REGION,
            "ec2",
            "create-network-interface-permission",
            "--network-interface-id",
            id,
            "--aws-account-id",
            "210987654321",
            "--permission",
            "INSTANCE-ATTACH");
    assertThat(granted.exit()).as(granted.stderr()).isZero();
    JsonNode p = new ObjectMapper().readTree(granted.stdout()).get("InterfacePermission");
    assertThat(p.get("AwsAccountId").asText()).isEqualTo("210987654321");
    assertThat(p.get("PermissionState").get("State").asText()).isEqualTo("granted");

    AwsCli.Run listed =
        AwsCli.run(
            REGION,
            "ec2",
            "describe-network-interface-permissions",
            "--network-interface-permission-ids",
            p.get("NetworkInterfacePermissionId").asText());
    assertThat(listed.exit()).as(listed.stderr()).isZero();
    assertThat(
            new ObjectMapper().readTree(listed.stdout()).get("NetworkInterfacePermissions").size())
        .isEqualTo(1);
  }
}
