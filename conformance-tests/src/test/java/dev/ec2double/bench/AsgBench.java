package dev.ec2double.bench;

import dev.ec2double.it.Clients;
import dev.ec2double.it.Elbv2Clients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * An Auto Scaling group of real containers (docker backend) scaled 0 → 10 and back: from
 * SetDesiredCapacity to ten InService members and to ten healthy targets behind an ALB, and from
 * SetDesiredCapacity 0 to an empty group; beside ten concurrent {@code docker run -d} of the same
 * image and one {@code docker rm -f} of them. The two take turns for three rounds.
 */
final class AsgBench {
  private static final String ACCOUNT = "000000000045";
  private static final String GROUP = "bench";
  private static final int N = 10;
  private static final int ROUNDS = 3;

  private AsgBench() {}

  record Round(long inServiceMs, long healthyMs, long emptyMs) {}

  static void run(String ami, Consumer<String> line) throws Exception {
    line.accept(
        "\n## Auto Scaling 0 → 10 → 0 (docker backend) vs `docker run -d` of the same image\n");
    line.accept(
        "A group from a launch template (the busybox image, t3.nano, user data starting busybox"
            + " `httpd`) over two zones, its target group behind an ALB (health checks every 5 s,"
            + " 2 to pass, deregistration delay 0). Timed from the SetDesiredCapacity call, polling"
            + " DescribeAutoScalingGroups and DescribeTargetHealth every 100 ms; the baseline is "
            + N
            + " concurrent `docker run -d` on a user-defined network with fixed addresses, then one"
            + " `docker rm -f` of them all. The two take turns for "
            + ROUNDS
            + " rounds; each figure is its median round."
            + Rounds.load()
            + "\n");
    line.accept("| step | ec2-double | docker | ratio |");
    line.accept("| --- | --- | --- | --- |");
    try (Servers.Running server = Servers.ec2double("docker", "--ami", ami + "=" + BUSYBOX);
        Ec2Client ec2 = Clients.ec2(Listeners.endpoint(server), ACCOUNT);
        ElasticLoadBalancingV2Client elb = Clients.elb(Listeners.endpoint(server), ACCOUNT);
        AutoScalingClient as = Clients.autoScaling(Listeners.endpoint(server), ACCOUNT)) {
      String tg = group(server, ec2, elb, as, ami);
      List<Round> ours = new ArrayList<>();
      List<Docker.Timings> raw = new ArrayList<>();
      Docker.onBenchNetwork(
          () -> {
            for (int round = 0; round < ROUNDS; round++) {
              ours.add(scale(as, elb, tg));
              raw.add(Docker.runAndRemove(N, round * N));
            }
          });
      long inService = median(ours.stream().map(Round::inServiceMs).toList());
      long healthy = median(ours.stream().map(Round::healthyMs).toList());
      long empty = median(ours.stream().map(Round::emptyMs).toList());
      long started = median(raw.stream().map(Docker.Timings::startMs).toList());
      long removed = median(raw.stream().map(Docker.Timings::removeMs).toList());
      line.accept(
          row("0 → " + N + ": all InService / all `docker run -d` returned", inService, started));
      line.accept(row("0 → " + N + ": all healthy behind the ALB", healthy, started));
      line.accept(row(N + " → 0: group empty / `docker rm -f` returned", empty, removed));
      line.accept(
          String.format(
              "%nScale-out to InService %.2fx %d concurrent `docker run` (target at most 1.5x);"
                  + " to healthy behind the ALB %.2fx (target at most 1.5x): a target's first"
                  + " health checks follow its registration every 250 ms until one is answered.",
              (double) inService / started, N, (double) healthy / started));
    }
  }

  private static final String BUSYBOX = "ec2-double/busybox:latest";

  private static String row(String step, long ours, long docker) {
    return String.format(
        "| %s | %d ms | %d ms | %.2fx |", step, ours, docker, (double) ours / docker);
  }

  private static long median(List<Long> ms) {
    List<Long> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** The template, the ALB and its target group, and the group at desired 0; the group's ARN. */
  private static String group(
      Servers.Running server,
      Ec2Client ec2,
      ElasticLoadBalancingV2Client elb,
      AutoScalingClient as,
      String ami)
      throws Exception {
    String page = "#!/bin/sh\nmkdir -p /www\nhostname > /www/index.html\nhttpd -p 80 -h /www\n";
    ec2.createLaunchTemplate(
        r ->
            r.launchTemplateName(GROUP)
                .launchTemplateData(
                    d ->
                        d.imageId(ami)
                            .instanceType("t3.nano")
                            .userData(
                                Base64.getEncoder()
                                    .encodeToString(page.getBytes(StandardCharsets.UTF_8)))));
    String tg =
        Listeners.targetGroup(
            server,
            elb,
            ACCOUNT,
            GROUP,
            ProtocolEnum.HTTP,
            80,
            r -> r.targetType(TargetTypeEnum.INSTANCE).healthCheckPath("/index.html"));
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(tg)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("0")));
    String lb =
        Listeners.loadBalancer(server, elb, ACCOUNT, GROUP, LoadBalancerTypeEnum.APPLICATION);
    Listeners.listener(elb, lb, tg, r -> r.port(8082));
    List<String> subnets = Elbv2Clients.twoSubnets(Listeners.endpoint(server), ACCOUNT);
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName(GROUP)
                .launchTemplate(t -> t.launchTemplateName(GROUP).version("$Latest"))
                .minSize(0)
                .maxSize(N)
                .desiredCapacity(0)
                .vpcZoneIdentifier(String.join(",", subnets))
                .targetGroupARNs(tg));
    return tg;
  }

  /** One round: 0 → N, timed to InService and to healthy targets, then N → 0, timed to empty. */
  private static Round scale(AutoScalingClient as, ElasticLoadBalancingV2Client elb, String tg)
      throws Exception {
    long t0 = System.nanoTime();
    as.setDesiredCapacity(r -> r.autoScalingGroupName(GROUP).desiredCapacity(N));
    long inService = -1;
    long healthy = -1;
    while (inService < 0 || healthy < 0) {
      if (System.nanoTime() - t0 > 120_000_000_000L) {
        throw new IllegalStateException(
            "the group did not reach " + N + " InService, healthy members in 120 s");
      }
      if (inService < 0 && inService(as) == N) {
        inService = (System.nanoTime() - t0) / 1_000_000;
      }
      if (healthy < 0 && healthyTargets(elb, tg) == N) {
        healthy = (System.nanoTime() - t0) / 1_000_000;
      }
      Thread.sleep(100);
    }
    long t1 = System.nanoTime();
    as.setDesiredCapacity(r -> r.autoScalingGroupName(GROUP).desiredCapacity(0));
    while (!group(as).instances().isEmpty()) {
      if (System.nanoTime() - t1 > 120_000_000_000L) {
        throw new IllegalStateException("the group did not empty in 120 s");
      }
      Thread.sleep(100);
    }
    long empty = (System.nanoTime() - t1) / 1_000_000;
    Thread.sleep(1000); // the engine settles before the baseline's turn
    return new Round(inService, healthy, empty);
  }

  private static AutoScalingGroup group(AutoScalingClient as) {
    return as.describeAutoScalingGroups(r -> r.autoScalingGroupNames(GROUP))
        .autoScalingGroups()
        .get(0);
  }

  private static long inService(AutoScalingClient as) {
    return group(as).instances().stream()
        .filter(i -> i.lifecycleState() == LifecycleState.IN_SERVICE)
        .count();
  }

  private static long healthyTargets(ElasticLoadBalancingV2Client elb, String tg) {
    return elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
        .filter(h -> h.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
        .count();
  }
}
