package dev.ec2double.elbv2;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The attributes of network and gateway load balancers, their target groups (TCP, UDP, TCP_UDP;
 * GENEVE) and listeners, with AWS's defaults
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html,
 * load-balancer-target-groups.html, gateway/target-groups.html): which keys each kind has, and the
 * checks of their values. Application load balancers' stay in {@link LoadBalancerAttributes},
 * {@link TargetGroupAttributes} and {@link ListenerAttributes}.
 */
public final class NetworkAttributes {
  private static final String LB = "Load balancer attribute";
  private static final String TG = "Target group attribute";

  private static final Map<String, String> NETWORK = network();
  private static final Map<String, String> GATEWAY =
      Map.of("deletion_protection.enabled", "false", "load_balancing.cross_zone.enabled", "false");
  private static final Map<String, String> GENEVE = geneve();

  private NetworkAttributes() {}

  private static Map<String, String> network() {
    Map<String, String> d = new TreeMap<>();
    d.put("access_logs.s3.bucket", "");
    d.put("access_logs.s3.enabled", "false");
    d.put("access_logs.s3.prefix", "");
    d.put("deletion_protection.enabled", "false");
    d.put("dns_record.client_routing_policy", "any_availability_zone");
    d.put(LoadBalancerAttributes.DENY_IGW, "false");
    d.put("load_balancing.cross_zone.enabled", "false");
    d.put("secondary_ips.auto_assigned.per_subnet", "0");
    d.put("zonal_shift.config.enabled", "false");
    return Map.copyOf(d);
  }

  private static Map<String, String> geneve() {
    Map<String, String> d = new TreeMap<>();
    d.put("deregistration_delay.timeout_seconds", "300");
    d.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
    d.put("stickiness.enabled", "false");
    d.put("stickiness.type", "source_ip_dest_ip_proto");
    d.put("target_failover.on_deregistration", "no_rebalance");
    d.put("target_failover.on_unhealthy", "no_rebalance");
    return Map.copyOf(d);
  }

  /** A new load balancer's attributes. */
  public static Map<String, String> loadBalancerDefaults(LoadBalancerTypeEnum type) {
    return switch (type) {
      case NETWORK -> NETWORK;
      case GATEWAY -> GATEWAY;
      default -> LoadBalancerAttributes.DEFAULTS;
    };
  }

  /** Checks one load balancer attribute for a load balancer of this type, as AWS does. */
  public static void checkLoadBalancer(LoadBalancerTypeEnum type, String key, String value) {
    if (type == null || type == LoadBalancerTypeEnum.APPLICATION) {
      LoadBalancerAttributes.check(key, value);
      return;
    }
    if (key == null || !loadBalancerDefaults(type).containsKey(key)) {
      throw Elbv2Errors.validation(
          LB + " key '" + key + "' is not recognized for load balancers of type '" + type + "'");
    }
    if (value == null) {
      throw Elbv2Errors.validation(LB + " '" + key + "' needs a value");
    }
    if (key.endsWith(".enabled")) {
      AttributeValues.oneOf(LB, key, value, "true", "false");
    }
    switch (key) {
      case "dns_record.client_routing_policy" ->
          AttributeValues.oneOf(
              LB,
              key,
              value,
              "availability_zone_affinity",
              "partial_availability_zone_affinity",
              "any_availability_zone");
      case "secondary_ips.auto_assigned.per_subnet" -> AttributeValues.range(LB, key, value, 0, 7);
      default -> {}
    }
  }

  /** Whether a target group of this protocol belongs to a network or gateway load balancer. */
  public static boolean isLayer4(ProtocolEnum protocol) {
    return protocol == ProtocolEnum.TCP
        || protocol == ProtocolEnum.UDP
        || protocol == ProtocolEnum.TCP_UDP
        || protocol == ProtocolEnum.TLS
        || protocol == ProtocolEnum.GENEVE;
  }

  /** A new target group's attributes, by its protocol and target type. */
  public static Map<String, String> targetGroupDefaults(TargetGroup tg) {
    if (!isLayer4(tg.protocol())) {
      return TargetGroupAttributes.DEFAULTS;
    }
    if (tg.protocol() == ProtocolEnum.GENEVE) {
      return GENEVE;
    }
    Map<String, String> d = new TreeMap<>();
    d.put("deregistration_delay.timeout_seconds", "300");
    d.put("deregistration_delay.connection_termination.enabled", "false");
    d.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
    // on for instance targets; for ip targets only over UDP (which cannot turn it off)
    boolean udp = tg.protocol() == ProtocolEnum.UDP || tg.protocol() == ProtocolEnum.TCP_UDP;
    d.put(
        "preserve_client_ip.enabled",
        Boolean.toString(udp || "instance".equals(tg.targetTypeAsString())));
    d.put("proxy_protocol_v2.enabled", "false");
    d.put("stickiness.enabled", "false");
    d.put("stickiness.type", "source_ip");
    d.put("target_group_health.dns_failover.minimum_healthy_targets.count", "1");
    d.put("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off");
    d.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1");
    d.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off");
    d.put("target_health_state.unhealthy.connection_termination.enabled", "true");
    d.put("target_health_state.unhealthy.draining_interval_seconds", "0");
    return Map.copyOf(d);
  }

  /** Checks one attribute of this target group, as AWS does. */
  public static void checkTargetGroup(TargetGroup tg, String key, String value) {
    if (!isLayer4(tg.protocol())) {
      TargetGroupAttributes.check(key, value);
      return;
    }
    if (key == null || !targetGroupDefaults(tg).containsKey(key)) {
      throw Elbv2Errors.validation(
          TG + " key '" + key + "' is not recognized for " + tg.protocol() + " target groups");
    }
    if (value == null) {
      throw Elbv2Errors.validation(TG + " '" + key + "' needs a value");
    }
    boolean udp = tg.protocol() == ProtocolEnum.UDP || tg.protocol() == ProtocolEnum.TCP_UDP;
    switch (key) {
      case "deregistration_delay.timeout_seconds" -> AttributeValues.range(TG, key, value, 0, 3600);
      case "target_health_state.unhealthy.draining_interval_seconds" ->
          AttributeValues.range(TG, key, value, 0, 360000);
      case "load_balancing.cross_zone.enabled" ->
          AttributeValues.oneOf(TG, key, value, "true", "false", "use_load_balancer_configuration");
      case "stickiness.type" ->
          AttributeValues.oneOf(
              TG,
              key,
              value,
              tg.protocol() == ProtocolEnum.GENEVE
                  ? new String[] {"source_ip_dest_ip", "source_ip_dest_ip_proto"}
                  : new String[] {"source_ip"});
      case "target_failover.on_deregistration", "target_failover.on_unhealthy" ->
          AttributeValues.oneOf(TG, key, value, "rebalance", "no_rebalance");
      case "preserve_client_ip.enabled" -> {
        AttributeValues.oneOf(TG, key, value, "true", "false");
        if (udp && value.equals("false")) {
          throw Elbv2Errors.invalidConfiguration(
              "Client IP preservation cannot be disabled for " + tg.protocol() + " target groups");
        }
      }
      case "proxy_protocol_v2.enabled" -> {
        AttributeValues.oneOf(TG, key, value, "true", "false");
        if (udp && value.equals("true")) {
          throw Elbv2Errors.invalidConfiguration(
              "Proxy protocol v2 is not supported for " + tg.protocol() + " target groups");
        }
      }
      default -> {
        if (key.endsWith(".enabled")) {
          AttributeValues.oneOf(TG, key, value, "true", "false");
        }
      }
    }
  }

  /** A new listener's attributes: TCP ones have an idle timeout. */
  public static Map<String, String> listenerDefaults(ProtocolEnum protocol) {
    return protocol == ProtocolEnum.TCP || protocol == null
        ? Map.of("tcp.idle_timeout.seconds", "350")
        : Map.of();
  }

  /** Checks one attribute of a network or gateway load balancer's listener. */
  public static void checkListener(ProtocolEnum protocol, String key, String value) {
    if (!listenerDefaults(protocol).containsKey(key)) {
      throw Elbv2Errors.validation(
          "Listener attribute key '" + key + "' is not recognized for " + protocol + " listeners");
    }
    AttributeValues.range("Listener attribute", key, value, 60, 6000);
  }
}
