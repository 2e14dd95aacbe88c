package dev.ec2double.it.autoscaling;

import static dev.ec2double.it.autoscaling.Groups.awaitInService;
import static dev.ec2double.it.autoscaling.Groups.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.elbv2.Albs;
import dev.ec2double.it.instances.Exec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * A web tier on the Docker backend: launch template, group over two zones' subnets, target group,
 * ALB. Desired 0 to 3 gives 3 running containers over the 2 zones, registered and healthy behind
 * the ALB, which answers; a container killed behind the server's back is replaced, and so is one
 * whose web server stops (HealthCheckType ELB: the ALB's real health checks fail it). Then a target
 * tracking policy on ALBRequestCountPerTarget scales the group out under requests sent through the
 * ALB. Fails, never skips, without an engine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerAutoScalingIT {
  private static final String ACCOUNT = "210000000162";
  private static final String GROUP = "docker-web";
  private static Ec2Client ec2;
  private static ElasticLoadBalancingV2Client elb;
  private static AutoScalingClient as;
  private static String tg;
  private static String lb;

  @BeforeAll
  static void aTemplateATargetGroupBehindAnAlbAndAnEmptyGroup() {
    URI endpoint = DockerTestServer.get().endpoint();
    ec2 = Clients.ec2(endpoint, ACCOUNT);
    elb = Elbv2Clients.of(DockerTestServer.get(), ACCOUNT);
    as = Clients.autoScaling(endpoint, ACCOUNT);
    // tag::web-tier[]
    String page = "#!/bin/sh\nmkdir -p /www\nhostname > /www/index.html\nhttpd -p 80 -h /www\n";
    ec2.createLaunchTemplate(
        r ->
            r.launchTemplateName(GROUP)
                .launchTemplateData(
                    d ->
                        d.imageId(DockerTestServer.BUSYBOX_AMI)
                            .instanceType("t3.nano")
                            .userData(
                                Base64.getEncoder()
                                    .encodeToString(page.getBytes(StandardCharsets.UTF_8)))));
    List<String> subnets = Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT);
    tg =
        elb.createTargetGroup(
                r ->
                    r.name(GROUP)
                        .protocol("HTTP")
                        .port(80)
                        .vpcId(Elbv2Clients.defaultVpcId(DockerTestServer.get(), ACCOUNT))
                        .healthCheckPath("/index.html")
                        .healthCheckIntervalSeconds(5)
                        .healthCheckTimeoutSeconds(2)
                        .healthyThresholdCount(2))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(tg)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("0")));
    lb =
        elb.createLoadBalancer(r -> r.name(GROUP).subnets(subnets))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    elb.createListener(
        r ->
            r.loadBalancerArn(lb)
                .port(80)
                .defaultActions(a -> a.type("forward").targetGroupArn(tg)));
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName(GROUP)
                .launchTemplate(t -> t.launchTemplateName(GROUP).version("$Latest"))
                .minSize(0)
                .maxSize(3)
                .desiredCapacity(0)
                .vpcZoneIdentifier(String.join(",", subnets))
                .targetGroupARNs(tg)
                .healthCheckType("ELB")
                .healthCheckGracePeriod(15));
    // end::web-tier[]
  }

  @AfterAll
  static void close() {
    if (as != null) {
      as.deleteAutoScalingGroup(r -> r.autoScalingGroupName(GROUP).forceDelete(true));
      await().atMost(Duration.ofSeconds(60)).until(() -> describe(as, GROUP) == null);
      elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb));
      elb.deleteTargetGroup(r -> r.targetGroupArn(tg));
      as.close();
      elb.close();
      ec2.close();
    }
  }

  @Test
  @Order(1)
  void threeRunningContainersOverTwoZonesHealthyBehindTheAlbAndAKilledOneIsReplaced()
      throws Exception {
    as.setDesiredCapacity(r -> r.autoScalingGroupName(GROUP).desiredCapacity(3));

    List<Instance> members = awaitInService(as, GROUP, 3, 90);
    assertThat(members.stream().map(Instance::availabilityZone).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
    DockerClient docker = DockerTestServer.docker();
    for (Instance i : members) {
      List<Container> cs = DockerTestServer.containersOf(docker, i.instanceId());
      assertThat(cs).hasSize(1);
      assertThat(cs.get(0).getState()).isEqualTo("running");
    }
    awaitHealthy(members.stream().map(Instance::instanceId).collect(Collectors.toSet()));
    String listener =
        elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().get(0).listenerArn();
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + Albs.authority(elb, listener) + "/index.html"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);

    // killed behind the server's back: the group replaces it, and the new one serves too
    String victim = members.get(0).instanceId();
    docker.killContainerCmd(DockerTestServer.containersOf(docker, victim).get(0).getId()).exec();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              List<Instance> now = describe(as, GROUP).instances();
              return now.size() == 3
                  && now.stream().noneMatch(i -> i.instanceId().equals(victim))
                  && now.stream().allMatch(i -> i.lifecycleState() == LifecycleState.IN_SERVICE);
            });
    Set<String> after =
        describe(as, GROUP).instances().stream()
            .map(Instance::instanceId)
            .collect(Collectors.toSet());
    awaitHealthy(after);

    // its web server stopped: the ALB's health checks fail it, and the group replaces it
    String sick = after.iterator().next();
    Exec.run(
        docker, DockerTestServer.containersOf(docker, sick).get(0).getId(), "killall", "httpd");
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                describe(as, GROUP).instances().stream()
                    .noneMatch(i -> i.instanceId().equals(sick)));
    assertThat(
            as.describeScalingActivities(r -> r.autoScalingGroupName(GROUP)).activities().stream()
                .filter(a -> a.description().equals("Terminating EC2 instance: " + sick))
                .findFirst()
                .orElseThrow()
                .cause())
        .contains("in response to an ELB system health check failure");
    List<Instance> healed = awaitInService(as, GROUP, 3, 90);
    awaitHealthy(healed.stream().map(Instance::instanceId).collect(Collectors.toSet()));
  }

  @Test
  @Order(2)
  void targetTrackingOnRequestsPerTargetScalesOutUnderLoadThroughTheAlb() throws Exception {
    as.setDesiredCapacity(r -> r.autoScalingGroupName(GROUP).desiredCapacity(1));
    awaitInService(as, GROUP, 1, 90);
    String listener =
        elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().get(0).listenerArn();
    String label =
        lb.substring(lb.indexOf(":loadbalancer/") + 14)
            + "/"
            + tg.substring(tg.indexOf(":targetgroup/") + 1);
    as.putScalingPolicy(
        r ->
            r.autoScalingGroupName(GROUP)
                .policyName("requests")
                .policyType("TargetTrackingScaling")
                .estimatedInstanceWarmup(5)
                .targetTrackingConfiguration(
                    t ->
                        t.targetValue(20.0)
                            .disableScaleIn(true)
                            .predefinedMetricSpecification(
                                m ->
                                    m.predefinedMetricType("ALBRequestCountPerTarget")
                                        .resourceLabel(label))));

    HttpClient http = HttpClient.newHttpClient();
    URI page = URI.create("http://" + Albs.authority(elb, listener) + "/index.html");
    for (int i = 0; i < 50; i++) {
      assertThat(
              http.send(
                      HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10)).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
    }

    // 50 requests in the minute at 20 a target want 3 instances: in one step, or in two when the
    // policy looked while the requests were still coming (1 to 2, then 2 to 3 after the warm-up)
    await().atMost(Duration.ofSeconds(20)).until(() -> describe(as, GROUP).desiredCapacity() == 3);
    awaitInService(as, GROUP, 3, 90);
    assertThat(
            as.describeScalingActivities(r -> r.autoScalingGroupName(GROUP))
                .activities()
                .get(0)
                .cause())
        .containsPattern(
            "a monitor alarm TargetTracking-docker-web-AlarmHigh-\\S+ in state ALARM triggered"
                + " policy requests changing the desired capacity from [12] to 3");
  }

  @Test
  @Order(3)
  void anInstanceRefreshReplacesEveryInstanceWhileTheAlbAnswersEveryRequest() throws Exception {
    Set<String> before =
        awaitInService(as, GROUP, 3, 90).stream()
            .map(Instance::instanceId)
            .collect(Collectors.toSet());
    awaitHealthy(before);
    String listener =
        elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().get(0).listenerArn();
    URI page = URI.create("http://" + Albs.authority(elb, listener) + "/index.html");
    HttpClient http = HttpClient.newHttpClient();
    java.util.concurrent.atomic.AtomicBoolean run =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Thread load =
        new Thread(
            () -> {
              while (run.get()) {
                try {
                  statuses.add(
                      http.send(
                              HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10)).build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode());
                  Thread.sleep(20); // a refresh takes a few seconds: dozens of requests meet it
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  statuses.add(-1);
                }
              }
            });
    load.start();
    String id;
    try {
      id =
          as.startInstanceRefresh(
                  r ->
                      r.autoScalingGroupName(GROUP)
                          .preferences(p -> p.minHealthyPercentage(66).instanceWarmup(0)))
              .instanceRefreshId();
      await()
          .atMost(Duration.ofSeconds(240))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  as.describeInstanceRefreshes(
                          r -> r.autoScalingGroupName(GROUP).instanceRefreshIds(id))
                      .instanceRefreshes()
                      .get(0)
                      .statusAsString()
                      .equals("Successful"));
    } finally {
      run.set(false);
      load.join();
    }
    List<Instance> after = awaitInService(as, GROUP, 3, 60);
    assertThat(after).extracting(Instance::instanceId).doesNotContainAnyElementsOf(before);
    assertThat(statuses).hasSizeGreaterThan(30);
    assertThat(statuses).containsOnly(200); // no 5xx, no refused connection, all through it
  }

  /** Exactly these instances are the target group's targets, all healthy. */
  private static void awaitHealthy(Set<String> ids) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              List<TargetHealthDescription> h =
                  elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions();
              return h.stream().map(d -> d.target().id()).collect(Collectors.toSet()).equals(ids)
                  && h.stream()
                      .allMatch(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY);
            });
  }
}
