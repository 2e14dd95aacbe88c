package dev.ec2double.bench;

import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.elbv2.Albs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A network load balancer's TCP listener (the host kernel's DNAT) against connecting straight to
 * the same keep-alive nginx target: wrk GETs on 16 connections, taking turns for three rounds. The
 * server runs on the docker backend as root in its own JVM, as users run it: the forwarding is the
 * kernel's, so the server's process carries no byte.
 */
final class NlbBench {
  private static final String ACCOUNT = "000000000043";

  private NlbBench() {}

  static void run(int seconds, Consumer<String> line) throws Exception {
    line.accept("\n## NLB TCP listener vs straight to the target, wrk GET, 16 connections\n");
    line.accept(
        "An `ip` target (nginx, one worker, on 127.0.0.1) behind a TCP listener of a server on the"
            + " docker backend; the two paths take turns for three rounds, each row is its median"
            + " round.\n");
    line.accept("| path | req/s | p50 | p99 | vs straight |");
    line.accept("| --- | --- | --- | --- | --- |");
    try (Nginx target = Nginx.target();
        Servers.Running server = Servers.ec2double("docker");
        ElasticLoadBalancingV2Client elb = Elbv2Clients.of(AlbBench.endpoint(server), ACCOUNT)) {
      String nlb = listener(server, elb, target.port);
      Wrk.get(nlb, 16, 2);
      List<Wrk.Result> straightRounds = new ArrayList<>();
      List<Wrk.Result> nlbRounds = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        straightRounds.add(Wrk.get(target.url(), 16, seconds));
        nlbRounds.add(Wrk.get(nlb, 16, seconds));
      }
      Wrk.Result straight = AlbBench.median(straightRounds);
      Wrk.Result viaNlb = AlbBench.median(nlbRounds);
      line.accept(AlbBench.row("straight to the target", straight, straight));
      line.accept(AlbBench.row("ec2-double NLB TCP listener", viaNlb, straight));
      line.accept(
          String.format(
              "%nNLB throughput %.2fx straight-to-target (target at least 0.9x).",
              viaNlb.rps() / straight.rps()));
    }
  }

  private static String listener(
      Servers.Running server, ElasticLoadBalancingV2Client elb, int targetPort) throws Exception {
    String lb =
        elb.createLoadBalancer(
                r ->
                    r.name("bench-nlb")
                        .type(LoadBalancerTypeEnum.NETWORK)
                        .subnets(
                            Elbv2Clients.twoSubnets(AlbBench.endpoint(server), ACCOUNT).get(0)))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String tg =
        elb.createTargetGroup(
                r ->
                    r.name("bench-nlb")
                        .protocol(ProtocolEnum.TCP)
                        .port(targetPort)
                        .vpcId(Elbv2Clients.defaultVpcId(AlbBench.endpoint(server), ACCOUNT))
                        .targetType(TargetTypeEnum.IP)
                        .healthCheckIntervalSeconds(5)
                        .healthCheckTimeoutSeconds(2)
                        .healthyThresholdCount(2))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(targetPort)));
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb)
                        .protocol(ProtocolEnum.TCP)
                        .port(8081)
                        .defaultActions(
                            Action.builder()
                                .type(ActionTypeEnum.FORWARD)
                                .targetGroupArn(tg)
                                .build()))
            .listeners()
            .get(0)
            .listenerArn();
    for (int i = 0; i < 300; i++) {
      var health = elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions();
      if (health.get(0).targetHealth().state() == TargetHealthStateEnum.HEALTHY) {
        break;
      }
      Thread.sleep(100);
    }
    Thread.sleep(500); // the kernel's forwards follow within 250 ms
    return "http://" + Albs.authority(elb, listener) + "/";
  }
}
