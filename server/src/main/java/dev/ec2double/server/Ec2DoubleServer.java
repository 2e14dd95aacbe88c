package dev.ec2double.server;

import dev.ec2double.compute.Backends;
import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.core.Ids;
import dev.ec2double.core.StateStore;
import dev.ec2double.wire.ApiHandler;
import dev.ec2double.wire.ApiResponse;
import dev.ec2double.wire.OperationRegistry;
import dev.ec2double.wire.RawRequest;
import dev.ec2double.wire.SigV4Verifier;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import org.slf4j.LoggerFactory;

/** The server: the API on Javalin, the services, the state, and the compute backend. */
public final class Ec2DoubleServer implements AutoCloseable {
  /** Larger bodies get AWS's error, not a read of unbounded input. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final ServerConfig config;
  private final StateStore store = new StateStore();
  private final String serverId = Ids.next("srv");
  private final ComputeBackend backend;
  private final Services services;
  private final OperationRegistry registry;
  private final ApiHandler api;
  private Javalin app;

  public Ec2DoubleServer(ServerConfig config) {
    this.config = config;
    this.backend = Backends.select(config.backend(), serverId, config.cleanup());
    this.services = new Services(config, backend, serverId);
    this.registry = services.registry();
    this.api =
        new ApiHandler(
            registry,
            store,
            config.account(),
            config.strictAuth() ? new SigV4Verifier(config.credentials()) : null,
            config.quotas());
  }

  public Ec2DoubleServer start() {
    app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.http.maxRequestSize = MAX_BODY_BYTES;
              // AWS answers EC2 calls uncompressed; compressing small XML costs more than it saves
              cfg.http.compressionStrategy = CompressionStrategy.NONE;
              cfg.http.generateEtags = false;
              cfg.jetty.host = config.host();
              cfg.jetty.port = config.port();
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new AwsErrorPages(api)));
              cfg.routes.get(Health.PATH, ctx -> Health.write(ctx, backend));
              cfg.routes.post("/", this::serve);
              cfg.routes.get("/", this::serve);
              // The query APIs take GET and POST; anything else still gets an AWS envelope.
              cfg.routes.put("/", this::wrongMethod);
              cfg.routes.delete("/", this::wrongMethod);
              cfg.routes.patch("/", this::wrongMethod);
              // Whatever escapes still answers as AWS does: an envelope, never a stack trace.
              cfg.routes.exception(
                  Exception.class,
                  (e, ctx) -> write(ctx, api.internalError(ctx.header("Authorization"), e)));
            });
    app.start();
    return this;
  }

  private void serve(Context ctx) throws IOException {
    String authorization = ctx.header("Authorization");
    byte[] form = null;
    if (ctx.method().name().equals("POST")) {
      // Read at most one byte past the limit, whatever Content-Length says (or if it is absent).
      byte[] body =
          ctx.req().getContentLengthLong() > MAX_BODY_BYTES
              ? null
              : ctx.req().getInputStream().readNBytes(MAX_BODY_BYTES + 1);
      if (body == null || body.length > MAX_BODY_BYTES) {
        write(ctx, api.tooLarge(authorization, MAX_BODY_BYTES));
        return;
      }
      form = body;
    }
    write(
        ctx,
        api.handle(
            new RawRequest(
                ctx.method().name(),
                ctx.req().getRequestURI(),
                ctx.queryString(),
                form,
                name -> Collections.list(ctx.req().getHeaders(name)))));
  }

  private void wrongMethod(Context ctx) {
    write(ctx, api.methodNotAllowed(ctx.header("Authorization"), ctx.method().name()));
  }

  private static void write(Context ctx, ApiResponse r) {
    ctx.status(r.status());
    ctx.contentType(ApiResponse.CONTENT_TYPE);
    ctx.header("x-amzn-RequestId", r.requestId());
    ctx.result(r.body());
  }

  public int port() {
    return app.port();
  }

  public String host() {
    return config.host();
  }

  public URI endpoint() {
    String h = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
    return URI.create("http://" + h + ":" + port());
  }

  public ComputeBackend backend() {
    return backend;
  }

  public OperationRegistry registry() {
    return registry;
  }

  public StateStore store() {
    return store;
  }

  public ServerConfig config() {
    return config;
  }

  /**
   * Forgets every resource of every account and region and removes what the backend made for them
   * (containers, networks, volumes), so the next test starts from an empty EC2.
   */
  public void reset() {
    store.clear();
    backend.removeAll();
  }

  /** The id in the labels of everything this server creates on the engine. */
  public String serverId() {
    return serverId;
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
    services.close();
    if (config.cleanup()) {
      try {
        backend.removeAll();
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(Ec2DoubleServer.class)
            .warn("could not remove everything this server made: {}", e.getMessage());
      }
    }
    backend.close();
  }
}
