package dev.ec2double.ec2.keypairs;

import java.util.Base64;

/** Base64 text wrapped at a fixed width, as PEM files and PuTTY key files carry binary data. */
final class Armor {
  private Armor() {}

  static String lines(byte[] data, int width) {
    String b64 = Base64.getEncoder().encodeToString(data);
    StringBuilder out = new StringBuilder(b64.length() + b64.length() / width + 1);
    for (int i = 0; i < b64.length(); i += width) {
      out.append(b64, i, Math.min(b64.length(), i + width)).append('\n');
    }
    return out.toString();
  }

  static int lineCount(byte[] data, int width) {
    int chars = (data.length + 2) / 3 * 4;
    return (chars + width - 1) / width;
  }

  /** {@code -----BEGIN label-----}, the data, {@code -----END label-----}, each line ending LF. */
  static String pem(String label, byte[] data, int width) {
    return "-----BEGIN " + label + "-----\n" + lines(data, width) + "-----END " + label + "-----";
  }
}
