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
import software.amazon.awssdk.services.ec2.model.AddressAttribute;
import software.amazon.awssdk.services.ec2.model.AddressTransfer;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Elastic IP reverse DNS, transfers between two accounts of the server, the retired EC2-Classic
 * moves, zone groups, and NAT gateways' secondary addresses, on the mock backend.
 */
class ElasticIpExtrasIT {
  private static final String REGION = "ca-central-1";
  private static final String SOURCE = "111122223333";
  private static final String TARGET = "444455556666";
  private static Ec2Client ec2;
  private static Ec2Client target;

  @BeforeAll
  static void clients() {
    ec2 = TestServer.ec2(REGION, SOURCE);
    target = TestServer.ec2(REGION, TARGET);
  }

  @AfterAll
  static void close() {
    ec2.close();
    target.close();
  }

  private static String allocate(Ec2Client c) {
    return c.allocateAddress(r -> r.domain("vpc")).allocationId();
  }

  @Test
  void reverseDnsIsSetShownAndReset() {
    String id = allocate(ec2);
    String ip = ec2.describeAddresses(r -> r.allocationIds(id)).addresses().get(0).publicIp();
    AddressAttribute before =
        ec2.describeAddressesAttribute(r -> r.allocationIds(id).attribute("domain-name"))
            .addresses()
            .get(0);
    assertThat(before.publicIp()).isEqualTo(ip);
    assertThat(before.ptrRecord())
        .isEqualTo("ec2-" + ip.replace('.', '-') + ".ca-central-1.compute.amazonaws.com");

    AddressAttribute modified =
        ec2.modifyAddressAttribute(r -> r.allocationId(id).domainName("mail.example.com"))
            .address();
    assertThat(modified.ptrRecordUpdate().value()).isEqualTo("mail.example.com");
    assertThat(modified.ptrRecordUpdate().status()).isEqualTo("PENDING");
    assertThat(
            ec2.describeAddressesAttribute(r -> r.allocationIds(id).attribute("domain-name"))
                .addresses()
                .get(0)
                .ptrRecord())
        .isEqualTo("mail.example.com.");
    assertError(
        () -> ec2.modifyAddressAttribute(r -> r.allocationId(id).domainName("not a name")),
        "InvalidParameterValue");

    ec2.resetAddressAttribute(r -> r.allocationId(id).attribute("domain-name"));
    assertThat(
            ec2.describeAddressesAttribute(r -> r.allocationIds(id).attribute("domain-name"))
                .addresses()
                .get(0)
                .ptrRecord())
        .isEqualTo(before.ptrRecord());
    assertError(() -> ec2.describeAddressesAttribute(r -> r.allocationIds(id)), "MissingParameter");
    assertError(
        () ->
            ec2.describeAddressesAttribute(
                r -> r.allocationIds("eipalloc-0123456789abcdef0").attribute("domain-name")),
        "InvalidAllocationID.NotFound");
  }

  @Test
  void anAddressMovesToTheAccountThatAcceptsItsTransfer() {
    String id = allocate(ec2);
    String ip = ec2.describeAddresses(r -> r.allocationIds(id)).addresses().get(0).publicIp();
    assertError(
        () -> ec2.enableAddressTransfer(r -> r.allocationId(id).transferAccountId(SOURCE)),
        "InvalidParameterValue");
    AddressTransfer offered =
        ec2.enableAddressTransfer(r -> r.allocationId(id).transferAccountId(TARGET))
            .addressTransfer();
    assertThat(offered.addressTransferStatusAsString()).isEqualTo("pending");
    assertThat(offered.transferOfferExpirationTimestamp()).isNotNull();
    // the target sees the offer too
    assertThat(target.describeAddressTransfers(r -> r.allocationIds(id)).addressTransfers())
        .extracting(AddressTransfer::publicIp)
        .containsExactly(ip);

    AddressTransfer accepted =
        target
            .acceptAddressTransfer(
                r ->
                    r.address(ip)
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.ELASTIC_IP)
                                .tags(Tag.builder().key("from").value("source").build())
                                .build()))
            .addressTransfer();
    assertThat(accepted.addressTransferStatusAsString()).isEqualTo("accepted");
    assertThat(accepted.transferOfferAcceptedTimestamp()).isNotNull();
    var mine = target.describeAddresses(r -> r.allocationIds(id)).addresses().get(0);
    assertThat(mine.publicIp()).isEqualTo(ip);
    assertThat(mine.tags()).containsExactly(Tag.builder().key("from").value("source").build());
    assertError(
        () -> ec2.describeAddresses(r -> r.allocationIds(id)), "InvalidAllocationID.NotFound");
    assertThat(
            ec2.describeAddressTransfers(r -> r.allocationIds(id))
                .addressTransfers()
                .get(0)
                .addressTransferStatusAsString())
        .isEqualTo("accepted");
    assertError(() -> target.acceptAddressTransfer(r -> r.address(ip)), "InvalidTransfer.NotFound");
  }

  @Test
  void aTransferCanBeWithdrawnButNotOfAnAssociatedAddress() {
    String id = allocate(ec2);
    ec2.enableAddressTransfer(r -> r.allocationId(id).transferAccountId(TARGET));
    assertThat(
            ec2.disableAddressTransfer(r -> r.allocationId(id))
                .addressTransfer()
                .addressTransferStatusAsString())
        .isEqualTo("disabled");
    assertError(
        () -> ec2.disableAddressTransfer(r -> r.allocationId(id)), "InvalidTransfer.NotFound");
    assertThat(ec2.describeAddressTransfers(r -> r.allocationIds(id)).addressTransfers()).isEmpty();

    String vpc = ec2.createVpc(r -> r.cidrBlock("10.81.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.81.1.0/24")).subnet().subnetId();
    String eni =
        ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
    ec2.associateAddress(r -> r.allocationId(id).networkInterfaceId(eni));
    assertError(
        () -> ec2.enableAddressTransfer(r -> r.allocationId(id).transferAccountId(TARGET)),
        "InvalidAddress.Locked");
  }

  @Test
  void ec2ClassicMovesAndZoneGroupsAnswerAsAwsDoes() {
    assertThat(error(() -> ec2.moveAddressToVpc(r -> r.publicIp("198.18.0.9"))))
        .isEqualTo(
            "UnsupportedOperation: The functionality you requested is not available in this region.");
    assertError(
        () -> ec2.restoreAddressToClassic(r -> r.publicIp("198.18.0.9")), "UnsupportedOperation");
    assertThat(
            ec2.describeMovingAddresses(r -> r.filters(filter("moving-status", "movingToVpc")))
                .movingAddressStatuses())
        .isEmpty();
    assertError(
        () -> ec2.describeMovingAddresses(r -> r.filters(filter("public-ip", "1.2.3.4"))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.modifyAvailabilityZoneGroup(
                r -> r.groupName("ca-central-1").optInStatus("opted-in")),
        "InvalidOptInStatus");
    assertError(
        () ->
            ec2.modifyAvailabilityZoneGroup(
                r -> r.groupName("us-west-2-lax-1").optInStatus("opted-in")),
        "InvalidParameterValue");
  }

  @Test
  void natGatewaysTakeAndGiveBackSecondaryAddresses() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.82.0.0/16")).vpc().vpcId();
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.82.1.0/24")).subnet().subnetId();
    String primary = allocate(ec2);
    String pub =
        ec2.createNatGateway(r -> r.subnetId(subnet).allocationId(primary))
            .natGateway()
            .natGatewayId();
    String second = allocate(ec2);
    List<NatGatewayAddress> added =
        ec2.associateNatGatewayAddress(
                r -> r.natGatewayId(pub).allocationIds(second).privateIpAddresses("10.82.1.50"))
            .natGatewayAddresses();
    assertThat(added).hasSize(1);
    assertThat(added.get(0).statusAsString()).isEqualTo("associating");
    assertThat(added.get(0).privateIp()).isEqualTo("10.82.1.50");
    assertThat(added.get(0).isPrimary()).isFalse();
    List<NatGatewayAddress> shown =
        ec2.describeNatGateways(r -> r.natGatewayIds(pub))
            .natGateways()
            .get(0)
            .natGatewayAddresses();
    assertThat(shown).hasSize(2);
    assertThat(shown.get(1).statusAsString()).isEqualTo("succeeded");
    assertThat(
            ec2.describeAddresses(r -> r.allocationIds(second))
                .addresses()
                .get(0)
                .privateIpAddress())
        .isEqualTo("10.82.1.50");
    assertError(
        () -> ec2.associateNatGatewayAddress(r -> r.natGatewayId(pub).allocationIds(second)),
        "Resource.AlreadyAssociated");
    String primaryAssociation = shown.get(0).associationId();
    assertError(
        () ->
            ec2.disassociateNatGatewayAddress(
                r -> r.natGatewayId(pub).associationIds(primaryAssociation)),
        "InvalidParameterValue");
    assertThat(
            ec2.disassociateNatGatewayAddress(
                    r -> r.natGatewayId(pub).associationIds(added.get(0).associationId()))
                .natGatewayAddresses()
                .get(0)
                .statusAsString())
        .isEqualTo("disassociating");
    assertThat(
            ec2.describeAddresses(r -> r.allocationIds(second)).addresses().get(0).associationId())
        .isNull();

    String priv =
        ec2.createNatGateway(r -> r.subnetId(subnet).connectivityType("private"))
            .natGateway()
            .natGatewayId();
    assertError(
        () -> ec2.assignPrivateNatGatewayAddress(r -> r.natGatewayId(pub).privateIpAddressCount(1)),
        "InvalidParameterValue");
    List<NatGatewayAddress> assigned =
        ec2.assignPrivateNatGatewayAddress(r -> r.natGatewayId(priv).privateIpAddressCount(2))
            .natGatewayAddresses();
    assertThat(assigned).extracting(NatGatewayAddress::statusAsString).containsOnly("assigning");
    assertError(
        () ->
            ec2.assignPrivateNatGatewayAddress(r -> r.natGatewayId(priv).privateIpAddressCount(6)),
        "AddressLimitExceeded");
    String ip = assigned.get(0).privateIp();
    assertThat(
            ec2.unassignPrivateNatGatewayAddress(r -> r.natGatewayId(priv).privateIpAddresses(ip))
                .natGatewayAddresses()
                .get(0)
                .statusAsString())
        .isEqualTo("unassigning");
    assertThat(
            ec2.describeNatGateways(r -> r.natGatewayIds(priv))
                .natGateways()
                .get(0)
                .natGatewayAddresses())
        .extracting(NatGatewayAddress::privateIp)
        .doesNotContain(ip)
        .contains(assigned.get(1).privateIp());
  }

  @Test
  void theAwsCliSetsReverseDnsAndOffersATransfer() throws Exception {
    AwsCli.requireInstalled("ElasticIpExtrasIT");
    // the CLI signs with AKIDEXAMPLE: its own account
    AwsCli.Run allocated = AwsCli.run(REGION, "ec2", "allocate-address", "--domain", "vpc");
    assertThat(allocated.exit()).as(allocated.stderr()).isZero();
    String id = new ObjectMapper().readTree(allocated.stdout()).get("AllocationId").asText();
    AwsCli.Run modified =
        AwsCli.run(
            REGION,
            "ec2",
            "modify-address-attribute",
            "--allocation-id",
            id,
            "--domain-name",
            "www.example.org");
    assertThat(modified.exit()).as(modified.stderr()).isZero();
    JsonNode address = new ObjectMapper().readTree(modified.stdout()).get("Address");
    assertThat(address.get("PtrRecordUpdate").get("Value").asText()).isEqualTo("www.example.org");

    AwsCli.Run offered =
        AwsCli.run(
            REGION,
            "ec2",
            "enable-address-transfer",
            "--allocation-id",
            id,
            "--transfer-account-id",
            TARGET);
    assertThat(offered.exit()).as(offered.stderr()).isZero();
    AwsCli.Run listed =
        AwsCli.run(REGION, "ec2", "describe-address-transfers", "--allocation-ids", id);
    assertThat(listed.exit()).as(listed.stderr()).isZero();
    JsonNode t = new ObjectMapper().readTree(listed.stdout()).get("AddressTransfers").get(0);
    assertThat(t.get("TransferAccountId").asText()).isEqualTo(TARGET);
    assertThat(t.get("AddressTransferStatus").asText()).isEqualTo("pending");
  }
}
