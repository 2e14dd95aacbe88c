package dev.ec2double.server.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One HTTP call as a route sees it: the request's method, path, query, headers and body, and the
 * answer it builds (status, headers, body), written when the route returns. A route that streams
 * ({@link #stream()}) writes its own answer instead.
 */
public final class Exchange {
  private final HttpExchange x;
  private final Map<String, String> pathParams;
  private final long maxBodyBytes;
  private int status = 200;
  private byte[] body = new byte[0];
  private boolean streaming;

  Exchange(HttpExchange x, Map<String, String> pathParams, long maxBodyBytes) {
    this.x = x;
    this.pathParams = pathParams;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The request's method, upper case as sent: {@code GET}, {@code POST}, ... */
  public String method() {
    return x.getRequestMethod();
  }

  /** The path, without the query, still encoded. */
  public String path() {
    String p = x.getRequestURI().getRawPath();
    return p == null ? "" : p;
  }

  /** The raw (still encoded) query string, or null. */
  public String queryString() {
    return x.getRequestURI().getRawQuery();
  }

  /** The first value of a query parameter, decoded, or null. */
  public String queryParam(String name) {
    String q = queryString();
    if (q == null) {
      return null;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        return eq < 0 ? "" : decode(pair.substring(eq + 1));
      }
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a stray '%': taken as written
    }
  }

  /** The query parameter, or {@code otherwise} when absent. */
  public String queryParam(String name, String otherwise) {
    String v = queryParam(name);
    return v == null ? otherwise : v;
  }

  /** A {@code {name}} segment of the route's path. */
  public String pathParam(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalArgumentException("the route has no path parameter " + name);
    }
    return v;
  }

  /** The first value of a request header, or null. */
  public String header(String name) {
    return x.getRequestHeaders().getFirst(name);
  }

  /** Every value of a request header, in order. */
  public List<String> headers(String name) {
    List<String> values = x.getRequestHeaders().get(name);
    return values == null ? Collections.emptyList() : values;
  }

  /** The local address the request came in on (which of the server's addresses). */
  public String localAddr() {
    return x.getLocalAddress().getAddress().getHostAddress();
  }

  /** The body as a stream; read it at most once. */
  public InputStream bodyStream() {
    return x.getRequestBody();
  }

  /**
   * The body, read whole: at most one byte past the limit is read, whatever Content-Length says (or
   * if it is absent).
   *
   * @throws BodyTooLarge past the server's limit (answered 413 unless the route catches it)
   */
  public byte[] bodyAsBytes() throws IOException {
    if (declaredLength() > maxBodyBytes) {
      throw new BodyTooLarge(maxBodyBytes);
    }
    byte[] b = bodyStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    if (b.length > maxBodyBytes) {
      throw new BodyTooLarge(maxBodyBytes);
    }
    return b;
  }

  private long declaredLength() {
    String v = header("Content-Length");
    try {
      return v == null ? -1 : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public Exchange status(int status) {
    this.status = status;
    return this;
  }

  public int status() {
    return status;
  }

  /** Sets a response header (replacing one of the same name). */
  public Exchange header(String name, String value) {
    x.getResponseHeaders().set(name, value);
    return this;
  }

  public Exchange contentType(String type) {
    return header("Content-Type", type);
  }

  public Exchange result(String text) {
    return result(text.getBytes(StandardCharsets.UTF_8));
  }

  public Exchange result(byte[] bytes) {
    this.body = bytes;
    return this;
  }

  /** A 302 to {@code location}. */
  public void redirect(String location) {
    status(302);
    header("Location", location);
    contentType("text/plain");
    result("Redirected");
  }

  /**
   * Takes the answer over: nothing is written when the route returns; the stream writes and ends
   * it.
   */
  public EventStream stream() {
    streaming = true;
    try {
      return new EventStream(x);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes the answer built, unless the route took it over. */
  void finish() throws IOException {
    if (streaming) {
      return;
    }
    if (method().equals("HEAD")) {
      // the length the GET would have; the JDK's server writes no body for a HEAD
      header("Content-Length", Integer.toString(body.length));
      x.sendResponseHeaders(status, -1);
    } else if (body.length == 0) {
      x.sendResponseHeaders(status, -1);
    } else {
      x.sendResponseHeaders(status, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
    x.close();
  }

  /** A body past the server's limit. */
  public static final class BodyTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(long limit) {
      super("the body is larger than " + limit + " bytes");
    }
  }
}
