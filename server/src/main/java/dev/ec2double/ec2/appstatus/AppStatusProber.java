package dev.ec2double.ec2.appstatus;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the application status checks for real: every second it looks for (check, instance) pairs
 * that are due (the instance running, its grace period since launch over, the check's interval
 * since the last probe gone by) and probes the instance's private address through {@link
 * AppProbes}; each result moves the pair's streak and, at the check's thresholds, its status. It
 * starts at the first association, so a server without checks runs no thread for them. On the mock
 * backend nothing is probed: nothing runs there.
 */
public final class AppStatusProber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppStatusProber.class);

  private final Supplier<Collection<RegionState>> states;
  private final AppInstances instances;
  private final AppProbes probes;
  private ScheduledExecutorService ticker;

  public AppStatusProber(
      Supplier<Collection<RegionState>> states, AppInstances instances, AppProbes probes) {
    this.states = states;
    this.instances = instances;
    this.probes = probes;
  }

  /** Whether probes reach real machines (not on the mock backend). */
  boolean real() {
    return probes.real();
  }

  /** Starts the rounds, once (an association was made, or state with checks was taken back). */
  public synchronized void start() {
    if (ticker == null && probes.real()) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "app-status-checks");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleWithFixedDelay(this::round, 0, 1, TimeUnit.SECONDS);
    }
  }

  private void round() {
    try {
      for (RegionState region : states.get()) {
        AppStatusStore store = region.existingPart(AppStatusStore.class);
        if (store != null) {
          round(region, store);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("application status check round failed", e);
    }
  }

  private record Due(AppStatusStore.Check check, AppInstances.Instance instance) {}

  private void round(RegionState region, AppStatusStore store) {
    List<AppInstances.Instance> all = instances.all(region);
    Instant now = Instant.now();
    List<Due> due = new ArrayList<>();
    synchronized (store) {
      Set<String> watched = new HashSet<>();
      for (AppStatusStore.Check c : store.live()) {
        for (AppInstances.Instance i : all) {
          if (!c.watches(i)) {
            continue;
          }
          String key = AppStatusStore.trackKey(c.id, i.id());
          watched.add(key);
          if (!i.running()) {
            store.tracks.remove(key); // a stopped instance starts over when it runs again
            continue;
          }
          AppStatusStore.Track t =
              store.tracks.computeIfAbsent(key, k -> new AppStatusStore.Track());
          boolean graceOver =
              i.launched() == null || !now.isBefore(i.launched().plusSeconds(c.grace));
          boolean intervalOver =
              t.lastProbe == null || !now.isBefore(t.lastProbe.plusSeconds(c.interval));
          if (!t.inFlight && graceOver && intervalOver && address(c, i) != null) {
            t.inFlight = true;
            t.lastProbe = now;
            due.add(new Due(c, i));
          }
        }
      }
      store.tracks.keySet().retainAll(watched);
    }
    for (Due d : due) {
      probe(region, store, d.check(), d.instance());
    }
  }

  /** The address a check probes: the primary private IPv4 address (device index 0). */
  static String address(AppStatusStore.Check c, AppInstances.Instance i) {
    return c.deviceIndex == 0 && c.ipVersion.equals("ipv4") ? i.privateIp() : null;
  }

  private void probe(
      RegionState region, AppStatusStore store, AppStatusStore.Check c, AppInstances.Instance i) {
    boolean https = c.protocol.equals("https");
    StatusCodes codes = StatusCodes.parse(c.matcher);
    String key = AppStatusStore.trackKey(c.id, i.id());
    probes.probe(
        https,
        address(c, i),
        c.port,
        c.path,
        c.timeout,
        outcome -> {
          synchronized (store) {
            AppStatusStore.Track t = store.tracks.get(key);
            if (t == null) {
              return; // disassociated or deleted meanwhile
            }
            t.inFlight = false;
            boolean passed = outcome.failure() == null && codes.matches(outcome.statusCode());
            t.reasonCode =
                outcome.failure() != null
                    ? outcome.failure()
                    : passed ? "ResponseCodeMatched" : "ResponseCodeMismatch";
            t.statusCode = outcome.failure() == null ? outcome.statusCode() : null;
            t.protocol = https ? "HTTPS" : "HTTP";
            record(t, passed, c);
          }
          region.changed();
        });
  }

  /** One probe's result onto the streak; the thresholds decide the status. */
  static void record(AppStatusStore.Track t, boolean passed, AppStatusStore.Check c) {
    Instant now = Instant.now();
    t.updated = now;
    if (passed) {
      t.passes++;
      t.failures = 0;
      if (!t.status.equals("passed") && t.passes >= c.successThreshold) {
        t.status = "passed";
        t.since = now;
      }
    } else {
      t.failures++;
      t.passes = 0;
      if (!t.status.equals("failed") && t.failures >= c.failureThreshold) {
        t.status = "failed";
        t.since = now;
      }
    }
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
  }
}
