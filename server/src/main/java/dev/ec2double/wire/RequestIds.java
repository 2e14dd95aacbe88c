package dev.ec2double.wire;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids shaped like AWS's (a random UUID), cheap enough for every request. */
public final class RequestIds {
  private RequestIds() {}

  public static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
