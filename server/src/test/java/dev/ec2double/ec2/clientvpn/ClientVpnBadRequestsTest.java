package dev.ec2double.ec2.clientvpn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.MockBackend;
import dev.ec2double.core.StateStore;
import dev.ec2double.server.ServerConfig;
import dev.ec2double.server.Services;
import dev.ec2double.server.StateServiceHost;
import dev.ec2double.wire.ApiHandler;
import dev.ec2double.wire.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Client VPN action, called with nothing, with an endpoint that does not exist, or with
 * values of the wrong kind, answers AWS's error envelope with a 400: a client's mistake is never an
 * InternalError.
 */
class ClientVpnBadRequestsTest {
  private static final List<String> ACTIONS =
      List.of(
          "ApplySecurityGroupsToClientVpnTargetNetwork",
          "AssociateClientVpnTargetNetwork",
          "AuthorizeClientVpnIngress",
          "CreateClientVpnEndpoint",
          "CreateClientVpnRoute",
          "DeleteClientVpnEndpoint",
          "DeleteClientVpnEndpointAuthorizationPolicy",
          "DeleteClientVpnRoute",
          "DescribeClientVpnAuthorizationRules",
          "DescribeClientVpnConnections",
          "DescribeClientVpnRoutes",
          "DescribeClientVpnTargetNetworks",
          "DisassociateClientVpnTargetNetwork",
          "ExportClientVpnClientCertificateRevocationList",
          "ExportClientVpnClientConfiguration",
          "GetClientVpnEndpointAuthorizationPolicy",
          "ImportClientVpnClientCertificateRevocationList",
          "ModifyClientVpnEndpoint",
          "ModifyClientVpnEndpointAuthorizationPolicy",
          "RevokeClientVpnIngress",
          "TerminateClientVpnConnections");

  /** Parameters of the wrong kind or shape for the actions that take them. */
  private static final List<String> ODD =
      List.of(
          "",
          "&ClientVpnEndpointId=cvpn-endpoint-0123456789abcdef0",
          "&ClientVpnEndpointId=x&SubnetId=&VpcId=vpc-1&SecurityGroupId.1=sg-1",
          "&ClientCidrBlock=10.0.0.0/99&ServerCertificateArn=arn:aws:acm:x"
              + "&Authentication.1.Type=certificate-authentication&ConnectionLogOptions.Enabled=true",
          "&ClientCidrBlock=10.0.0.0/16&ServerCertificateArn=arn:aws:acm:us-east-1:123456789012:"
              + "certificate/0b7e5e0c-1a2b-4c3d-8e9f-0123456789ab"
              + "&Authentication.1.Type=federated-authentication&ConnectionLogOptions.Enabled=false"
              + "&TransitGatewayConfiguration.AvailabilityZone.1=nowhere-1z");

  private static Services services;
  private static ApiHandler api;

  @BeforeAll
  static void server() {
    services = new Services(ServerConfig.builder(Map.of()).build(), new MockBackend(), "cvpn");
    api =
        new ApiHandler(services.registry(), new StateServiceHost(new StateStore()), "123456789012");
  }

  @AfterAll
  static void close() {
    services.close();
  }

  @Test
  void everyActionAnswersBadInputWithAnAwsClientError() {
    String auth =
        "AWS4-HMAC-SHA256 Credential=AKIDCVPN/20240102/us-east-1/ec2/aws4_request,"
            + " SignedHeaders=host, Signature=00";
    for (String action : ACTIONS) {
      for (String params : ODD) {
        String body = "Action=" + action + "&Version=2016-11-15" + params;
        ApiResponse r = api.handle(null, body, auth);
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.status()).as(body + " -> " + text).isEqualTo(400);
        assertThat(text).as(body).contains("<Code>").doesNotContain("InternalError");
      }
    }
  }
}
