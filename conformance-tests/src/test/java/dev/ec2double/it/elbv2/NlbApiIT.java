package dev.ec2double.it.elbv2;

import static dev.ec2double.it.elbv2.Elbv2Fixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Network and gateway load balancers through the API, with AWS's rules and error codes: an NLB in
 * one zone without security groups, its TCP/UDP target groups' defaults and attributes, listeners
 * whose protocols and actions must fit, no rules; a gateway load balancer's GENEVE target groups
 * and port-less listeners; the AWS CLI v2 drives an NLB once. Mock backend: no traffic here (see
 * NlbTrafficIT).
 */
class NlbApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Elbv2Fixture f;

  @BeforeAll
  static void server() {
    f = new Elbv2Fixture(TestServer.get(), "AKIDEXAMPLE");
  }

  @AfterAll
  static void close() {
    if (f != null) {
      f.close();
    }
  }

  private static LoadBalancer nlb(String name) {
    return f.elb
        .createLoadBalancer(
            r -> r.name(name).type(LoadBalancerTypeEnum.NETWORK).subnets(f.subnets.get(0)))
        .loadBalancers()
        .get(0);
  }

  private static TargetGroup group(String name, ProtocolEnum protocol) {
    return f.elb
        .createTargetGroup(r -> r.name(name).protocol(protocol).port(7000).vpcId(f.vpcId))
        .targetGroups()
        .get(0);
  }

  private static Map<String, String> lbAttributes(String arn) {
    return f.elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().stream()
        .collect(Collectors.toMap(a -> a.key(), a -> a.value()));
  }

  private static Map<String, String> tgAttributes(String arn) {
    return f.elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes().stream()
        .collect(Collectors.toMap(a -> a.key(), a -> a.value()));
  }

  @Test
  void anNlbTakesOneZoneAndNoSecurityGroupsAndHasItsOwnAttributes(TestInfo test) {
    LoadBalancer lb = nlb(Elbv2Fixture.name(test));

    assertThat(lb.type()).isEqualTo(LoadBalancerTypeEnum.NETWORK);
    assertThat(lb.availabilityZones()).hasSize(1);
    assertThat(lb.securityGroups()).isEmpty();
    assertThat(lb.canonicalHostedZoneId()).isEqualTo("Z26RNL4JYFTOTI");
    Map<String, String> attributes = lbAttributes(lb.loadBalancerArn());
    assertThat(attributes)
        .containsEntry("load_balancing.cross_zone.enabled", "false")
        .containsEntry("dns_record.client_routing_policy", "any_availability_zone")
        .doesNotContainKey("idle_timeout.timeout_seconds");

    f.elb.modifyLoadBalancerAttributes(
        r ->
            r.loadBalancerArn(lb.loadBalancerArn())
                .attributes(a -> a.key("load_balancing.cross_zone.enabled").value("true")));
    assertThat(lbAttributes(lb.loadBalancerArn()))
        .containsEntry("load_balancing.cross_zone.enabled", "true");
    assertError(
        "ValidationError",
        () ->
            f.elb.modifyLoadBalancerAttributes(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .attributes(a -> a.key("idle_timeout.timeout_seconds").value("30"))));
    assertError(
        "InvalidConfigurationRequest",
        () ->
            f.elb.setSecurityGroups(
                r -> r.loadBalancerArn(lb.loadBalancerArn()).securityGroups("sg-12345678")));
    // an ALB still needs two zones
    assertError(
        "ValidationError",
        () -> f.elb.createLoadBalancer(r -> r.name("one-zone-alb").subnets(f.subnets.get(0))));
  }

  @Test
  void subnetMappingsTakeAnElasticIpWhenInternetFacingAndAPrivateAddressWhenInternal(
      TestInfo test) {
    String name = Elbv2Fixture.name(test);
    LoadBalancer lb =
        f.elb
            .createLoadBalancer(
                r ->
                    r.name(name)
                        .type(LoadBalancerTypeEnum.NETWORK)
                        .subnetMappings(
                            m ->
                                m.subnetId(f.subnets.get(0))
                                    .allocationId("eipalloc-0123456789abcdef0")))
            .loadBalancers()
            .get(0);
    assertThat(lb.availabilityZones().get(0).loadBalancerAddresses().get(0).allocationId())
        .isEqualTo("eipalloc-0123456789abcdef0");

    assertError(
        "ValidationError",
        () ->
            f.elb.createLoadBalancer(
                r ->
                    r.name(name + "i")
                        .type(LoadBalancerTypeEnum.NETWORK)
                        .scheme(LoadBalancerSchemeEnum.INTERNAL)
                        .subnetMappings(
                            m ->
                                m.subnetId(f.subnets.get(0))
                                    .allocationId("eipalloc-0123456789abcdef0"))));
    assertError(
        "ValidationError",
        () ->
            f.elb.createLoadBalancer(
                r ->
                    r.name(name + "p")
                        .type(LoadBalancerTypeEnum.NETWORK)
                        .subnetMappings(
                            m -> m.subnetId(f.subnets.get(0)).privateIPv4Address("172.31.0.10"))));
  }

  @Test
  void tcpAndUdpTargetGroupsHaveTheNlbsDefaultsAndAttributes(TestInfo test) {
    String name = Elbv2Fixture.name(test);
    TargetGroup tcp = group(name, ProtocolEnum.TCP);

    assertThat(tcp.healthCheckProtocol()).isEqualTo(ProtocolEnum.TCP);
    assertThat(tcp.healthCheckPort()).isEqualTo("traffic-port");
    assertThat(tcp.healthCheckIntervalSeconds()).isEqualTo(30);
    assertThat(tcp.healthCheckTimeoutSeconds()).isEqualTo(10);
    assertThat(tcp.healthyThresholdCount()).isEqualTo(5);
    assertThat(tcp.matcher()).isNull();
    assertThat(tgAttributes(tcp.targetGroupArn()))
        .containsEntry("preserve_client_ip.enabled", "true")
        .containsEntry("proxy_protocol_v2.enabled", "false")
        .containsEntry("stickiness.type", "source_ip")
        .containsEntry("deregistration_delay.connection_termination.enabled", "false")
        .doesNotContainKey("slow_start.duration_seconds");
    assertError(
        "ValidationError",
        () ->
            f.elb.modifyTargetGroupAttributes(
                r ->
                    r.targetGroupArn(tcp.targetGroupArn())
                        .attributes(a -> a.key("stickiness.type").value("lb_cookie"))));

    TargetGroup udp = group(name + "u", ProtocolEnum.UDP);
    assertError(
        "InvalidConfigurationRequest",
        () ->
            f.elb.modifyTargetGroupAttributes(
                r ->
                    r.targetGroupArn(udp.targetGroupArn())
                        .attributes(a -> a.key("preserve_client_ip.enabled").value("false"))));
    assertError(
        "ValidationError",
        () ->
            f.elb.createTargetGroup(
                r ->
                    r.name(name + "x")
                        .protocol(ProtocolEnum.UDP)
                        .port(53)
                        .vpcId(f.vpcId)
                        .healthCheckProtocol(ProtocolEnum.UDP)));
    assertError(
        "ValidationError",
        () ->
            f.elb.createTargetGroup(
                r ->
                    r.name(name + "y")
                        .protocol(ProtocolEnum.TCP)
                        .port(80)
                        .vpcId(f.vpcId)
                        .healthCheckPath("/health")));
  }

  @Test
  void tlsListenersTakeACertificateAPolicyAnAlpnPolicyAndTcpOrTlsGroups(TestInfo test) {
    String name = Elbv2Fixture.name(test);
    LoadBalancer lb = nlb(name);
    TargetGroup tls = group(name, ProtocolEnum.TLS);
    TargetGroup udp = group(name + "u", ProtocolEnum.UDP);
    String cert = f.certificate("tls-" + name);
    Listener l =
        f.elb
            .createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .protocol(ProtocolEnum.TLS)
                        .port(443)
                        .certificates(c -> c.certificateArn(cert))
                        .defaultActions(Albs.forward(tls.targetGroupArn())))
            .listeners()
            .get(0);
    assertThat(l.sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
    assertThat(l.alpnPolicy()).isEmpty();
    assertThat(tls.healthCheckProtocol()).isEqualTo(ProtocolEnum.TCP);
    Listener modified =
        f.elb
            .modifyListener(
                r ->
                    r.listenerArn(l.listenerArn())
                        .alpnPolicy("HTTP2Optional")
                        .sslPolicy("ELBSecurityPolicy-TLS13-1-2-2021-06"))
            .listeners()
            .get(0);
    assertThat(modified.alpnPolicy()).containsExactly("HTTP2Optional");
    assertThat(modified.certificates().get(0).certificateArn()).isEqualTo(cert);
    f.elb.addListenerCertificates(
        r -> r.listenerArn(l.listenerArn()).certificates(c -> c.certificateArn(cert + "-2")));
    assertThat(
            f.elb.describeListenerCertificates(r -> r.listenerArn(l.listenerArn())).certificates())
        .hasSize(2);

    java.util.function.Function<
            java.util.function.Consumer<
                software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest
                    .Builder>,
            org.assertj.core.api.ThrowableAssert.ThrowingCallable>
        create =
            more ->
                () ->
                    f.elb.createListener(
                        r -> {
                          r.loadBalancerArn(lb.loadBalancerArn())
                              .protocol(ProtocolEnum.TLS)
                              .port(8443)
                              .certificates(c -> c.certificateArn(cert))
                              .defaultActions(Albs.forward(tls.targetGroupArn()));
                          more.accept(r);
                        });
    assertError("ValidationError", create.apply(r -> r.certificates(List.of())));
    assertError("SSLPolicyNotFound", create.apply(r -> r.sslPolicy("NoSuchPolicy")));
    assertError("ALPNPolicyNotFound", create.apply(r -> r.alpnPolicy("HTTP3Only")));
    assertError("ValidationError", create.apply(r -> r.alpnPolicy("HTTP1Only", "HTTP2Only")));
    assertError(
        "ValidationError", create.apply(r -> r.mutualAuthentication(m -> m.mode("verify"))));
    assertError(
        "IncompatibleProtocols",
        create.apply(r -> r.defaultActions(Albs.forward(udp.targetGroupArn()))));
    assertError(
        "IncompatibleProtocols",
        create.apply(
            r ->
                r.protocol(ProtocolEnum.TCP)
                    .certificates(List.of())
                    .defaultActions(Albs.forward(tls.targetGroupArn()))));
    assertError(
        "ValidationError",
        create.apply(
            r ->
                r.protocol(ProtocolEnum.TCP)
                    .defaultActions(
                        Albs.forward(group(name + "t", ProtocolEnum.TCP).targetGroupArn()))));
  }

  @Test
  void listenersTakeLayer4ProtocolsAMatchingTargetGroupAndNoRules(TestInfo test) {
    String name = Elbv2Fixture.name(test);
    LoadBalancer lb = nlb(name);
    TargetGroup tcp = group(name, ProtocolEnum.TCP);
    TargetGroup http = f.tg(name + "h");

    Listener l =
        f.elb
            .createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .protocol(ProtocolEnum.TCP)
                        .port(7000)
                        .defaultActions(Albs.forward(tcp.targetGroupArn())))
            .listeners()
            .get(0);
    assertThat(l.protocol()).isEqualTo(ProtocolEnum.TCP);
    assertThat(f.elb.describeListenerAttributes(r -> r.listenerArn(l.listenerArn())).attributes())
        .anyMatch(a -> a.key().equals("tcp.idle_timeout.seconds") && a.value().equals("350"));
    Listener moved =
        f.elb.modifyListener(r -> r.listenerArn(l.listenerArn()).port(7001)).listeners().get(0);
    assertThat(moved.port()).isEqualTo(7001);

    assertError(
        "UnsupportedProtocol",
        () ->
            f.elb.createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .protocol(ProtocolEnum.HTTP)
                        .port(80)
                        .defaultActions(Albs.forward(tcp.targetGroupArn()))));
    assertError(
        "IncompatibleProtocols",
        () ->
            f.elb.createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .protocol(ProtocolEnum.TCP)
                        .port(81)
                        .defaultActions(Albs.forward(http.targetGroupArn()))));
    assertError(
        "InvalidLoadBalancerAction",
        () ->
            f.elb.createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .protocol(ProtocolEnum.TCP)
                        .port(82)
                        .defaultActions(
                            Action.builder()
                                .type(ActionTypeEnum.FIXED_RESPONSE)
                                .fixedResponseConfig(c -> c.statusCode("200"))
                                .build())));
    assertError(
        "ValidationError",
        () ->
            f.elb.createRule(
                r ->
                    r.listenerArn(l.listenerArn())
                        .priority(1)
                        .conditions(c -> c.field("path-pattern").values("/a"))
                        .actions(Albs.forward(tcp.targetGroupArn()))));
    // and an ALB's listener cannot forward to a TCP target group
    LoadBalancer alb = f.lb(name + "a");
    TargetGroup unused = group(name + "t", ProtocolEnum.TCP);
    assertError(
        "IncompatibleProtocols",
        () ->
            f.elb.createListener(
                r ->
                    r.loadBalancerArn(alb.loadBalancerArn())
                        .port(80)
                        .defaultActions(Albs.forward(unused.targetGroupArn()))));
  }

  @Test
  void aGatewayLoadBalancerForwardsToGeneveTargetGroupsOnPort6081(TestInfo test) {
    String name = Elbv2Fixture.name(test);
    assertError(
        "ValidationError",
        () ->
            f.elb.createLoadBalancer(
                r ->
                    r.name(name)
                        .type(LoadBalancerTypeEnum.GATEWAY)
                        .subnets(f.subnets.get(0))
                        .securityGroups("sg-12345678")));
    LoadBalancer gwlb =
        f.elb
            .createLoadBalancer(
                r -> r.name(name).type(LoadBalancerTypeEnum.GATEWAY).subnets(f.subnets.get(0)))
            .loadBalancers()
            .get(0);
    assertThat(gwlb.type()).isEqualTo(LoadBalancerTypeEnum.GATEWAY);
    assertThat(gwlb.scheme()).isNull();
    assertError(
        "ValidationError",
        () ->
            f.elb.createTargetGroup(
                r -> r.name(name).protocol(ProtocolEnum.GENEVE).port(6082).vpcId(f.vpcId)));
    TargetGroup geneve =
        f.elb
            .createTargetGroup(
                r -> r.name(name).protocol(ProtocolEnum.GENEVE).port(6081).vpcId(f.vpcId))
            .targetGroups()
            .get(0);
    assertThat(geneve.healthCheckPort()).isEqualTo("80");
    assertThat(tgAttributes(geneve.targetGroupArn()))
        .containsEntry("target_failover.on_unhealthy", "no_rebalance")
        .containsEntry("stickiness.type", "source_ip_dest_ip_proto");

    assertError(
        "ValidationError",
        () ->
            f.elb.createListener(
                r ->
                    r.loadBalancerArn(gwlb.loadBalancerArn())
                        .port(6081)
                        .defaultActions(Albs.forward(geneve.targetGroupArn()))));
    Listener l =
        f.elb
            .createListener(
                r ->
                    r.loadBalancerArn(gwlb.loadBalancerArn())
                        .defaultActions(Albs.forward(geneve.targetGroupArn())))
            .listeners()
            .get(0);
    assertThat(l.port()).isNull();
    assertThat(l.protocol()).isNull();
    assertThat(
            f.elb
                .describeTargetGroups(r -> r.targetGroupArns(geneve.targetGroupArn()))
                .targetGroups()
                .get(0)
                .loadBalancerArns())
        .containsExactly(gwlb.loadBalancerArn());
  }

  @Test
  void theAwsCliDrivesAnNlb(TestInfo test) throws Exception {
    AwsCli.requireInstalled("NlbApiIT");
    String name = "cli" + Elbv2Fixture.name(test).substring(0, 20);
    JsonNode lb =
        aws(
                "elbv2",
                "create-load-balancer",
                "--name",
                name,
                "--type",
                "network",
                "--subnets",
                f.subnets.get(0))
            .get("LoadBalancers")
            .get(0);
    assertThat(lb.get("Type").asText()).isEqualTo("network");
    JsonNode tg =
        aws(
                "elbv2",
                "create-target-group",
                "--name",
                name,
                "--protocol",
                "TCP_UDP",
                "--port",
                "53",
                "--vpc-id",
                f.vpcId)
            .get("TargetGroups")
            .get(0);
    assertThat(tg.get("HealthCheckProtocol").asText()).isEqualTo("TCP");
    JsonNode listener =
        aws(
                "elbv2",
                "create-listener",
                "--load-balancer-arn",
                lb.get("LoadBalancerArn").asText(),
                "--protocol",
                "TCP_UDP",
                "--port",
                "53",
                "--default-actions",
                "Type=forward,TargetGroupArn=" + tg.get("TargetGroupArn").asText())
            .get("Listeners")
            .get(0);
    assertThat(listener.get("Protocol").asText()).isEqualTo("TCP_UDP");
    JsonNode described =
        aws(
                "elbv2",
                "describe-listeners",
                "--load-balancer-arn",
                lb.get("LoadBalancerArn").asText())
            .get("Listeners");
    assertThat(described).hasSize(1);
    assertThat(described.get(0).get("Port").asInt()).isEqualTo(53);
    aws("elbv2", "delete-load-balancer", "--load-balancer-arn", lb.get("LoadBalancerArn").asText());
  }

  private static JsonNode aws(String... args) throws Exception {
    AwsCli.Run r = AwsCli.run("us-east-1", args);
    assertThat(r.exit()).as(r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }
}
