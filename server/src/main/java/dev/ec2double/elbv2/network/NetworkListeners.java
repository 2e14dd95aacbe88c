package dev.ec2double.elbv2.network;

import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * AWS's rules for listeners by load balancer type: an application load balancer's are HTTP or HTTPS
 * and forward to HTTP(S) target groups; a network load balancer's are TCP, UDP, TCP_UDP or TLS and
 * forward to one target group of a matching protocol, without rules; a gateway load balancer's have
 * no port or protocol and forward to one GENEVE target group. A TLS listener forwards to a TCP or
 * TLS target group.
 */
public final class NetworkListeners {
  private static final Set<ProtocolEnum> NETWORK =
      Set.of(ProtocolEnum.TCP, ProtocolEnum.UDP, ProtocolEnum.TCP_UDP, ProtocolEnum.TLS);

  private NetworkListeners() {}

  /** The listener's protocol on a network or gateway load balancer (null for a gateway one). */
  public static ProtocolEnum protocol(LoadBalancerTypeEnum type, ProtocolEnum asked, Integer port) {
    if (type == LoadBalancerTypeEnum.GATEWAY) {
      if (asked != null || port != null) {
        throw Elbv2Errors.validation(
            "A port and protocol cannot be specified for listeners of Gateway Load Balancers");
      }
      return null;
    }
    if (asked == null) {
      throw Elbv2Errors.validation("A listener protocol must be specified");
    }
    if (!NETWORK.contains(asked)) {
      throw new AwsException(
          "UnsupportedProtocol",
          "Protocol '"
              + asked
              + "' is not supported for Network Load Balancers; use TCP, UDP, TCP_UDP or TLS");
    }
    if (port == null || port < 1 || port > 65535) {
      throw Elbv2Errors.validation("A port from 1 to 65535 must be specified");
    }
    return asked;
  }

  /**
   * Checks the default actions of a listener (already checked by {@code ActionChecks}) against its
   * load balancer's type and the listener's protocol.
   */
  public static void checkActions(
      Elbv2Store store, LoadBalancerTypeEnum type, ProtocolEnum protocol, List<Action> actions) {
    if (type == LoadBalancerTypeEnum.APPLICATION) {
      for (Action a : actions) {
        for (TargetGroupTuple t : tuples(a)) {
          ProtocolEnum tg = store.targetGroup(t.targetGroupArn()).sdk().protocol();
          if (tg != ProtocolEnum.HTTP && tg != ProtocolEnum.HTTPS) {
            throw incompatible(tg, protocol);
          }
        }
      }
      return;
    }
    for (Action a : actions) {
      if (a.type() != ActionTypeEnum.FORWARD) {
        throw Elbv2Errors.invalidAction(
            "Action type '"
                + a.typeAsString()
                + "' is not supported for listeners of load balancers of type '"
                + type
                + "'");
      }
      List<TargetGroupTuple> tuples = tuples(a);
      if (tuples.size() != 1) {
        throw Elbv2Errors.invalidAction(
            "A forward action of a " + type + " load balancer's listener names one target group");
      }
      ProtocolEnum tg = store.targetGroup(tuples.get(0).targetGroupArn()).sdk().protocol();
      if (!compatible(type, protocol, tg)) {
        throw incompatible(tg, protocol);
      }
    }
  }

  private static boolean compatible(
      LoadBalancerTypeEnum type, ProtocolEnum listener, ProtocolEnum tg) {
    if (type == LoadBalancerTypeEnum.GATEWAY) {
      return tg == ProtocolEnum.GENEVE;
    }
    return switch (listener) {
      case TCP -> tg == ProtocolEnum.TCP || tg == ProtocolEnum.TCP_UDP;
      case UDP -> tg == ProtocolEnum.UDP || tg == ProtocolEnum.TCP_UDP;
      case TCP_UDP -> tg == ProtocolEnum.TCP_UDP;
      case TLS -> tg == ProtocolEnum.TCP || tg == ProtocolEnum.TLS;
      default -> false;
    };
  }

  private static List<TargetGroupTuple> tuples(Action a) {
    if (a.forwardConfig() != null && !a.forwardConfig().targetGroups().isEmpty()) {
      return a.forwardConfig().targetGroups();
    }
    return a.targetGroupArn() == null
        ? List.of()
        : List.of(TargetGroupTuple.builder().targetGroupArn(a.targetGroupArn()).build());
  }

  private static AwsException incompatible(ProtocolEnum tg, ProtocolEnum listener) {
    return new AwsException(
        "IncompatibleProtocols",
        "The protocol of the target group ("
            + tg
            + ") is not compatible with the listener's protocol ("
            + (listener == null ? "GENEVE" : listener)
            + ")");
  }

  /**
   * Checks the ALPN policy a request gives ({@link AlpnPolicies}): at most one known one, for TLS
   * listeners only.
   */
  public static void checkAlpnPolicy(List<String> asked, boolean tlsListener) {
    AlpnPolicies.check(asked, tlsListener);
  }

  /** Rules are an application load balancer's: the others' listeners have none. */
  public static void checkRulesAllowed(LoadBalancerTypeEnum type) {
    if (type != null && type != LoadBalancerTypeEnum.APPLICATION) {
      throw Elbv2Errors.validation(
          "Rules are supported on listeners of Application Load Balancers only, not of"
              + " load balancers of type '"
              + type
              + "'");
    }
  }
}
