package dev.ec2double.it.clientvpn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The AWS CLI v2 (botocore reads EC2's element names, which the Java SDK ignores) drives a Client
 * VPN endpoint once through its life: create with tags, associate, authorize, route, describe each
 * list, export the configuration, modify, disassociate, delete. The VPC is made with the SDK. The
 * authorization policy calls are newer than the CLI on this machine: SDK ITs only.
 */
class ClientVpnCliIT {
  private static final String REGION = "ca-central-1";
  private static final String CERT =
      "arn:aws:acm:" + REGION + ":123456789012:certificate/2c0a8d3e-4b5f-4a6b-9c7d-8e9f0a1b2c3d";

  @BeforeAll
  static void cli() {
    AwsCli.requireInstalled("ClientVpnCliIT");
  }

  private static JsonNode run(String... args) throws Exception {
    return AwsCli.json(REGION, args);
  }

  @Test
  void endpointThroughItsLife() throws Exception {
    String vpc;
    String subnet;
    try (Ec2Client ec2 = TestServer.ec2(REGION, "AKIDEXAMPLE")) {
      vpc = ec2.createVpc(r -> r.cidrBlock("10.66.0.0/16")).vpc().vpcId();
      String v = vpc;
      subnet = ec2.createSubnet(r -> r.vpcId(v).cidrBlock("10.66.1.0/24")).subnet().subnetId();
    }
    JsonNode created =
        run(
            "ec2",
            "create-client-vpn-endpoint",
            "--client-cidr-block",
            "172.30.0.0/22",
            "--server-certificate-arn",
            CERT,
            "--authentication-options",
            "Type=certificate-authentication,MutualAuthentication={ClientRootCertificateChainArn="
                + CERT
                + "}",
            "--connection-log-options",
            "Enabled=false",
            "--dns-servers",
            "10.66.0.2",
            "--tag-specifications",
            "ResourceType=client-vpn-endpoint,Tags=[{Key=team,Value=net}]");
    String id = created.get("ClientVpnEndpointId").asText();
    assertThat(created.get("Status").get("Code").asText()).isEqualTo("pending-associate");
    assertThat(created.get("DnsName").asText()).startsWith("*." + id + ".prod.clientvpn.");

    String association;
    try (Ec2Client ec2 = TestServer.ec2(REGION, "AKIDEXAMPLE")) {
      association =
          ec2.associateClientVpnTargetNetwork(r -> r.clientVpnEndpointId(id).subnetId(subnet))
              .associationId();
      ec2.authorizeClientVpnIngress(
          r ->
              r.clientVpnEndpointId(id).targetNetworkCidr("10.66.0.0/16").authorizeAllGroups(true));
      ec2.createClientVpnRoute(
          r ->
              r.clientVpnEndpointId(id)
                  .destinationCidrBlock("0.0.0.0/0")
                  .targetVpcSubnetId(subnet));
    }
    JsonNode e =
        run("ec2", "describe-client-vpn-endpoints", "--client-vpn-endpoint-ids", id)
            .get("ClientVpnEndpoints")
            .get(0);
    assertThat(e.get("Status").get("Code").asText()).isEqualTo("available");
    assertThat(e.get("VpcId").asText()).isEqualTo(vpc);
    assertThat(e.get("DnsServers").get(0).asText()).isEqualTo("10.66.0.2");
    assertThat(e.get("SecurityGroupIds")).hasSize(1);
    assertThat(e.get("Tags").get(0).get("Value").asText()).isEqualTo("net");
    assertThat(e.get("AuthenticationOptions").get(0).get("Type").asText())
        .isEqualTo("certificate-authentication");
    assertThat(e.get("ConnectionLogOptions").get("Enabled").asBoolean()).isFalse();

    JsonNode networks =
        run("ec2", "describe-client-vpn-target-networks", "--client-vpn-endpoint-id", id)
            .get("ClientVpnTargetNetworks");
    assertThat(networks.get(0).get("TargetNetworkId").asText()).isEqualTo(subnet);
    assertThat(networks.get(0).get("SecurityGroups")).hasSize(1);
    JsonNode routes =
        run("ec2", "describe-client-vpn-routes", "--client-vpn-endpoint-id", id).get("Routes");
    assertThat(routes).hasSize(2);
    assertThat(routes.get(0).get("Origin").asText()).isEqualTo("associate");
    JsonNode rules =
        run("ec2", "describe-client-vpn-authorization-rules", "--client-vpn-endpoint-id", id)
            .get("AuthorizationRules");
    assertThat(rules.get(0).get("AccessAll").asBoolean()).isTrue();
    assertThat(
            run("ec2", "export-client-vpn-client-configuration", "--client-vpn-endpoint-id", id)
                .get("ClientConfiguration")
                .asText())
        .contains("remote " + id + ".prod.clientvpn." + REGION + ".amazonaws.com 443")
        .contains("<ca>");

    assertThat(
            run(
                    "ec2",
                    "modify-client-vpn-endpoint",
                    "--client-vpn-endpoint-id",
                    id,
                    "--split-tunnel",
                    "--session-timeout-hours",
                    "8")
                .get("Return")
                .asBoolean())
        .isTrue();
    try (Ec2Client ec2 = TestServer.ec2(REGION, "AKIDEXAMPLE")) {
      ec2.disassociateClientVpnTargetNetwork(
          r -> r.clientVpnEndpointId(id).associationId(association));
    }
    assertThat(
            run("ec2", "delete-client-vpn-endpoint", "--client-vpn-endpoint-id", id)
                .get("Status")
                .get("Code")
                .asText())
        .isEqualTo("deleting");
  }
}
