package dev.ec2double.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Elbv2Clients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The seed's picture on the docker backend: two instances running busybox httpd from user data
 * behind one ALB. Fails, never skips, without an engine.
 */
class DockerAlbIT {
  /** DockerTestServer.ec2()'s access key is not an account id: the default account. */
  private static final String ACCOUNT = "123456789012";

  private static Ec2Client ec2;
  private static ElasticLoadBalancingV2Client elb;
  private static Http http;
  private static List<String> instances;
  private static String lbArn;
  private static String tg;
  private static int port;

  @BeforeAll
  static void twoWebServersBehindAnAlb() {
    ec2 = DockerTestServer.ec2();
    elb = Elbv2Clients.of(DockerTestServer.get(), "AKIDDOCKER");
    http = new Http();
    instances = List.of(web("web-1"), web("web-2"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                ec2.describeInstances(r -> r.instanceIds(instances)).reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .allMatch(i -> i.state().name() == InstanceStateName.RUNNING));
    String vpcId = Elbv2Clients.defaultVpcId(DockerTestServer.get(), ACCOUNT);
    lbArn =
        elb.createLoadBalancer(
                r ->
                    r.name("docker-web")
                        .subnets(Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT)))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    tg =
        elb.createTargetGroup(
                r ->
                    r.name("docker-web")
                        .protocol("HTTP")
                        .port(80)
                        .vpcId(vpcId)
                        .healthCheckPath("/health.txt")
                        .healthCheckIntervalSeconds(5)
                        .healthCheckTimeoutSeconds(2)
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(2))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(tg)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("0")));
    elb.registerTargets(
        r ->
            r.targetGroupArn(tg).targets(d -> d.id(instances.get(0)), d -> d.id(instances.get(1))));
    String listener =
        elb.createListener(
                r -> r.loadBalancerArn(lbArn).port(8080).defaultActions(Albs.forward(tg)))
            .listeners()
            .get(0)
            .listenerArn();
    port = Albs.hostPort(elb, listener);
    http.at(Albs.hostAddress(elb, listener));
    elb.createRule(
        r ->
            r.listenerArn(listener)
                .priority(1)
                .conditions(RuleCondition.builder().field("path-pattern").values("/old").build())
                .actions(
                    Action.builder()
                        .type(ActionTypeEnum.REDIRECT)
                        .redirectConfig(c -> c.path("/index.html").statusCode("HTTP_301"))
                        .build()));
    elb.createRule(
        r ->
            r.listenerArn(listener)
                .priority(2)
                .conditions(
                    RuleCondition.builder().field("path-pattern").values("/maintenance").build())
                .actions(
                    Action.builder()
                        .type(ActionTypeEnum.FIXED_RESPONSE)
                        .fixedResponseConfig(
                            f ->
                                f.statusCode("503")
                                    .contentType("text/plain")
                                    .messageBody("back soon"))
                        .build()));
    Albs.awaitStates(elb, tg, TargetHealthStateEnum.HEALTHY, 2);
  }

  private static String web(String name) {
    String script =
        "#!/bin/sh\nmkdir -p /www\necho "
            + name
            + " > /www/index.html\necho ok > /www/health.txt\nhttpd -p 80 -h /www\n";
    return ec2.runInstances(
            r ->
                r.imageId(DockerTestServer.BUSYBOX_AMI)
                    .instanceType("t3.micro")
                    .minCount(1)
                    .maxCount(1)
                    .userData(
                        Base64.getEncoder()
                            .encodeToString(script.getBytes(StandardCharsets.UTF_8))))
        .instances()
        .get(0)
        .instanceId();
  }

  @AfterAll
  static void close() throws Exception {
    if (lbArn != null) {
      elb.deleteLoadBalancer(r -> r.loadBalancerArn(lbArn));
    }
    if (tg != null) {
      elb.deleteTargetGroup(r -> r.targetGroupArn(tg));
    }
    if (instances != null) {
      ec2.terminateInstances(r -> r.instanceIds(instances));
    }
    elb.close();
    ec2.close();
    http.close();
  }

  @Test
  void anHttpsListenerServesTheInstancesOverTlsWithTheLocalCaTrusted() throws Exception {
    String https =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lbArn)
                        .protocol("HTTPS")
                        .port(8443)
                        .certificates(
                            c ->
                                c.certificateArn(
                                    "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/web"))
                        .defaultActions(Albs.forward(tg)))
            .listeners()
            .get(0)
            .listenerArn();
    String ca = TlsClients.caPem(DockerTestServer.get().endpoint());
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder()
            .sslContext(TlsClients.context(ca, null, null))
            .proxy(java.net.http.HttpClient.Builder.NO_PROXY)
            .build();
    java.net.http.HttpResponse<String> r =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("https://" + Albs.authority(elb, https) + "/index.html"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().strip()).isIn("web-1", "web-2");
    elb.deleteListener(d -> d.listenerArn(https));
  }

  @Test
  void answersRedirectsAndFixedResponsesAsConfigured() {
    ContentResponse redirect = http.get(port, "web.example.com", "/old");
    assertThat(redirect.getStatus()).isEqualTo(301);
    assertThat(redirect.getHeaders().get(HttpHeader.LOCATION))
        .isEqualTo("http://web.example.com:8080/index.html");
    ContentResponse fixed = http.get(port, "/maintenance");
    assertThat(fixed.getStatus()).isEqualTo(503);
    assertThat(fixed.getContentAsString()).isEqualTo("back soon");
  }

  @Test
  void reachesBothInstancesThenOnlyTheOneStillRunning() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      ContentResponse r = http.get(port, "/index.html");
      assertThat(r.getStatus()).isEqualTo(200);
      seen.add(r.getContentAsString().strip());
    }
    assertThat(seen).containsExactlyInAnyOrder("web-1", "web-2");

    ec2.stopInstances(r -> r.instanceIds(instances.get(0)));
    await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () ->
                healthOf(instances.get(0)).targetHealth().state() == TargetHealthStateEnum.UNUSED);
    TargetHealthDescription stopped = healthOf(instances.get(0));
    assertThat(stopped.targetHealth().reason())
        .isEqualTo(TargetHealthReasonEnum.TARGET_INVALID_STATE);
    assertThat(healthOf(instances.get(1)).targetHealth().state())
        .isEqualTo(TargetHealthStateEnum.HEALTHY);
    for (int i = 0; i < 4; i++) {
      assertThat(http.get(port, "/index.html").getContentAsString().strip()).isEqualTo("web-2");
    }
  }

  private static TargetHealthDescription healthOf(String instanceId) {
    return Albs.health(elb, tg).stream()
        .filter(h -> h.target().id().equals(instanceId))
        .findFirst()
        .orElseThrow();
  }
}
