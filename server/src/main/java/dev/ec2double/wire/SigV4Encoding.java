package dev.ec2double.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** SigV4's URI encoding (RFC 3986 unreserved characters stay) and its canonical query string. */
final class SigV4Encoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private SigV4Encoding() {}

  /** Percent-encodes every byte but {@code A-Za-z0-9-._~} (and {@code /} unless asked). */
  static String encode(String s, boolean encodeSlash) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || (c == '/' && !encodeSlash)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  /**
   * Each parameter decoded and encoded again the one SigV4 way, sorted by name then value; a
   * presigned request's own signature is left out.
   */
  static String canonicalQuery(String rawQuery, boolean presigned) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = decode(eq < 0 ? part : part.substring(0, eq));
      String value = eq < 0 ? "" : decode(part.substring(eq + 1));
      if (presigned && name.equals("X-Amz-Signature")) {
        continue;
      }
      pairs.add(new String[] {encode(name, true), encode(value, true)});
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder out = new StringBuilder();
    for (String[] p : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }

  /** Percent-decoding as UTF-8; {@code +} is a space, as form encoding has it. */
  static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        out.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
        i += 2;
      } else if (b == '+') {
        out.write(' ');
      } else {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit((char) b, 16);
  }
}
