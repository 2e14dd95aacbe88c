package dev.ec2double.elbv2.listeners;

import dev.ec2double.elbv2.ActionChecks;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.ListenerRecord;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.elbv2.NetworkAttributes;
import dev.ec2double.elbv2.network.NetworkListeners;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * ModifyListener on a network or gateway load balancer's listener: its port, protocol and default
 * action change with AWS's rules for those types, and the kernel's forwards follow at once. The
 * caller holds the store's lock.
 */
final class NetworkListenerChanges {
  private NetworkListenerChanges() {}

  static ModifyListenerResponse modify(
      Elbv2 elbv2,
      Elbv2Store store,
      LoadBalancerRecord lb,
      ListenerRecord l,
      ModifyListenerRequest req) {
    LoadBalancerTypeEnum type = lb.sdk().type();
    if (type == LoadBalancerTypeEnum.GATEWAY
        && (!req.certificates().isEmpty()
            || req.sslPolicy() != null
            || !req.alpnPolicy().isEmpty())) {
      throw new AwsException(
          "UnsupportedProtocol",
          "Certificates, SSL policies and ALPN policies apply to TLS listeners only");
    }
    Integer port = req.port() != null ? req.port() : l.sdk().port();
    ProtocolEnum protocol = req.protocol() != null ? req.protocol() : l.sdk().protocol();
    if (type == LoadBalancerTypeEnum.GATEWAY) {
      NetworkListeners.protocol(type, req.protocol(), req.port());
    } else {
      NetworkListeners.protocol(type, protocol, port);
    }
    for (ListenerRecord other : store.listenersOf(lb.arn())) {
      if (other != l && port != null && port.equals(other.sdk().port())) {
        throw new AwsException(
            "DuplicateListener", "A listener already exists on this port for this load balancer");
      }
    }
    List<Action> actions =
        req.defaultActions().isEmpty()
            ? l.sdk().defaultActions()
            : ActionChecks.check(store, lb.arn(), req.defaultActions());
    NetworkListeners.checkActions(store, type, protocol, actions);
    Listener.Builder b = l.sdk().toBuilder().port(port).protocol(protocol).defaultActions(actions);
    if (type == LoadBalancerTypeEnum.NETWORK) {
      ListenerSecurity.applyNetwork(
          store,
          b,
          protocol,
          new ListenerSecurity.Asked(
              req.certificates(), req.sslPolicy(), req.mutualAuthentication(), req.alpnPolicy()),
          l.sdk());
    }
    if (!Objects.equals(protocol, l.sdk().protocol())) {
      l.attributes.clear();
      l.attributes.putAll(NetworkAttributes.listenerDefaults(protocol));
    }
    l.update(b.build());
    if (protocol != ProtocolEnum.TLS) {
      l.certificates.clear();
    }
    if (type == LoadBalancerTypeEnum.NETWORK) {
      l.hostPort(port);
      elbv2.layer4().sync();
    }
    return ModifyListenerResponse.builder().listeners(l.sdk()).build();
  }
}
