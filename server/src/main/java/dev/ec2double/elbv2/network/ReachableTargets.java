package dev.ec2double.elbv2.network;

import dev.ec2double.compute.Layer4Forward;
import dev.ec2double.core.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Which of a network load balancer listener's targets a new flow may go to, by where its client is.
 * Without cross-zone balancing (an NLB's default), each of the load balancer's zones is a node: a
 * client in one of the VPC's subnets of that zone goes to the targets of that zone (or of zone
 * {@code all}), when the zone has any; every other client (this machine's programs, other VPCs, a
 * zone with no usable target, as AWS's DNS stops giving its node) goes to every zone's targets, as
 * if given a random node. With cross-zone balancing, every client goes to every zone's targets. Of
 * each set, the healthy targets; when none is, every one that is neither draining nor unused (an
 * NLB fails open).
 *
 * <p>One decision for both kinds of listener: the kernel's forwards take the nodes as source CIDRs
 * ({@link Layer4Forward#from}), and a {@link StreamListener} asks {@link #forClient} at each new
 * connection.
 *
 * @param nodes the zones' nodes, in the load balancer's order of zones (none with cross-zone on)
 * @param everyone where the flows of a client of no node go
 */
record ReachableTargets(List<Node> nodes, List<Layer4Forward.Target> everyone) {
  ReachableTargets {
    nodes = List.copyOf(nodes);
    everyone = List.copyOf(everyone);
  }

  /** One zone's node: new flows from its sources (the VPC's subnets there) go to its targets. */
  record Node(String zone, List<String> sources, List<Layer4Forward.Target> targets) {
    Node {
      sources = List.copyOf(sources);
      targets = List.copyOf(targets);
    }
  }

  /** A registered target (with an address): its zone and its health. */
  record Candidate(Layer4Forward.Target target, String zone, TargetHealthStateEnum state) {}

  /**
   * @param crossZone whether the target group balances across zones ({@link #crossZone})
   * @param zones the load balancer's zones
   * @param sourcesByZone the IPv4 CIDRs of the load balancer's VPC's subnets, by zone
   */
  static ReachableTargets of(
      boolean crossZone,
      List<String> zones,
      Map<String, List<String>> sourcesByZone,
      List<Candidate> candidates) {
    List<Node> nodes = new ArrayList<>();
    if (!crossZone) {
      for (String zone : zones) {
        List<String> from = sourcesByZone.getOrDefault(zone, List.of());
        List<Layer4Forward.Target> local = usable(candidates, zone);
        if (!from.isEmpty() && !local.isEmpty()) {
          nodes.add(new Node(zone, from, local));
        }
      }
    }
    return new ReachableTargets(nodes, usable(candidates, null));
  }

  /**
   * Whether the target group balances across zones: its own {@code
   * load_balancing.cross_zone.enabled}, or the load balancer's (off by default on an NLB).
   */
  static boolean crossZone(Map<String, String> loadBalancer, Map<String, String> targetGroup) {
    String own =
        targetGroup.getOrDefault(
            "load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
    if (own.equals("use_load_balancer_configuration")) {
      own = loadBalancer.getOrDefault("load_balancing.cross_zone.enabled", "false");
    }
    return own.equals("true");
  }

  /** Where a new flow from this client address (dotted IPv4; anything else is in no zone) goes. */
  List<Layer4Forward.Target> forClient(String address) {
    long ip = address == null ? -1 : Cidr.ip(address);
    if (ip >= 0) {
      for (Node node : nodes) {
        for (String source : node.sources()) {
          Cidr block = Cidr.parseOrNull(source);
          if (block != null && block.contains(ip)) {
            return node.targets();
          }
        }
      }
    }
    return everyone;
  }

  /**
   * The healthy targets of one zone, or of every zone when {@code zone} is null (a target in zone
   * {@code all} is in each); when none is healthy, every one that is neither draining nor unused.
   */
  private static List<Layer4Forward.Target> usable(List<Candidate> candidates, String zone) {
    List<Layer4Forward.Target> healthy = new ArrayList<>();
    List<Layer4Forward.Target> usable = new ArrayList<>();
    for (Candidate c : candidates) {
      if (zone != null && !zone.equals(c.zone()) && !"all".equals(c.zone())) {
        continue;
      }
      if (c.state() == TargetHealthStateEnum.DRAINING
          || c.state() == TargetHealthStateEnum.UNUSED) {
        continue;
      }
      usable.add(c.target());
      if (c.state() == TargetHealthStateEnum.HEALTHY) {
        healthy.add(c.target());
      }
    }
    return healthy.isEmpty() ? usable : healthy;
  }
}
