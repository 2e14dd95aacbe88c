package dev.ec2double.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.instances.Exec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Code on an instance calls a load balancer by the DNS name and port DescribeLoadBalancers gives,
 * as on AWS: the name resolves inside the instance (which ran before the load balancer existed) and
 * the listener answers there with a target's page; once the load balancer is deleted, the name no
 * longer resolves. Docker backend; fails, never skips, without an engine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlbFromInstanceIT {
  private static final String ACCOUNT = "123456789012";

  private static Ec2Client ec2;
  private static ElasticLoadBalancingV2Client elb;
  private static String client;
  private static List<String> webs;
  private static LoadBalancer lb;
  private static boolean deleted;
  private static String tg;

  @BeforeAll
  static void anInstanceThenTwoWebServersBehindAnAlb() {
    ec2 = DockerTestServer.ec2();
    elb = Elbv2Clients.of(DockerTestServer.get(), "AKIDDOCKER");
    client = run("#!/bin/sh\ntrue\n");
    webs = List.of(run(Albs.page("from-instance-web-1")), run(Albs.page("from-instance-web-2")));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                ec2
                    .describeInstances(r -> r.instanceIds(client, webs.get(0), webs.get(1)))
                    .reservations()
                    .stream()
                    .flatMap(r -> r.instances().stream())
                    .allMatch(i -> i.state().name() == InstanceStateName.RUNNING));
    lb =
        elb.createLoadBalancer(
                r ->
                    r.name("from-instance")
                        .subnets(Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT)))
            .loadBalancers()
            .get(0);
    tg =
        elb.createTargetGroup(
                r ->
                    r.name("from-instance")
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
    elb.registerTargets(
        r -> r.targetGroupArn(tg).targets(d -> d.id(webs.get(0)), d -> d.id(webs.get(1))));
    elb.createListener(
        r -> r.loadBalancerArn(lb.loadBalancerArn()).port(80).defaultActions(Albs.forward(tg)));
    Albs.awaitStates(elb, tg, TargetHealthStateEnum.HEALTHY, 2);
  }

  private static String run(String userData) {
    return Albs.runBusybox(ec2, null, userData);
  }

  @AfterAll
  static void close() {
    if (lb != null && !deleted) {
      elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    }
    if (tg != null) {
      elb.deleteTargetGroup(r -> r.targetGroupArn(tg));
    }
    if (webs != null) {
      ec2.terminateInstances(r -> r.instanceIds(webs));
    }
    if (client != null) {
      ec2.terminateInstances(r -> r.instanceIds(client));
    }
    elb.close();
    ec2.close();
  }

  @Test
  @Order(1)
  void resolvesTheDnsNameAndGetsBothTargetsPagesAtTheListenersOwnPort() {
    assertThat(inClient("nslookup " + lb.dnsName() + " 2>&1"))
        .contains("Address")
        .containsPattern("198\\.19\\.\\d+\\.\\d+");

    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      String answer = httpGet(lb.dnsName(), 80);
      assertThat(answer).startsWith("HTTP/1.1 200");
      seen.add(answer.substring(answer.indexOf("\r\n\r\n") + 4).strip());
    }
    assertThat(seen).containsExactlyInAnyOrder("from-instance-web-1", "from-instance-web-2");
  }

  @Test
  @Order(2)
  void namesOtherThanTheLoadBalancersStillResolve() {
    // the engine's own names (an instance's private DNS name) come before the server's name server
    String web =
        ec2.describeInstances(r -> r.instanceIds(webs.get(0)))
            .reservations()
            .get(0)
            .instances()
            .get(0)
            .privateDnsName();
    assertThat(httpGet(web, 80)).contains("from-instance-web-1");
    // and an unknown load balancer name is refused at once, not after an upstream timeout
    assertThat(inClient("nslookup nope-1.us-east-1.elb.test 2>&1")).doesNotContain("198.19.");
  }

  @Test
  @Order(3)
  void aDeletedLoadBalancersNameNoLongerResolvesNorItsAddressAnswers() {
    String address =
        inClient("nslookup " + lb.dnsName() + " 2>&1 | grep -o '198\\.19\\.[0-9.]*' | tail -1")
            .strip();
    assertThat(address).startsWith("198.19.");

    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    deleted = true;

    assertThat(inClient("nslookup " + lb.dnsName() + " 2>&1")).doesNotContain(address);
    assertThat(httpGet(address, 80)).doesNotContain("from-instance-web");
  }

  private static String httpGet(String host, int port) {
    return inClient(
        "printf 'GET /index.html HTTP/1.0\\r\\nHost: "
            + host
            + "\\r\\n\\r\\n' | nc -w 3 "
            + host
            + " "
            + port
            + " 2>&1");
  }

  private static String inClient(String script) {
    return Exec.run(DockerTestServer.docker(), "ec2double-" + client, "sh", "-c", script);
  }
}
