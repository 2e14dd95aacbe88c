package dev.ec2double.it.elbv2;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** What the ALB tests share: actions, the listener's host port, waiting for health. */
public final class Albs {
  private Albs() {}

  static Action forward(String targetGroupArn) {
    return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build();
  }

  /** Where on this machine the listener accepts (its own port when that was free). */
  public static int hostPort(ElasticLoadBalancingV2Client elb, String listenerArn) {
    return Integer.parseInt(
        elb.describeListenerAttributes(r -> r.listenerArn(listenerArn)).attributes().stream()
            .filter(a -> a.key().equals("ec2double.host_port"))
            .findFirst()
            .orElseThrow()
            .value());
  }

  /** The address on this machine the listener accepts on (its load balancer's own). */
  public static String hostAddress(ElasticLoadBalancingV2Client elb, String listenerArn) {
    return elb.describeListenerAttributes(r -> r.listenerArn(listenerArn)).attributes().stream()
        .filter(a -> a.key().equals("ec2double.host_address"))
        .findFirst()
        .orElseThrow()
        .value();
  }

  /** {@code ADDRESS:PORT} where the listener accepts on this machine. */
  public static String authority(ElasticLoadBalancingV2Client elb, String listenerArn) {
    return hostAddress(elb, listenerArn) + ":" + hostPort(elb, listenerArn);
  }

  static List<TargetHealthDescription> health(ElasticLoadBalancingV2Client elb, String tg) {
    return elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions();
  }

  static void awaitStates(
      ElasticLoadBalancingV2Client elb, String tg, TargetHealthStateEnum state, int count) {
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                health(elb, tg).stream().filter(h -> h.targetHealth().state() == state).count()
                    == count);
  }
}
