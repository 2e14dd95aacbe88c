package dev.ec2double.it.clientvpn;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizationRule;
import software.amazon.awssdk.services.ec2.model.ClientVpnRoute;

/**
 * What hangs off a Client VPN endpoint: authorization rules, routes through associated subnets, the
 * authorization policy, connections (never any: no VPN server runs), the client CRL, DryRun, and an
 * endpoint on a transit gateway, whose attachment waits for acceptance.
 */
class ClientVpnAccessIT {
  private static Ec2Client ec2;
  private static String vpc;
  private static String subnet;

  @BeforeAll
  static void vpcWithASubnet() {
    ec2 = TestServer.ec2(ClientVpnEndpointsIT.REGION, "310987654322");
    vpc = ec2.createVpc(r -> r.cidrBlock("10.63.0.0/16")).vpc().vpcId();
    subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.63.1.0/24")).subnet().subnetId();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String endpoint() {
    return ClientVpnEndpointsIT.create(
        ec2,
        r ->
            r.serverCertificateArn(
                    ClientVpnEndpointsIT.CERT.replace("310987654321", "310987654322"))
                .authenticationOptions(
                    a ->
                        a.type("federated-authentication")
                            .federatedAuthentication(
                                f ->
                                    f.samlProviderArn(
                                        "arn:aws:iam::310987654322:saml-provider/idp"))));
  }

  @Test
  void authorizationRulesAreANetworkAndAGroupOrEveryGroup() {
    String id = endpoint();
    assertThat(
            ec2.authorizeClientVpnIngress(
                    r ->
                        r.clientVpnEndpointId(id)
                            .targetNetworkCidr("10.63.0.0/16")
                            .authorizeAllGroups(true)
                            .description("everyone"))
                .status()
                .codeAsString())
        .isEqualTo("authorizing");
    ec2.authorizeClientVpnIngress(
        r -> r.clientVpnEndpointId(id).targetNetworkCidr("10.63.0.0/16").accessGroupId("admins"));
    assertError(
        () ->
            ec2.authorizeClientVpnIngress(
                r ->
                    r.clientVpnEndpointId(id)
                        .targetNetworkCidr("10.63.0.0/16")
                        .authorizeAllGroups(true)),
        "InvalidClientVpnDuplicateAuthorizationRule");
    assertError(
        () ->
            ec2.authorizeClientVpnIngress(
                r ->
                    r.clientVpnEndpointId(id)
                        .targetNetworkCidr("10.64.0.0/16")
                        .accessGroupId("admins")
                        .authorizeAllGroups(true)),
        "InvalidParameterCombination");
    assertError(
        () ->
            ec2.authorizeClientVpnIngress(
                r -> r.clientVpnEndpointId(id).targetNetworkCidr("10.64.0.0")),
        "InvalidParameterValue");

    var rules =
        ec2.describeClientVpnAuthorizationRules(r -> r.clientVpnEndpointId(id))
            .authorizationRules();
    assertThat(rules).hasSize(2).allMatch(x -> x.status().codeAsString().equals("active"));
    assertThat(rules.get(0).accessAll()).isTrue();
    assertThat(rules.get(0).description()).isEqualTo("everyone");
    assertThat(
            ec2.describeClientVpnAuthorizationRules(
                    r -> r.clientVpnEndpointId(id).filters(filter("group-id", "admins")))
                .authorizationRules())
        .extracting(AuthorizationRule::groupId)
        .containsExactly("admins");

    assertThat(
            ec2.revokeClientVpnIngress(
                    r ->
                        r.clientVpnEndpointId(id)
                            .targetNetworkCidr("10.63.0.0/16")
                            .revokeAllGroups(true))
                .status()
                .codeAsString())
        .isEqualTo("revoking");
    assertError(
        () ->
            ec2.revokeClientVpnIngress(
                r ->
                    r.clientVpnEndpointId(id)
                        .targetNetworkCidr("10.63.0.0/16")
                        .revokeAllGroups(true)),
        "InvalidClientVpnEndpointAuthorizationRuleNotFound");
    assertThat(
            ec2.describeClientVpnAuthorizationRules(r -> r.clientVpnEndpointId(id))
                .authorizationRules())
        .extracting(AuthorizationRule::groupId)
        .containsExactly("admins");
  }

  @Test
  void routesGoThroughAssociatedSubnetsAndOnlyAddedOnesAreDeleted() {
    String id = endpoint();
    assertError(
        () ->
            ec2.createClientVpnRoute(
                r ->
                    r.clientVpnEndpointId(id)
                        .destinationCidrBlock("0.0.0.0/0")
                        .targetVpcSubnetId(subnet)),
        "InvalidClientVpnActiveAssociationNotFound");
    ec2.associateClientVpnTargetNetwork(r -> r.clientVpnEndpointId(id).subnetId(subnet));
    assertThat(
            ec2.createClientVpnRoute(
                    r ->
                        r.clientVpnEndpointId(id)
                            .destinationCidrBlock("0.0.0.0/0")
                            .targetVpcSubnetId(subnet)
                            .description("internet"))
                .status()
                .codeAsString())
        .isEqualTo("creating");
    assertError(
        () ->
            ec2.createClientVpnRoute(
                r ->
                    r.clientVpnEndpointId(id)
                        .destinationCidrBlock("0.0.0.0/0")
                        .targetVpcSubnetId(subnet)),
        "InvalidClientVpnDuplicateRoute");
    var added =
        ec2.describeClientVpnRoutes(
                r -> r.clientVpnEndpointId(id).filters(filter("origin", "add-route")))
            .routes();
    assertThat(added).extracting(ClientVpnRoute::destinationCidr).containsExactly("0.0.0.0/0");
    assertThat(added.get(0).description()).isEqualTo("internet");
    assertThat(added.get(0).type()).isEqualTo("Nat");

    assertError(
        () ->
            ec2.deleteClientVpnRoute(
                r -> r.clientVpnEndpointId(id).destinationCidrBlock("10.63.0.0/16")),
        "InvalidParameterValue");
    assertThat(
            ec2.deleteClientVpnRoute(
                    r ->
                        r.clientVpnEndpointId(id)
                            .destinationCidrBlock("0.0.0.0/0")
                            .targetVpcSubnetId(subnet))
                .status()
                .codeAsString())
        .isEqualTo("deleting");
    assertError(
        () ->
            ec2.deleteClientVpnRoute(
                r -> r.clientVpnEndpointId(id).destinationCidrBlock("0.0.0.0/0")),
        "InvalidClientVpnRouteNotFound");
    assertThat(ec2.describeClientVpnRoutes(r -> r.clientVpnEndpointId(id)).routes())
        .extracting(ClientVpnRoute::origin)
        .containsExactly("associate");
  }

  @Test
  void authorizationPolicyIsCreatedThenUpdatedThenDeleted() {
    String id = endpoint();
    assertThat(
            ec2.getClientVpnEndpointAuthorizationPolicy(r -> r.clientVpnEndpointId(id))
                .policyDocument())
        .isNull();
    assertError(
        () ->
            ec2.modifyClientVpnEndpointAuthorizationPolicy(
                r -> r.clientVpnEndpointId(id).description("no document")),
        "MissingParameter");
    String cedar = "permit(principal, action, resource);";
    assertThat(
            ec2.modifyClientVpnEndpointAuthorizationPolicy(
                    r -> r.clientVpnEndpointId(id).policyDocument(cedar).description("all"))
                .statusAsString())
        .isEqualTo("creating");
    assertThat(
            ec2.modifyClientVpnEndpointAuthorizationPolicy(
                    r -> r.clientVpnEndpointId(id).shadowMode("enabled"))
                .statusAsString())
        .isEqualTo("updating");
    var policy = ec2.getClientVpnEndpointAuthorizationPolicy(r -> r.clientVpnEndpointId(id));
    assertThat(policy.policyDocument()).isEqualTo(cedar);
    assertThat(policy.description()).isEqualTo("all");
    assertThat(policy.shadowModeAsString()).isEqualTo("enabled");
    assertThat(policy.statusAsString()).isEqualTo("active");
    ec2.deleteClientVpnEndpointAuthorizationPolicy(r -> r.clientVpnEndpointId(id));
    assertError(
        () -> ec2.deleteClientVpnEndpointAuthorizationPolicy(r -> r.clientVpnEndpointId(id)),
        "InvalidParameterValue");
  }

  @Test
  void noClientEverConnects() {
    String id = endpoint();
    assertThat(ec2.describeClientVpnConnections(r -> r.clientVpnEndpointId(id)).connections())
        .isEmpty();
    assertError(
        () ->
            ec2.describeClientVpnConnections(
                r -> r.clientVpnEndpointId(id).filters(filter("state", "active"))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.terminateClientVpnConnections(
                r -> r.clientVpnEndpointId(id).connectionId("cvpn-connection-0123456789abcdef0")),
        "InvalidClientVpnConnection.IdNotFound");
    assertError(
        () -> ec2.terminateClientVpnConnections(r -> r.clientVpnEndpointId(id).username("alice")),
        "InvalidClientVpnConnection.UserNotFound");
  }

  @Test
  void revocationListIsImportedAsPemAndExportedAsImported() throws Exception {
    String id = endpoint();
    assertThat(
            ec2.exportClientVpnClientCertificateRevocationList(r -> r.clientVpnEndpointId(id))
                .certificateRevocationList())
        .isNull();
    assertError(
        () ->
            ec2.importClientVpnClientCertificateRevocationList(
                r -> r.clientVpnEndpointId(id).certificateRevocationList("not a crl")),
        "InvalidParameterValue");
    String crl = crl();
    assertThat(
            ec2.importClientVpnClientCertificateRevocationList(
                    r -> r.clientVpnEndpointId(id).certificateRevocationList(crl))
                .returnValue())
        .isTrue();
    var exported =
        ec2.exportClientVpnClientCertificateRevocationList(r -> r.clientVpnEndpointId(id));
    assertThat(exported.certificateRevocationList().strip()).isEqualTo(crl.strip());
    assertThat(exported.status().codeAsString()).isEqualTo("active");
  }

  /** A real CRL, signed by a key of the test's own, revoking one serial number. */
  private static String crl() throws Exception {
    var keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
    var builder = new X509v2CRLBuilder(new X500Name("CN=test client CA"), new Date());
    builder.addCRLEntry(BigInteger.valueOf(42), new Date(), 0);
    var holder =
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(holder);
    }
    return out.toString();
  }

  @Test
  void dryRunMakesNothing() {
    int before = ec2.describeClientVpnEndpoints(r -> {}).clientVpnEndpoints().size();
    assertError(() -> ClientVpnEndpointsIT.create(ec2, r -> r.dryRun(true)), "DryRunOperation");
    assertThat(ec2.describeClientVpnEndpoints(r -> {}).clientVpnEndpoints()).hasSize(before);
  }

  @Test
  void endpointOnATransitGatewayWaitsForItsAttachmentToBeAccepted() {
    String tgw = ec2.createTransitGateway(r -> {}).transitGateway().transitGatewayId();
    String zone = ClientVpnEndpointsIT.REGION + "a";
    String id =
        ClientVpnEndpointsIT.create(
            ec2,
            r ->
                r.serverCertificateArn(
                        ClientVpnEndpointsIT.CERT.replace("310987654321", "310987654322"))
                    .authenticationOptions(
                        a ->
                            a.type("directory-service-authentication")
                                .activeDirectory(d -> d.directoryId("d-0123456789")))
                    .transitGatewayConfiguration(
                        t -> t.transitGatewayId(tgw).availabilityZones(zone)));
    var config =
        ec2.describeClientVpnEndpoints(r -> r.clientVpnEndpointIds(id))
            .clientVpnEndpoints()
            .get(0)
            .transitGatewayConfiguration();
    assertThat(config.transitGatewayId()).isEqualTo(tgw);
    String attachment = config.transitGatewayAttachmentId();
    var described =
        ec2.describeTransitGatewayAttachments(r -> r.transitGatewayAttachmentIds(attachment))
            .transitGatewayAttachments()
            .get(0);
    assertThat(described.resourceTypeAsString()).isEqualTo("client-vpn");
    assertThat(described.resourceId()).isEqualTo(id);
    assertThat(described.stateAsString()).isEqualTo("pendingAcceptance");
    ec2.acceptTransitGatewayClientVpnAttachment(r -> r.transitGatewayAttachmentId(attachment));

    assertError(
        () -> ec2.associateClientVpnTargetNetwork(r -> r.clientVpnEndpointId(id).subnetId(subnet)),
        "InvalidParameterCombination");
    ec2.associateClientVpnTargetNetwork(r -> r.clientVpnEndpointId(id).availabilityZone(zone));
    var network =
        ec2.describeClientVpnTargetNetworks(r -> r.clientVpnEndpointId(id))
            .clientVpnTargetNetworks()
            .get(0);
    assertThat(network.availabilityZones()).containsExactly(zone);
    ec2.createClientVpnRoute(r -> r.clientVpnEndpointId(id).destinationCidrBlock("10.70.0.0/16"));
    assertThat(
            ec2.describeClientVpnRoutes(r -> r.clientVpnEndpointId(id))
                .routes()
                .get(0)
                .transitGatewayAttachmentId())
        .isEqualTo(attachment);

    ec2.disassociateClientVpnTargetNetwork(
        r -> r.clientVpnEndpointId(id).associationId(network.associationId()));
    ec2.deleteClientVpnEndpoint(r -> r.clientVpnEndpointId(id));
    assertThat(
            ec2.describeTransitGatewayAttachments(r -> r.transitGatewayAttachmentIds(attachment))
                .transitGatewayAttachments()
                .get(0)
                .stateAsString())
        .isIn("deleting", "deleted");
  }
}
