package dev.ec2double.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.ControlApi;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Elbv2Clients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * A zone outage injected through the control API: the ALB's health checks see the zone's target go,
 * the ALB routes around it, and takes it back once the outage is cleared.
 */
class AlbZoneOutageIT {
  private static final String ACCOUNT = "123456789012";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @Test
  void theAlbRoutesAroundAZoneThatGoesDarkAndBackWhenItReturns() throws Exception {
    try (Ec2Client ec2 = DockerTestServer.ec2();
        ElasticLoadBalancingV2Client elb = Elbv2Clients.of(DockerTestServer.get(), "AKIDDOCKER")) {
      List<String> subnets = Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT);
      String webA = run(ec2, subnets.get(0), "zone-a");
      String webB = run(ec2, subnets.get(1), "zone-b");
      String zoneA =
          ec2.describeSubnets(r -> r.subnetIds(subnets.get(0))).subnets().get(0).availabilityZone();
      String lb = null;
      String tg = null;
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    ec2.describeInstances(r -> r.instanceIds(webA, webB)).reservations().stream()
                        .flatMap(r -> r.instances().stream())
                        .allMatch(i -> i.state().name() == InstanceStateName.RUNNING));
        lb =
            elb.createLoadBalancer(r -> r.name("zone-outage").subnets(subnets))
                .loadBalancers()
                .get(0)
                .loadBalancerArn();
        String lbArn = lb;
        tg =
            elb.createTargetGroup(
                    r ->
                        r.name("zone-outage")
                            .protocol("HTTP")
                            .port(80)
                            .vpcId(Elbv2Clients.defaultVpcId(DockerTestServer.get(), ACCOUNT))
                            .healthCheckPath("/index.html")
                            .healthCheckIntervalSeconds(5)
                            .healthCheckTimeoutSeconds(2)
                            .healthyThresholdCount(2)
                            .unhealthyThresholdCount(2))
                .targetGroups()
                .get(0)
                .targetGroupArn();
        String tgArn = tg;
        elb.registerTargets(r -> r.targetGroupArn(tgArn).targets(d -> d.id(webA), d -> d.id(webB)));
        String listener =
            elb.createListener(
                    r -> r.loadBalancerArn(lbArn).port(80).defaultActions(Albs.forward(tgArn)))
                .listeners()
                .get(0)
                .listenerArn();
        Albs.awaitStates(elb, tg, TargetHealthStateEnum.HEALTHY, 2);
        URI url = URI.create("http://" + Albs.authority(elb, listener) + "/index.html");
        assertThat(pages(url)).containsExactlyInAnyOrder("zone-a", "zone-b");

        String fault =
            control(
                "POST",
                "/_ec2double/faults",
                "{\"kind\":\"zone-outage\",\"target\":\"" + zoneA + "\"}");
        assertThat(fault).contains("\"kind\":\"zone-outage\"");

        Albs.awaitStates(elb, tg, TargetHealthStateEnum.UNHEALTHY, 1);
        assertThat(pages(url)).containsExactly("zone-b");

        control("DELETE", "/_ec2double/faults", null);
        Albs.awaitStates(elb, tg, TargetHealthStateEnum.HEALTHY, 2);
        assertThat(pages(url)).containsExactlyInAnyOrder("zone-a", "zone-b");
      } finally {
        control("DELETE", "/_ec2double/faults", null);
        if (lb != null) {
          String lbArn = lb;
          elb.deleteLoadBalancer(r -> r.loadBalancerArn(lbArn));
        }
        if (tg != null) {
          String tgArn = tg;
          elb.deleteTargetGroup(r -> r.targetGroupArn(tgArn));
        }
        ec2.terminateInstances(r -> r.instanceIds(webA, webB));
      }
    }
  }

  /** The pages eight requests through the ALB get. */
  private static Set<String> pages(URI url) throws Exception {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      seen.add(r.body().strip());
    }
    return seen;
  }

  private static String run(Ec2Client ec2, String subnet, String text) {
    return Albs.runBusybox(ec2, subnet, Albs.page(text));
  }

  private static String control(String method, String path, String body) throws Exception {
    return ControlApi.send(DockerTestServer.get().endpoint(), method, path, body).body();
  }
}
