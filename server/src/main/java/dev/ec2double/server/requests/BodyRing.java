package dev.ec2double.server.requests;

/**
 * The answers' bodies of the calls a {@link RequestLog} keeps, copied into one buffer used round
 * (it grows to its limit as calls need it). Keeping a call then keeps no array of its own: at
 * thousands of calls a second, kept answers lived just long enough to be copied by every young
 * collection and to fill the old generation with the dead (full collections of ~25 ms, the API's
 * p99 at 1 and 16 connections ~25 ms instead of ~2 ms).
 *
 * <p>Positions are logical (bytes written since the start); a body is readable until the buffer has
 * gone round over it. Not thread-safe: the log calls it under its own lock.
 */
final class BodyRing {
  private final int max;
  private byte[] buf;

  /** The logical position after the last byte written. */
  private long end;

  BodyRing(int initial, int max) {
    this.max = max;
    this.buf = new byte[Math.min(initial, max)];
  }

  /** The largest body kept. */
  int max() {
    return max;
  }

  /**
   * Copies {@code body} in (at most {@link #max()} bytes) and returns where it starts; grows first
   * when the bodies from {@code keptFrom} on (past {@link #end} when none is kept) and this one
   * would not fit.
   */
  long write(byte[] body, long keptFrom) {
    long need = end - liveFrom(keptFrom) + body.length;
    if (need > buf.length && buf.length < max) {
      grow((int) Math.min(max, Math.max(need, 2L * buf.length)), keptFrom);
    }
    long start = end;
    int pos = (int) (start % buf.length);
    int first = Math.min(body.length, buf.length - pos);
    System.arraycopy(body, 0, buf, pos, first);
    System.arraycopy(body, first, buf, 0, body.length - first);
    end += body.length;
    return start;
  }

  /** Where bodies still readable begin: one that starts before is overwritten. */
  long oldestReadable() {
    return end - buf.length;
  }

  /** The {@code length} bytes at {@code start}, or null once overwritten. */
  byte[] read(long start, int length) {
    if (start < oldestReadable()) {
      return null;
    }
    byte[] out = new byte[length];
    int pos = (int) (start % buf.length);
    int first = Math.min(length, buf.length - pos);
    System.arraycopy(buf, pos, out, 0, first);
    System.arraycopy(buf, 0, out, first, length - first);
    return out;
  }

  void clear() {
    end = 0;
  }

  /** Where the bodies to keep begin: {@code keptFrom}, or {@link #end} when none is kept. */
  private long liveFrom(long keptFrom) {
    return Math.min(end, Math.max(keptFrom, oldestReadable()));
  }

  private void grow(int capacity, long keptFrom) {
    long from = liveFrom(keptFrom);
    byte[] live = read(from, (int) (end - from));
    buf = new byte[capacity];
    long saved = end;
    end = from;
    write(live, from);
    end = saved;
  }
}
