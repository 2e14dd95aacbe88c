package dev.ec2double.ec2.endpoints;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.ConsumerEndpoints;
import dev.ec2double.ec2.vpc.PrivateServices;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;

/**
 * Finds the endpoint services of every account of this server in a region, for the consumers' calls
 * (CreateVpcEndpoint, DescribeVpcEndpointServices), and tells consumers' endpoints of what their
 * provider decided. A service is visible to its owner and to the accounts its allowed principals
 * name ({@code *}, {@code arn:aws:iam::ACCOUNT:root}, or a user or role of the account).
 */
public final class PrivateServiceDirectory implements PrivateServices {
  private final Supplier<Collection<RegionState>> all;
  private final BiFunction<String, String, RegionState> states;

  /**
   * @param all every account's and region's state
   * @param states the state of an account and region
   */
  public PrivateServiceDirectory(
      Supplier<Collection<RegionState>> all, BiFunction<String, String, RegionState> states) {
    this.all = all;
    this.states = states;
  }

  /** A service and the state of the account and region that own it. */
  record Located(RegionState owner, EndpointServiceStore.Service service) {}

  /** The service of this name in the region, whoever owns it. */
  Optional<Located> locate(String region, String serviceName) {
    String prefix = "com.amazonaws.vpce." + region + ".";
    if (serviceName == null || !serviceName.startsWith(prefix)) {
      return Optional.empty();
    }
    String id = serviceName.substring(prefix.length());
    for (RegionState r : all.get()) {
      EndpointServiceStore store = r.region().equals(region) ? existing(r) : null;
      if (store != null) {
        synchronized (store) {
          EndpointServiceStore.Service s = store.services.get(id);
          if (s != null) {
            return Optional.of(new Located(r, s));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static EndpointServiceStore existing(RegionState r) {
    return r.existingPart(EndpointServiceStore.class);
  }

  static boolean allowed(String account, String owner, EndpointServiceStore.Service s) {
    if (account.equals(owner)) {
      return true;
    }
    for (String p : s.principals.keySet()) {
      if (p.equals("*") || p.startsWith("arn:aws:iam::" + account + ":")) {
        return true;
      }
    }
    return false;
  }

  private Optional<Located> visibleTo(RequestContext ctx, String serviceName) {
    return locate(ctx.region(), serviceName)
        .filter(
            l -> {
              synchronized (EndpointServiceStore.of(l.owner())) {
                return l.service().state.equals("Available")
                    && allowed(ctx.account(), l.owner().account(), l.service());
              }
            });
  }

  @Override
  public Optional<Offer> find(RequestContext ctx, String serviceName) {
    return visibleTo(ctx, serviceName)
        .map(
            l -> {
              EndpointServiceStore.Service s = l.service();
              synchronized (EndpointServiceStore.of(l.owner())) {
                return new Offer(
                    s.id,
                    s.type,
                    s.acceptanceRequired,
                    "verified".equals(s.privateDnsState) ? s.privateDnsName : null);
              }
            });
  }

  @Override
  public List<ServiceDetail> visible(RequestContext ctx) {
    List<ServiceDetail> out = new ArrayList<>();
    for (RegionState r : all.get()) {
      EndpointServiceStore store = r.region().equals(ctx.region()) ? existing(r) : null;
      if (store == null) {
        continue;
      }
      synchronized (store) {
        for (EndpointServiceStore.Service s : store.services.values()) {
          if (s.state.equals("Available") && allowed(ctx.account(), r.account(), s)) {
            out.add(EndpointServiceConfigs.detail(r, s));
          }
        }
      }
    }
    return out;
  }

  @Override
  public String connect(RequestContext ctx, String serviceName, String endpointId, String vpcId) {
    Located l = locate(ctx.region(), serviceName).orElseThrow();
    EndpointServiceStore store = EndpointServiceStore.of(l.owner());
    String state;
    synchronized (store) {
      EndpointServiceStore.Service s = l.service();
      state = s.acceptanceRequired ? "pendingAcceptance" : "available";
      s.connections.put(
          endpointId,
          new EndpointServiceStore.Connection(
              Ids.next("vpce-con"), endpointId, ctx.account(), ctx.region(), vpcId, state));
    }
    l.owner().changed();
    return state;
  }

  @Override
  public void disconnect(RequestContext ctx, String serviceName, String endpointId) {
    locate(ctx.region(), serviceName)
        .ifPresent(
            l -> {
              EndpointServiceStore store = EndpointServiceStore.of(l.owner());
              synchronized (store) {
                EndpointServiceStore.Connection c = l.service().connections.get(endpointId);
                if (c != null) {
                  c.state = "deleted";
                }
              }
              l.owner().changed();
            });
  }

  /** Sets a consumer's endpoint to the state of its connection. */
  void tell(EndpointServiceStore.Connection c, String state) {
    ConsumerEndpoints.setState(states.apply(c.owner, c.region), c.endpointId, state);
  }
}
