package dev.ec2double.core;

import java.util.concurrent.ThreadLocalRandom;

/** Resource ids shaped like AWS's: a prefix and 17 lowercase hex digits ({@code i-0a1b...}). */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  public static String next(String prefix) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] out = new char[17];
    for (int i = 0; i < out.length; i++) {
      out[i] = HEX[r.nextInt(16)];
    }
    return prefix + "-" + new String(out);
  }

  /** The prefix of an id ({@code vpc} of {@code vpc-0123...}), or null when it has none. */
  public static String prefixOf(String id) {
    int dash = id.indexOf('-');
    return dash <= 0 ? null : id.substring(0, dash);
  }
}
