package dev.ec2double.it.elbv2;

import static dev.ec2double.it.elbv2.Elbv2Fixture.assertError;
import static dev.ec2double.it.elbv2.Elbv2Fixture.name;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Cipher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeCapacityReservationResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyCapacityReservationResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ZonalCapacityReservationState;

/**
 * A load balancer's capacity reservation, IP address type, IPAM pools and attributes, and the SSL
 * policies listeners may name.
 */
class LoadBalancerSettingsIT {
  private static Elbv2Fixture f;

  @BeforeAll
  static void server() {
    f = new Elbv2Fixture(TestServer.get(), "444455556666");
  }

  @AfterAll
  static void close() {
    f.close();
  }

  @Test
  void reservesCapacitySpreadOverTheZonesAndCountsDecreases(TestInfo test) {
    String lb = f.lb(name(test)).loadBalancerArn();
    DescribeCapacityReservationResponse none =
        f.elb.describeCapacityReservation(r -> r.loadBalancerArn(lb));
    assertThat(none.minimumLoadBalancerCapacity()).isNull();
    assertThat(none.capacityReservationState()).isEmpty();
    assertThat(none.decreaseRequestsRemaining()).isEqualTo(2);

    ModifyCapacityReservationResponse up =
        f.elb.modifyCapacityReservation(
            r -> r.loadBalancerArn(lb).minimumLoadBalancerCapacity(m -> m.capacityUnits(400)));
    assertThat(up.minimumLoadBalancerCapacity().capacityUnits()).isEqualTo(400);
    assertThat(up.lastModifiedTime()).isNotNull();
    assertThat(up.capacityReservationState())
        .extracting(ZonalCapacityReservationState::availabilityZone)
        .containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
    assertThat(up.capacityReservationState())
        .allSatisfy(
            z -> {
              assertThat(z.effectiveCapacityUnits()).isEqualTo(200.0);
              assertThat(z.state().codeAsString()).isEqualTo("provisioned");
            });

    f.elb.modifyCapacityReservation(
        r -> r.loadBalancerArn(lb).minimumLoadBalancerCapacity(m -> m.capacityUnits(300)));
    f.elb.modifyCapacityReservation(r -> r.loadBalancerArn(lb).resetCapacityReservation(true));
    DescribeCapacityReservationResponse reset =
        f.elb.describeCapacityReservation(r -> r.loadBalancerArn(lb));
    assertThat(reset.minimumLoadBalancerCapacity()).isNull();
    assertThat(reset.decreaseRequestsRemaining()).isZero();

    f.elb.modifyCapacityReservation(
        r -> r.loadBalancerArn(lb).minimumLoadBalancerCapacity(m -> m.capacityUnits(200)));
    assertError(
        "CapacityDecreaseRequestLimitExceeded",
        () ->
            f.elb.modifyCapacityReservation(
                r -> r.loadBalancerArn(lb).minimumLoadBalancerCapacity(m -> m.capacityUnits(100))));
    assertThat(
            f.elb
                .describeCapacityReservation(r -> r.loadBalancerArn(lb))
                .minimumLoadBalancerCapacity()
                .capacityUnits())
        .isEqualTo(200);
  }

  @Test
  void refusesCapacityRequestsAwsRefuses(TestInfo test) {
    String lb = f.lb(name(test)).loadBalancerArn();
    assertError(
        "ValidationError", () -> f.elb.modifyCapacityReservation(r -> r.loadBalancerArn(lb)));
    assertError(
        "ValidationError",
        () ->
            f.elb.modifyCapacityReservation(
                r ->
                    r.loadBalancerArn(lb)
                        .resetCapacityReservation(true)
                        .minimumLoadBalancerCapacity(m -> m.capacityUnits(100))));
    assertError(
        "InvalidConfigurationRequest",
        () ->
            f.elb.modifyCapacityReservation(
                r -> r.loadBalancerArn(lb).minimumLoadBalancerCapacity(m -> m.capacityUnits(99))));
    assertError(
        "CapacityUnitsLimitExceeded",
        () ->
            f.elb.modifyCapacityReservation(
                r ->
                    r.loadBalancerArn(lb).minimumLoadBalancerCapacity(m -> m.capacityUnits(1501))));
    String gone = lb.replaceAll(".{16}$", "0123456789abcdef");
    assertError(
        "LoadBalancerNotFound",
        () -> f.elb.describeCapacityReservation(r -> r.loadBalancerArn(gone)));
  }

  @Test
  void setsTheIpAddressTypeAndIpamPools(TestInfo test) {
    LoadBalancer lb = f.lb(name(test));
    assertThat(
            f.elb
                .setIpAddressType(
                    r -> r.loadBalancerArn(lb.loadBalancerArn()).ipAddressType("dualstack"))
                .ipAddressTypeAsString())
        .isEqualTo("dualstack");
    assertThat(
            f.elb
                .modifyIpPools(
                    r ->
                        r.loadBalancerArn(lb.loadBalancerArn())
                            .ipamPools(p -> p.ipv4IpamPoolId("ipam-pool-0123456789abcdef0")))
                .ipamPools()
                .ipv4IpamPoolId())
        .isEqualTo("ipam-pool-0123456789abcdef0");
    LoadBalancer described =
        f.elb.describeLoadBalancers(r -> r.names(name(test))).loadBalancers().get(0);
    assertThat(described.ipAddressTypeAsString()).isEqualTo("dualstack");
    assertThat(described.ipamPools().ipv4IpamPoolId()).isEqualTo("ipam-pool-0123456789abcdef0");

    assertError(
        "ValidationError",
        () ->
            f.elb.setIpAddressType(
                r -> r.loadBalancerArn(lb.loadBalancerArn()).ipAddressType("ipv6")));
    assertError(
        "ValidationError",
        () ->
            f.elb.modifyIpPools(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .ipamPools(p -> p.ipv4IpamPoolId("pool-1"))));
    f.elb.modifyIpPools(
        r -> r.loadBalancerArn(lb.loadBalancerArn()).removeIpamPoolsWithStrings("ipv4"));
    assertThat(
            f.elb
                .describeLoadBalancers(r -> r.names(name(test)))
                .loadBalancers()
                .get(0)
                .ipamPools())
        .isNull();
  }

  @Test
  void createLoadBalancerChecksTheAddressTypeAndKeepsTheIpamPool(TestInfo test) {
    assertError(
        "InvalidConfigurationRequest",
        () ->
            f.elb.createLoadBalancer(
                r ->
                    r.name(name(test))
                        .subnets(f.subnets)
                        .scheme("internal")
                        .ipAddressType("dualstack-without-public-ipv4")));
    assertError(
        "ValidationError",
        () ->
            f.elb.createLoadBalancer(
                r -> r.name(name(test)).subnets(f.subnets).ipamPools(p -> p.ipv4IpamPoolId("x"))));
    LoadBalancer lb =
        f.elb
            .createLoadBalancer(
                r ->
                    r.name(name(test))
                        .subnets(f.subnets)
                        .ipAddressType("dualstack-without-public-ipv4")
                        .ipamPools(p -> p.ipv4IpamPoolId("ipam-pool-0fedcba9876543210")))
            .loadBalancers()
            .get(0);
    assertThat(lb.ipAddressTypeAsString()).isEqualTo("dualstack-without-public-ipv4");
    assertThat(lb.ipamPools().ipv4IpamPoolId()).isEqualTo("ipam-pool-0fedcba9876543210");
  }

  @Test
  void keepsEveryApplicationLoadBalancerAttribute(TestInfo test) {
    LoadBalancer lb = f.lb(name(test));
    LoadBalancer internal =
        f.elb
            .createLoadBalancer(r -> r.name(name(test) + "i").subnets(f.subnets).scheme("internal"))
            .loadBalancers()
            .get(0);
    assertThat(attributes(lb.loadBalancerArn()))
        .contains(
            attr("health_check_logs.s3.enabled", "false"),
            attr("health_check_logs.s3.bucket", ""),
            attr("ipv6.deny_all_igw_traffic", "false"),
            attr("load_balancing.cross_zone.enabled", "true"));
    assertThat(attributes(internal.loadBalancerArn()))
        .contains(attr("ipv6.deny_all_igw_traffic", "true"));

    f.elb.modifyLoadBalancerAttributes(
        r ->
            r.loadBalancerArn(lb.loadBalancerArn())
                .attributes(
                    attr("health_check_logs.s3.enabled", "true"),
                    attr("health_check_logs.s3.bucket", "logs")));
    assertThat(attributes(lb.loadBalancerArn()))
        .contains(
            attr("health_check_logs.s3.enabled", "true"),
            attr("health_check_logs.s3.bucket", "logs"));
    assertError(
        "InvalidConfigurationRequest",
        () ->
            f.elb.modifyLoadBalancerAttributes(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .attributes(attr("load_balancing.cross_zone.enabled", "false"))));
    assertError(
        "ValidationError",
        () ->
            f.elb.modifyLoadBalancerAttributes(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .attributes(attr("ipv6.deny_all_igw_traffic", "maybe"))));
  }

  @Test
  void describesAwsSecurityPoliciesWithTheirCiphersInPriorityOrder() {
    List<SslPolicy> all = f.elb.describeSSLPolicies(r -> {}).sslPolicies();
    assertThat(all).hasSize(18);
    assertThat(all).extracting(SslPolicy::name).doesNotHaveDuplicates();
    // in the order AWS lists them (the API reference's describe-ssl-policies example)
    assertThat(all)
        .extracting(SslPolicy::name)
        .startsWith("ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS13-1-2-2021-06")
        .endsWith("ELBSecurityPolicy-FS-1-2-2019-08", "ELBSecurityPolicy-FS-1-2-Res-2020-10");

    SslPolicy tls13 =
        f.elb
            .describeSSLPolicies(r -> r.names("ELBSecurityPolicy-TLS13-1-3-2021-06"))
            .sslPolicies()
            .get(0);
    assertThat(tls13.sslProtocols()).containsExactly("TLSv1.3");
    assertThat(tls13.ciphers())
        .extracting(Cipher::name, Cipher::priority)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("TLS_AES_128_GCM_SHA256", 1),
            org.assertj.core.groups.Tuple.tuple("TLS_AES_256_GCM_SHA384", 2),
            org.assertj.core.groups.Tuple.tuple("TLS_CHACHA20_POLY1305_SHA256", 3));
    assertThat(tls13.supportedLoadBalancerTypes()).containsExactly("application", "network");
    SslPolicy legacy =
        f.elb
            .describeSSLPolicies(r -> r.names("ELBSecurityPolicy-TLS-1-0-2015-04"))
            .sslPolicies()
            .get(0);
    assertThat(legacy.ciphers())
        .hasSize(19)
        .last()
        .extracting(Cipher::name)
        .isEqualTo("DES-CBC3-SHA");

    assertThat(f.elb.describeSSLPolicies(r -> r.loadBalancerType("network")).sslPolicies())
        .hasSize(18);
    assertThat(f.elb.describeSSLPolicies(r -> r.loadBalancerType("gateway")).sslPolicies())
        .isEmpty();
    var page = f.elb.describeSSLPolicies(r -> r.pageSize(5));
    assertThat(page.sslPolicies()).hasSize(5);
    assertThat(f.elb.describeSSLPolicies(r -> r.marker(page.nextMarker())).sslPolicies())
        .hasSize(13);
    assertError(
        "SSLPolicyNotFound",
        () -> f.elb.describeSSLPolicies(r -> r.names("ELBSecurityPolicy-2016-08", "Nope")));
  }

  private static LoadBalancerAttribute attr(String key, String value) {
    return LoadBalancerAttribute.builder().key(key).value(value).build();
  }

  private static List<LoadBalancerAttribute> attributes(String arn) {
    return f.elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes();
  }
}
