package dev.ec2double.it.verifiedaccess;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.TestServer;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointRequest;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpoint;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointTarget;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Verified Access groups and endpoints on the mock backend: endpoints on the server's own load
 * balancers, network interfaces, subnets and security groups, their policies kept as written, the
 * targets read from the server's records, the states and the dependency rules.
 */
class EndpointsIT {
  private static final String ACCOUNT = "320000000002";
  private static final String CERT =
      "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/0f6c1c8e-3a5b-4a1e-9d3e-7c2b1a0e9f11";
  private static final String POLICY =
      "permit(principal, action, resource)\nwhen {\n    context.idp.groups has \"finance\"\n};";
  private static Ec2Client ec2;
  private static ElasticLoadBalancingV2Client elb;
  private static List<Subnet> subnets;
  private static String securityGroup;

  @BeforeAll
  static void clients() {
    ec2 = TestServer.ec2("us-east-1", ACCOUNT);
    elb = Elbv2Clients.of(TestServer.endpoint(), ACCOUNT);
    subnets =
        ec2
            .describeSubnets(
                r ->
                    r.filters(
                        filter("default-for-az", "true"),
                        filter("availability-zone", "us-east-1a", "us-east-1b", "us-east-1c")))
            .subnets()
            .stream()
            .sorted(java.util.Comparator.comparing(Subnet::availabilityZone))
            .toList();
    securityGroup =
        ec2.describeSecurityGroups(r -> r.filters(filter("group-name", "default")))
            .securityGroups()
            .get(0)
            .groupId();
  }

  @AfterAll
  static void close() {
    ec2.close();
    elb.close();
  }

  private static String group(String policy) {
    String instance =
        ec2.createVerifiedAccessInstance(r -> r.description("apps"))
            .verifiedAccessInstance()
            .verifiedAccessInstanceId();
    VerifiedAccessGroup g =
        ec2.createVerifiedAccessGroup(
                r -> r.verifiedAccessInstanceId(instance).policyDocument(policy).description("g"))
            .verifiedAccessGroup();
    assertThat(g.verifiedAccessGroupId()).matches("vagr-[0-9a-f]{17}");
    assertThat(g.owner()).isEqualTo(ACCOUNT);
    assertThat(g.verifiedAccessGroupArn())
        .isEqualTo(
            "arn:aws:ec2:us-east-1:"
                + ACCOUNT
                + ":verified-access-group/"
                + g.verifiedAccessGroupId());
    return g.verifiedAccessGroupId();
  }

  private static Consumer<CreateVerifiedAccessEndpointRequest.Builder> web(String group) {
    return r ->
        r.verifiedAccessGroupId(group)
            .attachmentType("vpc")
            .applicationDomain("app.example.com")
            .domainCertificateArn(CERT)
            .endpointDomainPrefix("app")
            .securityGroupIds(securityGroup);
  }

  private static Consumer<CreateVerifiedAccessEndpointRequest.Builder> onLoadBalancer(
      String group, String arn, String... subnets) {
    return web(group)
        .andThen(
            r ->
                r.endpointType("load-balancer")
                    .loadBalancerOptions(
                        o ->
                            o.loadBalancerArn(arn).protocol("https").port(443).subnetIds(subnets)));
  }

  private static Consumer<CreateVerifiedAccessEndpointRequest.Builder> onInterface(
      String group, String eni, String protocol, int port) {
    return web(group)
        .andThen(
            r ->
                r.endpointType("network-interface")
                    .networkInterfaceOptions(
                        o -> o.networkInterfaceId(eni).protocol(protocol).port(port)));
  }

  private static Consumer<CreateVerifiedAccessEndpointRequest.Builder> onCidr(
      String group, String cidr, String protocol, int from, int to) {
    return r ->
        r.verifiedAccessGroupId(group)
            .endpointType("cidr")
            .attachmentType("vpc")
            .cidrOptions(
                o ->
                    o.cidr(cidr)
                        .protocol(protocol)
                        .subnetIds(subnet(2))
                        .portRanges(p -> p.fromPort(from).toPort(to)));
  }

  private static String subnet(int i) {
    return subnets.get(i).subnetId();
  }

  @Test
  void aLoadBalancerEndpointStandsOnTheServersLoadBalancer() {
    String group = group(POLICY);
    LoadBalancer alb =
        elb.createLoadBalancer(r -> r.name("va-alb").subnets(subnet(0), subnet(1)))
            .loadBalancers()
            .get(0);
    VerifiedAccessEndpoint e =
        ec2.createVerifiedAccessEndpoint(
                onLoadBalancer(group, alb.loadBalancerArn(), subnet(0), subnet(1)))
            .verifiedAccessEndpoint();
    String id = e.verifiedAccessEndpointId();
    assertThat(id).matches("vae-[0-9a-f]{17}");
    assertThat(e.status().codeAsString()).isEqualTo("pending");
    assertThat(e.endpointDomain())
        .matches(
            "app\\.edge-[0-9a-f]{17}\\."
                + e.verifiedAccessInstanceId()
                + "\\.prod\\.verified-access\\.us-east-1\\.amazonaws\\.com");
    assertThat(e.loadBalancerOptions().subnetIds()).containsExactly(subnet(0), subnet(1));
    assertThat(describe(id).status().codeAsString()).isEqualTo("active");
    assertThat(
            ec2.getVerifiedAccessEndpointTargets(r -> r.verifiedAccessEndpointId(id))
                .verifiedAccessEndpointTargets())
        .extracting(VerifiedAccessEndpointTarget::verifiedAccessEndpointTargetDns)
        .containsExactly(alb.dnsName());

    // a subnet the load balancer is not in, a load balancer that does not exist, options of
    // another type, a missing domain, an unknown security group
    assertError(
        () ->
            ec2.createVerifiedAccessEndpoint(
                onLoadBalancer(group, alb.loadBalancerArn(), subnet(2))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createVerifiedAccessEndpoint(
                onLoadBalancer(group, alb.loadBalancerArn() + "0", subnet(0))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createVerifiedAccessEndpoint(
                web(group)
                    .andThen(
                        r ->
                            r.endpointType("load-balancer")
                                .networkInterfaceOptions(o -> o.networkInterfaceId("eni-1")))),
        "MissingParameter");
    assertError(
        () ->
            ec2.createVerifiedAccessEndpoint(
                onLoadBalancer(group, alb.loadBalancerArn(), subnet(0))
                    .andThen(r -> r.applicationDomain(null))),
        "MissingParameter");
    assertError(
        () ->
            ec2.createVerifiedAccessEndpoint(
                onLoadBalancer(group, alb.loadBalancerArn(), subnet(0))
                    .andThen(r -> r.securityGroupIds("sg-0123456789abcdef0"))),
        "InvalidGroup.NotFound");

    // modify answers updating; the endpoint moves on
    VerifiedAccessEndpoint modified =
        ec2.modifyVerifiedAccessEndpoint(
                r ->
                    r.verifiedAccessEndpointId(id)
                        .loadBalancerOptions(o -> o.port(8443).subnetIds(subnet(1)))
                        .description("moved"))
            .verifiedAccessEndpoint();
    assertThat(modified.status().codeAsString()).isEqualTo("updating");
    assertThat(modified.loadBalancerOptions().port()).isEqualTo(8443);
    assertThat(describe(id).loadBalancerOptions().subnetIds()).containsExactly(subnet(1));
    assertError(
        () ->
            ec2.modifyVerifiedAccessEndpoint(
                r ->
                    r.verifiedAccessEndpointId(id)
                        .cidrOptions(o -> o.portRanges(p -> p.fromPort(1).toPort(2)))),
        "InvalidParameterCombination");

    // the group cannot go while the endpoint lives; the endpoint goes deleting, then deleted
    assertError(
        () -> ec2.deleteVerifiedAccessGroup(r -> r.verifiedAccessGroupId(group)),
        "DependencyViolation");
    assertThat(
            ec2.deleteVerifiedAccessEndpoint(r -> r.verifiedAccessEndpointId(id))
                .verifiedAccessEndpoint()
                .status()
                .codeAsString())
        .isEqualTo("deleting");
    VerifiedAccessEndpoint gone = describe(id);
    assertThat(gone.status().codeAsString()).isEqualTo("deleted");
    assertThat(gone.deletionTime()).isNotNull();
    assertError(
        () -> ec2.getVerifiedAccessEndpointPolicy(r -> r.verifiedAccessEndpointId(id)),
        "InvalidVerifiedAccessEndpointId.NotFound");
    String instance = gone.verifiedAccessInstanceId();
    assertError(
        () -> ec2.deleteVerifiedAccessInstance(r -> r.verifiedAccessInstanceId(instance)),
        "DependencyViolation");
    assertThat(
            ec2.deleteVerifiedAccessGroup(r -> r.verifiedAccessGroupId(group))
                .verifiedAccessGroup()
                .deletionTime())
        .isNotNull();
    ec2.deleteVerifiedAccessInstance(r -> r.verifiedAccessInstanceId(instance));
    assertError(
        () -> ec2.describeVerifiedAccessInstances(r -> r.verifiedAccessInstanceIds(instance)),
        "InvalidVerifiedAccessInstanceId.NotFound");
  }

  private static VerifiedAccessEndpoint describe(String id) {
    return ec2.describeVerifiedAccessEndpoints(r -> r.verifiedAccessEndpointIds(id))
        .verifiedAccessEndpoints()
        .get(0);
  }

  @Test
  void interfaceAndCidrEndpointsFindTheirTargetsInTheServersRecords() {
    String group = group(null);
    var eni =
        ec2.createNetworkInterface(r -> r.subnetId(subnet(2)).description("va target"))
            .networkInterface();
    VerifiedAccessEndpoint onEni =
        ec2.createVerifiedAccessEndpoint(onInterface(group, eni.networkInterfaceId(), "http", 80))
            .verifiedAccessEndpoint();
    assertThat(
            ec2.getVerifiedAccessEndpointTargets(
                    r -> r.verifiedAccessEndpointId(onEni.verifiedAccessEndpointId()))
                .verifiedAccessEndpointTargets())
        .extracting(VerifiedAccessEndpointTarget::verifiedAccessEndpointTargetIpAddress)
        .containsExactly(eni.privateIpAddress());
    assertError(
        () ->
            ec2.createVerifiedAccessEndpoint(
                onInterface(group, "eni-0123456789abcdef0", "http", 80)),
        "InvalidNetworkInterfaceID.NotFound");

    String cidr = subnets.get(2).cidrBlock();
    VerifiedAccessEndpoint onCidr =
        ec2.createVerifiedAccessEndpoint(onCidr(group, cidr, "tcp", 22, 22))
            .verifiedAccessEndpoint();
    assertThat(onCidr.endpointDomain()).isNull();
    assertThat(onCidr.cidrOptions().portRanges().get(0).fromPort()).isEqualTo(22);
    assertThat(
            ec2.getVerifiedAccessEndpointTargets(
                    r -> r.verifiedAccessEndpointId(onCidr.verifiedAccessEndpointId()))
                .verifiedAccessEndpointTargets())
        .extracting(VerifiedAccessEndpointTarget::verifiedAccessEndpointTargetIpAddress)
        .contains(eni.privateIpAddress());
    assertError(
        () -> ec2.createVerifiedAccessEndpoint(onCidr(group, cidr, "https", 22, 22)),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createVerifiedAccessEndpoint(onCidr(group, cidr, "tcp", 90, 80)),
        "InvalidParameterValue");

    VerifiedAccessEndpoint onRds =
        ec2.createVerifiedAccessEndpoint(
                r ->
                    r.verifiedAccessGroupId(group)
                        .endpointType("rds")
                        .attachmentType("vpc")
                        .rdsOptions(
                            o ->
                                o.rdsDbInstanceArn(
                                        "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:orders")
                                    .rdsEndpoint("orders.abc.us-east-1.rds.amazonaws.com")
                                    .protocol("tcp")
                                    .port(5432)
                                    .subnetIds(subnet(0))))
            .verifiedAccessEndpoint();
    assertThat(
            ec2.getVerifiedAccessEndpointTargets(
                    r -> r.verifiedAccessEndpointId(onRds.verifiedAccessEndpointId()))
                .verifiedAccessEndpointTargets())
        .extracting(VerifiedAccessEndpointTarget::verifiedAccessEndpointTargetDns)
        .containsExactly("orders.abc.us-east-1.rds.amazonaws.com");

    // the instance's client configuration routes the CIDR endpoint's range
    var config =
        ec2.exportVerifiedAccessInstanceClientConfiguration(
            r -> r.verifiedAccessInstanceId(onCidr.verifiedAccessInstanceId()));
    assertThat(config.openVpnConfigurations().get(0).routes().get(0).cidr()).isEqualTo(cidr);

    assertThat(
            ec2.describeVerifiedAccessEndpoints(
                    r ->
                        r.verifiedAccessGroupId(group)
                            .filters(filter("endpoint-type", "cidr", "rds")))
                .verifiedAccessEndpoints())
        .extracting(VerifiedAccessEndpoint::verifiedAccessEndpointId)
        .containsExactlyInAnyOrder(
            onCidr.verifiedAccessEndpointId(), onRds.verifiedAccessEndpointId());
  }

  @Test
  void policiesAreKeptAsWrittenAndChecked() {
    String group = group(POLICY);
    var got = ec2.getVerifiedAccessGroupPolicy(r -> r.verifiedAccessGroupId(group));
    assertThat(got.policyEnabled()).isTrue();
    assertThat(got.policyDocument()).isEqualTo(POLICY);
    assertError(
        () ->
            ec2.modifyVerifiedAccessGroupPolicy(
                r -> r.verifiedAccessGroupId(group).policyEnabled(true)),
        "MissingParameter");
    assertError(
        () ->
            ec2.modifyVerifiedAccessGroupPolicy(
                r -> r.verifiedAccessGroupId(group).policyDocument("allow everything")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.modifyVerifiedAccessGroupPolicy(
                r ->
                    r.verifiedAccessGroupId(group)
                        .policyDocument("permit(principal, action, resource) when { true }")),
        "InvalidParameterValue");
    String two =
        "@id(\"deny-contractors\")\nforbid(principal, action, resource) unless {"
            + " context.idp.user.email.address like \"*@example.com\" };\n"
            + "permit(principal, action in [Action::\"a\", Action::\"b\"], resource);";
    var modified =
        ec2.modifyVerifiedAccessGroupPolicy(
            r ->
                r.verifiedAccessGroupId(group)
                    .policyEnabled(true)
                    .policyDocument(two)
                    .sseSpecification(
                        s ->
                            s.customerManagedKeyEnabled(true)
                                .kmsKeyArn(
                                    "arn:aws:kms:us-east-1:"
                                        + ACCOUNT
                                        + ":key/1234abcd-12ab-34cd-56ef-1234567890ab")));
    assertThat(modified.policyDocument()).isEqualTo(two);
    assertThat(modified.sseSpecification().customerManagedKeyEnabled()).isTrue();
    var disabled =
        ec2.modifyVerifiedAccessGroupPolicy(
            r -> r.verifiedAccessGroupId(group).policyEnabled(false));
    assertThat(disabled.policyEnabled()).isFalse();
    assertThat(
            ec2.describeVerifiedAccessGroups(r -> r.verifiedAccessGroupIds(group))
                .verifiedAccessGroups()
                .get(0)
                .sseSpecification()
                .kmsKeyArn())
        .endsWith(":key/1234abcd-12ab-34cd-56ef-1234567890ab");

    var eni = ec2.createNetworkInterface(r -> r.subnetId(subnet(0))).networkInterface();
    String endpoint =
        ec2.createVerifiedAccessEndpoint(onInterface(group, eni.networkInterfaceId(), "https", 443))
            .verifiedAccessEndpoint()
            .verifiedAccessEndpointId();
    var none = ec2.getVerifiedAccessEndpointPolicy(r -> r.verifiedAccessEndpointId(endpoint));
    assertThat(none.policyEnabled()).isFalse();
    assertThat(none.policyDocument()).isNull();
    ec2.modifyVerifiedAccessEndpointPolicy(
        r -> r.verifiedAccessEndpointId(endpoint).policyEnabled(true).policyDocument(POLICY));
    assertThat(
            ec2.getVerifiedAccessEndpointPolicy(r -> r.verifiedAccessEndpointId(endpoint))
                .policyDocument())
        .isEqualTo(POLICY);
  }
}
