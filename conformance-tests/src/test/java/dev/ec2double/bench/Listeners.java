package dev.ec2double.bench;

import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.elbv2.Albs;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
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
    String lb = loadBalancer(server, elb, account, name, type);
    String tg = targetGroup(server, elb, account, name, targetProtocol, targetPort, r -> {});
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(targetPort)));
    String arn = listener(elb, lb, tg, listener);
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

  /** A load balancer of the default VPC: an ALB in two zones, an NLB in one; its ARN. */
  static String loadBalancer(
      Servers.Running server,
      ElasticLoadBalancingV2Client elb,
      String account,
      String name,
      LoadBalancerTypeEnum type) {
    List<String> subnets = Elbv2Clients.twoSubnets(endpoint(server), account);
    return elb.createLoadBalancer(
            r ->
                r.name(name)
                    .type(type)
                    .subnets(
                        type == LoadBalancerTypeEnum.NETWORK ? subnets.subList(0, 1) : subnets))
        .loadBalancers()
        .get(0)
        .loadBalancerArn();
  }

  /**
   * A target group of the default VPC checked every 5 s (2 s timeout, 2 to pass), with what {@code
   * more} adds (a health check path); its ARN.
   */
  static String targetGroup(
      Servers.Running server,
      ElasticLoadBalancingV2Client elb,
      String account,
      String name,
      ProtocolEnum protocol,
      int port,
      Consumer<CreateTargetGroupRequest.Builder> more) {
    String vpc = Elbv2Clients.defaultVpcId(endpoint(server), account);
    return elb.createTargetGroup(
            r -> {
              r.name(name)
                  .protocol(protocol)
                  .port(port)
                  .vpcId(vpc)
                  .targetType(TargetTypeEnum.IP)
                  .healthCheckIntervalSeconds(5)
                  .healthCheckTimeoutSeconds(2)
                  .healthyThresholdCount(2);
              more.accept(r);
            })
        .targetGroups()
        .get(0)
        .targetGroupArn();
  }

  /** A listener that {@code listener} describes, forwarding to the target group; its ARN. */
  static String listener(
      ElasticLoadBalancingV2Client elb,
      String lb,
      String tg,
      Consumer<CreateListenerRequest.Builder> listener) {
    return elb.createListener(
            r -> {
              listener.accept(r);
              r.loadBalancerArn(lb)
                  .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg));
            })
        .listeners()
        .get(0)
        .listenerArn();
  }
}
