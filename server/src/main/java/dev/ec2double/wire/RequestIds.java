package dev.ec2double.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids shaped like AWS's (a random UUID), cheap enough for every request. */
public final class RequestIds {
  /**
   * Where the request id goes in an answer kept for a ClientToken (the same length as an id, and
   * nothing an answer holds otherwise).
   */
  static final String SLOT = "ec2double-request-id-slot-0000000000";

  private static final byte[] SLOT_BYTES = SLOT.getBytes(StandardCharsets.US_ASCII);

  private RequestIds() {}

  /** A kept answer with this request's id where {@link #SLOT} stands. */
  static byte[] fill(byte[] kept, String requestId) {
    byte[] id = requestId.getBytes(StandardCharsets.US_ASCII);
    int n = SLOT_BYTES.length;
    for (int i = 0; i + n <= kept.length; i++) {
      if (kept[i] == SLOT_BYTES[0] && Arrays.equals(kept, i, i + n, SLOT_BYTES, 0, n)) {
        byte[] out = new byte[kept.length - n + id.length];
        System.arraycopy(kept, 0, out, 0, i);
        System.arraycopy(id, 0, out, i, id.length);
        System.arraycopy(kept, i + n, out, i + id.length, kept.length - i - n);
        return out;
      }
    }
    throw new IllegalStateException("a kept answer without its request id slot");
  }

  public static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
