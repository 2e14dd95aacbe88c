package dev.ec2double.bench;

import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.elbv2.Albs;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The ALB's proxy against nginx: the same keep-alive target (nginx, one worker) reached straight,
 * through an nginx reverse proxy, and through an ec2-double listener with an {@code ip} target. The
 * server runs as users run it (its jar in its own JVM with {@link Servers#JVM_FLAGS}), not inside
 * the harness's JVM, whose default collector and heap are not the ones users get.
 */
final class AlbBench {
  private static final String ACCOUNT = "000000000042";

  private AlbBench() {}

  static void run(int seconds, Consumer<String> line) throws Exception {
    line.accept("\n## ALB proxy vs nginx reverse proxy, same target, wrk GET, 16 connections\n");
    line.accept(
        "The server runs as users run it (`java "
            + String.join(" ", Servers.JVM_FLAGS)
            + " -jar`, its own process). After a 20 s warm-up of the ALB, nginx and the ALB take"
            + " turns for three rounds; each row is that side's median round.\n");
    line.accept("| path | req/s | p50 | p99 | vs nginx proxy |");
    line.accept("| --- | --- | --- | --- | --- |");
    try (Nginx target = Nginx.target();
        Nginx proxy = Nginx.proxyTo(target.port);
        Servers.Running server = Servers.ec2double("mock");
        ElasticLoadBalancingV2Client elb = Elbv2Clients.of(endpoint(server), ACCOUNT)) {
      String alb = listener(server, elb, target.port);
      // the JIT is still compiling the proxy's paths for the first ~30 s; nginx needs no warm-up
      Wrk.get(alb, 16, 20);
      Wrk.get(proxy.url(), 16, 2);
      Wrk.Result direct = Wrk.get(target.url(), 16, seconds);
      // nginx and the ALB take turns, three rounds each, and each side's median round counts:
      // one round alone swings with whatever else the machine does at that moment
      List<Wrk.Result> nginxRounds = new ArrayList<>();
      List<Wrk.Result> albRounds = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        nginxRounds.add(Wrk.get(proxy.url(), 16, seconds));
        albRounds.add(Wrk.get(alb, 16, seconds));
      }
      Wrk.Result viaNginx = median(nginxRounds);
      Wrk.Result viaAlb = median(albRounds);
      line.accept(row("straight to the target", direct, viaNginx));
      line.accept(row("nginx reverse proxy", viaNginx, viaNginx));
      line.accept(row("ec2-double ALB listener", viaAlb, viaNginx));
      line.accept(
          String.format(
              "%nALB throughput %.2fx nginx's (target at least 0.8x); p99 %.2fx nginx's (target at"
                  + " most 1.5x).",
              viaAlb.rps() / viaNginx.rps(), viaAlb.p99Ms() / viaNginx.p99Ms()));
    }
  }

  static Wrk.Result median(List<Wrk.Result> rounds) {
    List<Wrk.Result> sorted = new ArrayList<>(rounds);
    sorted.sort(Comparator.comparingDouble(Wrk.Result::rps));
    return sorted.get(sorted.size() / 2);
  }

  static String row(String name, Wrk.Result r, Wrk.Result nginx) {
    return String.format(
        "| %s | %.0f | %.2f ms | %.2f ms | %.2fx |",
        name, r.rps(), r.p50Ms(), r.p99Ms(), r.rps() / nginx.rps());
  }

  static URI endpoint(Servers.Running server) {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  private static String listener(
      Servers.Running server, ElasticLoadBalancingV2Client elb, int targetPort) throws Exception {
    String lb =
        elb.createLoadBalancer(
                r -> r.name("bench").subnets(Elbv2Clients.twoSubnets(endpoint(server), ACCOUNT)))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String tg =
        elb.createTargetGroup(
                r ->
                    r.name("bench")
                        .protocol("HTTP")
                        .port(targetPort)
                        .vpcId(Elbv2Clients.defaultVpcId(endpoint(server), ACCOUNT))
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
                        .port(8080)
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
    return "http://" + Albs.authority(elb, listener) + "/";
  }
}
