package dev.ec2double.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One HTTP call as a route sees it: the request's method, path, query, headers and body, and the
 * answer it builds (status, headers, body), written when the route returns. A route that streams
 * ({@link #stream()}) writes its own answer instead.
 */
public final class Exchange {
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Map<String, String> pathParams;
  private final long maxBodyBytes;
  private Fields query;
  private int status = 200;
  private byte[] body = new byte[0];
  private boolean streaming;

  Exchange(
      Request request,
      Response response,
      Callback callback,
      Map<String, String> pathParams,
      long maxBodyBytes) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.pathParams = pathParams;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The request's method, upper case as sent: {@code GET}, {@code POST}, ... */
  public String method() {
    return request.getMethod();
  }

  /** The path, without the query. */
  public String path() {
    return request.getHttpURI().getPath();
  }

  /** The raw (still encoded) query string, or null. */
  public String queryString() {
    return request.getHttpURI().getQuery();
  }

  /** The first value of a query parameter, decoded, or null. */
  public String queryParam(String name) {
    if (query == null) {
      query = Request.extractQueryParameters(request);
    }
    return query.getValue(name);
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
    return request.getHeaders().get(name);
  }

  /** Every value of a request header, in order. */
  public List<String> headers(String name) {
    List<String> values = request.getHeaders().getValuesList(name);
    return values == null ? Collections.emptyList() : values;
  }

  /** The local address the request came in on (which of the server's addresses). */
  public String localAddr() {
    return Request.getLocalAddr(request);
  }

  /** The body as a stream; read it at most once. */
  public InputStream bodyStream() {
    return Request.asInputStream(request);
  }

  /**
   * The body, read whole: at most one byte past the limit is read, whatever Content-Length says (or
   * if it is absent).
   *
   * @throws BodyTooLarge past the server's limit (answered 413 unless the route catches it)
   */
  public byte[] bodyAsBytes() throws IOException {
    if (request.getLength() > maxBodyBytes) {
      throw new BodyTooLarge(maxBodyBytes);
    }
    byte[] b = bodyStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    if (b.length > maxBodyBytes) {
      throw new BodyTooLarge(maxBodyBytes);
    }
    return b;
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
    response.getHeaders().put(name, value);
    return this;
  }

  public Exchange contentType(String type) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    return this;
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
    return new EventStream(request, response, callback);
  }

  /** Writes the answer built, unless the route took it over. */
  void finish() {
    if (streaming) {
      return;
    }
    response.setStatus(status);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** A body past the server's limit. */
  public static final class BodyTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(long limit) {
      super("the body is larger than " + limit + " bytes");
    }
  }
}
