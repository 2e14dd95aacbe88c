package dev.ec2double.server;

import dev.ec2double.compute.Backends;
import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.core.Ids;
import dev.ec2double.core.StateStore;
import dev.ec2double.wire.ApiHandler;
import dev.ec2double.wire.ApiResponse;
import dev.ec2double.wire.OperationRegistry;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
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
    this.backend = Backends.select(config.backend(), serverId);
    this.services = new Services(config, backend, serverId, store);
    this.registry = services.registry();
    this.api = new ApiHandler(registry, store, config.account());
  }

  public Ec2DoubleServer start() {
    app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.http.maxRequestSize = MAX_BODY_BYTES;
              cfg.jetty.host = config.host();
              cfg.jetty.port = config.port();
              cfg.routes.get(Health.PATH, ctx -> Health.write(ctx, backend));
              cfg.routes.post("/", this::serve);
              cfg.routes.get("/", this::serve);
            });
    app.start();
    return this;
  }

  private void serve(Context ctx) {
    String form = null;
    if (ctx.method().name().equals("POST")) {
      long length = ctx.req().getContentLengthLong();
      if (length > MAX_BODY_BYTES) {
        ctx.status(413).contentType(ApiResponse.CONTENT_TYPE);
        ctx.result(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error>"
                + "<Code>RequestEntityTooLarge</Code><Message>The request body is larger than "
                + MAX_BODY_BYTES
                + " bytes.</Message></Error></Errors><RequestID>none</RequestID></Response>");
        return;
      }
      form = ctx.body();
    }
    ApiResponse r = api.handle(ctx.queryString(), form, ctx.header("Authorization"));
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
    services.reset();
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
