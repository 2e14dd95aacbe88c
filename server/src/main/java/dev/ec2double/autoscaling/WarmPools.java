package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.List;

/**
 * The reconciler's step for a warm pool: keeps the pool at its size with real instances, launched
 * as the group launches them and then stopped ({@code Stopped}), hibernated ({@code Hibernated}:
 * paused with its memory, when its launch template enables hibernation; stopped otherwise) or left
 * running ({@code Running}); takes out the surplus; and, on scale-out, hands the group a ready
 * instance ({@link #take}), started if it was stopped, instead of launching a new one. With {@code
 * ReuseOnScaleIn}, a scale-in returns instances to the pool ({@link MemberSteps}).
 */
final class WarmPools {
  private WarmPools() {}

  /** A ready instance of the pool moved into the group as Pending, or null when none is ready. */
  static Member take(RequestContext ctx, Fleet fleet, GroupRecord g) {
    WarmPoolRecord pool = g.warmPool;
    if (pool == null || pool.status != null) {
      return null;
    }
    for (Member m : List.copyOf(pool.instances.values())) {
      if (!m.lifecycle.equals("Warmed:Stopped")
          && !m.lifecycle.equals("Warmed:Running")
          && !m.lifecycle.equals("Warmed:Hibernated")) {
        continue;
      }
      Fleet.Instance i = fleet.find(ctx.state(), m.instanceId);
      if (i == null) {
        continue;
      }
      try {
        if (i.state().equals("stopped")) {
          fleet.start(ctx, m.instanceId);
        } else if (!i.state().equals("running")) {
          continue;
        }
      } catch (AwsException e) {
        continue;
      }
      pool.instances.remove(m.instanceId);
      m.lifecycle = "Pending";
      return m;
    }
    return null;
  }

  /** Whether anything changed. */
  static boolean step(RequestContext ctx, Fleet fleet, GroupRecord g) {
    WarmPoolRecord pool = g.warmPool;
    if (pool == null) {
      return false;
    }
    boolean changed = false;
    Instant now = AutoScaling.now();
    for (Member m : List.copyOf(pool.instances.values())) {
      changed |= follow(ctx, fleet, pool, m);
    }
    long kept =
        pool.instances.values().stream()
                .filter(m -> !m.lifecycle.equals("Warmed:Terminating"))
                .count()
            + g.members.values().stream().filter(m -> m.toWarmPool).count(); // on their way back
    int wanted = g.status != null ? 0 : pool.wanted(g);
    if (kept < wanted && !g.suspended("Launch") && launchAllowed(g, now)) {
      String zone = Capacity.leastUsedZone(g);
      try {
        Member m = Capacity.launch(ctx, fleet, g, Capacity.subnetIn(g, zone), zone, now);
        m.lifecycle = "Warmed:Pending";
        pool.instances.put(m.instanceId, m);
      } catch (AwsException e) {
        g.lastLaunchFailure = now;
      }
      changed = true;
    } else if (kept > wanted) {
      for (Member m : List.copyOf(pool.instances.values())) {
        if (kept <= wanted) {
          break;
        }
        if (!m.lifecycle.equals("Warmed:Terminating")) {
          m.lifecycle = "Warmed:Terminating";
          fleet.terminate(ctx, m.instanceId);
          kept--;
          changed = true;
        }
      }
    }
    if (pool.status != null && pool.instances.isEmpty()) {
      g.warmPool = null; // deleted
      changed = true;
    }
    return changed;
  }

  private static boolean launchAllowed(GroupRecord g, Instant now) {
    return g.lastLaunchFailure == null || !g.lastLaunchFailure.plus(Capacity.RETRY).isAfter(now);
  }

  /** One pool member's next step, from what its instance does. */
  private static boolean follow(RequestContext ctx, Fleet fleet, WarmPoolRecord pool, Member m) {
    Fleet.Instance i = fleet.find(ctx.state(), m.instanceId);
    if (i == null || i.state().equals("terminated") || i.state().equals("shutting-down")) {
      if (i == null || i.state().equals("terminated")) {
        pool.instances.remove(m.instanceId);
        return true;
      }
      return false;
    }
    if (!m.lifecycle.equals("Warmed:Pending")) {
      return false;
    }
    boolean keepRunning = pool.poolState.equals("Running");
    if (i.state().equals("running")) {
      if (keepRunning) {
        m.lifecycle = "Warmed:Running";
      } else if (pool.poolState.equals("Hibernated")) {
        fleet.hibernate(ctx, m.instanceId);
      } else {
        fleet.stop(ctx, m.instanceId);
      }
      return true;
    }
    if (i.state().equals("stopped") && !keepRunning) {
      m.lifecycle = pool.readyState();
      return true;
    }
    return false;
  }
}
