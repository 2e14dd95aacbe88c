package dev.ec2double.elbv2;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Requests a target group's targets were sent by the proxy, per second over the last {@link
 * #SECONDS}: what CloudWatch's {@code RequestCount} of a target group sums. Counting is one atomic
 * increment on the request path; a bucket is reused when its second comes round again.
 */
public final class RequestCounter {
  public static final int SECONDS = 900;
  private final AtomicLongArray seconds = new AtomicLongArray(SECONDS);
  private final AtomicLongArray counts = new AtomicLongArray(SECONDS);

  public void count(long epochSecond) {
    int i = (int) Math.floorMod(epochSecond, (long) SECONDS);
    long was = seconds.get(i);
    if (was != epochSecond && seconds.compareAndSet(i, was, epochSecond)) {
      counts.set(i, 0);
    }
    counts.incrementAndGet(i);
  }

  public void count() {
    count(Instant.now().getEpochSecond());
  }

  /** Requests in the whole seconds of {@code [from, to)} still kept. */
  public long sum(Instant from, Instant to) {
    long total = 0;
    long first = Math.max(from.getEpochSecond(), to.getEpochSecond() - SECONDS);
    for (long s = first; s < to.getEpochSecond(); s++) {
      int i = (int) Math.floorMod(s, (long) SECONDS);
      if (seconds.get(i) == s) {
        total += counts.get(i);
      }
    }
    return total;
  }
}
