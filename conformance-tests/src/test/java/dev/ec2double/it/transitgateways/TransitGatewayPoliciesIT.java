package dev.ec2double.it.transitgateways;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastGroup;

/**
 * Multicast domains, policy tables, prefix list references, metering policies and the per
 * attachment calls (propagations, NAT configuration, route export) of a transit gateway with one
 * VPC attached, on the mock backend.
 */
class TransitGatewayPoliciesIT {
  private static Ec2Client ec2;
  private static String tgw;
  private static String vpc;
  private static String subnet;
  private static String attachment;
  private static String table;

  @BeforeAll
  static void gatewayWithAVpc() {
    ec2 = TestServer.ec2("sa-east-1", "320987654321");
    tgw =
        ec2.createTransitGateway(r -> r.options(o -> o.multicastSupport("enable")))
            .transitGateway()
            .transitGatewayId();
    vpc = ec2.createVpc(r -> r.cidrBlock("10.92.0.0/16")).vpc().vpcId();
    subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.92.1.0/24")).subnet().subnetId();
    attachment =
        ec2.createTransitGatewayVpcAttachment(
                r -> r.transitGatewayId(tgw).vpcId(vpc).subnetIds(subnet))
            .transitGatewayVpcAttachment()
            .transitGatewayAttachmentId();
    table =
        ec2.describeTransitGateways(r -> r.transitGatewayIds(tgw))
            .transitGateways()
            .get(0)
            .options()
            .propagationDefaultRouteTableId();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void multicastGroupsTakeInterfacesOfAssociatedSubnets() {
    String noMulticast =
        ec2.createTransitGateway(r -> r.description("plain")).transitGateway().transitGatewayId();
    assertError(
        () -> ec2.createTransitGatewayMulticastDomain(r -> r.transitGatewayId(noMulticast)),
        "InvalidParameterValue");
    String domain =
        ec2.createTransitGatewayMulticastDomain(
                r -> r.transitGatewayId(tgw).options(o -> o.staticSourcesSupport("enable")))
            .transitGatewayMulticastDomain()
            .transitGatewayMulticastDomainId();
    assertThat(domain).matches("tgw-mcast-domain-[0-9a-f]{17}");
    String eni =
        ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();

    // an interface outside the domain's subnets is refused
    assertError(
        () ->
            ec2.registerTransitGatewayMulticastGroupMembers(
                r ->
                    r.transitGatewayMulticastDomainId(domain)
                        .groupIpAddress("224.0.0.10")
                        .networkInterfaceIds(eni)),
        "InvalidParameterValue");
    var associated =
        ec2.associateTransitGatewayMulticastDomain(
                r ->
                    r.transitGatewayMulticastDomainId(domain)
                        .transitGatewayAttachmentId(attachment)
                        .subnetIds(subnet))
            .associations();
    assertThat(associated.resourceId()).isEqualTo(vpc);
    assertThat(associated.subnets().get(0).stateAsString()).isEqualTo("associating");
    assertError(
        () ->
            ec2.acceptTransitGatewayMulticastDomainAssociations(
                r ->
                    r.transitGatewayMulticastDomainId(domain)
                        .transitGatewayAttachmentId(attachment)
                        .subnetIds(subnet)),
        "IncorrectState");

    assertError(
        () ->
            ec2.registerTransitGatewayMulticastGroupMembers(
                r ->
                    r.transitGatewayMulticastDomainId(domain)
                        .groupIpAddress("10.0.0.1")
                        .networkInterfaceIds(eni)),
        "InvalidParameterValue");
    assertThat(
            ec2.registerTransitGatewayMulticastGroupMembers(
                    r ->
                        r.transitGatewayMulticastDomainId(domain)
                            .groupIpAddress("224.0.0.10")
                            .networkInterfaceIds(eni))
                .registeredMulticastGroupMembers()
                .registeredNetworkInterfaceIds())
        .containsExactly(eni);
    ec2.registerTransitGatewayMulticastGroupSources(
        r ->
            r.transitGatewayMulticastDomainId(domain)
                .groupIpAddress("224.0.0.11")
                .networkInterfaceIds(eni));
    var members =
        ec2.searchTransitGatewayMulticastGroups(
                r ->
                    r.transitGatewayMulticastDomainId(domain)
                        .filters(filter("is-group-member", "true")))
            .multicastGroups();
    assertThat(members)
        .extracting(TransitGatewayMulticastGroup::groupIpAddress)
        .containsExactly("224.0.0.10");
    assertThat(members.get(0).transitGatewayAttachmentId()).isEqualTo(attachment);
    assertThat(
            ec2.getTransitGatewayMulticastDomainAssociations(
                    r ->
                        r.transitGatewayMulticastDomainId(domain)
                            .filters(filter("subnet-id", subnet)))
                .multicastDomainAssociations())
        .hasSize(1);

    assertError(
        () ->
            ec2.deleteTransitGatewayMulticastDomain(r -> r.transitGatewayMulticastDomainId(domain)),
        "IncorrectState");
    ec2.deregisterTransitGatewayMulticastGroupSources(
        r ->
            r.transitGatewayMulticastDomainId(domain)
                .groupIpAddress("224.0.0.11")
                .networkInterfaceIds(eni));
    ec2.disassociateTransitGatewayMulticastDomain(
        r ->
            r.transitGatewayMulticastDomainId(domain)
                .transitGatewayAttachmentId(attachment)
                .subnetIds(subnet));
    assertThat(
            ec2.searchTransitGatewayMulticastGroups(r -> r.transitGatewayMulticastDomainId(domain))
                .multicastGroups())
        .isEmpty();
    ec2.deleteTransitGatewayMulticastDomain(r -> r.transitGatewayMulticastDomainId(domain));
    assertThat(
            ec2.describeTransitGatewayMulticastDomains(
                    r -> r.filters(filter("transit-gateway-multicast-domain-id", domain)))
                .transitGatewayMulticastDomains()
                .get(0)
                .stateAsString())
        .isEqualTo("deleted");
  }

  @Test
  void aPolicyTableAssociatesOneAttachmentAndKeepsNumberedEntries() {
    String policy =
        ec2.createTransitGatewayPolicyTable(r -> r.transitGatewayId(tgw))
            .transitGatewayPolicyTable()
            .transitGatewayPolicyTableId();
    assertThat(policy).matches("tgw-ptb-[0-9a-f]{17}");
    ec2.associateTransitGatewayPolicyTable(
        r -> r.transitGatewayPolicyTableId(policy).transitGatewayAttachmentId(attachment));
    assertError(
        () ->
            ec2.associateTransitGatewayPolicyTable(
                r -> r.transitGatewayPolicyTableId(policy).transitGatewayAttachmentId(attachment)),
        "Resource.AlreadyAssociated");
    assertThat(
            ec2.getTransitGatewayPolicyTableAssociations(r -> r.transitGatewayPolicyTableId(policy))
                .associations())
        .singleElement()
        .satisfies(a -> assertThat(a.resourceId()).isEqualTo(vpc));

    ec2.createTransitGatewayPolicyTableEntry(
        r ->
            r.transitGatewayPolicyTableId(policy)
                .policyRuleNumber("10")
                .policyRule(p -> p.destinationCidrBlock("10.0.0.0/8").destinationPortRange("443"))
                .targetRouteTableId(table));
    assertError(
        () ->
            ec2.createTransitGatewayPolicyTableEntry(
                r ->
                    r.transitGatewayPolicyTableId(policy)
                        .policyRuleNumber("11")
                        .policyRule(p -> p.destinationPortRange("9-1"))
                        .targetRouteTableId(table)),
        "InvalidParameterValue");
    ec2.modifyTransitGatewayPolicyTableEntry(
        r ->
            r.transitGatewayPolicyTableId(policy)
                .policyRuleNumber("10")
                .policyRule(p -> p.destinationCidrBlock("10.1.0.0/16").protocol("6"))
                .targetRouteTableId(table));
    assertThat(
            ec2.getTransitGatewayPolicyTableEntries(
                    r -> r.transitGatewayPolicyTableId(policy).filters(filter("protocol", "6")))
                .transitGatewayPolicyTableEntries())
        .singleElement()
        .satisfies(e -> assertThat(e.policyRule().destinationCidrBlock()).isEqualTo("10.1.0.0/16"));
    ec2.deleteTransitGatewayPolicyTableEntry(
        r -> r.transitGatewayPolicyTableId(policy).policyRuleNumber("10"));
    assertError(
        () ->
            ec2.deleteTransitGatewayPolicyTableEntry(
                r -> r.transitGatewayPolicyTableId(policy).policyRuleNumber("10")),
        "InvalidTransitGatewayPolicyTableEntry.NotFound");

    assertError(
        () -> ec2.deleteTransitGatewayPolicyTable(r -> r.transitGatewayPolicyTableId(policy)),
        "IncorrectState");
    ec2.disassociateTransitGatewayPolicyTable(
        r -> r.transitGatewayPolicyTableId(policy).transitGatewayAttachmentId(attachment));
    ec2.deleteTransitGatewayPolicyTable(r -> r.transitGatewayPolicyTableId(policy));
    assertError(
        () ->
            ec2.describeTransitGatewayPolicyTables(
                r -> r.transitGatewayPolicyTableIds("tgw-ptb-0123456789abcdef0")),
        "InvalidTransitGatewayPolicyTableId.NotFound");
  }

  @Test
  void prefixListReferencesRouteAListToAnAttachmentOrABlackhole() {
    String list =
        ec2.createManagedPrefixList(
                r ->
                    r.prefixListName("branches")
                        .maxEntries(2)
                        .addressFamily("IPv4")
                        .entries(e -> e.cidr("172.20.0.0/16")))
            .prefixList()
            .prefixListId();
    assertError(
        () ->
            ec2.createTransitGatewayPrefixListReference(
                r ->
                    r.transitGatewayRouteTableId(table)
                        .prefixListId(list)
                        .transitGatewayAttachmentId(attachment)
                        .blackhole(true)),
        "InvalidParameterCombination");
    var made =
        ec2.createTransitGatewayPrefixListReference(
                r ->
                    r.transitGatewayRouteTableId(table)
                        .prefixListId(list)
                        .transitGatewayAttachmentId(attachment))
            .transitGatewayPrefixListReference();
    assertThat(made.transitGatewayAttachment().resourceId()).isEqualTo(vpc);
    assertError(
        () ->
            ec2.createTransitGatewayPrefixListReference(
                r -> r.transitGatewayRouteTableId(table).prefixListId(list).blackhole(true)),
        "RouteAlreadyExists");
    ec2.modifyTransitGatewayPrefixListReference(
        r -> r.transitGatewayRouteTableId(table).prefixListId(list).blackhole(true));
    assertThat(
            ec2.getTransitGatewayPrefixListReferences(
                    r ->
                        r.transitGatewayRouteTableId(table).filters(filter("is-blackhole", "true")))
                .transitGatewayPrefixListReferences())
        .extracting(p -> p.prefixListId())
        .containsExactly(list);
    ec2.deleteTransitGatewayPrefixListReference(
        r -> r.transitGatewayRouteTableId(table).prefixListId(list));
    assertError(
        () ->
            ec2.deleteTransitGatewayPrefixListReference(
                r -> r.transitGatewayRouteTableId(table).prefixListId(list)),
        "InvalidPrefixListReference.NotFound");
  }

  @Test
  void anAttachmentShowsItsPropagationsAndNatConfigurationAndRoutesExport() {
    assertThat(
            ec2.getTransitGatewayAttachmentPropagations(
                    r -> r.transitGatewayAttachmentId(attachment))
                .transitGatewayAttachmentPropagations())
        .extracting(p -> p.transitGatewayRouteTableId())
        .containsExactly(table);
    var nat =
        ec2.modifyTransitGatewayAttachmentNatConfiguration(
            r ->
                r.transitGatewayAttachmentId(attachment)
                    .natGatewaySupport("enable")
                    .natGatewayRules(
                        n ->
                            n.ruleNumber(1)
                                .matchSourceCidr("10.92.1.0/24")
                                .natCidr("100.64.0.0/24")));
    assertThat(nat.natGatewaySupportAsString()).isEqualTo("enabling");
    var shown =
        ec2.getTransitGatewayAttachmentNatConfiguration(
            r -> r.transitGatewayAttachmentId(attachment));
    assertThat(shown.natGatewaySupportAsString()).isEqualTo("enabled");
    assertThat(shown.natGatewayRules())
        .extracting(n -> n.natCidr())
        .containsExactly("100.64.0.0/24");
    assertError(
        () ->
            ec2.modifyTransitGatewayAttachmentNatConfiguration(
                r -> r.transitGatewayAttachmentId(attachment).natGatewaySupport("on")),
        "InvalidParameterValue");

    assertThat(
            ec2.exportTransitGatewayRoutes(
                    r -> r.transitGatewayRouteTableId(table).s3Bucket("routes-bucket"))
                .s3Location())
        .startsWith(
            "s3://routes-bucket/VPCTransitGateway/TransitGatewayRouteTables/" + table + "-");
    assertError(
        () ->
            ec2.exportTransitGatewayRoutes(
                r -> r.transitGatewayRouteTableId(table).s3Bucket("Bad_Bucket")),
        "InvalidParameterValue");
    // nothing makes Client VPN attachments on this server: a VPC attachment is not one
    assertError(
        () ->
            ec2.acceptTransitGatewayClientVpnAttachment(
                r -> r.transitGatewayAttachmentId(attachment)),
        "InvalidParameterValue");
  }

  @Test
  void aMeteringPolicyKeepsEntriesPerRuleNumber() {
    String policy =
        ec2.createTransitGatewayMeteringPolicy(
                r -> r.transitGatewayId(tgw).middleboxAttachmentIds(attachment))
            .transitGatewayMeteringPolicy()
            .transitGatewayMeteringPolicyId();
    ec2.createTransitGatewayMeteringPolicyEntry(
        r ->
            r.transitGatewayMeteringPolicyId(policy)
                .policyRuleNumber(5)
                .sourceTransitGatewayAttachmentId(attachment)
                .destinationCidrBlock("0.0.0.0/0")
                .meteredAccount("source-attachment-owner"));
    assertError(
        () ->
            ec2.createTransitGatewayMeteringPolicyEntry(
                r ->
                    r.transitGatewayMeteringPolicyId(policy)
                        .policyRuleNumber(6)
                        .meteredAccount("nobody")),
        "InvalidParameterValue");
    assertThat(
            ec2.getTransitGatewayMeteringPolicyEntries(
                    r -> r.transitGatewayMeteringPolicyId(policy))
                .transitGatewayMeteringPolicyEntries())
        .singleElement()
        .satisfies(e -> assertThat(e.policyRuleNumber()).isEqualTo("5"));
    ec2.modifyTransitGatewayMeteringPolicy(
        r -> r.transitGatewayMeteringPolicyId(policy).removeMiddleboxAttachmentIds(attachment));
    assertThat(
            ec2.describeTransitGatewayMeteringPolicies(
                    r -> r.filters(filter("transit-gateway-id", tgw)))
                .transitGatewayMeteringPolicies())
        .singleElement()
        .satisfies(p -> assertThat(p.middleboxAttachmentIds()).isEmpty());
    ec2.deleteTransitGatewayMeteringPolicyEntry(
        r -> r.transitGatewayMeteringPolicyId(policy).policyRuleNumber(5));
    ec2.deleteTransitGatewayMeteringPolicy(r -> r.transitGatewayMeteringPolicyId(policy));
  }
}
