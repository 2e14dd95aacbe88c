package dev.ec2double.it.mirroring;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorFilter;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorFilterRule;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorSession;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorTarget;

/** Traffic mirror filters, rules, targets and sessions (records) on the mock backend. */
class TrafficMirroringIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-central-1", "AKIDMIRRORING");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String eni(String subnet) {
    return ec2.createNetworkInterface(r -> r.subnetId(subnet))
        .networkInterface()
        .networkInterfaceId();
  }

  @Test
  void aSessionMirrorsAnInterfaceThroughAFilterToATarget() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.91.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.91.1.0/24")).subnet().subnetId();
    String source = eni(subnet);
    String sink = eni(subnet);

    TrafficMirrorFilter f =
        ec2.createTrafficMirrorFilter(
                r ->
                    r.description("web")
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.TRAFFIC_MIRROR_FILTER)
                                .tags(Tag.builder().key("Name").value("web").build())
                                .build()))
            .trafficMirrorFilter();
    assertThat(f.trafficMirrorFilterId()).matches("tmf-[0-9a-f]{17}");
    TrafficMirrorFilterRule rule =
        ec2.createTrafficMirrorFilterRule(
                r ->
                    r.trafficMirrorFilterId(f.trafficMirrorFilterId())
                        .trafficDirection("ingress")
                        .ruleNumber(100)
                        .ruleAction("accept")
                        .protocol(6)
                        .destinationPortRange(p -> p.fromPort(80).toPort(443))
                        .destinationCidrBlock("10.91.0.0/16")
                        .sourceCidrBlock("0.0.0.0/0"))
            .trafficMirrorFilterRule();
    assertThat(rule.trafficMirrorFilterRuleId()).startsWith("tmfr-");
    assertThat(rule.destinationPortRange().toPort()).isEqualTo(443);
    assertError(
        () ->
            ec2.createTrafficMirrorFilterRule(
                r ->
                    r.trafficMirrorFilterId(f.trafficMirrorFilterId())
                        .trafficDirection("ingress")
                        .ruleNumber(100)
                        .ruleAction("reject")
                        .destinationCidrBlock("0.0.0.0/0")
                        .sourceCidrBlock("0.0.0.0/0")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createTrafficMirrorFilterRule(
                r ->
                    r.trafficMirrorFilterId(f.trafficMirrorFilterId())
                        .trafficDirection("egress")
                        .ruleNumber(1)
                        .ruleAction("accept")
                        .protocol(1)
                        .sourcePortRange(p -> p.fromPort(1).toPort(2))
                        .destinationCidrBlock("0.0.0.0/0")
                        .sourceCidrBlock("0.0.0.0/0")),
        "InvalidParameterValue");
    ec2.modifyTrafficMirrorFilterRule(
        r ->
            r.trafficMirrorFilterRuleId(rule.trafficMirrorFilterRuleId())
                .ruleNumber(200)
                .removeFieldsWithStrings("destination-port-range", "protocol"));
    var network =
        ec2.modifyTrafficMirrorFilterNetworkServices(
                r ->
                    r.trafficMirrorFilterId(f.trafficMirrorFilterId())
                        .addNetworkServicesWithStrings("amazon-dns"))
            .trafficMirrorFilter();
    assertThat(network.networkServicesAsStrings()).containsExactly("amazon-dns");
    TrafficMirrorFilter read =
        ec2.describeTrafficMirrorFilters(r -> r.filters(filter("description", "web")))
            .trafficMirrorFilters()
            .get(0);
    assertThat(read.ingressFilterRules())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.ruleNumber()).isEqualTo(200);
              assertThat(x.protocol()).isNull();
              assertThat(x.destinationPortRange()).isNull();
            });
    assertThat(
            ec2.describeTrafficMirrorFilterRules(
                    r ->
                        r.trafficMirrorFilterId(f.trafficMirrorFilterId())
                            .filters(filter("traffic-direction", "egress")))
                .trafficMirrorFilterRules())
        .isEmpty();

    TrafficMirrorTarget target =
        ec2.createTrafficMirrorTarget(r -> r.networkInterfaceId(sink).description("sink"))
            .trafficMirrorTarget();
    assertThat(target.typeAsString()).isEqualTo("network-interface");
    assertError(
        () -> ec2.createTrafficMirrorTarget(r -> r.networkInterfaceId("eni-0123456789abcdef0")),
        "InvalidNetworkInterfaceID.NotFound");
    assertError(
        () ->
            ec2.createTrafficMirrorTarget(
                r -> r.networkInterfaceId(sink).gatewayLoadBalancerEndpointId("vpce-1")),
        "InvalidParameterCombination");

    TrafficMirrorSession session =
        ec2.createTrafficMirrorSession(
                r ->
                    r.networkInterfaceId(source)
                        .trafficMirrorTargetId(target.trafficMirrorTargetId())
                        .trafficMirrorFilterId(f.trafficMirrorFilterId())
                        .sessionNumber(1))
            .trafficMirrorSession();
    assertThat(session.virtualNetworkId()).isBetween(0, 16_777_215);
    assertThat(session.ownerId()).matches("\\d{12}");
    assertError(
        () ->
            ec2.createTrafficMirrorSession(
                r ->
                    r.networkInterfaceId(source)
                        .trafficMirrorTargetId(target.trafficMirrorTargetId())
                        .trafficMirrorFilterId(f.trafficMirrorFilterId())
                        .sessionNumber(1)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createTrafficMirrorSession(
                r ->
                    r.networkInterfaceId(sink)
                        .trafficMirrorTargetId(target.trafficMirrorTargetId())
                        .trafficMirrorFilterId(f.trafficMirrorFilterId())
                        .sessionNumber(2)),
        "InvalidParameterValue");
    ec2.modifyTrafficMirrorSession(
        r ->
            r.trafficMirrorSessionId(session.trafficMirrorSessionId())
                .packetLength(128)
                .virtualNetworkId(4242));
    assertThat(
            ec2.describeTrafficMirrorSessions(r -> r.filters(filter("virtual-network-id", "4242")))
                .trafficMirrorSessions())
        .singleElement()
        .satisfies(s -> assertThat(s.packetLength()).isEqualTo(128));
    assertError(
        () ->
            ec2.modifyTrafficMirrorSession(
                r -> r.trafficMirrorSessionId(session.trafficMirrorSessionId()).packetLength(9000)),
        "InvalidParameterValue");

    // what a session uses cannot go before it
    assertError(
        () ->
            ec2.deleteTrafficMirrorFilter(r -> r.trafficMirrorFilterId(f.trafficMirrorFilterId())),
        "DependencyViolation");
    assertError(
        () ->
            ec2.deleteTrafficMirrorTarget(
                r -> r.trafficMirrorTargetId(target.trafficMirrorTargetId())),
        "DependencyViolation");
    ec2.deleteTrafficMirrorSession(r -> r.trafficMirrorSessionId(session.trafficMirrorSessionId()));
    ec2.deleteTrafficMirrorTarget(r -> r.trafficMirrorTargetId(target.trafficMirrorTargetId()));
    ec2.deleteTrafficMirrorFilter(r -> r.trafficMirrorFilterId(f.trafficMirrorFilterId()));
    assertError(
        () ->
            ec2.describeTrafficMirrorFilterRules(
                r -> r.trafficMirrorFilterRuleIds(rule.trafficMirrorFilterRuleId())),
        "InvalidTrafficMirrorFilterRuleId.NotFound");
    assertError(
        () ->
            ec2.describeTrafficMirrorTargets(
                r -> r.trafficMirrorTargetIds(target.trafficMirrorTargetId())),
        "InvalidTrafficMirrorTargetId.NotFound");
  }
}
