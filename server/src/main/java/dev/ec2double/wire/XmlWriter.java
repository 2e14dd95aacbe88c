package dev.ec2double.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The small streaming XML writer the encoder needs: elements, text, one default namespace on the
 * root. The documents AWS sends use nothing more (no attributes, no prefixes, no mixed content),
 * and writing them straight into a UTF-8 byte buffer is several times faster than a general StAX
 * writer, which matters for large Describe answers (see docs/benchmarks.md). Names and most values
 * are ASCII and go in a byte per character; other text is encoded where it is written.
 */
final class XmlWriter {
  private byte[] out;
  private int length;
  private final ArrayDeque<String> open = new ArrayDeque<>();

  XmlWriter() {
    this(1024);
  }

  /** A writer whose buffer starts at this many bytes. */
  XmlWriter(int capacity) {
    out = new byte[Math.max(capacity, 64)];
  }

  XmlWriter declaration() {
    return ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  }

  XmlWriter root(String name, String namespace) {
    ch('<').ascii(name).ascii(" xmlns=\"").ascii(namespace).ascii("\">");
    open.push(name);
    return this;
  }

  XmlWriter start(String name) {
    ch('<').ascii(name).ch('>');
    open.push(name);
    return this;
  }

  XmlWriter end() {
    return ascii("</").ascii(open.pop()).ch('>');
  }

  XmlWriter empty(String name) {
    return ch('<').ascii(name).ascii("/>");
  }

  /** {@code <name>text</name>}, the text escaped. */
  XmlWriter element(String name, String text) {
    ch('<').ascii(name).ch('>');
    escape(text);
    return ascii("</").ascii(name).ch('>');
  }

  /** {@code <name>text</name>} for text known to need no escaping (numbers, booleans). */
  XmlWriter plain(String name, String text) {
    return ch('<').ascii(name).ch('>').ascii(text).ascii("</").ascii(name).ch('>');
  }

  /** {@code <name>2024-05-01T12:00:00.000Z</name>}: ISO-8601 in UTC with milliseconds. */
  XmlWriter timestamp(String name, Instant instant) {
    ch('<').ascii(name).ch('>');
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      ascii(XmlEncoder.ISO_MILLIS.format(instant)); // the formatter's sign and width rules
    } else {
      digits(t.getYear(), 4).ch('-');
      digits(t.getMonthValue(), 2).ch('-');
      digits(t.getDayOfMonth(), 2).ch('T');
      digits(t.getHour(), 2).ch(':');
      digits(t.getMinute(), 2).ch(':');
      digits(t.getSecond(), 2).ch('.');
      digits(instant.getNano() / 1_000_000, 3).ch('Z');
    }
    return ascii("</").ascii(name).ch('>');
  }

  private XmlWriter digits(int value, int width) {
    for (int d = width - 1, scale = pow10(d); d >= 0; d--, scale /= 10) {
      ch((char) ('0' + value / scale % 10));
    }
    return this;
  }

  private static int pow10(int n) {
    int p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  private void escape(String text) {
    if (plainText(text)) {
      ascii(text);
      return;
    }
    String safe = XmlEncoder.xmlSafe(text);
    StringBuilder escaped = new StringBuilder(safe.length() + 16);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        default -> escaped.append(c);
      }
    }
    raw(escaped.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Printable ASCII without markup characters: written as it is (ids, names, most values). */
  private static boolean plainText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '&' || c == '<' || c == '>') {
        return false;
      }
    }
    return true;
  }

  /** Text known to be ASCII (names, namespaces, numbers, plain values), a byte per character. */
  private XmlWriter ascii(String text) {
    int n = text.length();
    room(n);
    text.getBytes(0, n, out, length); // exactly the low byte of each char, which ASCII is
    length += n;
    return this;
  }

  private XmlWriter ch(char c) {
    room(1);
    out[length++] = (byte) c;
    return this;
  }

  /** UTF-8 XML another writer made, as it is. */
  XmlWriter raw(byte[] xml) {
    room(xml.length);
    System.arraycopy(xml, 0, out, length, xml.length);
    length += xml.length;
    return this;
  }

  private void room(int more) {
    if (length + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
    }
  }

  /** What was written so far, as UTF-8 (a fragment with nothing left open). */
  byte[] bytes() {
    return Arrays.copyOf(out, length);
  }

  /** What was written so far, as text. */
  String text() {
    return new String(out, 0, length, StandardCharsets.UTF_8);
  }

  /** The document as UTF-8, with any element still open closed. */
  byte[] toBytes() {
    while (!open.isEmpty()) {
      end();
    }
    return bytes();
  }

  void writeTo(OutputStream stream) {
    try {
      stream.write(toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
