package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.ConnectivityType;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * NAT gateways on the mock backend: public ones with their Elastic IP (shown associated in
 * DescribeAddresses until the gateway is deleted), private ones, the failed state of a VPC without
 * an internet gateway, filters, and routes to them.
 */
class NatGatewaysApiIT {
  private static final Ec2Client ec2 = TestServer.ec2("sa-east-1", "AKIDNATMOCK");

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static NatGateway describe(String id) {
    return ec2.describeNatGateways(r -> r.natGatewayIds(id)).natGateways().get(0);
  }

  private static Address address(String allocation) {
    return ec2.describeAddresses(r -> r.allocationIds(allocation)).addresses().get(0);
  }

  @Test
  void aPublicGatewayHoldsItsElasticIpUntilDeleted() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.60.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.60.1.0/24")).subnet().subnetId();
    String eip = ec2.allocateAddress().allocationId();

    NatGateway failed =
        ec2.createNatGateway(r -> r.subnetId(subnet).allocationId(eip)).natGateway();
    assertThat(describe(failed.natGatewayId()).stateAsString()).isEqualTo("failed");
    assertThat(describe(failed.natGatewayId()).failureCode()).isEqualTo("Gateway.NotAttached");
    assertThat(describe(failed.natGatewayId()).failureMessage())
        .isEqualTo("Network " + vpc + " has no Internet gateway attached");
    assertThat(address(eip).associationId()).isNull();

    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    NatGateway made =
        ec2.createNatGateway(
                r ->
                    r.subnetId(subnet)
                        .allocationId(eip)
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.NATGATEWAY)
                                .tags(t -> t.key("Name").value("egress"))
                                .build()))
            .natGateway();
    String id = made.natGatewayId();
    assertThat(id).matches("nat-[0-9a-f]{17}");
    assertThat(made.stateAsString()).isEqualTo("pending");
    assertThat(made.connectivityTypeAsString()).isEqualTo("public");
    assertThat(made.tags()).extracting(t -> t.value()).containsExactly("egress");
    NatGateway available = describe(id);
    assertThat(available.stateAsString()).isEqualTo("available");
    assertThat(available.vpcId()).isEqualTo(vpc);
    var nga = available.natGatewayAddresses().get(0);
    assertThat(nga.allocationId()).isEqualTo(eip);
    assertThat(nga.privateIp()).startsWith("10.60.1.");
    Address shown = address(eip);
    assertThat(shown.associationId()).isEqualTo(nga.associationId()).isNotNull();
    assertThat(shown.networkInterfaceId()).isEqualTo(nga.networkInterfaceId());
    assertThat(shown.privateIpAddress()).isEqualTo(nga.privateIp());
    assertThat(error(() -> ec2.releaseAddress(r -> r.allocationId(eip))))
        .startsWith("InvalidIPAddress.InUse");
    NatGateway second =
        ec2.createNatGateway(r -> r.subnetId(subnet).allocationId(eip)).natGateway();
    assertThat(describe(second.natGatewayId()).failureCode())
        .as("the EIP is taken")
        .isEqualTo("Resource.AlreadyAssociated");

    String rtb = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
    ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").natGatewayId(id));
    assertThat(
            ec2.describeRouteTables(r -> r.routeTableIds(rtb))
                .routeTables()
                .get(0)
                .routes()
                .get(1)
                .stateAsString())
        .isEqualTo("active");

    assertThat(
            ec2.describeNatGateways(
                    r -> r.filter(filter("vpc-id", vpc), filter("state", "available")))
                .natGateways())
        .extracting(NatGateway::natGatewayId)
        .containsExactly(id);
    assertThat(ec2.describeNatGateways(r -> r.filter(filter("tag:Name", "egress"))).natGateways())
        .extracting(NatGateway::natGatewayId)
        .containsExactly(id);

    assertThat(ec2.deleteNatGateway(r -> r.natGatewayId(id)).natGatewayId()).isEqualTo(id);
    assertThat(describe(id).stateAsString()).isEqualTo("deleted");
    assertThat(describe(id).deleteTime()).isNotNull();
    assertThat(address(eip).associationId()).isNull();
    assertThat(
            ec2.describeRouteTables(r -> r.routeTableIds(rtb))
                .routeTables()
                .get(0)
                .routes()
                .get(1)
                .stateAsString())
        .isEqualTo("blackhole");
    ec2.releaseAddress(r -> r.allocationId(eip));
  }

  @Test
  void aPrivateGatewayNeedsNoAddressAndBadRequestsGetAwsErrors() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.61.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.61.1.0/24")).subnet().subnetId();
    NatGateway p =
        ec2.createNatGateway(
                r ->
                    r.subnetId(subnet)
                        .connectivityType(ConnectivityType.PRIVATE)
                        .privateIpAddress("10.61.1.50"))
            .natGateway();
    assertThat(describe(p.natGatewayId()).stateAsString()).isEqualTo("available");
    assertThat(describe(p.natGatewayId()).natGatewayAddresses().get(0).privateIp())
        .isEqualTo("10.61.1.50");
    assertThat(describe(p.natGatewayId()).natGatewayAddresses().get(0).allocationId()).isNull();
    assertThat(error(() -> ec2.deleteSubnet(r -> r.subnetId(subnet))))
        .startsWith("DependencyViolation");

    assertThat(error(() -> ec2.createNatGateway(r -> r.subnetId(subnet))))
        .startsWith("MissingParameter");
    assertThat(
            error(
                () ->
                    ec2.createNatGateway(
                        r -> r.subnetId(subnet).allocationId("eipalloc-0123456789abcdef0"))))
        .startsWith("InvalidAllocationID.NotFound");
    assertThat(
            error(
                () ->
                    ec2.createNatGateway(
                        r -> r.subnetId("subnet-0123456789abcdef0").connectivityType("private"))))
        .startsWith("InvalidSubnetID.NotFound");
    assertThat(error(() -> ec2.deleteNatGateway(r -> r.natGatewayId("nat-0123456789abcdef0"))))
        .startsWith("NatGatewayNotFound");
    assertThat(error(() -> ec2.describeNatGateways(r -> r.natGatewayIds("nat-0123456789abcdef0"))))
        .startsWith("NatGatewayNotFound");
    assertThat(error(() -> ec2.describeNatGateways(r -> r.filter(filter("status", "x")))))
        .startsWith("InvalidParameterValue");

    ec2.deleteNatGateway(r -> r.natGatewayId(p.natGatewayId()));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
  }
}
