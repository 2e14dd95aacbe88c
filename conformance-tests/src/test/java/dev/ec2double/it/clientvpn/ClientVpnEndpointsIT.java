package dev.ec2double.it.clientvpn;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.ControlApi;
import dev.ec2double.it.TestServer;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ClientVpnEndpoint;
import software.amazon.awssdk.services.ec2.model.CreateClientVpnEndpointRequest;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Client VPN endpoints on the mock backend: create with AWS's checks, the states around target
 * networks, describe with filters, tags and pages, modify, delete refused while associated, and the
 * exported client configuration naming the endpoint and the CA of its certificate.
 */
class ClientVpnEndpointsIT {
  static final String REGION = "eu-west-3";
  static final String ACCOUNT = "310987654321";
  static final String CERT =
      "arn:aws:acm:" + REGION + ":" + ACCOUNT + ":certificate/0b7e5e0c-1a2b-4c3d-8e9f-0123456789ab";

  private static Ec2Client ec2;
  private static String vpc;
  private static String subnetA;
  private static String subnetB;

  @BeforeAll
  static void vpcWithTwoZones() {
    ec2 = TestServer.ec2(REGION, ACCOUNT);
    vpc = ec2.createVpc(r -> r.cidrBlock("10.61.0.0/16")).vpc().vpcId();
    subnetA =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.61.1.0/24").availabilityZone(REGION + "a"))
            .subnet()
            .subnetId();
    subnetB =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.61.2.0/24").availabilityZone(REGION + "b"))
            .subnet()
            .subnetId();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  /** A valid request: certificate authentication, logging off, and the given changes. */
  static String create(Consumer<CreateClientVpnEndpointRequest.Builder> more) {
    return create(ec2, more);
  }

  static String create(Ec2Client client, Consumer<CreateClientVpnEndpointRequest.Builder> more) {
    return client
        .createClientVpnEndpoint(
            r -> {
              r.clientCidrBlock("172.20.0.0/22")
                  .serverCertificateArn(CERT)
                  .authenticationOptions(
                      a ->
                          a.type("certificate-authentication")
                              .mutualAuthentication(m -> m.clientRootCertificateChainArn(CERT)))
                  .connectionLogOptions(l -> l.enabled(false));
              more.accept(r);
            })
        .clientVpnEndpointId();
  }

  static ClientVpnEndpoint describe(String id) {
    return ec2.describeClientVpnEndpoints(r -> r.clientVpnEndpointIds(id))
        .clientVpnEndpoints()
        .get(0);
  }

  @Test
  void endpointIsPendingUntilASubnetIsAssociatedAndCannotBeDeletedWhileOneIs() {
    var created =
        ec2.createClientVpnEndpoint(
            r ->
                r.clientCidrBlock("172.21.0.0/22")
                    .serverCertificateArn(CERT)
                    .authenticationOptions(
                        a ->
                            a.type("certificate-authentication")
                                .mutualAuthentication(m -> m.clientRootCertificateChainArn(CERT)))
                    .connectionLogOptions(l -> l.enabled(true).cloudwatchLogGroup("vpn-logs"))
                    .transportProtocol("tcp")
                    .description("office")
                    .tagSpecifications(
                        t ->
                            t.resourceType("client-vpn-endpoint")
                                .tags(Tag.builder().key("Name").value("office").build())));
    String id = created.clientVpnEndpointId();
    assertThat(id).matches("cvpn-endpoint-[0-9a-f]{17}");
    assertThat(created.status().codeAsString()).isEqualTo("pending-associate");
    assertThat(created.dnsName())
        .isEqualTo("*." + id + ".prod.clientvpn." + REGION + ".amazonaws.com");

    ClientVpnEndpoint e = describe(id);
    assertThat(e.status().codeAsString()).isEqualTo("pending-associate");
    assertThat(e.creationTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
    assertThat(e.clientCidrBlock()).isEqualTo("172.21.0.0/22");
    assertThat(e.transportProtocolAsString()).isEqualTo("tcp");
    assertThat(e.vpnPort()).isEqualTo(443);
    assertThat(e.vpnProtocolAsString()).isEqualTo("openvpn");
    assertThat(e.sessionTimeoutHours()).isEqualTo(24);
    assertThat(e.connectionLogOptions().cloudwatchLogGroup()).isEqualTo("vpn-logs");
    assertThat(e.connectionLogOptions().cloudwatchLogStream()).startsWith(id + "-" + REGION);
    assertThat(e.authenticationOptions().get(0).mutualAuthentication().clientRootCertificateChain())
        .isEqualTo(CERT);
    assertThat(e.vpcId()).isNull();
    assertThat(e.tags()).extracting(Tag::value).containsExactly("office");

    // filters: the reference's two, and tags
    assertThat(
            ec2.describeClientVpnEndpoints(
                    r ->
                        r.filters(
                            filter("transport-protocol", "tcp"), filter("tag:Name", "office")))
                .clientVpnEndpoints())
        .extracting(ClientVpnEndpoint::clientVpnEndpointId)
        .containsExactly(id);
    assertThat(
            ec2.describeClientVpnEndpoints(
                    r -> r.filters(filter("endpoint-id", id), filter("transport-protocol", "udp")))
                .clientVpnEndpoints())
        .isEmpty();
    assertThat(
            ec2.describeTags(r -> r.filters(filter("resource-type", "client-vpn-endpoint"))).tags())
        .anyMatch(t -> t.resourceId().equals(id));

    String association =
        ec2.associateClientVpnTargetNetwork(r -> r.clientVpnEndpointId(id).subnetId(subnetA))
            .associationId();
    assertThat(association).matches("cvpn-assoc-[0-9a-f]{17}");
    e = describe(id);
    assertThat(e.status().codeAsString()).isEqualTo("available");
    assertThat(e.vpcId()).isEqualTo(vpc);
    String defaultGroup =
        ec2.describeSecurityGroups(
                r -> r.filters(filter("vpc-id", vpc), filter("group-name", "default")))
            .securityGroups()
            .get(0)
            .groupId();
    assertThat(e.securityGroupIds()).containsExactly(defaultGroup);
    assertThat(e.associatedTargetNetworks())
        .extracting(n -> n.networkId())
        .containsExactly(subnetA);
    var routes = ec2.describeClientVpnRoutes(r -> r.clientVpnEndpointId(id)).routes();
    assertThat(routes).hasSize(1);
    assertThat(routes.get(0).destinationCidr()).isEqualTo("10.61.0.0/16");
    assertThat(routes.get(0).targetSubnet()).isEqualTo(subnetA);
    assertThat(routes.get(0).origin()).isEqualTo("associate");
    assertThat(routes.get(0).status().codeAsString()).isEqualTo("active");

    assertError(
        () -> ec2.deleteClientVpnEndpoint(r -> r.clientVpnEndpointId(id)),
        "ClientVpnEndpointAssociationExists");
    assertThat(
            ec2.disassociateClientVpnTargetNetwork(
                    r -> r.clientVpnEndpointId(id).associationId(association))
                .status()
                .codeAsString())
        .isEqualTo("disassociating");
    assertThat(describe(id).status().codeAsString()).isEqualTo("pending-associate");
    assertThat(ec2.describeClientVpnRoutes(r -> r.clientVpnEndpointId(id)).routes()).isEmpty();
    assertError(
        () ->
            ec2.disassociateClientVpnTargetNetwork(
                r -> r.clientVpnEndpointId(id).associationId(association)),
        "InvalidClientVpnAssociationIdNotFound");

    assertThat(ec2.deleteClientVpnEndpoint(r -> r.clientVpnEndpointId(id)).status().codeAsString())
        .isEqualTo("deleting");
    assertError(
        () -> ec2.describeClientVpnEndpoints(r -> r.clientVpnEndpointIds(id)),
        "InvalidClientVpnEndpointId.NotFound");
    assertThat(ec2.describeTags(r -> r.filters(filter("resource-id", id))).tags()).isEmpty();
  }

  @Test
  void createRefusesWhatAwsRefusesAndMakesNothing() {
    int before = ec2.describeClientVpnEndpoints(r -> {}).clientVpnEndpoints().size();
    assertError(() -> create(r -> r.clientCidrBlock("172.16.0.0/8")), "InvalidParameterValue");
    assertError(() -> create(r -> r.clientCidrBlock("172.16.0.0/24")), "InvalidParameterValue");
    assertError(() -> create(r -> r.clientCidrBlock("172.16.0.1/22")), "InvalidParameterValue");
    assertError(() -> create(r -> r.serverCertificateArn("server-cert")), "InvalidParameterValue");
    assertError(
        () -> create(r -> r.serverCertificateArn(CERT.replace(REGION, "us-east-1"))),
        "InvalidParameterValue");
    assertError(
        () -> create(r -> r.authenticationOptions(java.util.List.of())), "MissingParameter");
    assertError(
        () ->
            create(
                r ->
                    r.authenticationOptions(
                        a -> a.type("directory-service-authentication").activeDirectory(d -> {}))),
        "MissingParameter");
    assertError(() -> create(r -> r.vpnPort(8443)), "InvalidParameterValue");
    assertError(() -> create(r -> r.sessionTimeoutHours(9)), "InvalidParameterValue");
    assertError(() -> create(r -> r.transportProtocol("sctp")), "InvalidParameterValue");
    assertError(
        () -> create(r -> r.dnsServers("10.0.0.2", "10.0.0.3", "10.0.0.4")),
        "InvalidParameterValue");
    assertError(
        () -> create(r -> r.connectionLogOptions(l -> l.enabled(true))), "MissingParameter");
    assertError(() -> create(r -> r.securityGroupIds("sg-0123456789abcdef0")), "MissingParameter");
    assertError(() -> create(r -> r.vpcId("vpc-0123456789abcdef0")), "InvalidVpcID.NotFound");
    assertError(
        () -> create(r -> r.vpcId(vpc).clientCidrBlock("10.60.0.0/14")), "InvalidParameterValue");
    assertError(() -> create(r -> r.selfServicePortal("enabled")), "InvalidParameterCombination");
    assertThat(ec2.describeClientVpnEndpoints(r -> {}).clientVpnEndpoints()).hasSize(before);
  }

  @Test
  void associationsAreOnePerZoneInOneVpcAndOutsideTheClientCidr() {
    String id = create(r -> {});
    String a =
        ec2.associateClientVpnTargetNetwork(r -> r.clientVpnEndpointId(id).subnetId(subnetA))
            .associationId();
    String sameZone =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.61.3.0/24").availabilityZone(REGION + "a"))
            .subnet()
            .subnetId();
    String otherVpc = ec2.createVpc(r -> r.cidrBlock("10.62.0.0/16")).vpc().vpcId();
    String foreign =
        ec2.createSubnet(r -> r.vpcId(otherVpc).cidrBlock("10.62.1.0/24")).subnet().subnetId();

    assertError(
        () -> ec2.associateClientVpnTargetNetwork(r -> r.clientVpnEndpointId(id).subnetId(subnetA)),
        "InvalidClientVpnDuplicateAssociationException");
    assertError(
        () ->
            ec2.associateClientVpnTargetNetwork(r -> r.clientVpnEndpointId(id).subnetId(sameZone)),
        "InvalidClientVpnSubnetId.DuplicateAz");
    assertError(
        () -> ec2.associateClientVpnTargetNetwork(r -> r.clientVpnEndpointId(id).subnetId(foreign)),
        "InvalidClientVpnSubnetId.NotFound");
    assertError(
        () ->
            ec2.associateClientVpnTargetNetwork(
                r -> r.clientVpnEndpointId(id).subnetId("subnet-0123456789abcdef0")),
        "InvalidSubnetID.NotFound");
    assertError(
        () ->
            ec2.associateClientVpnTargetNetwork(
                r -> r.clientVpnEndpointId("cvpn-endpoint-0123456789abcdef0").subnetId(subnetB)),
        "InvalidClientVpnEndpointId.NotFound");
    String overlapping = create(r -> r.clientCidrBlock("10.60.0.0/14"));
    assertError(
        () ->
            ec2.associateClientVpnTargetNetwork(
                r -> r.clientVpnEndpointId(overlapping).subnetId(subnetB)),
        "InvalidClientVpnSubnetId.OverlappingCidr");

    String b =
        ec2.associateClientVpnTargetNetwork(r -> r.clientVpnEndpointId(id).subnetId(subnetB))
            .associationId();
    var networks =
        ec2.describeClientVpnTargetNetworks(
                r -> r.clientVpnEndpointId(id).filters(filter("target-network-id", subnetB)))
            .clientVpnTargetNetworks();
    assertThat(networks).hasSize(1);
    assertThat(networks.get(0).associationId()).isEqualTo(b);
    assertThat(networks.get(0).vpcId()).isEqualTo(vpc);
    assertThat(networks.get(0).status().codeAsString()).isEqualTo("associated");
    assertThat(
            ec2.describeClientVpnTargetNetworks(r -> r.clientVpnEndpointId(id).associationIds(a))
                .clientVpnTargetNetworks())
        .hasSize(1);

    // security groups: of the endpoint's VPC only, applied to every target network
    String group =
        ec2.createSecurityGroup(r -> r.groupName("cvpn").description("cvpn").vpcId(vpc)).groupId();
    String foreignGroup =
        ec2.createSecurityGroup(r -> r.groupName("cvpn").description("cvpn").vpcId(otherVpc))
            .groupId();
    assertError(
        () ->
            ec2.applySecurityGroupsToClientVpnTargetNetwork(
                r -> r.clientVpnEndpointId(id).vpcId(otherVpc).securityGroupIds(foreignGroup)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.applySecurityGroupsToClientVpnTargetNetwork(
                r -> r.clientVpnEndpointId(id).vpcId(vpc).securityGroupIds(foreignGroup)),
        "InvalidGroup.NotFound");
    assertThat(
            ec2.applySecurityGroupsToClientVpnTargetNetwork(
                    r -> r.clientVpnEndpointId(id).vpcId(vpc).securityGroupIds(group))
                .securityGroupIds())
        .containsExactly(group);
    assertThat(describe(id).securityGroupIds()).containsExactly(group);
    assertThat(
            ec2.describeClientVpnTargetNetworks(r -> r.clientVpnEndpointId(id))
                .clientVpnTargetNetworks())
        .allSatisfy(n -> assertThat(n.securityGroups()).containsExactly(group));

    // the VPC changes only without associations
    assertError(
        () -> ec2.modifyClientVpnEndpoint(r -> r.clientVpnEndpointId(id).vpcId(otherVpc)),
        "InvalidParameterValue");
  }

  @Test
  void modifyChangesWhatIsGivenAndARefusedCallChangesNothing() {
    String id = create(r -> r.dnsServers("10.0.0.2"));
    ec2.modifyClientVpnEndpoint(
        r ->
            r.clientVpnEndpointId(id)
                .description("changed")
                .vpnPort(1194)
                .splitTunnel(true)
                .sessionTimeoutHours(12)
                .dnsServers(d -> d.enabled(true).customDnsServers("10.0.0.2", "10.0.0.3"))
                .clientLoginBannerOptions(b -> b.enabled(true).bannerText("authorized use only")));
    ClientVpnEndpoint e = describe(id);
    assertThat(e.description()).isEqualTo("changed");
    assertThat(e.vpnPort()).isEqualTo(1194);
    assertThat(e.splitTunnel()).isTrue();
    assertThat(e.sessionTimeoutHours()).isEqualTo(12);
    assertThat(e.dnsServers()).containsExactly("10.0.0.2", "10.0.0.3");
    assertThat(e.clientLoginBannerOptions().bannerText()).isEqualTo("authorized use only");

    assertError(
        () ->
            ec2.modifyClientVpnEndpoint(
                r -> r.clientVpnEndpointId(id).description("lost").vpnPort(22)),
        "InvalidParameterValue");
    assertThat(describe(id).description()).isEqualTo("changed");

    ec2.modifyClientVpnEndpoint(
        r -> r.clientVpnEndpointId(id).dnsServers(d -> d.enabled(false)).vpcId(vpc));
    e = describe(id);
    assertThat(e.dnsServers()).isEmpty();
    assertThat(e.vpcId()).isEqualTo(vpc);
    assertThat(e.securityGroupIds()).hasSize(1);
  }

  @Test
  void describePagesAndRefusesMaxResultsOutsideFiveToAThousand() {
    Ec2Client other = TestServer.ec2(REGION, "310987654323");
    for (int i = 0; i < 6; i++) {
      create(other, r -> {});
    }
    var first = other.describeClientVpnEndpoints(r -> r.maxResults(5));
    assertThat(first.clientVpnEndpoints()).hasSize(5);
    var rest = other.describeClientVpnEndpoints(r -> r.maxResults(5).nextToken(first.nextToken()));
    assertThat(rest.clientVpnEndpoints()).hasSize(1);
    assertThat(rest.nextToken()).isNull();
    assertError(
        () -> other.describeClientVpnEndpoints(r -> r.maxResults(4)), "InvalidParameterValue");
    assertError(
        () -> other.describeClientVpnEndpoints(r -> r.filters(filter("vpc-id", vpc))),
        "InvalidParameterValue");
    other.close();
  }

  @Test
  void exportedConfigurationNamesTheEndpointAndTheCaOfItsCertificate() throws Exception {
    String id = create(r -> r.transportProtocol("tcp").vpnPort(1194));
    String config =
        ec2.exportClientVpnClientConfiguration(r -> r.clientVpnEndpointId(id))
            .clientConfiguration();
    assertThat(config)
        .startsWith("client\n")
        .contains("proto tcp\n")
        .contains("remote " + id + ".prod.clientvpn." + REGION + ".amazonaws.com 1194\n")
        .contains("remote-random-hostname\n");
    String ca =
        ControlApi.send(TestServer.endpoint(), "GET", "/_ec2double/ca.pem", null).body().strip();
    assertThat(config).contains("<ca>\n" + ca + "\n</ca>");
    assertError(
        () ->
            ec2.exportClientVpnClientConfiguration(
                r -> r.clientVpnEndpointId("cvpn-endpoint-0123456789abcdef0")),
        "InvalidClientVpnEndpointId.NotFound");
  }
}
