package dev.ec2double.it.elbv2;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;

/** A plain HTTP client for talking to listeners (on 127.0.0.1 unless told) with any Host header. */
final class Http implements AutoCloseable {
  private final HttpClient client = new HttpClient();
  private volatile String host = "127.0.0.1";

  Http() {
    client.setFollowRedirects(false);
    client.setUserAgentField(null);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Talks to this address from now on (a load balancer's own). */
  Http at(String address) {
    this.host = address;
    return this;
  }

  Request request(int port, String pathAndQuery) {
    return client
        .newRequest("http://" + host + ":" + port + pathAndQuery)
        .timeout(20, TimeUnit.SECONDS);
  }

  ContentResponse get(int port, String pathAndQuery) {
    return send(request(port, pathAndQuery));
  }

  ContentResponse get(int port, String host, String pathAndQuery) {
    return send(request(port, pathAndQuery).headers(h -> h.put(HttpHeader.HOST, host)));
  }

  static ContentResponse send(Request r) {
    try {
      return r.send();
    } catch (Exception e) {
      throw new AssertionError("request failed: " + r.getURI(), e);
    }
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }
}
