package dev.ec2double.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the dashboard draws for one account and region: the answers of the Describe actions a client
 * would call, in AWS's names. An action the server does not answer (a family not built yet) is left
 * out, so the picture grows with the API.
 */
final class Topology {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String EC2 = "ec2";
  private static final String ELB = "elasticloadbalancing";
  private static final String ASG = "autoscaling";

  private final SelfCalls api;

  Topology(SelfCalls api) {
    this.api = api;
  }

  ObjectNode of(String account, String region) {
    ObjectNode o = NODES.objectNode();
    o.put("account", account);
    o.put("region", region);
    o.set("vpcs", list(ec2(account, region, "DescribeVpcs", "2016-11-15"), "vpcSet"));
    o.set("subnets", list(ec2(account, region, "DescribeSubnets", "2016-11-15"), "subnetSet"));
    o.set(
        "securityGroups",
        list(ec2(account, region, "DescribeSecurityGroups", "2016-11-15"), "securityGroupInfo"));
    o.set(
        "peerings",
        list(
            ec2(account, region, "DescribeVpcPeeringConnections", "2016-11-15"),
            "vpcPeeringConnectionSet"));
    o.set(
        "natGateways",
        list(ec2(account, region, "DescribeNatGateways", "2016-11-15"), "natGatewaySet"));
    o.set("instances", instances(account, region));
    loadBalancing(o, account, region);
    JsonNode groups =
        api.read(account, region, ASG, params("DescribeAutoScalingGroups", "2011-01-01"));
    o.set("autoScalingGroups", list(result(groups), "AutoScalingGroups"));
    return o;
  }

  private ArrayNode instances(String account, String region) {
    ArrayNode out = NODES.arrayNode();
    for (JsonNode reservation :
        list(ec2(account, region, "DescribeInstances", "2016-11-15"), "reservationSet")) {
      for (JsonNode i : list(reservation, "instancesSet")) {
        out.add(i);
      }
    }
    return out;
  }

  private void loadBalancing(ObjectNode o, String account, String region) {
    ArrayNode lbs = list(elb(account, region, "DescribeLoadBalancers", Map.of()), "LoadBalancers");
    ArrayNode listeners = NODES.arrayNode();
    ArrayNode rules = NODES.arrayNode();
    for (JsonNode lb : lbs) {
      for (JsonNode l :
          list(
              elb(
                  account,
                  region,
                  "DescribeListeners",
                  Map.of("LoadBalancerArn", lb.path("LoadBalancerArn").asText())),
              "Listeners")) {
        listeners.add(l);
        list(
                elb(
                    account,
                    region,
                    "DescribeRules",
                    Map.of("ListenerArn", l.path("ListenerArn").asText())),
                "Rules")
            .forEach(
                r ->
                    rules.add(((ObjectNode) r).put("ListenerArn", l.path("ListenerArn").asText())));
      }
    }
    ArrayNode groups = list(elb(account, region, "DescribeTargetGroups", Map.of()), "TargetGroups");
    ObjectNode health = NODES.objectNode();
    for (JsonNode g : groups) {
      String arn = g.path("TargetGroupArn").asText();
      health.set(
          arn,
          list(
              elb(account, region, "DescribeTargetHealth", Map.of("TargetGroupArn", arn)),
              "TargetHealthDescriptions"));
    }
    o.set("loadBalancers", lbs);
    o.set("listeners", listeners);
    o.set("rules", rules);
    o.set("targetGroups", groups);
    o.set("targetHealth", health);
  }

  private JsonNode ec2(String account, String region, String action, String version) {
    return api.read(account, region, EC2, params(action, version));
  }

  private JsonNode elb(String account, String region, String action, Map<String, String> more) {
    Map<String, String> p = params(action, "2015-12-01");
    p.putAll(more);
    return result(api.read(account, region, ELB, p));
  }

  /** ELBv2's and Auto Scaling's answers wrap their members in a {@code <ActionResult>}. */
  private static JsonNode result(JsonNode response) {
    if (response == null || !response.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> e : response.properties()) {
      if (e.getKey().endsWith("Result")) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Map<String, String> params(String action, String version) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("Action", action);
    p.put("Version", version);
    return p;
  }

  /** The list under {@code name}; empty when the answer or the list is absent. */
  private static ArrayNode list(JsonNode parent, String name) {
    JsonNode n = parent == null ? null : parent.get(name);
    return n instanceof ArrayNode a ? a : NODES.arrayNode();
  }
}
