package dev.ec2double.it.elbv2;

import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * What the ALB tests share: actions, the listener's host port, waiting for health, targets that
 * serve a page.
 */
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

  /** The user data of a target serving {@code text} as {@code /index.html} on port 80. */
  public static String page(String text) {
    return "#!/bin/sh\nmkdir -p /www\necho " + text + " > /www/index.html\nhttpd -p 80 -h /www\n";
  }

  /** A t3.nano of the busybox AMI with this user data, in the subnet (null: the default one). */
  public static String runBusybox(Ec2Client ec2, String subnetId, String userData) {
    return ec2.runInstances(
            r ->
                r.imageId(DockerTestServer.BUSYBOX_AMI)
                    .instanceType("t3.nano")
                    .subnetId(subnetId)
                    .minCount(1)
                    .maxCount(1)
                    .userData(
                        Base64.getEncoder()
                            .encodeToString(userData.getBytes(StandardCharsets.UTF_8))))
        .instances()
        .get(0)
        .instanceId();
  }
}
