package dev.ec2double.ec2.fleets;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * What every fleet does with its capacity: launches up to its on-demand and Spot targets (pools in
 * priority order; a pool that cannot launch gives way to the next), counts the instances that are
 * still there, and ends the excess. Each instance counts one unit of capacity.
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
    int needOnDemand;
    int needSpot;
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
      long onDemand = live.stream().filter(m -> m.lifecycle().equals("on-demand")).count();
      needOnDemand = (int) Math.max(0, f.onDemandTarget - onDemand);
      needSpot = (int) Math.max(0, f.target - f.onDemandTarget - (live.size() - onDemand));
    }
    List<String[]> errors = new ArrayList<>();
    try {
      launch(ctx, f, "on-demand", needOnDemand, errors);
      launch(ctx, f, "spot", needSpot, errors);
    } finally {
      synchronized (store) {
        f.busy = false;
        f.retryAfter = errors.isEmpty() ? 0 : System.currentTimeMillis() + RETRY_MS;
        int live = liveMembers(ctx.state(), f).size();
        if (!f.deleted()) {
          f.state = "active";
          f.activity =
              live >= f.target ? "fulfilled" : errors.isEmpty() ? "pending_fulfillment" : "error";
        }
      }
    }
    return errors;
  }

  /** Whether the member's end is not in the history yet. */
  private static boolean noted(FleetStore.Fleet f, FleetStore.Member m) {
    return f.history.stream()
        .noneMatch(e -> m.instanceId().equals(e.instanceId()) && "terminated".equals(e.subType()));
  }

  private void launch(
      RequestContext ctx, FleetStore.Fleet f, String lifecycle, int count, List<String[]> errors) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < f.pools.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparing(
            i -> f.pools.get(i).priority() == null ? Double.MAX_VALUE : f.pools.get(i).priority()));
    int left = count;
    for (int i : order) {
      if (left <= 0) {
        return;
      }
      FleetStore.Pool pool = f.pools.get(i);
      RunInstancesRequest req = request(pool, lifecycle, left);
      try {
        List<Instance> launched = launches.run(ctx, req).instances();
        FleetStore store = FleetStore.of(ctx.state());
        synchronized (store) {
          for (Instance in : launched) {
            f.members.add(
                new FleetStore.Member(in.instanceId(), lifecycle, i, in.instanceTypeAsString()));
            f.event(
                "instanceChange", "launched", lifecycle + " instance launched", in.instanceId());
          }
        }
        left -= launched.size();
      } catch (AwsException e) {
        errors.add(new String[] {String.valueOf(i), lifecycle, e.code(), e.getMessage()});
        FleetStore store = FleetStore.of(ctx.state());
        synchronized (store) {
          f.event("error", "launchSpecUnusable", e.code() + ": " + e.getMessage(), null);
        }
        LOG.info("fleet {}: pool {} did not launch: {}", f.id, i, e.getMessage());
      }
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
      int over = live.size() - f.target;
      for (int i = live.size() - 1; i >= 0 && over > 0; i--, over--) {
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
