package dev.ec2double.ec2.vpc;

import java.util.concurrent.ThreadLocalRandom;

/** MAC addresses as EC2 gives them: locally administered, unicast ({@code 0e:...}). */
final class Macs {
  private Macs() {}

  static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder b = new StringBuilder("0e");
    for (int i = 0; i < 5; i++) {
      b.append(':').append(String.format("%02x", r.nextInt(256)));
    }
    return b.toString();
  }
}
