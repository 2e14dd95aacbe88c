package dev.ec2double.autoscaling;

import dev.ec2double.core.MetricSource;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every group at its desired capacity of real instances: one pass a second (and one right
 * after each API change) follows each member's instance ({@link MemberSteps}), then launches what
 * is missing, balanced over the group's zones, or takes out what is too many ({@link Capacity}).
 * Runs on one thread of its own, started with the first group; a region without groups costs one
 * map lookup a pass.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  /** Every region's state, where the groups are. */
  public interface Regions {
    Collection<RegionState> all();
  }

  private final MemberSteps members;
  private final Capacity capacity;
  private final TargetTracking tracking;
  private final Refreshes refreshes;
  private final CpuSampler cpu;
  private final Regions regions;
  private final Fleet fleet;
  private ScheduledExecutorService thread;
  private boolean closed;
  private final AtomicBoolean queued = new AtomicBoolean();

  Reconciler(Fleet fleet, GroupTargets targets, MetricSource metrics, Regions regions) {
    this.members = new MemberSteps(fleet, targets);
    this.cpu = new CpuSampler(fleet);
    this.tracking = new TargetTracking(metrics, cpu);
    this.capacity = new Capacity(fleet);
    this.refreshes = new Refreshes(targets, fleet);
    this.regions = regions;
    this.fleet = fleet;
  }

  /**
   * The thread, started with the first change (the first group, or saved groups taken back): an
   * idle server runs none. Null once closed.
   */
  private synchronized ScheduledExecutorService thread() {
    if (thread == null && !closed) {
      thread =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "autoscaling-reconciler");
                t.setDaemon(true);
                return t;
              });
      thread.scheduleWithFixedDelay(this::pass, 1, 1, TimeUnit.SECONDS);
    }
    return thread;
  }

  /** The CPU readings of the watched instances, as a metric source. */
  MetricSource cpu() {
    return cpu;
  }

  /** Whether the passes run (they start with the first change). */
  synchronized boolean running() {
    return thread != null;
  }

  /** Asks for a pass soon; passes asked for while one is queued are one. */
  void nudge() {
    ScheduledExecutorService thread = thread();
    if (thread != null && queued.compareAndSet(false, true)) {
      try {
        thread.execute(
            () -> {
              queued.set(false);
              pass();
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        queued.set(false); // closed
      }
    }
  }

  /** One pass over every group of every region. */
  void pass() {
    for (RegionState state : regions.all()) {
      AutoScalingStore store = state.existingPart(AutoScalingStore.class);
      if (store == null) {
        continue;
      }
      RequestContext ctx =
          new RequestContext(
              state.account(),
              state.region(),
              "autoscaling.amazonaws.com",
              "Reconcile",
              UUID.randomUUID().toString(),
              state);
      synchronized (store) {
        for (GroupRecord g : new ArrayList<>(store.groups.values())) {
          try {
            step(ctx, store, g);
          } catch (RuntimeException e) {
            LOG.warn("auto scaling group {}: {}", g.name, e.toString(), e);
          }
        }
      }
    }
  }

  private void step(RequestContext ctx, AutoScalingStore store, GroupRecord g) {
    int before = g.members.size();
    for (Member m : List.copyOf(g.members.values())) {
      members.follow(ctx, g, m);
    }
    boolean deleting = g.status != null;
    boolean pooled = deleting && WarmPools.step(ctx, fleet, g);
    if (deleting && g.members.isEmpty() && g.warmPool == null) {
      store.groups.remove(g.name);
      ctx.state().changed();
      return;
    }
    boolean scheduled = g.status == null && ScheduledActionsService.runDue(g, AutoScaling.now());
    boolean tracked = g.status == null && tracking.track(ctx, g);
    boolean refreshed = g.status == null && refreshes.step(ctx, g);
    // the group first: a scale-out takes the pool's ready instances before the pool trims itself
    boolean adjusted = capacity.adjust(ctx, g);
    if (!deleting) {
      pooled = WarmPools.step(ctx, fleet, g);
    }
    if (adjusted || pooled || tracked || scheduled || refreshed || before != g.members.size()) {
      ctx.state().changed();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    cpu.close();
    if (thread != null) {
      thread.shutdownNow();
    }
  }
}
