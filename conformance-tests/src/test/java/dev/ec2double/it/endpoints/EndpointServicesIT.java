package dev.ec2double.it.endpoints;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AllowedPrincipal;
import software.amazon.awssdk.services.ec2.model.ConnectionNotification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointConnection;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/**
 * PrivateLink between two accounts on the mock backend: a provider's endpoint service on its
 * network load balancer, the permission that lets a consumer account see it, the consumer's
 * endpoint waiting for acceptance, and the provider accepting and rejecting it.
 */
class EndpointServicesIT {
  private static final String PROVIDER = "310000000001";
  private static final String CONSUMER = "310000000002";
  private static Ec2Client provider;
  private static Ec2Client consumer;
  private static ElasticLoadBalancingV2Client elb;

  @BeforeAll
  static void clients() {
    provider = TestServer.ec2("us-east-1", PROVIDER);
    consumer = TestServer.ec2("us-east-1", CONSUMER);
    elb = Elbv2Clients.of(TestServer.endpoint(), PROVIDER);
  }

  @AfterAll
  static void close() {
    provider.close();
    consumer.close();
    elb.close();
  }

  private static String nlb(String name, LoadBalancerTypeEnum type) {
    List<String> subnets = Elbv2Clients.twoSubnets(TestServer.endpoint(), PROVIDER);
    return elb.createLoadBalancer(r -> r.name(name).type(type).subnets(subnets.get(0)))
        .loadBalancers()
        .get(0)
        .loadBalancerArn();
  }

  private static ServiceConfiguration service(String lbArn) {
    return provider
        .createVpcEndpointServiceConfiguration(
            r ->
                r.networkLoadBalancerArns(lbArn)
                    .privateDnsName("api.example.com")
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.VPC_ENDPOINT_SERVICE)
                            .tags(Tag.builder().key("team").value("pay").build())
                            .build()))
        .serviceConfiguration();
  }

  private static String consumerSubnet() {
    return Elbv2Clients.twoSubnets(TestServer.endpoint(), CONSUMER).get(0);
  }

  @Test
  void aConsumerAllowedOnTheServiceConnectsAndTheProviderDecides() {
    String lb = nlb("vpce-svc-nlb", LoadBalancerTypeEnum.NETWORK);
    ServiceConfiguration svc = service(lb);
    assertThat(svc.serviceId()).matches("vpce-svc-[0-9a-f]{17}");
    assertThat(svc.serviceName()).isEqualTo("com.amazonaws.vpce.us-east-1." + svc.serviceId());
    assertThat(svc.serviceStateAsString()).isEqualTo("Available");
    assertThat(svc.serviceType().get(0).serviceTypeAsString()).isEqualTo("Interface");
    assertThat(svc.acceptanceRequired()).isTrue();
    assertThat(svc.networkLoadBalancerArns()).containsExactly(lb);
    assertThat(svc.availabilityZones()).containsExactly("us-east-1a");
    assertThat(svc.privateDnsNameConfiguration().stateAsString()).isEqualTo("pendingVerification");
    assertThat(svc.privateDnsNameConfiguration().type()).isEqualTo("TXT");
    assertThat(svc.tags()).extracting(Tag::value).containsExactly("pay");

    // the load balancer is the service's alone; an unknown one is refused
    assertError(
        () -> provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(lb)),
        "InvalidParameter");
    assertError(
        () ->
            provider.createVpcEndpointServiceConfiguration(
                r -> r.networkLoadBalancerArns(lb.replace("/net/", "/net/x"))),
        "InvalidParameter");
    assertError(
        () -> provider.createVpcEndpointServiceConfiguration(r -> r.acceptanceRequired(false)),
        "InvalidParameter");

    // the consumer sees nothing until it is allowed
    assertError(
        () -> consumer.describeVpcEndpointServices(r -> r.serviceNames(svc.serviceName())),
        "InvalidServiceName");
    String subnet = consumerSubnet();
    assertError(() -> connect(svc, subnet), "InvalidServiceName");
    assertError(
        () ->
            provider.modifyVpcEndpointServicePermissions(
                r -> r.serviceId(svc.serviceId()).addAllowedPrincipals("someone")),
        "InvalidPrincipal");
    var added =
        provider.modifyVpcEndpointServicePermissions(
            r ->
                r.serviceId(svc.serviceId())
                    .addAllowedPrincipals("arn:aws:iam::" + CONSUMER + ":root"));
    assertThat(added.returnValue()).isTrue();
    assertThat(added.addedPrincipals().get(0).servicePermissionId()).startsWith("vpce-svc-perm-");
    List<AllowedPrincipal> allowed =
        provider
            .describeVpcEndpointServicePermissions(
                r -> r.serviceId(svc.serviceId()).filters(filter("principal-type", "Account")))
            .allowedPrincipals();
    assertThat(allowed)
        .extracting(AllowedPrincipal::principal)
        .containsExactly("arn:aws:iam::" + CONSUMER + ":root");

    ServiceDetail seen =
        consumer
            .describeVpcEndpointServices(r -> r.serviceNames(svc.serviceName()))
            .serviceDetails()
            .get(0);
    assertThat(seen.owner()).isEqualTo(PROVIDER);
    assertThat(seen.acceptanceRequired()).isTrue();
    assertThat(seen.privateDnsName()).isNull();

    VpcEndpoint endpoint = connect(svc, subnet);
    assertThat(endpoint.stateAsString()).isEqualTo("pendingAcceptance");
    assertThat(endpoint.privateDnsEnabled()).isFalse();
    assertThat(endpoint.dnsEntries().get(0).dnsName())
        .isEqualTo(
            endpoint.vpcEndpointId() + "." + svc.serviceId() + ".us-east-1.vpce.amazonaws.com");

    VpcEndpointConnection pending =
        provider
            .describeVpcEndpointConnections(
                r -> r.filters(filter("vpc-endpoint-id", endpoint.vpcEndpointId())))
            .vpcEndpointConnections()
            .get(0);
    assertThat(pending.vpcEndpointOwner()).isEqualTo(CONSUMER);
    assertThat(pending.vpcEndpointStateAsString()).isEqualTo("pendingAcceptance");
    assertThat(pending.serviceId()).isEqualTo(svc.serviceId());
    assertThat(pending.vpcEndpointConnectionId()).startsWith("vpce-con-");

    // a service with a live connection cannot go
    assertThat(
            provider
                .deleteVpcEndpointServiceConfigurations(r -> r.serviceIds(svc.serviceId()))
                .unsuccessful()
                .get(0)
                .error()
                .code())
        .isEqualTo("ExistingVpcEndpointConnections");

    assertThat(
            provider
                .acceptVpcEndpointConnections(
                    r -> r.serviceId(svc.serviceId()).vpcEndpointIds(endpoint.vpcEndpointId()))
                .unsuccessful())
        .isEmpty();
    assertThat(state(endpoint.vpcEndpointId())).isEqualTo("available");
    assertThat(
            provider
                .acceptVpcEndpointConnections(
                    r ->
                        r.serviceId(svc.serviceId())
                            .vpcEndpointIds(endpoint.vpcEndpointId(), "vpce-0123456789abcdef0"))
                .unsuccessful())
        .extracting(u -> u.error().code())
        .containsExactly("InvalidVpcEndpointState", "InvalidVpcEndpoint.NotFound");
    provider.rejectVpcEndpointConnections(
        r -> r.serviceId(svc.serviceId()).vpcEndpointIds(endpoint.vpcEndpointId()));
    assertThat(state(endpoint.vpcEndpointId())).isEqualTo("rejected");

    // the verified private DNS name reaches the consumers
    provider.startVpcEndpointServicePrivateDnsVerification(r -> r.serviceId(svc.serviceId()));
    assertThat(
            consumer
                .describeVpcEndpointServices(r -> r.serviceNames(svc.serviceName()))
                .serviceDetails()
                .get(0)
                .privateDnsName())
        .isEqualTo("api.example.com");

    consumer.deleteVpcEndpoints(r -> r.vpcEndpointIds(endpoint.vpcEndpointId()));
    assertThat(
            provider
                .deleteVpcEndpointServiceConfigurations(r -> r.serviceIds(svc.serviceId()))
                .unsuccessful())
        .isEmpty();
    assertError(
        () -> provider.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(svc.serviceId())),
        "InvalidVpcEndpointServiceId.NotFound");
  }

  @Test
  void configurationsAreModifiedFilteredAndNotified() {
    String lb = nlb("vpce-svc-mod", LoadBalancerTypeEnum.NETWORK);
    ServiceConfiguration svc = service(lb);
    provider.modifyVpcEndpointServiceConfiguration(
        r -> r.serviceId(svc.serviceId()).acceptanceRequired(false).removePrivateDnsName(true));
    ServiceConfiguration now =
        provider
            .describeVpcEndpointServiceConfigurations(
                r ->
                    r.filters(
                        filter("service-id", svc.serviceId()),
                        filter("service-state", "Available"),
                        filter("tag:team", "pay")))
            .serviceConfigurations()
            .get(0);
    assertThat(now.acceptanceRequired()).isFalse();
    assertThat(now.privateDnsName()).isNull();
    assertError(
        () ->
            provider.modifyVpcEndpointServiceConfiguration(
                r -> r.serviceId(svc.serviceId()).removeNetworkLoadBalancerArns(lb)),
        "InvalidParameter");
    assertError(
        () -> provider.describeVpcEndpointServiceConfigurations(r -> r.filters(filter("x", "y"))),
        "InvalidParameterValue");

    provider.modifyVpcEndpointServicePayerResponsibility(
        r -> r.serviceId(svc.serviceId()).payerResponsibility("ServiceOwner"));
    assertThat(
            provider
                .describeVpcEndpointServiceConfigurations(r -> r.serviceIds(svc.serviceId()))
                .serviceConfigurations()
                .get(0)
                .payerResponsibilityAsString())
        .isEqualTo("ServiceOwner");

    String topic = "arn:aws:sns:us-east-1:" + PROVIDER + ":endpoint-events";
    ConnectionNotification n =
        provider
            .createVpcEndpointConnectionNotification(
                r ->
                    r.serviceId(svc.serviceId())
                        .connectionNotificationArn(topic)
                        .connectionEvents("Accept", "Reject"))
            .connectionNotification();
    assertThat(n.connectionNotificationId()).matches("vpce-nfn-[0-9a-f]{17}");
    assertThat(n.connectionNotificationStateAsString()).isEqualTo("Enabled");
    assertError(
        () ->
            provider.createVpcEndpointConnectionNotification(
                r ->
                    r.serviceId(svc.serviceId())
                        .connectionNotificationArn("topic")
                        .connectionEvents("Accept")),
        "InvalidParameterValue");
    assertError(
        () ->
            provider.createVpcEndpointConnectionNotification(
                r ->
                    r.serviceId(svc.serviceId())
                        .connectionNotificationArn(topic)
                        .connectionEvents("Explode")),
        "InvalidParameterValue");
    provider.modifyVpcEndpointConnectionNotification(
        r -> r.connectionNotificationId(n.connectionNotificationId()).connectionEvents("Connect"));
    assertThat(
            provider
                .describeVpcEndpointConnectionNotifications(
                    r -> r.filters(filter("service-id", svc.serviceId())))
                .connectionNotificationSet())
        .singleElement()
        .satisfies(x -> assertThat(x.connectionEvents()).containsExactly("Connect"));
    assertThat(
            provider
                .deleteVpcEndpointConnectionNotifications(
                    r ->
                        r.connectionNotificationIds(
                            n.connectionNotificationId(), "vpce-nfn-0123456789abcdef0"))
                .unsuccessful())
        .extracting(u -> u.resourceId())
        .containsExactly("vpce-nfn-0123456789abcdef0");

    // without acceptance a consumer's endpoint is available at once; a wildcard lets anyone in
    provider.modifyVpcEndpointServicePermissions(
        r -> r.serviceId(svc.serviceId()).addAllowedPrincipals("*"));
    String subnet = consumerSubnet();
    VpcEndpoint e = connect(svc, subnet);
    assertThat(state(e.vpcEndpointId())).isEqualTo("available");
    assertThat(
            consumer
                .describeVpcEndpointAssociations(r -> r.vpcEndpointIds(e.vpcEndpointId()))
                .vpcEndpointAssociations())
        .isEmpty();
    consumer.deleteVpcEndpoints(r -> r.vpcEndpointIds(e.vpcEndpointId()));
  }

  /** The consumer's interface endpoint to the service in one of its subnets. */
  private static VpcEndpoint connect(ServiceConfiguration svc, String subnet) {
    return consumer
        .createVpcEndpoint(
            r ->
                r.vpcId(vpcOf(subnet))
                    .serviceName(svc.serviceName())
                    .vpcEndpointType("Interface")
                    .subnetIds(subnet))
        .vpcEndpoint();
  }

  private static String vpcOf(String subnet) {
    return consumer.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0).vpcId();
  }

  private static String state(String endpointId) {
    return consumer
        .describeVpcEndpoints(r -> r.vpcEndpointIds(endpointId))
        .vpcEndpoints()
        .get(0)
        .stateAsString();
  }
}
