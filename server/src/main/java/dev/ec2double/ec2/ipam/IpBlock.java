package dev.ec2double.ec2.ipam;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * An IPv4 or IPv6 CIDR block, with the arithmetic IPAM pools need: containment, overlap, and the
 * first free aligned block of a length inside a space with some blocks taken. {@code core.Cidr} is
 * IPv4 only; IPAM pools hold both families.
 */
record IpBlock(BigInteger base, int prefix, boolean ipv6) implements java.io.Serializable {

  /** A block in CIDR notation whose host bits are zero, or null when the text is not one. */
  static IpBlock parseOrNull(String text) {
    if (text == null) {
      return null;
    }
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      return null;
    }
    String address = text.substring(0, slash);
    boolean v6 = address.contains(":");
    if (!v6 && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    }
    if (v6 && !address.matches("[0-9a-fA-F:.]+")) {
      return null;
    }
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if ((bytes.length == 16) != v6) {
        return null;
      }
      int bits = v6 ? 128 : 32;
      if (prefix < 0 || prefix > bits) {
        return null;
      }
      BigInteger base = new BigInteger(1, bytes);
      IpBlock b = new IpBlock(base, prefix, v6);
      return base.equals(base.and(b.mask())) ? b : null;
    } catch (NumberFormatException | UnknownHostException e) {
      return null;
    }
  }

  int bits() {
    return ipv6 ? 128 : 32;
  }

  private BigInteger mask() {
    BigInteger all = BigInteger.ONE.shiftLeft(bits()).subtract(BigInteger.ONE);
    return all.xor(size().subtract(BigInteger.ONE));
  }

  BigInteger size() {
    return BigInteger.ONE.shiftLeft(bits() - prefix);
  }

  BigInteger last() {
    return base.add(size()).subtract(BigInteger.ONE);
  }

  boolean contains(IpBlock other) {
    return ipv6 == other.ipv6
        && other.prefix >= prefix
        && base.compareTo(other.base) <= 0
        && last().compareTo(other.last()) >= 0;
  }

  boolean overlaps(IpBlock other) {
    return ipv6 == other.ipv6
        && base.compareTo(other.last()) <= 0
        && other.base.compareTo(last()) <= 0;
  }

  /** The two halves of this block (one bit longer). */
  private List<IpBlock> halves() {
    IpBlock low = new IpBlock(base, prefix + 1, ipv6);
    return List.of(low, new IpBlock(low.last().add(BigInteger.ONE), prefix + 1, ipv6));
  }

  /**
   * The lowest block of length {@code length} inside this one that overlaps none of {@code taken},
   * or null when there is none.
   */
  IpBlock firstFree(int length, List<IpBlock> taken) {
    if (length < prefix || length > bits()) {
      return null;
    }
    List<IpBlock> inside = new ArrayList<>();
    for (IpBlock t : taken) {
      if (t.contains(this)) {
        return null;
      }
      if (t.overlaps(this)) {
        inside.add(t);
      }
    }
    if (inside.isEmpty()) {
      return new IpBlock(base, length, ipv6);
    }
    if (prefix == length) {
      return null;
    }
    for (IpBlock half : halves()) {
      IpBlock found = half.firstFree(length, inside);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The n-th address of the block, as text. */
  String address(BigInteger offset) {
    return text(base.add(offset), ipv6);
  }

  static String text(BigInteger value, boolean v6) {
    byte[] raw = value.toByteArray();
    byte[] bytes = new byte[v6 ? 16 : 4];
    int n = Math.min(raw.length, bytes.length);
    System.arraycopy(raw, raw.length - n, bytes, bytes.length - n, n);
    if (!v6) {
      return (bytes[0] & 255)
          + "."
          + (bytes[1] & 255)
          + "."
          + (bytes[2] & 255)
          + "."
          + (bytes[3] & 255);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 255) << 8) | (bytes[2 * i + 1] & 255);
    }
    // the longest run of zero groups (two or more) becomes "::", as RFC 5952 writes it
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLen - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text(base, ipv6) + "/" + prefix;
  }
}
