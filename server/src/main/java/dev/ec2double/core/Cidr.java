package dev.ec2double.core;

/** An IPv4 CIDR block: its first address (as an unsigned 32-bit number) and prefix length. */
public record Cidr(long base, int prefix) implements java.io.Serializable {

  /** Parses {@code a.b.c.d/n}; null when it is not a CIDR block or has host bits set. */
  public static Cidr parseOrNull(String text) {
    if (text == null) {
      return null;
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      return null;
    }
    try {
      long ip = ip(text.substring(0, slash));
      int prefix = Integer.parseInt(text.substring(slash + 1));
      if (ip < 0 || prefix < 0 || prefix > 32) {
        return null;
      }
      Cidr c = new Cidr(ip, prefix);
      return (ip & c.mask()) == ip ? c : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An address as a number, or -1 when the text is not a dotted IPv4 address. */
  public static long ip(String text) {
    String[] p = text.split("\\.", -1);
    if (p.length != 4) {
      return -1;
    }
    long v = 0;
    for (String s : p) {
      if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int o = Integer.parseInt(s);
      if (o > 255) {
        return -1;
      }
      v = (v << 8) | o;
    }
    return v;
  }

  public static String ip(long value) {
    return ((value >> 24) & 255)
        + "."
        + ((value >> 16) & 255)
        + "."
        + ((value >> 8) & 255)
        + "."
        + (value & 255);
  }

  public long mask() {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  public long size() {
    return 1L << (32 - prefix);
  }

  public boolean contains(long address) {
    return (address & mask()) == base;
  }

  public boolean contains(Cidr other) {
    return other.prefix >= prefix && contains(other.base);
  }

  public boolean overlaps(Cidr other) {
    return contains(other.base) || other.contains(base);
  }

  /** The address {@code offset} places after the first. */
  public String address(long offset) {
    return ip(base + offset);
  }

  @Override
  public String toString() {
    return ip(base) + "/" + prefix;
  }
}
