package dev.ec2double.ec2.fleets;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code maintain} fleets at their target: every second, a fleet with fewer live instances
 * than its target (one was terminated, or its container went away) launches replacements. Regions
 * without fleets cost a map lookup.
 */
public final class FleetReconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetReconciler.class);
  static final long PERIOD_MS = 1000;

  private final StateStore store;
  private final FleetEngine engine;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ec2double-fleets");
            t.setDaemon(true);
            return t;
          });

  public FleetReconciler(StateStore store, FleetsService fleets) {
    this.store = store;
    this.engine = fleets.engine();
    timer.scheduleWithFixedDelay(this::pass, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** One look at every maintain fleet. */
  void pass() {
    try {
      for (RegionState state : store.all()) {
        FleetStore fleets = state.existingPart(FleetStore.class);
        if (fleets == null) {
          continue;
        }
        List<FleetStore.Fleet> short_ = new ArrayList<>();
        synchronized (fleets) {
          for (FleetStore.Fleet f : fleets.all()) {
            if (f.type.equals("maintain")
                && !f.deleted()
                && !f.busy
                && System.currentTimeMillis() >= f.retryAfter
                && FleetEngine.fulfilled(state, f) < f.target) {
              short_.add(f);
            }
          }
        }
        for (FleetStore.Fleet f : short_) {
          LOG.info("fleet {} is below its target capacity: launching replacements", f.id);
          engine.fill(FleetEngine.context(state, "CreateFleet"), f);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("fleet reconciliation failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
