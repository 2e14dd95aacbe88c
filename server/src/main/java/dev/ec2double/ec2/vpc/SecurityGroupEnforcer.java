package dev.ec2double.ec2.vpc;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.PacketPolicy;
import dev.ec2double.core.Cidr;
import dev.ec2double.core.RegionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntBiFunction;

/**
 * Tells the backend the address of every instance (for the metadata service's routing and the hop
 * limit of its token answers) and, when enforcement is on, turns the security groups of every
 * instance's primary interface into packet policies the backend enforces: a rule naming a CIDR
 * allows that block; a rule naming a group allows the addresses of the interfaces in that group.
 * Called after every change that can alter them.
 */
public final class SecurityGroupEnforcer {
  private final ComputeBackend backend;
  private final boolean enabled;
  private final ToIntBiFunction<RegionState, String> metadataHops;

  /**
   * @param metadataHops an instance's HttpPutResponseHopLimit, by region state and instance id
   */
  public SecurityGroupEnforcer(
      ComputeBackend backend, boolean enabled, ToIntBiFunction<RegionState, String> metadataHops) {
    this.backend = backend;
    this.enabled = enabled;
    this.metadataHops = metadataHops;
  }

  private volatile java.util.function.BiPredicate<RegionState, String> cutOff = (s, id) -> false;

  /** Instances that have lost their network (an injected fault): no flow is allowed for them. */
  public void cutOffWhen(java.util.function.BiPredicate<RegionState, String> cutOff) {
    this.cutOff = cutOff;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Refreshes run here, one at a time, so that launches do not wait for one another's. */
  private final ExecutorService applier =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "ec2double-packet-filter");
            t.setDaemon(true);
            return t;
          });

  /** Per region, the refresh asked for that has not started yet: later asks share it. */
  private final Map<String, CompletableFuture<Void>> queued = new HashMap<>();

  /**
   * A refresh of the region's policies, soon: every caller until it starts shares it, and as it
   * reads the state when it starts, it covers all of them. Launches wait for it before their
   * machine boots, so no instance runs before its rules (and metadata route) are in place.
   */
  public CompletableFuture<Void> refreshSoon(RegionState state) {
    String scope = state.account() + "/" + state.region();
    synchronized (queued) {
      CompletableFuture<Void> pending = queued.get(scope);
      if (pending != null) {
        return pending;
      }
      CompletableFuture<Void> next = new CompletableFuture<>();
      queued.put(scope, next);
      applier.execute(
          () -> {
            synchronized (queued) {
              queued.remove(scope, next);
            }
            try {
              refresh(state);
              next.complete(null);
            } catch (RuntimeException | Error e) {
              next.completeExceptionally(e);
            }
          });
      return next;
    }
  }

  public void refresh(RegionState state) {
    VpcState st = VpcState.of(state);
    record Found(
        String instanceId,
        String network,
        String address,
        List<PacketPolicy.Rule> in,
        List<PacketPolicy.Rule> out) {}
    List<Found> found = new ArrayList<>();
    synchronized (st) {
      for (NetworkInterfaceRecord n : st.interfaces.values()) {
        if (n.instanceId == null || n.deviceIndex != 0) {
          continue;
        }
        VpcRecord vpc = st.vpcs.get(n.vpcId);
        if (vpc == null) {
          continue;
        }
        List<PacketPolicy.Rule> in = new ArrayList<>();
        List<PacketPolicy.Rule> out = new ArrayList<>();
        for (String gid : n.groupIds) {
          SecurityGroupRecord g = st.groups.get(gid);
          if (g == null) {
            continue;
          }
          for (SgRule r : g.rules) {
            for (String cidr : peers(st, r)) {
              PacketPolicy.Rule rule =
                  new PacketPolicy.Rule(r.protocol(), r.fromPort(), r.toPort(), cidr);
              (r.egress() ? out : in).add(rule);
            }
          }
        }
        found.add(new Found(n.instanceId, vpc.networkName(), n.privateIp, in, out));
      }
    }
    // the instances' own locks are taken outside the VPC state's
    List<PacketPolicy> policies = new ArrayList<>();
    for (Found f : found) {
      int hops = metadataHops.applyAsInt(state, f.instanceId());
      boolean cut = cutOff.test(state, f.instanceId());
      policies.add(
          new PacketPolicy(
              f.network(),
              f.address(),
              cut ? List.of() : f.in(),
              cut ? List.of() : f.out(),
              hops,
              cut));
    }
    backend.applyPacketPolicies(state.account() + "/" + state.region(), policies, enabled);
  }

  /**
   * The IPv4 blocks a rule's peer stands for: its CIDR, the current entries of its prefix list (an
   * IPv4 list; an IPv6 one stands for none), or the addresses of its group's instances.
   */
  private static List<String> peers(VpcState st, SgRule r) {
    if (r.cidrIpv4() != null) {
      return List.of(r.cidrIpv4());
    }
    if (r.prefixListId() != null) {
      PrefixListRecord p = st.prefixLists.get(r.prefixListId());
      if (p == null || !p.addressFamily.equals("IPv4")) {
        return List.of();
      }
      return p.entries().stream().map(PrefixListRecord.Entry::cidr).toList();
    }
    if (r.groupId() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (NetworkInterfaceRecord n : st.interfaces.values()) {
      if (n.instanceId != null && n.groupIds.contains(r.groupId())) {
        out.add(new Cidr(Cidr.ip(n.privateIp), 32).toString());
      }
    }
    return out;
  }
}
