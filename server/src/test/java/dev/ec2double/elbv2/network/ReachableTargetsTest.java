package dev.ec2double.elbv2.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.Layer4Forward.Target;
import dev.ec2double.elbv2.network.ReachableTargets.Candidate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Which targets a network load balancer's client may reach: the one decision the kernel's forwards
 * and the stream (TLS, proxy protocol) listeners share.
 */
class ReachableTargetsTest {
  private static final List<String> ZONES = List.of("us-east-1a", "us-east-1b");
  private static final Map<String, List<String>> SUBNETS =
      Map.of("us-east-1a", List.of("172.31.0.0/20"), "us-east-1b", List.of("172.31.16.0/20"));
  private static final Target A = new Target("172.31.0.10", 80);
  private static final Target B = new Target("172.31.16.10", 80);
  private static final Target EVERYWHERE = new Target("127.0.0.1", 80);

  private static Candidate healthy(Target t, String zone) {
    return new Candidate(t, zone, TargetHealthStateEnum.HEALTHY);
  }

  @Test
  void withoutCrossZoneAClientInAZonesSubnetReachesOnlyThatZonesTargets() {
    ReachableTargets r =
        ReachableTargets.of(
            false, ZONES, SUBNETS, List.of(healthy(A, "us-east-1a"), healthy(B, "us-east-1b")));

    assertThat(r.forClient("172.31.0.99")).containsExactly(A);
    assertThat(r.forClient("172.31.20.1")).containsExactly(B);
    assertThat(r.nodes())
        .extracting(ReachableTargets.Node::zone, ReachableTargets.Node::sources)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("us-east-1a", List.of("172.31.0.0/20")),
            org.assertj.core.groups.Tuple.tuple("us-east-1b", List.of("172.31.16.0/20")));
  }

  @Test
  void aClientInNoZoneOfTheVpcReachesEveryZonesTargets() {
    ReachableTargets r =
        ReachableTargets.of(
            false, ZONES, SUBNETS, List.of(healthy(A, "us-east-1a"), healthy(B, "us-east-1b")));

    assertThat(r.forClient("127.0.0.1")).containsExactly(A, B); // this machine
    assertThat(r.forClient("10.0.0.5")).containsExactly(A, B); // another VPC
    assertThat(r.forClient("::1")).containsExactly(A, B);
    assertThat(r.forClient(null)).containsExactly(A, B);
  }

  @Test
  void withCrossZoneEveryClientReachesEveryZonesTargets() {
    ReachableTargets r =
        ReachableTargets.of(
            true, ZONES, SUBNETS, List.of(healthy(A, "us-east-1a"), healthy(B, "us-east-1b")));

    assertThat(r.nodes()).isEmpty();
    assertThat(r.forClient("172.31.0.99")).containsExactly(A, B);
  }

  @Test
  void aTargetInZoneAllIsInEveryZonesNode() {
    ReachableTargets r =
        ReachableTargets.of(
            false, ZONES, SUBNETS, List.of(healthy(A, "us-east-1a"), healthy(EVERYWHERE, "all")));

    assertThat(r.forClient("172.31.0.99")).containsExactly(A, EVERYWHERE);
    assertThat(r.forClient("172.31.16.99")).containsExactly(EVERYWHERE);
  }

  @Test
  void aZoneWithoutUsableTargetsOrSubnetsHasNoNodeItsClientsReachEveryone() {
    ReachableTargets noTargets =
        ReachableTargets.of(
            false,
            ZONES,
            SUBNETS,
            List.of(
                healthy(A, "us-east-1a"),
                new Candidate(B, "us-east-1b", TargetHealthStateEnum.DRAINING)));
    ReachableTargets noSubnets =
        ReachableTargets.of(
            false,
            ZONES,
            Map.of("us-east-1a", List.of("172.31.0.0/20")),
            List.of(healthy(A, "us-east-1a"), healthy(B, "us-east-1b")));

    assertThat(noTargets.nodes())
        .extracting(ReachableTargets.Node::zone)
        .containsExactly("us-east-1a");
    assertThat(noTargets.forClient("172.31.16.99")).containsExactly(A);
    assertThat(noSubnets.nodes())
        .extracting(ReachableTargets.Node::zone)
        .containsExactly("us-east-1a");
    assertThat(noSubnets.forClient("172.31.16.99")).containsExactly(A, B);
  }

  @Test
  void eachSetTakesItsHealthyTargetsElseFailsOpenToTheUsableOnes() {
    Target a2 = new Target("172.31.0.11", 80);
    ReachableTargets r =
        ReachableTargets.of(
            false,
            ZONES,
            SUBNETS,
            List.of(
                new Candidate(A, "us-east-1a", TargetHealthStateEnum.UNHEALTHY),
                new Candidate(a2, "us-east-1a", TargetHealthStateEnum.INITIAL),
                new Candidate(
                    new Target("172.31.0.12", 80), "us-east-1a", TargetHealthStateEnum.UNUSED),
                healthy(B, "us-east-1b")));

    // zone a has no healthy target: its node takes its unhealthy and initial ones
    assertThat(r.forClient("172.31.0.99")).containsExactly(A, a2);
    // everyone's set has a healthy one: only it
    assertThat(r.forClient("127.0.0.1")).containsExactly(B);
  }

  @Test
  void theTargetGroupsCrossZoneSettingWinsOverTheLoadBalancers() {
    String key = "load_balancing.cross_zone.enabled";

    assertThat(ReachableTargets.crossZone(Map.of(), Map.of())).isFalse(); // an NLB's default
    assertThat(ReachableTargets.crossZone(Map.of(key, "true"), Map.of())).isTrue();
    assertThat(
            ReachableTargets.crossZone(
                Map.of(key, "true"), Map.of(key, "use_load_balancer_configuration")))
        .isTrue();
    assertThat(ReachableTargets.crossZone(Map.of(key, "true"), Map.of(key, "false"))).isFalse();
    assertThat(ReachableTargets.crossZone(Map.of(key, "false"), Map.of(key, "true"))).isTrue();
  }
}
