package dev.ec2double.it.elbv2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.server.Ec2DoubleServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Rule conformance: WireMock servers on loopback as {@code ip} targets, one ALB in front, and each
 * rule checked by which target got exactly which request. Runs on both backends ({@link
 * MockAlbRulesIT}, {@link DockerAlbRulesIT}): the proxy is the same whatever runs the instances.
 */
abstract class AlbRulesContract {
  private static final String ACCOUNT = "210987654321";
  private static ElasticLoadBalancingV2Client elb;
  private static WireMockServer a1;
  private static WireMockServer a2;
  private static WireMockServer b;
  private static Http http;
  private static String address;
  private static String vpcId;
  private static String lbArn;
  private static String listenerArn;
  private static String tgA;
  private static String tgB;
  private static int port;

  /** Each backend's subclass calls this from its {@code @BeforeAll}, with its server. */
  static void albWithTwoGroups(Ec2DoubleServer server) {
    elb = Elbv2Clients.of(server, ACCOUNT);
    http = new Http();
    a1 = wiremock("a1");
    a2 = wiremock("a2");
    b = wiremock("b");
    vpcId = Elbv2Clients.defaultVpcId(server, ACCOUNT);
    lbArn =
        elb.createLoadBalancer(
                r -> r.name("rules").subnets(Elbv2Clients.twoSubnets(server, ACCOUNT)))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    tgA = group("rules-a", a1, a2);
    tgB = group("rules-b", b);
    listenerArn =
        elb.createListener(r -> r.loadBalancerArn(lbArn).port(80).defaultActions(Albs.forward(tgA)))
            .listeners()
            .get(0)
            .listenerArn();
    port = Albs.hostPort(elb, listenerArn);
    address = Albs.hostAddress(elb, listenerArn);
    http.at(address);
    // keeps group b in use (a group no listener or rule uses shows its targets unused)
    rule(50000, Albs.forward(tgB), path("/keep-b-in-use"));
    Albs.awaitStates(elb, tgA, TargetHealthStateEnum.HEALTHY, 2);
    Albs.awaitStates(elb, tgB, TargetHealthStateEnum.HEALTHY, 1);
  }

  private static WireMockServer wiremock(String name) {
    WireMockServer s = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    s.start();
    s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(name)));
    s.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(200).withBody("ok")));
    return s;
  }

  private static String group(String name, WireMockServer... targets) {
    String arn =
        elb.createTargetGroup(
                r ->
                    r.name(name)
                        .protocol("HTTP")
                        .port(80)
                        .vpcId(vpcId)
                        .targetType(TargetTypeEnum.IP)
                        .healthCheckPath("/health")
                        .healthCheckIntervalSeconds(5)
                        .healthCheckTimeoutSeconds(2)
                        .healthyThresholdCount(2))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    for (WireMockServer t : targets) {
      elb.registerTargets(
          r -> r.targetGroupArn(arn).targets(d -> d.id("127.0.0.1").port(t.port())));
    }
    return arn;
  }

  @AfterAll
  static void close() throws Exception {
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lbArn));
    elb.close();
    http.close();
    a1.stop();
    a2.stop();
    b.stop();
  }

  @BeforeEach
  void clearJournals() {
    elb.describeRules(r -> r.listenerArn(listenerArn)).rules().stream()
        .filter(r -> !r.isDefault() && !r.priority().equals("50000"))
        .forEach(r -> elb.deleteRule(d -> d.ruleArn(r.ruleArn())));
    a1.resetRequests();
    a2.resetRequests();
    b.resetRequests();
  }

  private static List<LoggedRequest> traffic(WireMockServer s) {
    return s.findAll(anyRequestedFor(anyUrl())).stream()
        .filter(r -> !"ELB-HealthChecker/2.0".equals(r.getHeader("User-Agent")))
        .toList();
  }

  private static void rule(int priority, Action action, RuleCondition... conditions) {
    elb.createRule(
        r -> r.listenerArn(listenerArn).priority(priority).conditions(conditions).actions(action));
  }

  private static RuleCondition path(String... values) {
    return RuleCondition.builder()
        .field("path-pattern")
        .pathPatternConfig(p -> p.values(values))
        .build();
  }

  @Test
  void forwardsRoundRobinWithTheHeadersAnAlbAdds() {
    for (int i = 0; i < 4; i++) {
      ContentResponse r = http.get(port, "/hello?x=1");
      assertThat(r.getStatus()).isEqualTo(200);
    }
    assertThat(traffic(a1)).hasSize(2);
    assertThat(traffic(a2)).hasSize(2);
    assertThat(traffic(b)).isEmpty();
    LoggedRequest seen = traffic(a1).get(0);
    assertThat(seen.getUrl()).isEqualTo("/hello?x=1");
    assertThat(seen.getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(seen.getHeader("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(seen.getHeader("X-Forwarded-Port")).isEqualTo("80");
    assertThat(seen.getHeader("X-Amzn-Trace-Id")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
    // the client's Host header, unchanged (Jetty's client leaves out a default port)
    assertThat(seen.getHeader("Host")).isEqualTo(port == 80 ? address : address + ":" + port);
    assertThat(seen.containsHeader("Via")).isFalse();
  }

  @Test
  void answersManyClientConnectionsAtOnce() throws Exception {
    // one connection per client: together they land on every selector thread of the listener,
    // and each thread forwards on target connections of its own
    List<Http> clients = IntStream.range(0, 8).mapToObj(i -> new Http().at(address)).toList();
    ExecutorService threads = Executors.newFixedThreadPool(clients.size());
    List<String> bodies = new ArrayList<>();
    try {
      List<Future<List<String>>> answers = new ArrayList<>();
      for (Http client : clients) {
        answers.add(
            threads.submit(
                () -> {
                  List<String> seen = new ArrayList<>();
                  for (int i = 0; i < 5; i++) {
                    ContentResponse r = client.get(port, "/many");
                    seen.add(r.getStatus() + " " + r.getContentAsString());
                  }
                  return seen;
                }));
      }
      for (Future<List<String>> answer : answers) {
        bodies.addAll(answer.get(60, TimeUnit.SECONDS));
      }
    } finally {
      threads.shutdownNow();
      for (Http client : clients) {
        client.close();
      }
    }
    assertThat(bodies).hasSize(40).allMatch(b -> b.equals("200 a1") || b.equals("200 a2"));
    assertThat(traffic(a1).size() + traffic(a2).size()).isEqualTo(40);
  }

  @Test
  void appendsToForwardedForAndKeepsTheClientsTraceRoot() {
    Http.send(
        http.request(port, "/")
            .headers(
                h -> {
                  h.put("X-Forwarded-For", "203.0.113.7");
                  h.put("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793");
                }));
    LoggedRequest seen = traffic(a1).isEmpty() ? traffic(a2).get(0) : traffic(a1).get(0);
    assertThat(seen.getHeader("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
    assertThat(seen.getHeader("X-Amzn-Trace-Id"))
        .matches("Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-5759e988-bd862e3fe1be46a994272793");
  }

  @Test
  void streamsRequestAndResponseBodies() {
    String body = "x".repeat(300_000);
    ContentResponse r =
        Http.send(
            http.request(port, "/upload")
                .method("POST")
                .body(new StringRequestContent("text/plain", body)));
    assertThat(r.getStatus()).isEqualTo(200);
    List<LoggedRequest> all = new java.util.ArrayList<>(traffic(a1));
    all.addAll(traffic(a2));
    assertThat(all)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getMethod().getName()).isEqualTo("POST");
              assertThat(s.getBodyAsString()).isEqualTo(body);
            });
  }

  @Test
  void routesByPathPatternInPriorityOrder() {
    rule(20, Albs.forward(tgA), path("/api/admin*"));
    rule(10, Albs.forward(tgB), path("/api/*"));
    assertThat(http.get(port, "/api/admin").getContentAsString()).isEqualTo("b");
    assertThat(http.get(port, "/API/x").getContentAsString()).isNotEqualTo("b");
    assertThat(http.get(port, "/other").getContentAsString()).isNotEqualTo("b");
    assertThat(traffic(b)).extracting(LoggedRequest::getUrl).containsExactly("/api/admin");
  }

  @Test
  void routesByHostHeaderIgnoringCaseAndPort() {
    rule(
        1,
        Albs.forward(tgB),
        RuleCondition.builder()
            .field("host-header")
            .hostHeaderConfig(h -> h.values("*.example.com"))
            .build());
    assertThat(http.get(port, "API.Example.com:8080", "/").getContentAsString()).isEqualTo("b");
    assertThat(http.get(port, "example.org", "/").getContentAsString()).isNotEqualTo("b");
  }

  @Test
  void routesByHttpHeaderMethodQueryAndSourceIp() {
    rule(
        1,
        Albs.forward(tgB),
        RuleCondition.builder()
            .field("http-header")
            .httpHeaderConfig(h -> h.httpHeaderName("X-Canary").values("yes"))
            .build());
    rule(
        2,
        Albs.forward(tgB),
        RuleCondition.builder()
            .field("http-request-method")
            .httpRequestMethodConfig(m -> m.values("DELETE"))
            .build());
    rule(
        3,
        Albs.forward(tgB),
        RuleCondition.builder()
            .field("query-string")
            .queryStringConfig(q -> q.values(v -> v.key("v").value("b*")))
            .build());
    rule(
        4,
        Albs.forward(tgB),
        path("/src"),
        RuleCondition.builder()
            .field("source-ip")
            .sourceIpConfig(s -> s.values("127.0.0.0/8"))
            .build());
    rule(
        5,
        Albs.forward(tgB),
        path("/elsewhere"),
        RuleCondition.builder()
            .field("source-ip")
            .sourceIpConfig(s -> s.values("10.0.0.0/8"))
            .build());

    assertThat(
            Http.send(http.request(port, "/h").headers(h -> h.put("x-canary", "YES")))
                .getContentAsString())
        .isEqualTo("b");
    assertThat(Http.send(http.request(port, "/m").method("DELETE")).getContentAsString())
        .isEqualTo("b");
    assertThat(http.get(port, "/q?v=Beta").getContentAsString()).isEqualTo("b");
    assertThat(http.get(port, "/q?w=beta").getContentAsString()).isNotEqualTo("b");
    assertThat(http.get(port, "/src").getContentAsString()).isEqualTo("b");
    assertThat(http.get(port, "/elsewhere").getContentAsString()).isNotEqualTo("b");
    assertThat(traffic(b))
        .extracting(LoggedRequest::getUrl)
        .containsExactly("/h", "/m", "/q?v=Beta", "/src");
  }

  @Test
  void answersFixedResponsesItself() {
    rule(
        1,
        Action.builder()
            .type(ActionTypeEnum.FIXED_RESPONSE)
            .fixedResponseConfig(
                f ->
                    f.statusCode("418")
                        .contentType("application/json")
                        .messageBody("{\"tea\":true}"))
            .build(),
        path("/tea"));
    ContentResponse r = http.get(port, "/tea");
    assertThat(r.getStatus()).isEqualTo(418);
    assertThat(r.getHeaders().get(HttpHeader.CONTENT_TYPE)).isEqualTo("application/json");
    assertThat(r.getContentAsString()).isEqualTo("{\"tea\":true}");
    assertThat(r.getHeaders().get(HttpHeader.SERVER)).isEqualTo("awselb/2.0");
    assertThat(traffic(a1)).isEmpty();
    assertThat(traffic(a2)).isEmpty();
  }

  @Test
  void redirectsWithEveryPlaceholder() {
    rule(
        1,
        Action.builder()
            .type(ActionTypeEnum.REDIRECT)
            .redirectConfig(
                c ->
                    c.protocol("HTTPS")
                        .host("new.#{host}")
                        .port("8443")
                        .path("/v2/#{path}")
                        .query("#{query}&from=#{port}")
                        .statusCode("HTTP_301"))
            .build(),
        path("/old/*"));
    rule(
        2,
        Action.builder()
            .type(ActionTypeEnum.REDIRECT)
            .redirectConfig(c -> c.path("/moved").statusCode("HTTP_302"))
            .build(),
        path("/temp"));
    ContentResponse r = http.get(port, "shop.example.com", "/old/item?id=7");
    assertThat(r.getStatus()).isEqualTo(301);
    assertThat(r.getHeaders().get(HttpHeader.LOCATION))
        .isEqualTo("https://new.shop.example.com:8443/v2/old/item?id=7&from=80");
    ContentResponse t = http.get(port, "shop.example.com", "/temp");
    assertThat(t.getStatus()).isEqualTo(302);
    assertThat(t.getHeaders().get(HttpHeader.LOCATION))
        .isEqualTo("http://shop.example.com:80/moved");
  }

  @Test
  void weighsTargetGroupsAndSkipsWeightZero() {
    rule(
        1,
        Action.builder()
            .type(ActionTypeEnum.FORWARD)
            .forwardConfig(
                f ->
                    f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn(tgA).weight(0).build(),
                        TargetGroupTuple.builder().targetGroupArn(tgB).weight(5).build()))
            .build(),
        path("/w"));
    for (int i = 0; i < 5; i++) {
      assertThat(http.get(port, "/w").getContentAsString()).isEqualTo("b");
    }
  }

  @Test
  void keepsAClientOnItsTargetWithStickiness() {
    elb.modifyTargetGroupAttributes(
        r -> r.targetGroupArn(tgA).attributes(a -> a.key("stickiness.enabled").value("true")));
    try {
      ContentResponse first = http.get(port, "/s");
      String cookie =
          first.getHeaders().getValuesList(HttpHeader.SET_COOKIE).stream()
              .filter(c -> c.startsWith("AWSALB="))
              .findFirst()
              .orElseThrow();
      Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < 4; i++) {
        seen.add(
            Http.send(
                    http.request(port, "/s")
                        .headers(h -> h.put(HttpHeader.COOKIE, cookie.split(";")[0])))
                .getContentAsString());
      }
      assertThat(seen).containsExactly(first.getContentAsString());
    } finally {
      elb.modifyTargetGroupAttributes(
          r -> r.targetGroupArn(tgA).attributes(a -> a.key("stickiness.enabled").value("false")));
    }
  }

  @Test
  void answers503WithoutTargetsAnd502WhenTheTargetFails() throws Exception {
    String empty =
        elb.createTargetGroup(
                r ->
                    r.name("rules-empty")
                        .protocol("HTTP")
                        .port(80)
                        .vpcId(vpcId)
                        .targetType(TargetTypeEnum.IP))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    rule(1, Albs.forward(empty), path("/none"));
    ContentResponse none = http.get(port, "/none");
    assertThat(none.getStatus()).isEqualTo(503);
    assertThat(none.getContentAsString())
        .contains("<center><h1>503 Service Temporarily Unavailable</h1></center>");
    assertThat(none.getHeaders().get(HttpHeader.SERVER)).isEqualTo("awselb/2.0");

    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    elb.registerTargets(r -> r.targetGroupArn(empty).targets(d -> d.id("127.0.0.1").port(closed)));
    ContentResponse failed = http.get(port, "/none");
    assertThat(failed.getStatus()).isEqualTo(502);
    assertThat(failed.getContentAsString()).contains("<center><h1>502 Bad Gateway</h1></center>");
  }

  @Test
  void reportsFailingHealthChecksAndDrainsDeregisteredTargets() {
    WireMockServer sick = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    sick.start();
    try {
      sick.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
      String tg =
          elb.createTargetGroup(
                  r ->
                      r.name("rules-sick")
                          .protocol("HTTP")
                          .port(80)
                          .vpcId(vpcId)
                          .targetType(TargetTypeEnum.IP)
                          .healthCheckIntervalSeconds(5)
                          .healthCheckTimeoutSeconds(2)
                          .unhealthyThresholdCount(2))
              .targetGroups()
              .get(0)
              .targetGroupArn();
      rule(1, Albs.forward(tg), path("/sick"));
      elb.registerTargets(
          r -> r.targetGroupArn(tg).targets(d -> d.id("127.0.0.1").port(sick.port())));
      assertThat(Albs.health(elb, tg).get(0).targetHealth().state())
          .isEqualTo(TargetHealthStateEnum.INITIAL);
      Albs.awaitStates(elb, tg, TargetHealthStateEnum.UNHEALTHY, 1);
      assertThat(Albs.health(elb, tg).get(0).targetHealth().reason())
          .isEqualTo(TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH);
      assertThat(Albs.health(elb, tg).get(0).targetHealth().description())
          .isEqualTo("Health checks failed with these codes: [500]");
      // fail open: the only target is unhealthy, so it still gets the traffic
      assertThat(http.get(port, "/sick").getStatus()).isEqualTo(500);

      elb.deregisterTargets(
          r -> r.targetGroupArn(tg).targets(d -> d.id("127.0.0.1").port(sick.port())));
      assertThat(Albs.health(elb, tg).get(0).targetHealth().reason())
          .isEqualTo(TargetHealthReasonEnum.TARGET_DEREGISTRATION_IN_PROGRESS);
      assertThat(http.get(port, "/sick").getStatus()).isEqualTo(503);
    } finally {
      sick.stop();
    }
  }

  @Test
  void showsTheRulesInPriorityOrderWithTheDefaultLast() {
    rule(30, Albs.forward(tgB), path("/c"));
    rule(10, Albs.forward(tgB), path("/a"));
    assertThat(
            elb.describeRules(r -> r.listenerArn(listenerArn)).rules().stream()
                .map(r -> r.priority())
                .collect(Collectors.toList()))
        .containsExactly("10", "30", "50000", "default");
  }
}
