package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;

/**
 * Secondary CIDR blocks, IPv6 blocks of VPCs and subnets, the default VPC made again, tenancy and
 * subnet attributes, on the mock backend.
 */
class VpcAddressingIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("ca-central-1", "AKIDADDRESSING");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static Vpc vpc(String id) {
    return ec2.describeVpcs(r -> r.vpcIds(id)).vpcs().get(0);
  }

  private static AttributeBooleanValue yes() {
    return AttributeBooleanValue.builder().value(true).build();
  }

  @Test
  void secondaryIpv4BlocksFollowAwsRulesAndHoldSubnets() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.91.0.0/16")).vpc().vpcId();
    var made = ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).cidrBlock("10.92.0.0/16"));
    assertThat(made.vpcId()).isEqualTo(vpc);
    assertThat(made.cidrBlockAssociation().associationId()).startsWith("vpc-cidr-assoc-");
    assertThat(made.cidrBlockAssociation().cidrBlockState().stateAsString())
        .isEqualTo("associating");
    String assoc = made.cidrBlockAssociation().associationId();

    assertThat(vpc(vpc).cidrBlockAssociationSet())
        .extracting(VpcCidrBlockAssociation::cidrBlock)
        .containsExactly("10.91.0.0/16", "10.92.0.0/16");
    assertThat(vpc(vpc).cidrBlock()).isEqualTo("10.91.0.0/16");
    assertThat(
            ec2.describeVpcs(
                    r -> r.filters(filter("cidr-block-association.cidr-block", "10.92.0.0/16")))
                .vpcs())
        .extracting(Vpc::vpcId)
        .containsExactly(vpc);
    // every route table of the VPC gets the block's local route
    assertThat(
            ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc)))
                .routeTables()
                .get(0)
                .routes())
        .filteredOn(x -> "local".equals(x.gatewayId()))
        .extracting(Route::destinationCidrBlock)
        .containsExactlyInAnyOrder("10.91.0.0/16", "10.92.0.0/16");

    // AWS's restrictions
    assertError(
        () -> ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).cidrBlock("10.92.128.0/17")),
        "InvalidVpc.Range");
    assertThat(
            error(() -> ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).cidrBlock("192.168.0.0/16"))))
        .startsWith("InvalidVpc.Range")
        .contains("restricted");
    assertError(
        () -> ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).cidrBlock("10.93.0.0/29")),
        "InvalidVpc.Range");
    assertError(
        () -> ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).cidrBlock("10.93.0.0/33")),
        "InvalidParameterValue");
    assertError(() -> ec2.associateVpcCidrBlock(r -> r.vpcId(vpc)), "InvalidParameterCombination");
    ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).cidrBlock("100.64.0.0/16"));
    ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).cidrBlock("198.19.0.0/16"));
    ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).cidrBlock("10.94.0.0/16"));
    assertError(
        () -> ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).cidrBlock("10.95.0.0/16")),
        "CidrLimitExceeded");

    // a subnet in the secondary block; the block stays while it is there
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.92.1.0/24")).subnet().subnetId();
    assertError(
        () -> ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.99.1.0/24")), "InvalidSubnet.Range");
    assertError(
        () -> ec2.disassociateVpcCidrBlock(r -> r.associationId(assoc)), "DependencyViolation");
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    var gone = ec2.disassociateVpcCidrBlock(r -> r.associationId(assoc));
    assertThat(gone.cidrBlockAssociation().cidrBlockState().stateAsString())
        .isEqualTo("disassociating");
    assertThat(vpc(vpc).cidrBlockAssociationSet())
        .extracting(VpcCidrBlockAssociation::cidrBlock)
        .doesNotContain("10.92.0.0/16");

    String primary = vpc(vpc).cidrBlockAssociationSet().get(0).associationId();
    assertError(
        () -> ec2.disassociateVpcCidrBlock(r -> r.associationId(primary)), "OperationNotPermitted");
    assertError(
        () ->
            ec2.disassociateVpcCidrBlock(r -> r.associationId("vpc-cidr-assoc-0123456789abcdef0")),
        "InvalidVpcCidrBlockAssociationID.NotFound");
    for (VpcCidrBlockAssociation a : vpc(vpc).cidrBlockAssociationSet().subList(1, 4)) {
      ec2.disassociateVpcCidrBlock(r -> r.associationId(a.associationId()));
    }
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void anAmazonIpv6BlockGivesSubnetsTheirSlash64s() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.96.0.0/16")).vpc().vpcId();
    var v6 =
        ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).amazonProvidedIpv6CidrBlock(true))
            .ipv6CidrBlockAssociation();
    assertThat(v6.ipv6CidrBlock()).matches("2600:1f[0-9a-f]{2}:[0-9a-f]{1,4}:[0-9a-f]{1,2}00::/56");
    assertThat(v6.ipv6Pool()).isEqualTo("Amazon");
    assertThat(v6.networkBorderGroup()).isEqualTo("ca-central-1");
    assertThat(vpc(vpc).ipv6CidrBlockAssociationSet()).hasSize(1);
    assertThat(
            ec2.describeVpcs(
                    r ->
                        r.filters(
                            filter(
                                "ipv6-cidr-block-association.ipv6-cidr-block", v6.ipv6CidrBlock())))
                .vpcs())
        .extracting(Vpc::vpcId)
        .containsExactly(vpc);
    assertError(
        () -> ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).amazonProvidedIpv6CidrBlock(true)),
        "CidrLimitExceeded");

    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.96.1.0/24")).subnet().subnetId();
    String prefix = v6.ipv6CidrBlock().replace("00::/56", "");
    String slash64 = prefix + "01::/64";
    var s6 =
        ec2.associateSubnetCidrBlock(r -> r.subnetId(subnet).ipv6CidrBlock(slash64))
            .ipv6CidrBlockAssociation();
    assertThat(s6.associationId()).startsWith("subnet-cidr-assoc-");
    assertThat(s6.ipv6CidrBlock()).isEqualTo(slash64);
    Subnet shown = ec2.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0);
    assertThat(shown.ipv6CidrBlockAssociationSet()).hasSize(1);
    ec2.modifySubnetAttribute(r -> r.subnetId(subnet).assignIpv6AddressOnCreation(yes()));
    assertThat(
            ec2.describeSubnets(r -> r.subnetIds(subnet))
                .subnets()
                .get(0)
                .assignIpv6AddressOnCreation())
        .isTrue();

    String other =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.96.2.0/24")).subnet().subnetId();
    assertError(
        () -> ec2.associateSubnetCidrBlock(r -> r.subnetId(other).ipv6CidrBlock(slash64)),
        "InvalidSubnet.Conflict");
    assertError(
        () ->
            ec2.associateSubnetCidrBlock(r -> r.subnetId(other).ipv6CidrBlock(prefix + "00::/60")),
        "InvalidSubnet.Range");
    assertError(
        () -> ec2.associateSubnetCidrBlock(r -> r.subnetId(other).ipv6CidrBlock("2001:db8::/64")),
        "InvalidSubnet.Range");
    assertError(
        () -> ec2.disassociateVpcCidrBlock(r -> r.associationId(v6.associationId())),
        "DependencyViolation");

    ec2.disassociateSubnetCidrBlock(r -> r.associationId(s6.associationId()));
    assertThat(
            ec2.describeSubnets(r -> r.subnetIds(subnet))
                .subnets()
                .get(0)
                .ipv6CidrBlockAssociationSet())
        .isEmpty();
    assertError(
        () -> ec2.disassociateSubnetCidrBlock(r -> r.associationId(s6.associationId())),
        "InvalidSubnetCidrBlockAssociationID.NotFound");
    ec2.disassociateVpcCidrBlock(r -> r.associationId(v6.associationId()));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteSubnet(r -> r.subnetId(other));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void subnetAttributesAreSetOneAtATime() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.97.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.97.1.0/24")).subnet().subnetId();
    ec2.modifySubnetAttribute(
        r -> r.subnetId(subnet).privateDnsHostnameTypeOnLaunch("resource-name"));
    ec2.modifySubnetAttribute(r -> r.subnetId(subnet).enableResourceNameDnsARecordOnLaunch(yes()));
    ec2.modifySubnetAttribute(r -> r.subnetId(subnet).enableDns64(yes()));
    ec2.modifySubnetAttribute(r -> r.subnetId(subnet).enableLniAtDeviceIndex(1));
    Subnet s = ec2.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0);
    assertThat(s.privateDnsNameOptionsOnLaunch().hostnameTypeAsString()).isEqualTo("resource-name");
    assertThat(s.privateDnsNameOptionsOnLaunch().enableResourceNameDnsARecord()).isTrue();
    assertThat(s.enableDns64()).isTrue();
    assertThat(s.enableLniAtDeviceIndex()).isEqualTo(1);
    assertThat(
            ec2.describeSubnets(
                    r -> r.filters(filter("enable-dns64", "true"), filter("vpc-id", vpc)))
                .subnets())
        .hasSize(1);

    assertError(
        () ->
            ec2.modifySubnetAttribute(
                r -> r.subnetId(subnet).enableDns64(yes()).mapPublicIpOnLaunch(yes())),
        "InvalidParameterCombination");
    assertError(
        () ->
            ec2.modifySubnetAttribute(r -> r.subnetId(subnet).privateDnsHostnameTypeOnLaunch("x")),
        "InvalidParameterValue");
    assertError(
        () -> ec2.modifySubnetAttribute(r -> r.subnetId(subnet).assignIpv6AddressOnCreation(yes())),
        "InvalidParameterValue");
    assertError(
        () -> ec2.modifySubnetAttribute(r -> r.subnetId(subnet).mapCustomerOwnedIpOnLaunch(yes())),
        "InvalidParameterValue");

    // tenancy: dedicated may become default, never the reverse
    String dedicated =
        ec2.createVpc(r -> r.cidrBlock("10.98.0.0/16").instanceTenancy("dedicated")).vpc().vpcId();
    assertThat(
            ec2.modifyVpcTenancy(r -> r.vpcId(dedicated).instanceTenancy("default")).returnValue())
        .isTrue();
    assertThat(vpc(dedicated).instanceTenancyAsString()).isEqualTo("default");
    assertError(
        () -> ec2.modifyVpcTenancy(r -> r.vpcId(dedicated).instanceTenancy("dedicated")),
        "InvalidParameterValue");
    ec2.deleteVpc(r -> r.vpcId(dedicated));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void theDefaultVpcAndItsSubnetsAreMadeAgainOnlyWhenGone() {
    // an account of its own: the default VPC is deleted here
    try (Ec2Client own = TestServer.ec2("ca-central-1", "AKIDDEFAULTVPCAGAIN")) {
      Vpc def = own.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0);
      assertError(own::createDefaultVpc, "DefaultVpcAlreadyExists");
      Subnet first =
          own.describeSubnets(r -> r.filters(filter("vpc-id", def.vpcId()))).subnets().get(0);
      assertError(
          () -> own.createDefaultSubnet(r -> r.availabilityZone(first.availabilityZone())),
          "DefaultSubnetAlreadyExistsInAvailabilityZone");

      own.deleteSubnet(r -> r.subnetId(first.subnetId()));
      Subnet again =
          own.createDefaultSubnet(r -> r.availabilityZone(first.availabilityZone())).subnet();
      assertThat(again.defaultForAz()).isTrue();
      assertThat(again.cidrBlock()).isEqualTo(first.cidrBlock());
      assertThat(again.mapPublicIpOnLaunch()).isTrue();

      // remove the whole default VPC, then make it again
      for (Subnet s :
          own.describeSubnets(r -> r.filters(filter("vpc-id", def.vpcId()))).subnets()) {
        own.deleteSubnet(r -> r.subnetId(s.subnetId()));
      }
      for (var g :
          own.describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", def.vpcId())))
              .internetGateways()) {
        own.detachInternetGateway(
            r -> r.internetGatewayId(g.internetGatewayId()).vpcId(def.vpcId()));
        own.deleteInternetGateway(r -> r.internetGatewayId(g.internetGatewayId()));
      }
      own.deleteVpc(r -> r.vpcId(def.vpcId()));
      assertError(
          () -> own.createDefaultSubnet(r -> r.availabilityZone(first.availabilityZone())),
          "DefaultVpcDoesNotExist");
      Vpc made = own.createDefaultVpc().vpc();
      assertThat(made.isDefault()).isTrue();
      assertThat(made.cidrBlock()).isEqualTo("172.31.0.0/16");
      assertThat(own.describeSubnets(r -> r.filters(filter("vpc-id", made.vpcId()))).subnets())
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s.defaultForAz()).isTrue());
      assertThat(
              own.describeInternetGateways(
                      r -> r.filters(filter("attachment.vpc-id", made.vpcId())))
                  .internetGateways())
          .hasSize(1);
    }
  }

  @Test
  void subnetCidrReservationsKeepAutomaticAddressesOut() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.89.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.89.1.0/28")).subnet().subnetId();
    var made =
        ec2.createSubnetCidrReservation(
                r ->
                    r.subnetId(subnet)
                        .cidr("10.89.1.4/30")
                        .reservationType("explicit")
                        .description("appliances"))
            .subnetCidrReservation();
    assertThat(made.subnetCidrReservationId()).matches("scr-[0-9a-f]{17}");
    assertThat(made.reservationTypeAsString()).isEqualTo("explicit");

    String auto =
        ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().privateIpAddress();
    assertThat(auto).as("the first address outside the reservation").isEqualTo("10.89.1.8");
    var named =
        ec2.createNetworkInterface(r -> r.subnetId(subnet).privateIpAddress("10.89.1.5"))
            .networkInterface();
    assertThat(named.privateIpAddress()).as("asked for by name").isEqualTo("10.89.1.5");

    assertError(
        () ->
            ec2.createSubnetCidrReservation(
                r -> r.subnetId(subnet).cidr("10.89.1.8/30").reservationType("prefix")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createSubnetCidrReservation(
                r -> r.subnetId(subnet).cidr("10.89.2.0/30").reservationType("prefix")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createSubnetCidrReservation(
                r -> r.subnetId(subnet).cidr("10.89.1.12/30").reservationType("other")),
        "InvalidParameterValue");
    assertThat(
            ec2.getSubnetCidrReservations(
                    r -> r.subnetId(subnet).filters(filter("reservationType", "explicit")))
                .subnetIpv4CidrReservations())
        .singleElement()
        .satisfies(x -> assertThat(x.cidr()).isEqualTo("10.89.1.4/30"));
    assertThat(
            ec2.getSubnetCidrReservations(
                    r -> r.subnetId(subnet).filters(filter("reservationType", "prefix")))
                .subnetIpv4CidrReservations())
        .isEmpty();

    ec2.deleteSubnetCidrReservation(r -> r.subnetCidrReservationId(made.subnetCidrReservationId()));
    assertError(
        () ->
            ec2.deleteSubnetCidrReservation(
                r -> r.subnetCidrReservationId(made.subnetCidrReservationId())),
        "InvalidSubnetCidrReservationID.NotFound");
    String next =
        ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
    assertThat(
            ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(next))
                .networkInterfaces()
                .get(0)
                .privateIpAddress())
        .as("the block is free again")
        .isEqualTo("10.89.1.4");
    for (var n :
        ec2.describeNetworkInterfaces(r -> r.filters(filter("subnet-id", subnet)))
            .networkInterfaces()) {
      ec2.deleteNetworkInterface(r -> r.networkInterfaceId(n.networkInterfaceId()));
    }
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void secondaryAddressesAreAssignedMovedAndReleased() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.88.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.88.1.0/24")).subnet().subnetId();
    String a =
        ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
    String b =
        ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
    var counted =
        ec2.assignPrivateIpAddresses(
            r -> r.networkInterfaceId(a).secondaryPrivateIpAddressCount(2));
    assertThat(counted.assignedPrivateIpAddresses()).hasSize(2);
    ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(a).privateIpAddresses("10.88.1.50"));
    var shown =
        ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(a)).networkInterfaces().get(0);
    assertThat(shown.privateIpAddresses()).hasSize(4);
    assertThat(shown.privateIpAddresses().get(0).primary()).isTrue();
    assertThat(shown.privateIpAddresses())
        .filteredOn(p -> !p.primary())
        .extracting(p -> p.privateIpAddress())
        .contains("10.88.1.50");
    assertThat(
            ec2.describeNetworkInterfaces(
                    r -> r.filters(filter("addresses.private-ip-address", "10.88.1.50")))
                .networkInterfaces())
        .extracting(n -> n.networkInterfaceId())
        .containsExactly(a);

    assertError(
        () ->
            ec2.assignPrivateIpAddresses(
                r -> r.networkInterfaceId(b).privateIpAddresses("10.88.1.50")),
        "InvalidIPAddress.InUse");
    ec2.assignPrivateIpAddresses(
        r -> r.networkInterfaceId(b).privateIpAddresses("10.88.1.50").allowReassignment(true));
    assertThat(
            ec2.describeNetworkInterfaces(
                    r -> r.filters(filter("addresses.private-ip-address", "10.88.1.50")))
                .networkInterfaces())
        .extracting(n -> n.networkInterfaceId())
        .containsExactly(b);
    assertError(
        () ->
            ec2.unassignPrivateIpAddresses(
                r -> r.networkInterfaceId(a).privateIpAddresses("10.88.1.50")),
        "InvalidParameterValue");
    ec2.unassignPrivateIpAddresses(r -> r.networkInterfaceId(b).privateIpAddresses("10.88.1.50"));
    assertError(
        () ->
            ec2.assignPrivateIpAddresses(
                r ->
                    r.networkInterfaceId(a)
                        .privateIpAddresses("10.88.1.60")
                        .secondaryPrivateIpAddressCount(1)),
        "InvalidParameterCombination");

    // IPv6 needs the subnet's /64
    assertError(
        () -> ec2.assignIpv6Addresses(r -> r.networkInterfaceId(a).ipv6AddressCount(1)),
        "InvalidParameterValue");
    var v6 =
        ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).amazonProvidedIpv6CidrBlock(true))
            .ipv6CidrBlockAssociation();
    String slash64 = v6.ipv6CidrBlock().replace("00::/56", "") + "02::/64";
    String s6 =
        ec2.associateSubnetCidrBlock(r -> r.subnetId(subnet).ipv6CidrBlock(slash64))
            .ipv6CidrBlockAssociation()
            .associationId();
    String given = slash64.replace("::/64", "::10");
    var assigned =
        ec2.assignIpv6Addresses(r -> r.networkInterfaceId(a).ipv6Addresses(given))
            .assignedIpv6Addresses();
    assertThat(assigned).containsExactly(given);
    assertThat(
            ec2.assignIpv6Addresses(r -> r.networkInterfaceId(a).ipv6AddressCount(1))
                .assignedIpv6Addresses())
        .singleElement()
        .satisfies(x -> assertThat(x).startsWith(slash64.replace("::/64", ":")));
    assertThat(
            ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(a))
                .networkInterfaces()
                .get(0)
                .ipv6Addresses())
        .hasSize(2);
    assertError(
        () -> ec2.assignIpv6Addresses(r -> r.networkInterfaceId(b).ipv6Addresses(given)),
        "InvalidIPAddress.InUse");
    assertError(
        () -> ec2.assignIpv6Addresses(r -> r.networkInterfaceId(b).ipv6Addresses("2001:db8::1")),
        "InvalidParameterValue");
    assertThat(
            ec2.unassignIpv6Addresses(r -> r.networkInterfaceId(a).ipv6Addresses(given))
                .unassignedIpv6Addresses())
        .containsExactly(given);

    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(a));
    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(b));
    ec2.disassociateSubnetCidrBlock(r -> r.associationId(s6));
    ec2.disassociateVpcCidrBlock(r -> r.associationId(v6.associationId()));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }
}
