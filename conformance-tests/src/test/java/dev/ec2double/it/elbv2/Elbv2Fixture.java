package dev.ec2double.it.elbv2;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.server.Ec2DoubleServer;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * An account's ELBv2 client on a test server, with its default VPC's subnets, and the resources the
 * API-only ITs build on: a load balancer, a target group, an HTTPS listener.
 */
final class Elbv2Fixture implements AutoCloseable {
  final ElasticLoadBalancingV2Client elb;
  final List<String> subnets;
  final String vpcId;
  final String account;

  Elbv2Fixture(Ec2DoubleServer server, String account) {
    this.account = account;
    this.elb = Elbv2Clients.of(server, account);
    this.subnets = Elbv2Clients.twoSubnets(server, account);
    this.vpcId = Elbv2Clients.defaultVpcId(server, account);
  }

  /** A name from the test's own, so that tests never share resources. */
  static String name(TestInfo test) {
    String n = test.getTestMethod().orElseThrow().getName().replaceAll("[^A-Za-z0-9]", "");
    return n.substring(0, Math.min(28, n.length()));
  }

  String certificate(String id) {
    String owner = account.matches("\\d{12}") ? account : "123456789012";
    return "arn:aws:acm:us-east-1:" + owner + ":certificate/" + id;
  }

  LoadBalancer lb(String name) {
    return elb.createLoadBalancer(r -> r.name(name).subnets(subnets)).loadBalancers().get(0);
  }

  TargetGroup tg(String name) {
    return elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(80).vpcId(vpcId))
        .targetGroups()
        .get(0);
  }

  /** An HTTPS listener on port 443 of a new load balancer, forwarding to a new target group. */
  Listener httpsListener(String name, String certificateArn) {
    LoadBalancer lb = lb(name);
    TargetGroup tg = tg(name);
    return elb.createListener(
            r ->
                r.loadBalancerArn(lb.loadBalancerArn())
                    .protocol("HTTPS")
                    .port(443)
                    .certificates(Certificate.builder().certificateArn(certificateArn).build())
                    .defaultActions(Albs.forward(tg.targetGroupArn())))
        .listeners()
        .get(0);
  }

  /** The call fails with AWS's error code and HTTP 400. */
  static void assertError(String code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.awsErrorDetails().errorCode())
                  .as(e.getMessage())
                  .isEqualTo(code);
              org.assertj.core.api.Assertions.assertThat(e.statusCode()).isEqualTo(400);
            });
  }

  @Override
  public void close() {
    elb.close();
  }
}
