package dev.ec2double.ec2.vpc;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

/** IPv6 blocks as far as VPCs need them: Amazon's /56 per VPC and the /64s of subnets in it. */
final class Ipv6Blocks {
  private Ipv6Blocks() {}

  /** A parsed block: its first address as a number and its prefix length. */
  record Block(BigInteger base, int prefix) {
    boolean contains(Block other) {
      return other.prefix >= prefix
          && other.base.shiftRight(128 - prefix).equals(base.shiftRight(128 - prefix));
    }

    boolean overlaps(Block other) {
      return contains(other) || other.contains(this);
    }
  }

  /** The block a text names, or null when it is not an IPv6 CIDR whose host bits are zero. */
  static Block parseOrNull(String text) {
    if (text == null) {
      return null;
    }
    int slash = text.indexOf('/');
    if (slash < 0 || text.indexOf(':') < 0) {
      return null;
    }
    try {
      int prefix = Integer.parseInt(text.substring(slash + 1));
      if (prefix < 0 || prefix > 128) {
        return null;
      }
      // a literal with ':' is parsed, never looked up
      byte[] bytes = InetAddress.getByName(text.substring(0, slash)).getAddress();
      if (bytes.length != 16) {
        return null;
      }
      BigInteger base = new BigInteger(1, bytes);
      if (prefix < 128
          && base.shiftRight(128 - prefix).shiftLeft(128 - prefix).compareTo(base) != 0) {
        return null;
      }
      return new Block(base, prefix);
    } catch (NumberFormatException | java.net.UnknownHostException e) {
      return null;
    }
  }

  /** A /56 from Amazon's 2600:1f00::/24 for a new association. */
  static String amazonProvided56() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format(
        "2600:1f%02x:%x:%x00::/56", r.nextInt(256), r.nextInt(1, 0x10000), r.nextInt(1, 256));
  }
}
