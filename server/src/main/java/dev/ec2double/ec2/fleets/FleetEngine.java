package dev.ec2double.ec2.fleets;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * What every fleet does with its capacity: launches up to its on-demand and Spot targets (pools in
 * the allocation strategy's order, {@link FleetStrategies}; a pool that cannot launch gives way to
 * the next), counts the capacity of the instances that are still there (each worth its pool's
 * WeightedCapacity), and ends the excess.
 */
final class FleetEngine {
  private static final Logger LOG = LoggerFactory.getLogger(FleetEngine.class);

  /** How long a fleet whose launches failed waits before the reconciler tries again. */
  static final long RETRY_MS = 10_000;

  private final FleetLaunches launches;

  FleetEngine(FleetLaunches launches) {
    this.launches = launches;
  }

  static RequestContext context(RegionState state, String action) {
    return new RequestContext(state.account(), state.region(), null, action, null, state);
  }

  /** The architecture of the image the pool launches, null when it cannot tell. */
  String architecture(RequestContext ctx, FleetStore.Pool pool) {
    return launches.architecture(ctx, pool.launch());
  }

  /** Whether the member's instance is still there (not shutting down or terminated). */
  static boolean live(RegionState state, FleetStore.Member m) {
    InstanceRecord r = Instances.store(state).get(m.instanceId());
    if (r == null) {
      return false;
    }
    InstanceState s = r.state();
    return s != InstanceState.TERMINATED && s != InstanceState.SHUTTING_DOWN;
  }

  static List<FleetStore.Member> liveMembers(RegionState state, FleetStore.Fleet f) {
    return f.members.stream().filter(m -> live(state, m)).toList();
  }

  /**
   * Launches what the fleet lacks; the caller holds nothing. An instance that is gone is noted in
   * the history once. Returns the errors of the launches (code and message per failed pool).
   */
  List<String[]> fill(RequestContext ctx, FleetStore.Fleet f) {
    FleetStore store = FleetStore.of(ctx.state());
    double needOnDemand;
    double needSpot;
    synchronized (store) {
      if (f.busy || f.deleted()) {
        return List.of();
      }
      f.busy = true;
      List<FleetStore.Member> live = liveMembers(ctx.state(), f);
      for (FleetStore.Member m : f.members) {
        if (!live.contains(m) && noted(f, m)) {
          f.event("instanceChange", "terminated", "instance is gone", m.instanceId());
        }
      }
      double onDemand = units(f, live, "on-demand");
      needOnDemand = Math.max(0, f.onDemandTarget - onDemand);
      needSpot = Math.max(0, f.target - f.onDemandTarget - units(f, live, "spot"));
    }
    List<String[]> errors = new ArrayList<>();
    try {
      launch(ctx, f, "on-demand", needOnDemand, errors);
      launch(ctx, f, "spot", needSpot, errors);
    } finally {
      synchronized (store) {
        f.busy = false;
        f.retryAfter = errors.isEmpty() ? 0 : System.currentTimeMillis() + RETRY_MS;
        double live = fulfilled(ctx.state(), f);
        if (!f.deleted()) {
          f.state = "active";
          f.activity =
              live >= f.target ? "fulfilled" : errors.isEmpty() ? "pending_fulfillment" : "error";
        }
      }
    }
    return errors;
  }

  /** The capacity units of these members of a lifecycle (null: of both). */
  static double units(FleetStore.Fleet f, List<FleetStore.Member> members, String lifecycle) {
    double units = 0;
    for (FleetStore.Member m : members) {
      if (lifecycle == null || m.lifecycle().equals(lifecycle)) {
        units += weight(f, m);
      }
    }
    return units;
  }

  /** The capacity units the fleet's live instances give (its FulfilledCapacity). */
  static double fulfilled(RegionState state, FleetStore.Fleet f) {
    return units(f, liveMembers(state, f), null);
  }

  static double weight(FleetStore.Fleet f, FleetStore.Member m) {
    return m.pool() < f.pools.size() ? FleetStrategies.weight(f.pools.get(m.pool())) : 1.0;
  }

  /** Whether the member's end is not in the history yet. */
  private static boolean noted(FleetStore.Fleet f, FleetStore.Member m) {
    return f.history.stream()
        .noneMatch(e -> m.instanceId().equals(e.instanceId()) && "terminated".equals(e.subType()));
  }

  /**
   * Launches instances worth {@code units} of capacity, pools in the fleet's strategy order; a
   * pool's instances are worth its weight each, so the last may overshoot by less than one weight,
   * as on AWS. A diversified fleet launches one instance a pool in turn.
   */
  private void launch(
      RequestContext ctx,
      FleetStore.Fleet f,
      String lifecycle,
      double units,
      List<String[]> errors) {
    List<Integer> order = FleetStrategies.order(f, lifecycle);
    boolean diversified = FleetStrategies.diversified(f, lifecycle);
    double left = units;
    List<Integer> failed = new ArrayList<>();
    while (left > 0 && failed.size() < order.size()) {
      for (int i : order) {
        if (left <= 0) {
          return;
        }
        if (failed.contains(i)) {
          continue;
        }
        FleetStore.Pool pool = f.pools.get(i);
        double weight = FleetStrategies.weight(pool);
        int count = diversified ? 1 : (int) Math.ceil(left / weight);
        int got = launchPool(ctx, f, i, lifecycle, count, errors);
        left -= got * weight;
        if (got < count) {
          failed.add(i);
        }
      }
      if (!diversified) {
        return;
      }
    }
  }

  /** Launches up to {@code count} instances of one pool; how many it launched. */
  private int launchPool(
      RequestContext ctx,
      FleetStore.Fleet f,
      int i,
      String lifecycle,
      int count,
      List<String[]> errors) {
    FleetStore.Pool pool = f.pools.get(i);
    RunInstancesRequest req = request(pool, lifecycle, count);
    try {
      List<Instance> launched = launches.run(ctx, req).instances();
      FleetStore store = FleetStore.of(ctx.state());
      synchronized (store) {
        for (Instance in : launched) {
          f.members.add(
              new FleetStore.Member(in.instanceId(), lifecycle, i, in.instanceTypeAsString()));
          f.event("instanceChange", "launched", lifecycle + " instance launched", in.instanceId());
        }
      }
      return launched.size();
    } catch (AwsException e) {
      errors.add(new String[] {String.valueOf(i), lifecycle, e.code(), e.getMessage()});
      FleetStore store = FleetStore.of(ctx.state());
      synchronized (store) {
        f.event("error", "launchSpecUnusable", e.code() + ": " + e.getMessage(), null);
      }
      LOG.info("fleet {}: pool {} did not launch: {}", f.id, i, e.getMessage());
      return 0;
    }
  }

  private static RunInstancesRequest request(FleetStore.Pool pool, String lifecycle, int count) {
    RunInstancesRequest.Builder b = pool.launch().toBuilder().minCount(1).maxCount(count);
    if (lifecycle.equals("spot")) {
      b.instanceMarketOptions(
          m -> m.marketType("spot").spotOptions(o -> o.maxPrice(pool.maxPrice())));
    }
    return b.build();
  }

  /**
   * Ends instances beyond the target (the newest first), as a lowered target with the {@code
   * termination} policy asks.
   */
  void trim(RequestContext ctx, FleetStore.Fleet f) {
    List<String> excess = new ArrayList<>();
    FleetStore store = FleetStore.of(ctx.state());
    synchronized (store) {
      List<FleetStore.Member> live = new ArrayList<>(liveMembers(ctx.state(), f));
      double units = units(f, live, null);
      // the newest first, while the fleet stays at or above its target without it
      for (int i = live.size() - 1; i >= 0; i--) {
        double w = weight(f, live.get(i));
        if (units - w < f.target) {
          continue;
        }
        units -= w;
        excess.add(live.get(i).instanceId());
        f.event("instanceChange", "terminated", "excess capacity", live.get(i).instanceId());
      }
    }
    if (!excess.isEmpty()) {
      launches.terminate(ctx, excess);
    }
  }

  /** Ends every instance of the fleet that is still there. */
  void terminateAll(RequestContext ctx, FleetStore.Fleet f) {
    List<String> ids;
    FleetStore store = FleetStore.of(ctx.state());
    synchronized (store) {
      ids = liveMembers(ctx.state(), f).stream().map(FleetStore.Member::instanceId).toList();
    }
    if (!ids.isEmpty()) {
      launches.terminate(ctx, ids);
    }
  }

  /** A fleet deleted with its instances is {@code deleted} once they are all gone. */
  static void settle(RequestContext ctx) {
    FleetStore store = FleetStore.of(ctx.state());
    synchronized (store) {
      for (FleetStore.Fleet f : store.all()) {
        boolean terminating =
            f.state.equals("deleted_terminating") || f.state.equals("cancelled_terminating");
        if (terminating && FleetEngine.liveMembers(ctx.state(), f).isEmpty()) {
          f.state = f.kind.equals("ec2") ? "deleted" : "cancelled";
        }
      }
    }
  }
}
