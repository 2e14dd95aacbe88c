package dev.ec2double.bench;

import dev.ec2double.it.Elbv2Clients;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * A network load balancer's TCP listener (the host kernel's DNAT) against nginx's layer-4 {@code
 * stream} proxy and against connecting straight to the same keep-alive nginx target: wrk GETs on 16
 * connections kept alive (throughput), then on a new connection each (connection rate), the three
 * paths taking turns. The server runs on the docker backend as root in its own JVM, as users run
 * it: the forwarding is the kernel's, so the server's process carries no byte.
 */
final class NlbBench {
  private static final String ACCOUNT = "000000000043";

  private NlbBench() {}

  static void run(int seconds, Consumer<String> line) throws Exception {
    line.accept("\n## NLB TCP listener vs nginx stream proxy vs straight to the target, wrk GET\n");
    line.accept(
        "An `ip` target (nginx, one worker, on 127.0.0.1) reached straight, through nginx's"
            + " `stream` proxy (a worker per core) and through a TCP listener of a server on the"
            + " docker backend. The three paths take turns for three rounds, 16 connections; each"
            + " row is its median round. New connections: `Connection: close` on every request, so"
            + " each request is a new TCP connection (through the NLB, a new tracked flow)."
            + Rounds.load()
            + "\n");
    line.accept("| path | connections | req/s | p50 | p99 | vs straight |");
    line.accept("| --- | --- | --- | --- | --- | --- |");
    try (Nginx target = Nginx.target();
        Nginx stream = Nginx.streamProxyTo(target.port);
        Servers.Running server = Servers.ec2double("docker");
        ElasticLoadBalancingV2Client elb = Elbv2Clients.of(Listeners.endpoint(server), ACCOUNT)) {
      String nlb =
          "http://"
              + Listeners.create(
                  server,
                  elb,
                  ACCOUNT,
                  LoadBalancerTypeEnum.NETWORK,
                  ProtocolEnum.TCP,
                  target.port,
                  r -> r.protocol(ProtocolEnum.TCP).port(8081))
              + "/";
      List<String> urls = List.of(target.url(), stream.url(), nlb);
      for (String url : urls) {
        Wrk.get(url, 16, 1);
      }
      List<Wrk.Result> kept =
          Rounds.takeTurns(3, urls.stream().map(u -> path(u, false, seconds)).toList());
      int shorter = Math.max(3, seconds / 2);
      List<Wrk.Result> fresh =
          Rounds.takeTurns(3, urls.stream().map(u -> path(u, true, shorter)).toList());
      List<String> names =
          List.of("straight to the target", "nginx stream proxy", "ec2-double NLB TCP listener");
      for (int i = 0; i < names.size(); i++) {
        line.accept(Rounds.row(names.get(i) + " | kept alive", kept.get(i), kept.get(0)));
      }
      for (int i = 0; i < names.size(); i++) {
        line.accept(Rounds.row(names.get(i) + " | new per request", fresh.get(i), fresh.get(0)));
      }
      line.accept(
          String.format(
              "%nNLB throughput %.2fx straight-to-target (target at least 0.9x) and %.2fx nginx's"
                  + " stream proxy; connection rate %.2fx straight-to-target and %.2fx nginx's.",
              kept.get(2).rps() / kept.get(0).rps(),
              kept.get(2).rps() / kept.get(1).rps(),
              fresh.get(2).rps() / fresh.get(0).rps(),
              fresh.get(2).rps() / fresh.get(1).rps()));
    }
  }

  private static Rounds.Side path(String url, boolean newConnections, int seconds) {
    return newConnections
        ? () -> Wrk.getNewConnections(url, 16, seconds)
        : () -> Wrk.get(url, 16, seconds);
  }
}
