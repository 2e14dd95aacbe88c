package dev.ec2double.elbv2.proxy;

import dev.ec2double.elbv2.tls.MtlsHeaders;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * Jetty's reverse proxy, sending each request to the target its listener chose, with the headers an
 * ALB adds ({@code X-Forwarded-For/Proto/Port}, {@code X-Amzn-Trace-Id}; no {@code Via} or {@code
 * Forwarded}), bodies streamed both ways, and the ALB's 502/504 pages when the target fails
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html).
 */
final class TargetForwarder extends ProxyHandler {
  static final String DESTINATION = TargetForwarder.class.getName() + ".destination";

  private final ListenerConnector.Selectors selectors;
  private final int selector;

  /** A forwarder whose target connections live on the listener's selector {@code selector}. */
  TargetForwarder(ListenerConnector.Selectors selectors, int selector) {
    this.selectors = selectors;
    this.selector = selector;
    setUseServerThreadPool(true);
  }

  /**
   * Nothing here blocks: rules and targets are read from memory, and the target's request and the
   * client's response are written asynchronously. Jetty then runs the handler in the selector
   * thread that read the request instead of handing every request to a pool thread.
   */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  /**
   * Target connections on the listener's own selector (see {@link ListenerConnector}). The response
   * listeners only write to the client asynchronously, so they run in the selector thread that read
   * the target's response, the one that also reads the client's requests.
   */
  @Override
  protected HttpClient newHttpClient() {
    ClientConnector connector = new UpstreamConnector(selectors, selector);
    HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
    transport.setInvocationType(InvocationType.NON_BLOCKING);
    return new HttpClient(transport);
  }

  @Override
  protected void configureHttpClient(HttpClient httpClient) {
    super.configureHttpClient(httpClient);
    httpClient.setConnectTimeout(10_000);
    httpClient.setIdleTimeout(60_000);
    httpClient.setMaxConnectionsPerDestination(256);
  }

  @Override
  protected HttpURI rewriteHttpURI(Request clientToProxyRequest) {
    Destination d = (Destination) clientToProxyRequest.getAttribute(DESTINATION);
    return HttpURI.build(clientToProxyRequest.getHttpURI())
        .scheme("http")
        .host(d.address().contains(":") ? "[" + d.address() + "]" : d.address())
        .port(d.port());
  }

  @Override
  protected org.eclipse.jetty.client.Request newProxyToServerRequest(
      Request clientToProxyRequest, HttpURI newHttpURI) {
    Destination d = (Destination) clientToProxyRequest.getAttribute(DESTINATION);
    return super.newProxyToServerRequest(clientToProxyRequest, newHttpURI)
        .idleTimeout(d.idleTimeoutSeconds(), TimeUnit.SECONDS);
  }

  @Override
  protected void addProxyHeaders(
      Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
    Destination d = (Destination) clientToProxyRequest.getAttribute(DESTINATION);
    String client = Request.getRemoteAddr(clientToProxyRequest);
    if (d.xffClientPort()) {
      client =
          (client.contains(":") ? "[" + client + "]" : client)
              + ":"
              + Request.getRemotePort(clientToProxyRequest);
    }
    String clientEntry = client;
    proxyToServerRequest.headers(
        h -> {
          String xff = h.get("X-Forwarded-For");
          switch (d.xffMode()) {
            case "remove" -> h.remove("X-Forwarded-For");
            case "preserve" -> {}
            default ->
                h.put("X-Forwarded-For", xff == null ? clientEntry : xff + ", " + clientEntry);
          }
          h.put("X-Forwarded-Proto", clientToProxyRequest.isSecure() ? "https" : "http");
          h.put("X-Forwarded-Port", Integer.toString(d.listenerPort()));
          h.put("X-Amzn-Trace-Id", TraceIds.forward(h.get("X-Amzn-Trace-Id")));
          if (clientToProxyRequest.isSecure()) {
            MtlsHeaders.apply(
                d.mtlsMode(), peerCertificates(clientToProxyRequest), h::remove, h::put);
          }
        });
  }

  private static java.security.cert.X509Certificate[] peerCertificates(Request request) {
    return request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE)
            instanceof EndPoint.SslSessionData tls
        ? tls.peerCertificates()
        : null;
  }

  @Override
  protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(
      Request clientToProxyRequest,
      org.eclipse.jetty.client.Request proxyToServerRequest,
      Response proxyToClientResponse,
      Callback proxyToClientCallback) {
    Destination d = (Destination) clientToProxyRequest.getAttribute(DESTINATION);
    return new ProxyResponseListener(
        clientToProxyRequest, proxyToServerRequest, proxyToClientResponse, proxyToClientCallback) {
      @Override
      public void onHeaders(org.eclipse.jetty.client.Response serverToProxyResponse) {
        super.onHeaders(serverToProxyResponse);
        for (String cookie : d.setCookies()) {
          proxyToClientResponse.getHeaders().add(HttpHeader.SET_COOKIE, cookie);
        }
      }
    };
  }

  @Override
  protected void onServerToProxyResponseFailure(
      Request clientToProxyRequest,
      org.eclipse.jetty.client.Request proxyToServerRequest,
      org.eclipse.jetty.client.Response serverToProxyResponse,
      Response proxyToClientResponse,
      Callback proxyToClientCallback,
      Throwable failure) {
    if (proxyToClientResponse.isCommitted()) {
      proxyToClientCallback.failed(failure);
      return;
    }
    proxyToClientResponse.getHeaders().clear();
    ErrorPages.write(
        proxyToClientResponse,
        proxyToClientCallback,
        failure instanceof TimeoutException ? 504 : 502);
  }
}
