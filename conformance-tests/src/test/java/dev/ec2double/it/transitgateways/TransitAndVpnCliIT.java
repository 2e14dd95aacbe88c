package dev.ec2double.it.transitgateways;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI v2 (botocore, stricter about element names than the Java SDK) drives each new family
 * once: transit gateway peering, Connect, multicast, policy tables, prefix list references,
 * propagations; VPN tunnel options and sample configurations; Outposts local gateways.
 */
class TransitAndVpnCliIT {
  private static final String REGION = "ap-northeast-2";

  @BeforeAll
  static void cli() {
    AwsCli.requireInstalled("TransitAndVpnCliIT");
  }

  private static JsonNode run(String... args) throws Exception {
    AwsCli.Run run = AwsCli.run(REGION, args);
    assertThat(run.exit()).as(run.stderr()).isZero();
    return run.stdout().isBlank()
        ? new ObjectMapper().createObjectNode()
        : new ObjectMapper().readTree(run.stdout());
  }

  private static String tgw(String... options) throws Exception {
    String[] args = new String[options.length + 2];
    args[0] = "ec2";
    args[1] = "create-transit-gateway";
    System.arraycopy(options, 0, args, 2, options.length);
    return run(args).get("TransitGateway").get("TransitGatewayId").asText();
  }

  @Test
  void transitGatewayFamilies() throws Exception {
    String a = tgw("--options", "MulticastSupport=enable,TransitGatewayCidrBlocks=192.0.2.0/24");
    String b = tgw();
    String peering =
        run(
                "ec2",
                "create-transit-gateway-peering-attachment",
                "--transit-gateway-id",
                a,
                "--peer-transit-gateway-id",
                b,
                "--peer-account-id",
                "000000000000",
                "--peer-region",
                REGION)
            .get("TransitGatewayPeeringAttachment")
            .get("TransitGatewayAttachmentId")
            .asText();
    JsonNode peerings =
        run(
            "ec2",
            "describe-transit-gateway-peering-attachments",
            "--transit-gateway-attachment-ids",
            peering);
    assertThat(
            peerings
                .get("TransitGatewayPeeringAttachments")
                .get(0)
                .get("AccepterTgwInfo")
                .get("TransitGatewayId")
                .asText())
        .isEqualTo(b);

    String vpc =
        run("ec2", "create-vpc", "--cidr-block", "10.93.0.0/16").get("Vpc").get("VpcId").asText();
    String subnet =
        run("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.93.1.0/24")
            .get("Subnet")
            .get("SubnetId")
            .asText();
    String attachment =
        run(
                "ec2",
                "create-transit-gateway-vpc-attachment",
                "--transit-gateway-id",
                a,
                "--vpc-id",
                vpc,
                "--subnet-ids",
                subnet)
            .get("TransitGatewayVpcAttachment")
            .get("TransitGatewayAttachmentId")
            .asText();
    String connect =
        run(
                "ec2",
                "create-transit-gateway-connect",
                "--transport-transit-gateway-attachment-id",
                attachment,
                "--options",
                "Protocol=gre")
            .get("TransitGatewayConnect")
            .get("TransitGatewayAttachmentId")
            .asText();
    JsonNode peer =
        run(
                "ec2",
                "create-transit-gateway-connect-peer",
                "--transit-gateway-attachment-id",
                connect,
                "--peer-address",
                "198.51.100.9",
                "--inside-cidr-blocks",
                "169.254.20.0/29")
            .get("TransitGatewayConnectPeer");
    assertThat(peer.get("ConnectPeerConfiguration").get("BgpConfigurations")).hasSize(2);

    String domain =
        run("ec2", "create-transit-gateway-multicast-domain", "--transit-gateway-id", a)
            .get("TransitGatewayMulticastDomain")
            .get("TransitGatewayMulticastDomainId")
            .asText();
    run(
        "ec2",
        "associate-transit-gateway-multicast-domain",
        "--transit-gateway-multicast-domain-id",
        domain,
        "--transit-gateway-attachment-id",
        attachment,
        "--subnet-ids",
        subnet);
    assertThat(
            run(
                    "ec2",
                    "get-transit-gateway-multicast-domain-associations",
                    "--transit-gateway-multicast-domain-id",
                    domain)
                .get("MulticastDomainAssociations")
                .get(0)
                .get("Subnet")
                .get("SubnetId")
                .asText())
        .isEqualTo(subnet);

    String policy =
        run("ec2", "create-transit-gateway-policy-table", "--transit-gateway-id", a)
            .get("TransitGatewayPolicyTable")
            .get("TransitGatewayPolicyTableId")
            .asText();
    assertThat(
            run(
                    "ec2",
                    "describe-transit-gateway-policy-tables",
                    "--transit-gateway-policy-table-ids",
                    policy)
                .get("TransitGatewayPolicyTables")
                .get(0)
                .get("TransitGatewayId")
                .asText())
        .isEqualTo(a);

    String table =
        run("ec2", "describe-transit-gateways", "--transit-gateway-ids", a)
            .get("TransitGateways")
            .get(0)
            .get("Options")
            .get("AssociationDefaultRouteTableId")
            .asText();
    String list =
        run(
                "ec2",
                "create-managed-prefix-list",
                "--prefix-list-name",
                "cli",
                "--max-entries",
                "2",
                "--address-family",
                "IPv4",
                "--entries",
                "Cidr=172.21.0.0/16")
            .get("PrefixList")
            .get("PrefixListId")
            .asText();
    run(
        "ec2",
        "create-transit-gateway-prefix-list-reference",
        "--transit-gateway-route-table-id",
        table,
        "--prefix-list-id",
        list,
        "--blackhole");
    assertThat(
            run(
                    "ec2",
                    "get-transit-gateway-prefix-list-references",
                    "--transit-gateway-route-table-id",
                    table)
                .get("TransitGatewayPrefixListReferences")
                .get(0)
                .get("Blackhole")
                .asBoolean())
        .isTrue();
    assertThat(
            run(
                    "ec2",
                    "get-transit-gateway-attachment-propagations",
                    "--transit-gateway-attachment-id",
                    attachment)
                .get("TransitGatewayAttachmentPropagations")
                .get(0)
                .get("TransitGatewayRouteTableId")
                .asText())
        .isEqualTo(table);
  }

  @Test
  void vpnTunnelsAndLocalGateways() throws Exception {
    String cgw =
        run(
                "ec2",
                "create-customer-gateway",
                "--type",
                "ipsec.1",
                "--public-ip",
                "203.0.113.20",
                "--bgp-asn",
                "65300")
            .get("CustomerGateway")
            .get("CustomerGatewayId")
            .asText();
    String vgw =
        run("ec2", "create-vpn-gateway", "--type", "ipsec.1")
            .get("VpnGateway")
            .get("VpnGatewayId")
            .asText();
    String vpn =
        run(
                "ec2",
                "create-vpn-connection",
                "--type",
                "ipsec.1",
                "--customer-gateway-id",
                cgw,
                "--vpn-gateway-id",
                vgw)
            .get("VpnConnection")
            .get("VpnConnectionId")
            .asText();
    JsonNode tunnels =
        run("ec2", "describe-vpn-connections", "--vpn-connection-ids", vpn)
            .get("VpnConnections")
            .get(0)
            .get("Options")
            .get("TunnelOptions");
    String outside = tunnels.get(0).get("OutsideIpAddress").asText();
    run(
        "ec2",
        "modify-vpn-tunnel-options",
        "--vpn-connection-id",
        vpn,
        "--vpn-tunnel-outside-ip-address",
        outside,
        "--tunnel-options",
        "DPDTimeoutSeconds=40");
    assertThat(
            run("ec2", "describe-vpn-connections", "--vpn-connection-ids", vpn)
                .get("VpnConnections")
                .get(0)
                .get("Options")
                .get("TunnelOptions")
                .get(0)
                .get("DpdTimeoutSeconds")
                .asInt())
        .isEqualTo(40);
    JsonNode types = run("ec2", "get-vpn-connection-device-types").get("VpnConnectionDeviceTypes");
    assertThat(types.size()).isGreaterThan(1);
    String sample =
        run(
                "ec2",
                "get-vpn-connection-device-sample-configuration",
                "--vpn-connection-id",
                vpn,
                "--vpn-connection-device-type-id",
                types.get(0).get("VpnConnectionDeviceTypeId").asText())
            .get("VpnConnectionDeviceSampleConfiguration")
            .asText();
    assertThat(sample).contains(outside, vpn);

    assertThat(run("ec2", "describe-local-gateways").get("LocalGateways")).isEmpty();
    AwsCli.Run missing =
        AwsCli.run(
            REGION,
            "ec2",
            "describe-local-gateway-route-tables",
            "--local-gateway-route-table-ids",
            "lgw-rtb-0123456789abcdef0");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.stderr()).contains("InvalidLocalGatewayRouteTableID.NotFound");
  }
}
