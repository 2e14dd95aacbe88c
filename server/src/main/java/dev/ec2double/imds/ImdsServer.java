package dev.ec2double.imds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ec2double.compute.ComputeBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance metadata service, IMDSv1 and IMDSv2. One listener per VPC network, bound to the
 * network's gateway address on the engine's host (or, for a server in a container of the engine, to
 * its own address on the network); the backend routes 169.254.169.254:80 of that network to it. The
 * caller is the instance whose address the request comes from.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
 */
public final class ImdsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImdsServer.class);
  static final String TOKEN = "X-aws-ec2-metadata-token";
  static final String TTL = "X-aws-ec2-metadata-token-ttl-seconds";

  private record Listener(HttpServer http, String endpoint, boolean linkLocal) {}

  private final ComputeBackend backend;
  private final MetadataSource source;
  private final ImdsTokens tokens = new ImdsTokens();
  private final Map<String, Listener> byNetwork = new ConcurrentHashMap<>();
  private final java.util.Set<String> unavailable = ConcurrentHashMap.newKeySet();
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "ec2double-imds");
            t.setDaemon(true);
            return t;
          });

  public ImdsServer(ComputeBackend backend, MetadataSource source) {
    this.backend = backend;
    this.source = source;
  }

  /** Starts answering on a network (idempotent); without a local gateway address, nothing. */
  public synchronized void serve(String network, String gateway) {
    if (byNetwork.containsKey(network) || unavailable.contains(network + "@" + gateway)) {
      return;
    }
    HttpServer http;
    String address = backend.localAddress(network, gateway);
    try {
      http = HttpServer.create(new InetSocketAddress(address, 0), 64);
    } catch (IOException e) {
      unavailable.add(network + "@" + gateway);
      LOG.info(
          "no metadata service on {}: cannot listen on {} here ({})",
          network,
          address,
          e.getMessage());
      return;
    }
    http.setExecutor(executor);
    http.createContext("/", ex -> handle(network, ex));
    http.start();
    int port = http.getAddress().getPort();
    boolean linkLocal = backend.routeMetadataService(network, address, port);
    String endpoint = "http://" + address + ":" + port;
    byNetwork.put(network, new Listener(http, endpoint, linkLocal));
    LOG.info(
        "metadata service for {} on {}{}",
        network,
        endpoint,
        linkLocal ? " and http://169.254.169.254" : " (169.254.169.254 not routed)");
  }

  public void stop(String network) {
    Listener l = byNetwork.remove(network);
    if (l != null) {
      l.http().stop(0);
    }
  }

  /** Stops every listener (a server reset removes the networks). */
  public void stopAll() {
    byNetwork.keySet().forEach(this::stop);
    unavailable.clear();
  }

  /** The direct URL of the network's metadata service, or null when it has none. */
  public String endpoint(String network) {
    Listener l = byNetwork.get(network);
    return l == null ? null : l.endpoint();
  }

  private void handle(String network, HttpExchange ex) throws IOException {
    try (ex) {
      String from = ex.getRemoteAddress().getAddress().getHostAddress();
      Optional<InstanceMetadata> found = source.find(network, from);
      if (found.isEmpty() || !found.get().options().enabled()) {
        send(ex, 403, "Forbidden", null);
        return;
      }
      InstanceMetadata m = found.get();
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      if (method.equals("PUT")) {
        putToken(ex, m, path);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        send(ex, 405, "Method Not Allowed", null);
        return;
      }
      String token = ex.getRequestHeaders().getFirst(TOKEN);
      long left = -1;
      if (token != null) {
        left = tokens.remaining(token, m.instanceId());
        if (left < 0) {
          send(ex, 401, "Unauthorized", null);
          return;
        }
      } else if (m.options().tokensRequired()) {
        send(ex, 401, "Unauthorized", null);
        return;
      }
      Optional<byte[]> body = read(m, path);
      if (body.isEmpty()) {
        send(ex, 404, "Not Found", left);
        return;
      }
      send(ex, 200, body.get(), left);
    } catch (RuntimeException e) {
      LOG.warn("metadata request failed", e);
      send(ex, 500, "Internal Server Error", null);
    }
  }

  private void putToken(HttpExchange ex, InstanceMetadata m, String path) throws IOException {
    if (!path.equals("/latest/api/token")) {
      send(ex, 405, "Method Not Allowed", null);
      return;
    }
    // A token request that came through a proxy is refused, as IMDS does.
    if (ex.getRequestHeaders().containsKey("X-Forwarded-For")) {
      send(ex, 403, "Forbidden", null);
      return;
    }
    String ttl = ex.getRequestHeaders().getFirst(TTL);
    int seconds;
    try {
      seconds = ttl == null ? -1 : Integer.parseInt(ttl.trim());
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 1 || seconds > ImdsTokens.MAX_TTL_SECONDS) {
      send(ex, 400, "Bad Request", null);
      return;
    }
    String token = tokens.issue(m.instanceId(), seconds);
    send(ex, 200, token.getBytes(StandardCharsets.UTF_8), (long) seconds);
  }

  private static Optional<byte[]> read(InstanceMetadata m, String path) {
    if (path.equals("/")) {
      return Optional.of(
          String.join("\n", MetadataTree.versions()).getBytes(StandardCharsets.UTF_8));
    }
    String p = path.substring(1);
    int slash = p.indexOf('/');
    String version = slash < 0 ? p : p.substring(0, slash);
    if (!MetadataTree.versions().contains(version)) {
      return Optional.empty();
    }
    String rest = slash < 0 ? "" : p.substring(slash + 1);
    return MetadataTree.of(m).get(rest);
  }

  private static void send(HttpExchange ex, int status, String text, Long ttl) throws IOException {
    send(ex, status, text.getBytes(StandardCharsets.UTF_8), ttl);
  }

  private static void send(HttpExchange ex, int status, byte[] body, Long ttl) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.getResponseHeaders().set("Server", "EC2ws");
    if (ttl != null && ttl >= 0) {
      ex.getResponseHeaders().set(TTL, Long.toString(ttl));
    }
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    stopAll();
    executor.shutdownNow();
  }
}
