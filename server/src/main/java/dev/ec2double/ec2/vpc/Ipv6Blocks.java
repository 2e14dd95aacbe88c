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

  /** The text of an address (RFC 5952: lowercase, the longest run of zero groups as ::). */
  static String text(BigInteger address) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = address.shiftRight(112 - 16 * i).intValue() & 0xffff;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLength - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(groups[i]));
    }
    return b.toString();
  }

  /** A random address of a /64 (its host half never all zeros). */
  static String randomIn(Block block) {
    long host = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    return text(block.base().add(BigInteger.valueOf(host)));
  }

  /** A /56 from Amazon's 2600:1f00::/24 for a new association. */
  static String amazonProvided56() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format(
        "2600:1f%02x:%x:%x00::/56", r.nextInt(256), r.nextInt(1, 0x10000), r.nextInt(1, 256));
  }
}
