package dev.ec2double.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.server.Ec2DoubleServer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateLoadBalancerNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The ELBv2 API: shapes, ARNs, errors and their HTTP statuses. Runs on both backends ({@link
 * MockElbv2ApiIT}, {@link DockerElbv2ApiIT}): nothing here may depend on what runs behind it.
 */
abstract class Elbv2ApiContract {
  private static final String ACCOUNT = "111122223333";
  private static ElasticLoadBalancingV2Client elb;
  private static List<String> subnets;
  private static String vpcId;

  /** Each backend's subclass calls this from its {@code @BeforeAll}, with its server. */
  static void client(Ec2DoubleServer server) {
    elb = Elbv2Clients.of(server, ACCOUNT);
    subnets = Elbv2Clients.twoSubnets(server, ACCOUNT);
    vpcId = Elbv2Clients.defaultVpcId(server, ACCOUNT);
  }

  @AfterAll
  static void close() {
    elb.close();
  }

  private static String name(TestInfo test) {
    String n = test.getTestMethod().orElseThrow().getName().replaceAll("[^A-Za-z0-9]", "");
    return n.substring(0, Math.min(28, n.length()));
  }

  private static LoadBalancer lb(String name) {
    return elb.createLoadBalancer(r -> r.name(name).subnets(subnets)).loadBalancers().get(0);
  }

  private static TargetGroup tg(String name) {
    return elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(80).vpcId(vpcId))
        .targetGroups()
        .get(0);
  }

  @Test
  void createsLoadBalancersWithAwsShapedArnsAndLocalDnsNames(TestInfo test) {
    LoadBalancer lb = lb(name(test));
    assertThat(lb.loadBalancerArn())
        .matches(
            "arn:aws:elasticloadbalancing:us-east-1:"
                + ACCOUNT
                + ":loadbalancer/app/"
                + name(test)
                + "/[0-9a-f]{16}");
    assertThat(lb.dnsName())
        .matches(name(test).toLowerCase() + "-\\d{10}\\.us-east-1\\.elb\\.test");
    assertThat(lb.vpcId()).isEqualTo(vpcId);
    assertThat(lb.availabilityZones())
        .extracting(z -> z.subnetId())
        .containsExactlyElementsOf(subnets);
    assertThat(lb.securityGroups()).hasSize(1);
    assertThat(lb.state().codeAsString()).isEqualTo("active");
    assertThat(elb.describeLoadBalancers(r -> r.names(name(test))).loadBalancers())
        .containsExactly(lb);
    // same name, same settings: the same load balancer; other settings: an error
    assertThat(lb(name(test))).isEqualTo(lb);
    assertThatThrownBy(
            () ->
                elb.createLoadBalancer(r -> r.name(name(test)).subnets(subnets).scheme("internal")))
        .isInstanceOf(DuplicateLoadBalancerNameException.class);
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    assertThatThrownBy(
            () -> elb.describeLoadBalancers(r -> r.loadBalancerArns(lb.loadBalancerArn())))
        .isInstanceOfSatisfying(
            LoadBalancerNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
  }

  @Test
  void rejectsOneSubnetAndUnknownOnes(TestInfo test) {
    assertThatThrownBy(
            () -> elb.createLoadBalancer(r -> r.name(name(test)).subnets(subnets.get(0))))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    assertThatThrownBy(
            () ->
                elb.createLoadBalancer(
                    r -> r.name(name(test)).subnets("subnet-0123456789abcdef0", subnets.get(0))))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SubnetNotFound"));
  }

  @Test
  void keepsAttributesAndHonoursDeletionProtection(TestInfo test) {
    LoadBalancer lb = lb(name(test));
    assertThat(
            elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .attributes())
        .anySatisfy(
            a ->
                assertThat(a.key() + "=" + a.value()).isEqualTo("idle_timeout.timeout_seconds=60"));
    elb.modifyLoadBalancerAttributes(
        r ->
            r.loadBalancerArn(lb.loadBalancerArn())
                .attributes(a -> a.key("deletion_protection.enabled").value("true")));
    assertThatThrownBy(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn())))
        .isInstanceOf(OperationNotPermittedException.class);
    assertThatThrownBy(
            () ->
                elb.modifyLoadBalancerAttributes(
                    r ->
                        r.loadBalancerArn(lb.loadBalancerArn())
                            .attributes(a -> a.key("no.such").value("1"))))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    elb.modifyLoadBalancerAttributes(
        r ->
            r.loadBalancerArn(lb.loadBalancerArn())
                .attributes(a -> a.key("deletion_protection.enabled").value("false")));
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
  }

  @Test
  void managesTargetGroupsTheirAttributesAndUse(TestInfo test) {
    TargetGroup group = tg(name(test));
    assertThat(group.targetGroupArn())
        .matches(
            "arn:aws:elasticloadbalancing:us-east-1:"
                + ACCOUNT
                + ":targetgroup/"
                + name(test)
                + "/[0-9a-f]{16}");
    assertThat(group.healthCheckIntervalSeconds()).isEqualTo(30);
    assertThat(group.matcher().httpCode()).isEqualTo("200");
    assertThat(group.targetTypeAsString()).isEqualTo("instance");
    assertThat(
            elb.describeTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn()))
                .attributes())
        .anySatisfy(
            a ->
                assertThat(a.key() + "=" + a.value())
                    .isEqualTo("deregistration_delay.timeout_seconds=300"));
    TargetGroup modified =
        elb.modifyTargetGroup(
                r ->
                    r.targetGroupArn(group.targetGroupArn())
                        .healthCheckPath("/up")
                        .matcher(m -> m.httpCode("200-299")))
            .targetGroups()
            .get(0);
    assertThat(modified.healthCheckPath()).isEqualTo("/up");
    assertThatThrownBy(
            () ->
                elb.modifyTargetGroup(
                    r -> r.targetGroupArn(group.targetGroupArn()).healthCheckIntervalSeconds(3)))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));

    LoadBalancer lb = lb(name(test));
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .port(80)
                        .defaultActions(Albs.forward(group.targetGroupArn())))
            .listeners()
            .get(0)
            .listenerArn();
    assertThat(listener)
        .matches(lb.loadBalancerArn().replace(":loadbalancer/", ":listener/") + "/[0-9a-f]{16}");
    assertThat(
            elb.describeTargetGroups(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .targetGroups()
                .get(0)
                .loadBalancerArns())
        .containsExactly(lb.loadBalancerArn());
    assertThatThrownBy(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(group.targetGroupArn())))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(
            () ->
                elb.createListener(
                    r ->
                        r.loadBalancerArn(lb.loadBalancerArn())
                            .port(80)
                            .defaultActions(
                                Albs.forward(group.targetGroupArn()).toBuilder()
                                    .type("fixed-response")
                                    .fixedResponseConfig(f -> f.statusCode("200"))
                                    .targetGroupArn(null)
                                    .build())))
        .isInstanceOf(DuplicateListenerException.class);
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    elb.deleteTargetGroup(r -> r.targetGroupArn(group.targetGroupArn()));
    assertThatThrownBy(
            () -> elb.describeTargetGroups(r -> r.targetGroupArns(group.targetGroupArn())))
        .isInstanceOf(TargetGroupNotFoundException.class);
  }

  @Test
  void ordersRulesAndGuardsPrioritiesAndTheDefaultRule(TestInfo test) {
    LoadBalancer lb = lb(name(test));
    TargetGroup group = tg(name(test));
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .port(81)
                        .defaultActions(Albs.forward(group.targetGroupArn())))
            .listeners()
            .get(0)
            .listenerArn();
    RuleCondition path = RuleCondition.builder().field("path-pattern").values("/a").build();
    Rule one =
        elb.createRule(
                r ->
                    r.listenerArn(listener)
                        .priority(5)
                        .conditions(path)
                        .actions(Albs.forward(group.targetGroupArn())))
            .rules()
            .get(0);
    assertThat(one.conditions().get(0).pathPatternConfig().values()).containsExactly("/a");
    assertThatThrownBy(
            () ->
                elb.createRule(
                    r ->
                        r.listenerArn(listener)
                            .priority(5)
                            .conditions(path)
                            .actions(Albs.forward(group.targetGroupArn()))))
        .isInstanceOf(PriorityInUseException.class);
    Rule two =
        elb.createRule(
                r ->
                    r.listenerArn(listener)
                        .priority(6)
                        .conditions(path)
                        .actions(Albs.forward(group.targetGroupArn())))
            .rules()
            .get(0);
    elb.setRulePriorities(
        r ->
            r.rulePriorities(
                p -> p.ruleArn(one.ruleArn()).priority(7),
                p -> p.ruleArn(two.ruleArn()).priority(5)));
    List<Rule> rules = elb.describeRules(r -> r.listenerArn(listener)).rules();
    assertThat(rules)
        .extracting(Rule::ruleArn)
        .containsExactly(two.ruleArn(), one.ruleArn(), rules.get(2).ruleArn());
    assertThat(rules.get(2).isDefault()).isTrue();
    assertThatThrownBy(() -> elb.deleteRule(r -> r.ruleArn(rules.get(2).ruleArn())))
        .isInstanceOf(OperationNotPermittedException.class);
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
  }

  @Test
  void tagsEveryKindOfResource(TestInfo test) {
    LoadBalancer lb = lb(name(test));
    TargetGroup group = tg(name(test));
    elb.addTags(
        r ->
            r.resourceArns(lb.loadBalancerArn(), group.targetGroupArn())
                .tags(t -> t.key("team").value("web")));
    assertThat(
            elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn(), group.targetGroupArn()))
                .tagDescriptions())
        .allSatisfy(
            d ->
                assertThat(d.tags())
                    .singleElement()
                    .satisfies(t -> assertThat(t.value()).isEqualTo("web")));
    elb.removeTags(r -> r.resourceArns(lb.loadBalancerArn()).tagKeys("team"));
    assertThat(
            elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn()))
                .tagDescriptions()
                .get(0)
                .tags())
        .isEmpty();
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
  }

  @Test
  void checksTargetsAndTellsUnregisteredOnesApart(TestInfo test) {
    TargetGroup group = tg(name(test));
    assertThatThrownBy(
            () ->
                elb.registerTargets(
                    r ->
                        r.targetGroupArn(group.targetGroupArn())
                            .targets(t -> t.id("i-0123456789abcdef0"))))
        .isInstanceOf(InvalidTargetException.class);
    TargetGroup ipGroup =
        elb.createTargetGroup(
                r ->
                    r.name(name(test) + "-ip")
                        .protocol("HTTP")
                        .port(80)
                        .vpcId(vpcId)
                        .targetType("ip"))
            .targetGroups()
            .get(0);
    assertThatThrownBy(
            () ->
                elb.registerTargets(
                    r -> r.targetGroupArn(ipGroup.targetGroupArn()).targets(t -> t.id("8.8.8.8"))))
        .isInstanceOf(InvalidTargetException.class);
    elb.registerTargets(
        r -> r.targetGroupArn(ipGroup.targetGroupArn()).targets(t -> t.id("172.31.5.9")));
    assertThat(Albs.health(elb, ipGroup.targetGroupArn()).get(0).targetHealth().reason())
        .isEqualTo(TargetHealthReasonEnum.TARGET_NOT_IN_USE);
    var unregistered =
        elb.describeTargetHealth(
                r -> r.targetGroupArn(ipGroup.targetGroupArn()).targets(t -> t.id("172.31.5.10")))
            .targetHealthDescriptions()
            .get(0)
            .targetHealth();
    assertThat(unregistered.state()).isEqualTo(TargetHealthStateEnum.UNUSED);
    assertThat(unregistered.reason()).isEqualTo(TargetHealthReasonEnum.TARGET_NOT_REGISTERED);
  }

  @Test
  void describesLimitsAndSslPolicies() {
    assertThat(elb.describeAccountLimits(r -> {}).limits())
        .anySatisfy(
            l -> assertThat(l.name() + "=" + l.max()).isEqualTo("application-load-balancers=50"));
    assertThat(
            elb.describeSSLPolicies(r -> r.names("ELBSecurityPolicy-TLS13-1-2-2021-06"))
                .sslPolicies()
                .get(0)
                .sslProtocols())
        .contains("TLSv1.3");
  }

  @Test
  void closesTheListenerPortWhenTheLoadBalancerGoes(TestInfo test) throws Exception {
    LoadBalancer lb = lb(name(test));
    TargetGroup group = tg(name(test));
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .port(82)
                        .defaultActions(Albs.forward(group.targetGroupArn())))
            .listeners()
            .get(0)
            .listenerArn();
    int port = Albs.hostPort(elb, listener);
    String address = Albs.hostAddress(elb, listener);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 2000);
    }
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    // refused within moments (once, in a full CI run, one connect right after the delete was
    // still accepted; the cause was not found)
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(3))
        .pollInterval(java.time.Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThatThrownBy(
                        () -> {
                          try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress(address, port), 2000);
                          }
                        })
                    .isInstanceOf(ConnectException.class));
  }
}
