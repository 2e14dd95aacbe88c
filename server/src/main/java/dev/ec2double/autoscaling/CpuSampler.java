package dev.ec2double.autoscaling;

import dev.ec2double.core.MetricSource;
import dev.ec2double.core.RegionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU of the instances that CPU target tracking watches, from the engine's statistics: every
 * {@link #PERIOD} a thread of its own reads each watched instance's total CPU time (the engine may
 * take a second per instance, which is why it is not the reconciler's thread), and keeps the
 * readings for 15 minutes. Answers CloudWatch's {@code AWS/EC2} {@code CPUUtilization} (dimension
 * {@code InstanceId}, statistic Average): the CPU time used between the first and last reading of
 * the period over the time between them, as a percentage of the instance's CPUs. The thread starts
 * with the first watched instance.
 */
final class CpuSampler implements MetricSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CpuSampler.class);
  static final Duration PERIOD = Duration.ofSeconds(5);
  private static final Duration KEEP = Duration.ofMinutes(15);

  /** An instance is read while it was watched this recently. */
  private static final Duration WATCHED = Duration.ofSeconds(30);

  private record Reading(Instant at, long nanos, double cpus) {}

  private record Watch(RegionState region, Instant until) {}

  private final Fleet fleet;
  private final Map<String, Watch> watched = new ConcurrentHashMap<>();
  private final Map<String, Deque<Reading>> readings = new ConcurrentHashMap<>();
  private ScheduledExecutorService thread;
  private boolean closed;

  CpuSampler(Fleet fleet) {
    this.fleet = fleet;
  }

  /** Reads the instance's CPU from now on (for {@link #WATCHED}, renewed by each call). */
  void watch(RegionState region, String instanceId) {
    watched.put(instanceId, new Watch(region, AutoScaling.now().plus(WATCHED)));
    start();
  }

  private synchronized void start() {
    if (thread == null && !closed) {
      thread =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "autoscaling-cpu");
                t.setDaemon(true);
                return t;
              });
      thread.scheduleWithFixedDelay(this::sample, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void sample() {
    Instant now = AutoScaling.now();
    watched.entrySet().removeIf(e -> e.getValue().until().isBefore(now));
    readings.keySet().removeIf(id -> !watched.containsKey(id));
    for (Map.Entry<String, Watch> e : watched.entrySet()) {
      try {
        Fleet.Cpu cpu = fleet.cpu(e.getValue().region(), e.getKey());
        if (cpu == null) {
          continue;
        }
        Deque<Reading> d = readings.computeIfAbsent(e.getKey(), k -> new ArrayDeque<>());
        synchronized (d) {
          d.addLast(new Reading(AutoScaling.now(), cpu.nanos(), cpu.cpus()));
          while (!d.isEmpty() && d.peekFirst().at().isBefore(now.minus(KEEP))) {
            d.removeFirst();
          }
        }
      } catch (RuntimeException ex) {
        LOG.debug("cpu of {}: {}", e.getKey(), ex.toString());
      }
    }
  }

  @Override
  public OptionalDouble sum(
      RegionState region,
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      Instant from,
      Instant to) {
    return OptionalDouble.empty();
  }

  @Override
  public OptionalDouble average(
      RegionState region,
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      Instant from,
      Instant to) {
    String id = dimensions.get("InstanceId");
    if (!"AWS/EC2".equals(namespace) || !"CPUUtilization".equals(metricName) || id == null) {
      return OptionalDouble.empty();
    }
    Deque<Reading> d = readings.get(id);
    if (d == null) {
      return OptionalDouble.empty();
    }
    Reading first = null;
    Reading last = null;
    synchronized (d) {
      for (Reading r : d) {
        if (!r.at().isBefore(from) && r.at().isBefore(to)) {
          if (first == null) {
            first = r;
          }
          last = r;
        }
      }
    }
    if (first == null || last == first) {
      return OptionalDouble.empty();
    }
    double wall = Duration.between(first.at(), last.at()).toNanos();
    return OptionalDouble.of(
        Math.max(0, Math.min(100, (last.nanos() - first.nanos()) / wall / last.cpus() * 100)));
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (thread != null) {
      thread.shutdownNow();
    }
  }
}
