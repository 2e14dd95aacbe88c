package dev.ec2double.ec2.vpc;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.NetworkLink;
import dev.ec2double.core.Cidr;
import dev.ec2double.core.RegionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Turns active VPC peering connections and the routes to them into {@link NetworkLink}s the backend
 * routes. A pair of subnets, one in each VPC, is linked when each subnet's route table (its own, or
 * the VPC's main table) has a route to the connection whose destination covers (part of) the other
 * subnet: the link joins exactly the blocks both routes cover. Without a route on either side, or
 * once the connection is no longer active, nothing is linked. The links of a connection belong to
 * its requester's scope (account and region); the accepter's routes are read from its own state.
 */
public final class VpcPeeringEnforcer {
  private final ComputeBackend backend;
  private final BiFunction<String, String, RegionState> states;

  /**
   * @param states the state of an account and region, by account and region
   */
  public VpcPeeringEnforcer(
      ComputeBackend backend, BiFunction<String, String, RegionState> states) {
    this.backend = backend;
    this.states = states;
  }

  /**
   * Applies again the links of every scope a change in {@code state} can touch: its own and the
   * requesters' of the connections it sees. One refresh at a time, so a later read applies later.
   */
  public synchronized void refresh(RegionState state) {
    Set<String> scopes = new TreeSet<>();
    scopes.add(state.account() + "/" + state.region());
    VpcState st = VpcState.of(state);
    synchronized (st) {
      st.peerings.values().forEach(p -> scopes.add(p.requester.scope()));
    }
    for (String scope : scopes) {
      int slash = scope.indexOf('/');
      RegionState rs = states.apply(scope.substring(0, slash), scope.substring(slash + 1));
      backend.applyNetworkLinks(scope, links(rs, states));
    }
  }

  /** The links of the active connections that {@code state} requested. */
  static List<NetworkLink> links(
      RegionState state, BiFunction<String, String, RegionState> states) {
    List<VpcPeeringRecord> requested = new ArrayList<>();
    VpcState st = VpcState.of(state);
    synchronized (st) {
      for (VpcPeeringRecord p : st.peerings.values()) {
        if (p.requester.scope().equals(state.account() + "/" + state.region()) && p.active()) {
          requested.add(p);
        }
      }
    }
    List<NetworkLink> out = new ArrayList<>();
    for (VpcPeeringRecord p : requested) {
      VpcState peer = VpcState.of(states.apply(p.accepter.account(), p.accepter.region()));
      List<Routed> mine = routed(st, p.requester.vpcId(), p.id);
      List<Routed> theirs = routed(peer, p.accepter.vpcId(), p.id);
      for (Routed a : mine) {
        for (Routed b : theirs) {
          for (Cidr toB : a.destinations()) {
            for (Cidr toA : b.destinations()) {
              Cidr there = meet(b.subnet(), toB);
              Cidr here = meet(a.subnet(), toA);
              if (there != null && here != null) {
                out.add(
                    new NetworkLink(
                        p.requester.network(),
                        here.toString(),
                        p.accepter.network(),
                        there.toString()));
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** A subnet and the IPv4 destinations its route table sends to one peering connection. */
  record Routed(Cidr subnet, List<Cidr> destinations) {}

  /** The subnets of a VPC whose route tables route something to the connection. */
  static List<Routed> routed(VpcState st, String vpcId, String peeringId) {
    List<Routed> out = new ArrayList<>();
    synchronized (st) {
      VpcRecord vpc = st.vpcs.get(vpcId);
      if (vpc == null) {
        return out;
      }
      for (SubnetRecord s : st.subnets.values()) {
        if (!s.vpcId.equals(vpcId)) {
          continue;
        }
        RouteTableRecord t = RouteTables.of(st, s.id, vpc);
        List<Cidr> to = new ArrayList<>();
        for (RouteTableRecord.Route r : t == null ? List.<RouteTableRecord.Route>of() : t.routes) {
          Cidr d = Cidr.parseOrNull(r.destination());
          if (peeringId.equals(r.peeringId()) && d != null) {
            to.add(d);
          }
        }
        if (!to.isEmpty()) {
          out.add(new Routed(s.cidr, to));
        }
      }
    }
    return out;
  }

  /** The block two CIDRs share (the smaller, when one holds the other), or null. */
  static Cidr meet(Cidr a, Cidr b) {
    if (a.contains(b)) {
      return b;
    }
    return b.contains(a) ? a : null;
  }
}
