package dev.ec2double.it.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** Everything a user can list, as the SDK returns it: two of these compare by value. */
final class Described {
  private Described() {}

  static Map<String, Object> ec2(Ec2Client ec2) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("vpcs", ec2.describeVpcs().vpcs());
    all.put("subnets", ec2.describeSubnets().subnets());
    all.put("groups", ec2.describeSecurityGroups().securityGroups());
    all.put("rules", ec2.describeSecurityGroupRules(r -> {}).securityGroupRules());
    all.put("keys", ec2.describeKeyPairs().keyPairs());
    all.put("volumes", ec2.describeVolumes().volumes());
    all.put("snapshots", ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots());
    all.put("instances", ec2.describeInstances().reservations());
    all.put("tags", ec2.describeTags().tags());
    all.put("addresses", ec2.describeAddresses().addresses());
    all.put("gateways", ec2.describeInternetGateways().internetGateways());
    all.put("routeTables", ec2.describeRouteTables().routeTables());
    all.put("interfaces", ec2.describeNetworkInterfaces().networkInterfaces());
    all.put("images", ec2.describeImages(r -> r.owners("self")).images());
    return all;
  }

  static Map<String, Object> elbv2(ElasticLoadBalancingV2Client elb) {
    Map<String, Object> all = new LinkedHashMap<>();
    List<LoadBalancer> lbs = elb.describeLoadBalancers().loadBalancers();
    all.put("loadBalancers", lbs);
    List<TargetGroup> tgs = elb.describeTargetGroups().targetGroups();
    all.put("targetGroups", tgs);
    for (LoadBalancer lb : lbs) {
      all.put(
          "attributes " + lb.loadBalancerName(),
          elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()))
              .attributes());
      List<Listener> listeners =
          elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners();
      all.put("listeners " + lb.loadBalancerName(), listeners);
      for (Listener l : listeners) {
        all.put(
            "rules " + l.listenerArn(),
            elb.describeRules(r -> r.listenerArn(l.listenerArn())).rules());
        all.put(
            "listener attributes " + l.listenerArn(),
            elb.describeListenerAttributes(r -> r.listenerArn(l.listenerArn())).attributes());
        all.put(
            "certificates " + l.listenerArn(),
            elb.describeListenerCertificates(r -> r.listenerArn(l.listenerArn())).certificates());
      }
      all.put(
          "capacity " + lb.loadBalancerName(),
          elb.describeCapacityReservation(r -> r.loadBalancerArn(lb.loadBalancerArn()))
              .minimumLoadBalancerCapacity());
      all.put(
          "tags " + lb.loadBalancerName(),
          elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn())).tagDescriptions());
    }
    var stores = elb.describeTrustStores(r -> {}).trustStores();
    all.put("trustStores", stores);
    for (var t : stores) {
      all.put(
          "revocations " + t.name(),
          elb.describeTrustStoreRevocations(r -> r.trustStoreArn(t.trustStoreArn()))
              .trustStoreRevocations());
      all.put(
          "associations " + t.name(),
          elb.describeTrustStoreAssociations(r -> r.trustStoreArn(t.trustStoreArn()))
              .trustStoreAssociations());
    }
    for (TargetGroup tg : tgs) {
      all.put(
          "targets " + tg.targetGroupName(),
          elb
              .describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
              .targetHealthDescriptions()
              .stream()
              .map(d -> d.target())
              .toList());
    }
    return all;
  }
}
