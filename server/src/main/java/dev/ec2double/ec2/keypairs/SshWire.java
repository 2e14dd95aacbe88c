package dev.ec2double.ec2.keypairs;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The SSH binary encoding of RFC 4251 section 5 (uint32, string, mpint), which public key blobs,
 * OpenSSH private keys and PuTTY key files are all made of.
 */
final class SshWire {
  private SshWire() {}

  /** Builds an SSH-encoded byte string. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

    Writer uint32(int v) {
      out.write(v >>> 24);
      out.write(v >>> 16);
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    Writer string(byte[] bytes) {
      uint32(bytes.length);
      out.writeBytes(bytes);
      return this;
    }

    Writer string(String s) {
      return string(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Two's complement, big-endian, minimal: BigInteger's own encoding is exactly that. */
    Writer mpint(BigInteger v) {
      return string(v.signum() == 0 ? new byte[0] : v.toByteArray());
    }

    Writer raw(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    int size() {
      return out.size();
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** Reads an SSH-encoded byte string; any overrun is a malformed key, never an allocation. */
  static final class Reader {
    private final byte[] buf;
    private int pos;

    Reader(byte[] buf) {
      this.buf = buf;
    }

    int uint32() {
      need(4);
      int v =
          (buf[pos] & 0xff) << 24
              | (buf[pos + 1] & 0xff) << 16
              | (buf[pos + 2] & 0xff) << 8
              | (buf[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    byte[] string() {
      int len = uint32();
      if (len < 0) {
        throw new IllegalArgumentException("negative length");
      }
      need(len);
      byte[] out = new byte[len];
      System.arraycopy(buf, pos, out, 0, len);
      pos += len;
      return out;
    }

    String text() {
      return new String(string(), StandardCharsets.UTF_8);
    }

    BigInteger mpint() {
      byte[] b = string();
      return b.length == 0 ? BigInteger.ZERO : new BigInteger(b);
    }

    boolean done() {
      return pos == buf.length;
    }

    private void need(int n) {
      if (n > buf.length - pos) {
        throw new IllegalArgumentException("truncated SSH data");
      }
    }
  }
}
