package dev.ec2double.bench;

import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.elbv2.Albs;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A load balancer with one listener forwarding to one {@code ip} target on 127.0.0.1, healthy, as
 * the load balancer benchmarks set it up through the ELBv2 API; the listener's address and port.
 */
final class Listeners {
  private Listeners() {}

  static URI endpoint(Servers.Running server) {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /**
   * Creates the load balancer ({@code type}; an ALB in two zones, an NLB in one), a target group of
   * {@code targetProtocol} with the target registered, and a listener that {@code listener}
   * describes (its port, protocol, certificates); returns once the target is healthy.
   */
  static String create(
      Servers.Running server,
      ElasticLoadBalancingV2Client elb,
      String account,
      LoadBalancerTypeEnum type,
      ProtocolEnum targetProtocol,
      int targetPort,
      Consumer<CreateListenerRequest.Builder> listener)
      throws Exception {
    String name = "bench-" + type.toString().toLowerCase();
    List<String> subnets = Elbv2Clients.twoSubnets(endpoint(server), account);
    String lb =
        elb.createLoadBalancer(
                r ->
                    r.name(name)
                        .type(type)
                        .subnets(
                            type == LoadBalancerTypeEnum.NETWORK ? subnets.subList(0, 1) : subnets))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String tg =
        elb.createTargetGroup(
                r ->
                    r.name(name)
                        .protocol(targetProtocol)
                        .port(targetPort)
                        .vpcId(Elbv2Clients.defaultVpcId(endpoint(server), account))
                        .targetType(TargetTypeEnum.IP)
                        .healthCheckIntervalSeconds(5)
                        .healthCheckTimeoutSeconds(2)
                        .healthyThresholdCount(2))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(targetPort)));
    String arn =
        elb.createListener(
                r -> {
                  listener.accept(r);
                  r.loadBalancerArn(lb)
                      .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg));
                })
            .listeners()
            .get(0)
            .listenerArn();
    for (int i = 0; i < 300; i++) {
      var health = elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions();
      if (health.get(0).targetHealth().state() == TargetHealthStateEnum.HEALTHY) {
        break;
      }
      Thread.sleep(100);
    }
    Thread.sleep(500); // an NLB's kernel forwards follow within 250 ms
    return Albs.authority(elb, arn);
  }
}
