package dev.ec2double.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;

/**
 * The small streaming XML writer the encoder needs: elements, text, one default namespace on the
 * root. The documents AWS sends use nothing more (no attributes, no prefixes, no mixed content),
 * and writing them straight into a buffer is several times faster than a general StAX writer, which
 * matters for large Describe answers (see docs/benchmarks.md).
 */
final class XmlWriter {
  private final StringBuilder out;
  private final ArrayDeque<String> open = new ArrayDeque<>();

  XmlWriter() {
    this(1024);
  }

  /** A writer whose buffer starts at this many characters. */
  XmlWriter(int capacity) {
    out = new StringBuilder(capacity);
  }

  XmlWriter declaration() {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    return this;
  }

  XmlWriter root(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
    open.push(name);
    return this;
  }

  XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  XmlWriter end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  XmlWriter empty(String name) {
    out.append('<').append(name).append("/>");
    return this;
  }

  /** {@code <name>text</name>}, the text escaped. */
  XmlWriter element(String name, String text) {
    out.append('<').append(name).append('>');
    escape(text);
    out.append("</").append(name).append('>');
    return this;
  }

  /** {@code <name>text</name>} for text known to need no escaping (numbers, booleans). */
  XmlWriter plain(String name, String text) {
    out.append('<').append(name).append('>').append(text).append("</").append(name).append('>');
    return this;
  }

  /** {@code <name>2024-05-01T12:00:00.000Z</name>}: ISO-8601 in UTC with milliseconds. */
  XmlWriter timestamp(String name, Instant instant) {
    out.append('<').append(name).append('>');
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      out.append(XmlEncoder.ISO_MILLIS.format(instant)); // the formatter's sign and width rules
    } else {
      digits(t.getYear(), 4).append('-');
      digits(t.getMonthValue(), 2).append('-');
      digits(t.getDayOfMonth(), 2).append('T');
      digits(t.getHour(), 2).append(':');
      digits(t.getMinute(), 2).append(':');
      digits(t.getSecond(), 2).append('.');
      digits(instant.getNano() / 1_000_000, 3).append('Z');
    }
    out.append("</").append(name).append('>');
    return this;
  }

  private StringBuilder digits(int value, int width) {
    for (int d = width - 1, scale = pow10(d); d >= 0; d--, scale /= 10) {
      out.append((char) ('0' + value / scale % 10));
    }
    return out;
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
      out.append(text);
      return;
    }
    String safe = XmlEncoder.xmlSafe(text);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
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

  /** XML another writer made, as it is. */
  XmlWriter raw(String xml) {
    out.append(xml);
    return this;
  }

  /** What was written so far, as text (a fragment with nothing left open). */
  String text() {
    return out.toString();
  }

  /** The document as UTF-8, with any element still open closed. */
  byte[] toBytes() {
    while (!open.isEmpty()) {
      end();
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  void writeTo(OutputStream stream) {
    try {
      stream.write(toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
