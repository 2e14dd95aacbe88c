package dev.ec2double.ec2.vpc;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.Labels;
import dev.ec2double.compute.NetworkConflictException;
import dev.ec2double.compute.NetworkSpec;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A VPC is a network on the engine: made when the first instance launches into it (so that VPCs
 * nobody runs anything in cost nothing and overlapping VPCs can exist as records), removed with the
 * VPC. Listeners (the metadata service) hear when a network is ready or gone.
 */
public final class VpcNetworks {
  /** Told about a VPC's network. */
  public interface Listener {
    void ready(String network, String gateway);

    void removed(String network);
  }

  private final ComputeBackend backend;
  private final String serverId;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /** Gateway by network, of the networks made ready and not removed. */
  private final java.util.Map<String, String> ready =
      new java.util.concurrent.ConcurrentHashMap<>();

  public VpcNetworks(ComputeBackend backend, String serverId) {
    this.backend = backend;
    this.serverId = serverId;
  }

  /** Tells a listener of every network ready now, then of those to come. */
  public void listen(Listener l) {
    listeners.add(l);
    ready.forEach(l::ready);
  }

  /** Makes the VPC's network exist, or fails with AWS's {@code Unsupported} saying why. */
  public void ensure(RequestContext ctx, VpcRecord vpc) {
    ensure(ctx.account(), ctx.region(), vpc);
  }

  /**
   * After a restart with saved state: the networks of the VPCs that have machines exist again for
   * this server (still there on the engine, or made again), with their metadata service.
   */
  public void adopt(RegionState state, java.util.Collection<String> vpcIds) {
    VpcState st = VpcState.of(state);
    for (String id : vpcIds) {
      VpcRecord vpc;
      synchronized (st) {
        vpc = st.vpcs.get(id);
      }
      if (vpc != null) {
        ensure(state.account(), state.region(), vpc);
      }
    }
  }

  private void ensure(String account, String region, VpcRecord vpc) {
    try {
      backend.ensureNetwork(
          new NetworkSpec(
              vpc.networkName(),
              vpc.cidr().toString(),
              vpc.gateway(),
              Labels.of(serverId, account, region, vpc.id(), "vpc")));
    } catch (NetworkConflictException e) {
      throw new AwsException(
          "Unsupported",
          "ec2-double cannot give VPC "
              + vpc.id()
              + " ("
              + vpc.cidr()
              + ") a network: "
              + e.getMessage()
              + " VPCs with overlapping CIDRs can exist, but only one of them at a time can have"
              + " instances (see docs/networking.md).");
    }
    ready.put(vpc.networkName(), vpc.gateway());
    for (Listener l : listeners) {
      l.ready(vpc.networkName(), vpc.gateway());
    }
  }

  /** A fresh server: no network is ready any more (the engine's are removed). */
  public void forgetAll() {
    ready.clear();
  }

  /** Addresses machines of any server use on the VPC's network now. */
  java.util.Set<String> addressesInUse(VpcRecord vpc) {
    return backend.addressesInUse(vpc.networkName());
  }

  void remove(VpcRecord vpc) {
    ready.remove(vpc.networkName());
    for (Listener l : listeners) {
      l.removed(vpc.networkName());
    }
    backend.removeNetwork(vpc.networkName());
  }
}
