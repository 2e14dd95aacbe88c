package dev.ec2double.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The small streaming XML writer the encoder needs: elements, text, one default namespace on the
 * root. The documents AWS sends use nothing more (no attributes, no prefixes, no mixed content),
 * and writing them straight into a buffer is several times faster than a general StAX writer, which
 * matters for large Describe answers (see docs/benchmarks.md).
 */
final class XmlWriter {
  private final StringBuilder out = new StringBuilder(4096);
  private final ArrayDeque<String> open = new ArrayDeque<>();

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

  private void escape(String text) {
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

  void writeTo(OutputStream stream) {
    while (!open.isEmpty()) {
      end();
    }
    try {
      stream.write(out.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
