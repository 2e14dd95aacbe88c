package dev.ec2double.bench;

import dev.ec2double.it.Elbv2Clients;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

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
        ElasticLoadBalancingV2Client elb = Elbv2Clients.of(Listeners.endpoint(server), ACCOUNT)) {
      String alb =
          "http://"
              + Listeners.create(
                  server,
                  elb,
                  ACCOUNT,
                  LoadBalancerTypeEnum.APPLICATION,
                  ProtocolEnum.HTTP,
                  target.port,
                  r -> r.port(8080))
              + "/";
      // the JIT is still compiling the proxy's paths for the first ~30 s; nginx needs no warm-up
      Wrk.get(alb, 16, 20);
      Wrk.get(proxy.url(), 16, 2);
      Wrk.Result direct = Wrk.get(target.url(), 16, seconds);
      List<Wrk.Result> medians =
          Rounds.takeTurns(
              3, List.of(() -> Wrk.get(proxy.url(), 16, seconds), () -> Wrk.get(alb, 16, seconds)));
      Wrk.Result viaNginx = medians.get(0);
      Wrk.Result viaAlb = medians.get(1);
      line.accept(Rounds.row("straight to the target", direct, viaNginx));
      line.accept(Rounds.row("nginx reverse proxy", viaNginx, viaNginx));
      line.accept(Rounds.row("ec2-double ALB listener", viaAlb, viaNginx));
      line.accept(
          String.format(
              "%nALB throughput %.2fx nginx's (target at least 0.8x); p99 %.2fx nginx's (target at"
                  + " most 1.5x).",
              viaAlb.rps() / viaNginx.rps(), viaAlb.p99Ms() / viaNginx.p99Ms()));
    }
  }
}
