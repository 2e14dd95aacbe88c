package dev.ec2double.elbv2.names;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * The few DNS messages (RFC 1035) the name server writes: an answer with one IPv4 address, an
 * answer with none (the name has no record of that type), and a failure code. Queries are read as
 * far as their one question.
 */
final class DnsMessages {
  static final int TYPE_A = 1;
  static final int TYPE_ANY = 255;
  static final int NXDOMAIN = 3;
  static final int SERVFAIL = 2;
  private static final int HEADER = 12;

  /**
   * A query's question.
   *
   * @param name the name asked for, lower case, without the final dot
   * @param type the record type asked for
   * @param end where the question ends in the message
   */
  record Question(String name, int type, int end) {}

  private DnsMessages() {}

  /** The question of a standard query with exactly one, or null for anything else. */
  static Question question(byte[] m, int length) {
    if (length < HEADER + 5 || (m[2] & 0x80) != 0 || (m[2] & 0x78) != 0 || u16(m, 4) != 1) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    int at = HEADER;
    while (true) {
      if (at >= length) {
        return null;
      }
      int len = m[at] & 0xff;
      if (len == 0) {
        at++;
        break;
      }
      if (len > 63 || at + 1 + len > length) {
        return null; // compression pointers do not occur in a question; nothing else is valid
      }
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(m, at + 1, len, java.nio.charset.StandardCharsets.US_ASCII));
      at += 1 + len;
    }
    if (at + 4 > length) {
      return null;
    }
    return new Question(name.toString().toLowerCase(Locale.ROOT), u16(m, at), at + 4);
  }

  /**
   * The answer to a query: {@code ipv4} as its one A record when the question asks for one, no
   * record otherwise (the name exists, with no record of that type).
   */
  static byte[] answer(byte[] query, Question q, String ipv4, int ttl) {
    boolean withRecord = ipv4 != null && (q.type() == TYPE_A || q.type() == TYPE_ANY);
    ByteArrayOutputStream out = header(query, 0, withRecord ? 1 : 0);
    out.write(query, HEADER, q.end() - HEADER);
    if (withRecord) {
      out.writeBytes(new byte[] {(byte) 0xc0, HEADER, 0, TYPE_A, 0, 1});
      out.writeBytes(
          new byte[] {(byte) (ttl >>> 24), (byte) (ttl >>> 16), (byte) (ttl >>> 8), (byte) ttl});
      out.writeBytes(new byte[] {0, 4});
      for (String part : ipv4.split("\\.")) {
        out.write(Integer.parseInt(part));
      }
    }
    return out.toByteArray();
  }

  /** A failure answer ({@link #NXDOMAIN}, {@link #SERVFAIL}) to a query, its question kept. */
  static byte[] failure(byte[] query, Question q, int rcode) {
    ByteArrayOutputStream out = header(query, rcode, 0);
    out.write(query, HEADER, q.end() - HEADER);
    return out.toByteArray();
  }

  /** A response header: the query's id and RD flag, authoritative, one question. */
  private static ByteArrayOutputStream header(byte[] query, int rcode, int answers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.write(query[0]);
    out.write(query[1]);
    out.write(0x84 | (query[2] & 0x01)); // QR, AA, the query's RD
    out.write(0x80 | rcode); // RA
    out.writeBytes(new byte[] {0, 1, 0, (byte) answers, 0, 0, 0, 0});
    return out;
  }

  private static int u16(byte[] m, int at) {
    return ((m[at] & 0xff) << 8) | (m[at + 1] & 0xff);
  }
}
