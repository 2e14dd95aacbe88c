package dev.ec2double.elbv2.listeners;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.ActionChecks;
import dev.ec2double.elbv2.Arns;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.Elbv2Tags;
import dev.ec2double.elbv2.ListenerAttributes;
import dev.ec2double.elbv2.ListenerRecord;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.elbv2.Markers;
import dev.ec2double.elbv2.NetworkAttributes;
import dev.ec2double.elbv2.network.NetworkListeners;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * HTTP and HTTPS listeners. Creating an HTTP one opens its port on this machine (see {@code
 * ListenerProxies}); DescribeListenerAttributes shows where it accepts as {@code
 * ec2double.host_address} and {@code ec2double.host_port}. An HTTPS listener serves TLS there with
 * its certificates, security policy and mutual authentication (docs/load-balancers.md, "HTTPS").
 */
public final class ListenersService {
  private final Elbv2 elbv2;

  public ListenersService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public CreateListenerResponse createListener(RequestContext ctx, CreateListenerRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    LoadBalancerTypeEnum type = store.loadBalancer(req.loadBalancerArn()).sdk().type();
    boolean layer4 = type != LoadBalancerTypeEnum.APPLICATION;
    ProtocolEnum protocol =
        layer4
            ? NetworkListeners.protocol(type, req.protocol(), req.port())
            : protocol(req.protocol());
    if (!layer4 && (req.port() == null || req.port() < 1 || req.port() > 65535)) {
      throw Elbv2Errors.validation("A port from 1 to 65535 must be specified");
    }
    Elbv2Tags.validate(req.tags());
    synchronized (store) {
      LoadBalancerRecord lb = store.loadBalancer(req.loadBalancerArn());
      List<Action> actions = ActionChecks.check(store, lb.arn(), req.defaultActions());
      NetworkListeners.checkActions(store, type, protocol, actions);
      for (ListenerRecord l : store.listenersOf(lb.arn())) {
        if (java.util.Objects.equals(l.sdk().port(), req.port())) {
          if (l.sdk().defaultActions().equals(actions) && l.sdk().protocol() == protocol) {
            return CreateListenerResponse.builder().listeners(l.sdk()).build();
          }
          throw new AwsException(
              "DuplicateListener", "A listener already exists on this port for this load balancer");
        }
      }
      if (store.listenersOf(lb.arn()).size() >= 50) {
        throw new AwsException(
            "TooManyListeners",
            "You've reached the limit on the number of listeners per load balancer");
      }
      String arn = Arns.listener(lb.arn());
      Listener.Builder b =
          Listener.builder()
              .listenerArn(arn)
              .loadBalancerArn(lb.arn())
              .port(req.port())
              .protocol(protocol)
              .defaultActions(actions);
      if (type == LoadBalancerTypeEnum.NETWORK) {
        ListenerSecurity.applyNetwork(store, b, protocol, asked(req), null);
      } else {
        ListenerSecurity.apply(store, b, protocol, asked(req), null);
      }
      Listener listener = b.build();
      ListenerRecord record = new ListenerRecord(store.nextSeq(), listener, Arns.rule(arn));
      if (protocol == ProtocolEnum.HTTPS) {
        record.attributes.putAll(ListenerAttributes.HTTPS_ONLY);
      }
      if (layer4) {
        record.attributes.clear();
        record.attributes.putAll(NetworkAttributes.listenerDefaults(protocol));
      }
      if (type == LoadBalancerTypeEnum.NETWORK) {
        record.hostAddress(elbv2.layer4().hostAddress(lb.sdk().dnsName()));
        record.hostPort(req.port());
      }
      store.listeners.put(arn, record);
      Elbv2Tags.put(store, arn, req.tags());
      try {
        if (protocol == ProtocolEnum.HTTP || protocol == ProtocolEnum.HTTPS) {
          elbv2.proxies().open(store, record, idleSeconds(lb));
        } else if (layer4) {
          elbv2.layer4().sync();
        }
      } catch (RuntimeException e) {
        store.listeners.remove(arn);
        store.tags.remove(arn);
        throw e;
      }
      return CreateListenerResponse.builder().listeners(listener).build();
    }
  }

  public DescribeListenersResponse describeListeners(
      RequestContext ctx, DescribeListenersRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    List<ListenerRecord> found = new ArrayList<>();
    if (!req.listenerArns().isEmpty()) {
      List<String> missing = new ArrayList<>();
      for (String arn : req.listenerArns()) {
        ListenerRecord l = store.listeners.get(arn);
        if (l == null) {
          missing.add(arn);
        } else {
          found.add(l);
        }
      }
      if (!missing.isEmpty()) {
        throw Elbv2Errors.listenerNotFound(String.join(", ", missing));
      }
    } else if (req.loadBalancerArn() != null) {
      store.loadBalancer(req.loadBalancerArn());
      found.addAll(store.listenersOf(req.loadBalancerArn()));
    } else {
      throw Elbv2Errors.validation("You must specify either listener ARNs or a load balancer ARN");
    }
    Markers.Page<ListenerRecord> page = Markers.page(found, req.marker(), req.pageSize());
    return DescribeListenersResponse.builder()
        .listeners(page.items().stream().map(ListenerRecord::sdk).toList())
        .nextMarker(page.nextMarker())
        .build();
  }

  public ModifyListenerResponse modifyListener(RequestContext ctx, ModifyListenerRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      ListenerRecord l = store.listener(req.listenerArn());
      LoadBalancerRecord lb = store.loadBalancer(l.sdk().loadBalancerArn());
      Listener.Builder b = l.sdk().toBuilder();
      LoadBalancerTypeEnum type = lb.sdk().type();
      if (type != LoadBalancerTypeEnum.APPLICATION) {
        return NetworkListenerChanges.modify(elbv2, store, lb, l, req);
      }
      ProtocolEnum protocol =
          req.protocol() == null ? l.sdk().protocol() : protocol(req.protocol());
      b.protocol(protocol);
      ListenerSecurity.apply(
          store,
          b,
          protocol,
          new ListenerSecurity.Asked(
              req.certificates(), req.sslPolicy(), req.mutualAuthentication()),
          l.sdk());
      if (!req.defaultActions().isEmpty()) {
        List<Action> actions = ActionChecks.check(store, lb.arn(), req.defaultActions());
        NetworkListeners.checkActions(store, type, protocol, actions);
        b.defaultActions(actions);
      }
      boolean portChanged = req.port() != null && !req.port().equals(l.sdk().port());
      if (portChanged) {
        if (req.port() < 1 || req.port() > 65535) {
          throw Elbv2Errors.validation("A port from 1 to 65535 must be specified");
        }
        for (ListenerRecord other : store.listenersOf(lb.arn())) {
          if (other != l && other.sdk().port().equals(req.port())) {
            throw new AwsException(
                "DuplicateListener",
                "A listener already exists on this port for this load balancer");
          }
        }
        b.port(req.port());
      }
      boolean protocolChanged = l.sdk().protocol() != protocol;
      l.update(b.build());
      if (protocol != ProtocolEnum.HTTPS) {
        l.certificates.clear();
      }
      if (portChanged || protocolChanged) {
        elbv2.proxies().open(store, l, idleSeconds(lb));
      } else if (protocol == ProtocolEnum.HTTPS) {
        elbv2.proxies().refreshTls(store, l);
      }
      if (protocol == ProtocolEnum.HTTPS) {
        ListenerAttributes.HTTPS_ONLY.forEach(l.attributes::putIfAbsent);
      } else {
        l.attributes.keySet().removeAll(ListenerAttributes.HTTPS_ONLY.keySet());
      }
      return ModifyListenerResponse.builder().listeners(l.sdk()).build();
    }
  }

  public DeleteListenerResponse deleteListener(RequestContext ctx, DeleteListenerRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      elbv2.removeListener(store, store.listener(req.listenerArn()).arn());
    }
    return DeleteListenerResponse.builder().build();
  }

  public DescribeListenerAttributesResponse describeListenerAttributes(
      RequestContext ctx, DescribeListenerAttributesRequest req) {
    ListenerRecord l = elbv2.store(ctx).listener(req.listenerArn());
    return DescribeListenerAttributesResponse.builder().attributes(attributes(l)).build();
  }

  public ModifyListenerAttributesResponse modifyListenerAttributes(
      RequestContext ctx, ModifyListenerAttributesRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    ListenerRecord l = store.listener(req.listenerArn());
    for (ListenerAttribute a : req.attributes()) {
      if (ListenerRecord.HOST_PORT_ATTRIBUTE.equals(a.key())
          || ListenerRecord.HOST_ADDRESS_ATTRIBUTE.equals(a.key())) {
        throw Elbv2Errors.validation(
            "Listener attribute '"
                + a.key()
                + "' is read-only: it shows where the listener accepts");
      }
      if (NetworkAttributes.isLayer4(l.sdk().protocol()) || l.sdk().protocol() == null) {
        NetworkAttributes.checkListener(l.sdk().protocol(), a.key(), a.value());
      } else {
        ListenerAttributes.check(l.sdk().protocol() == ProtocolEnum.HTTPS, a.key(), a.value());
      }
    }
    synchronized (store) {
      req.attributes().forEach(a -> l.attributes.put(a.key(), a.value()));
    }
    return ModifyListenerAttributesResponse.builder().attributes(attributes(l)).build();
  }

  private static List<ListenerAttribute> attributes(ListenerRecord l) {
    Map<String, String> all = new TreeMap<>(l.attributes);
    boolean accepts =
        l.sdk().protocol() == ProtocolEnum.HTTP
            || l.sdk().protocol() == ProtocolEnum.HTTPS
            || NetworkAttributes.isLayer4(l.sdk().protocol()) && l.hostPort() > 0;
    if (accepts) {
      all.put(ListenerRecord.HOST_PORT_ATTRIBUTE, Integer.toString(l.hostPort()));
    }
    if (l.hostAddress() != null && accepts) {
      all.put(ListenerRecord.HOST_ADDRESS_ATTRIBUTE, l.hostAddress());
    }
    return all.entrySet().stream()
        .map(e -> ListenerAttribute.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private static ListenerSecurity.Asked asked(CreateListenerRequest req) {
    return new ListenerSecurity.Asked(
        req.certificates(), req.sslPolicy(), req.mutualAuthentication(), req.alpnPolicy());
  }

  private static ProtocolEnum protocol(ProtocolEnum p) {
    if (p == null || p == ProtocolEnum.HTTP) {
      return ProtocolEnum.HTTP;
    }
    if (p == ProtocolEnum.HTTPS) {
      return p;
    }
    throw new AwsException(
        "UnsupportedProtocol",
        "ec2-double supports HTTP and HTTPS listeners only, not '" + p + "'");
  }

  private static int idleSeconds(LoadBalancerRecord lb) {
    return Integer.parseInt(lb.attributes.get("idle_timeout.timeout_seconds"));
  }
}
