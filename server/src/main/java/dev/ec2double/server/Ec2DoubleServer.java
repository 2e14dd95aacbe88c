package dev.ec2double.server;

import dev.ec2double.compute.Backends;
import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.Labels;
import dev.ec2double.core.Ids;
import dev.ec2double.core.StateStore;
import dev.ec2double.ec2.EngineErrors;
import dev.ec2double.persist.StateDir;
import dev.ec2double.persist.StateFile;
import dev.ec2double.persist.StateWriter;
import dev.ec2double.server.control.ControlJson;
import dev.ec2double.server.http.Exchange;
import dev.ec2double.server.http.HttpServer;
import dev.ec2double.server.http.Router;
import dev.ec2double.server.http.Routes;
import dev.ec2double.server.requests.RequestLog;
import dev.ec2double.server.requests.RequestsControl;
import dev.ec2double.server.ui.Dashboard;
import dev.ec2double.wire.ApiHandler;
import dev.ec2double.wire.ApiResponse;
import dev.ec2double.wire.OperationRegistry;
import dev.ec2double.wire.Protocol;
import dev.ec2double.wire.RawRequest;
import dev.ec2double.wire.SdkActions;
import dev.ec2double.wire.SigV4Verifier;
import dev.ec2double.wire.TemporaryCredentials;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server: the API on the JDK's HTTP server, the services, the state, and the compute backend.
 */
public final class Ec2DoubleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Ec2DoubleServer.class);

  /** Larger bodies get AWS's error, not a read of unbounded input. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final ServerConfig config;
  private final StateStore store;
  private final String serverId;

  /** With {@code --state-dir}: where the state is saved, and who saves it; else null. */
  private final StateDir stateDir;

  private volatile StateWriter writer;

  /**
   * Connecting the engine and wiring the services runs while the HTTP server starts: ready sooner.
   */
  private final CompletableFuture<Void> assembled;

  private volatile ComputeBackend backend;
  private volatile Services services;
  private volatile OperationRegistry registry;
  private volatile ApiHandler api;
  private HttpServer http;
  private volatile InstanceApiEndpoints instanceEndpoints;

  /** The API calls answered, for /_ec2double/requests and the dashboard. */
  private final RequestLog requests;

  private final Dashboard dashboard;

  private static final long WARM_UP_DELAY_MS = 200;

  /** Whether the warm-up after the first answer has started. */
  private final AtomicBoolean warmedUp = new AtomicBoolean();

  /** Machines from this backend instead of the configured one, or null. */
  private final ComputeBackend givenBackend;

  public Ec2DoubleServer(ServerConfig config) {
    this(config, null);
  }

  /** A server on a backend made by the caller: tests that decide when the engine's work ends. */
  Ec2DoubleServer(ServerConfig config, ComputeBackend givenBackend) {
    this.config = config;
    this.givenBackend = givenBackend;
    if (config.stateDir().isEmpty()) {
      this.stateDir = null;
      this.store = new StateStore();
      this.serverId = Ids.next("srv");
    } else {
      this.stateDir = StateDir.open(config.stateDir());
      StateStore saved;
      try {
        saved = StateFile.read(stateDir.path());
      } catch (RuntimeException e) {
        stateDir.close();
        throw e;
      }
      this.store = saved == null ? new StateStore() : saved;
      this.serverId = stateDir.serverId();
      Labels.persistentAt(serverId, stateDir.path().toString());
    }
    this.requests = new RequestLog(config.requestLogSize());
    this.dashboard =
        new Dashboard(
            (account, region, service, form) -> api.handleTrusted(account, region, service, form),
            requests,
            () ->
                store.all().stream()
                    .map(r -> new Dashboard.Place(r.account(), r.region()))
                    .toList(),
            new Dashboard.Place(config.account(), "us-east-1"));
    this.assembled = new CompletableFuture<>();
    HttpServer
        .preferNoDelay(); // before the assembling thread's metadata service makes a JDK server
    Thread assemble = new Thread(this::assemble, "ec2double-assemble");
    assemble.setDaemon(true);
    assemble.start();
  }

  private void assemble() {
    try {
      // with saved state, nothing is removed when this process dies: the next one adopts it
      backend =
          givenBackend != null
              ? givenBackend
              : Backends.select(
                  config.backend(),
                  serverId,
                  config.cleanup() && stateDir == null,
                  config.engine());
      services = new Services(config, backend, serverId, store);
      registry = services.registry();
      // background steps and engine events are changes to save too
      services.onChange(store::changed);
      if (stateDir != null) {
        services.adopt(store);
        writer = new StateWriter(stateDir.path(), store);
        store.onChange(writer::changed);
        store.changed();
        LOG.info("state is saved in {}", stateDir.path());
      }
      TemporaryCredentials issued =
          key ->
              services
                  .roleCredentials()
                  .find(key)
                  .map(
                      c ->
                          new TemporaryCredentials.Session(
                              c.secretAccessKey(), c.sessionToken(), c.expiration(), c.account()));
      api =
          new ApiHandler(
                  registry,
                  new StateServiceHost(store, config.quotas()),
                  config.account(),
                  config.strictAuth()
                      ? new SigV4Verifier(config.credentials()).withTemporaryCredentials(issued)
                      : null)
              .answeringFailures(EngineErrors::toAws)
              .withTemporaryCredentials(issued)
              .withCallLog(requests);
      assembled.complete(null);
    } catch (RuntimeException | Error e) {
      assembled.completeExceptionally(e);
    }
  }

  /** Waits until the backend and services are there; rethrows why they are not. */
  private void awaitAssembled() {
    try {
      assembled.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  public Ec2DoubleServer start() {
    NoLoggerNotice.tell();
    Routes routes = new Routes();
    routes.get(Health.PATH, ctx -> Health.write(ctx, backend));
    for (String path : new String[] {Control.RESET, Control.MOTO_RESET}) {
      routes.post(path, ctx -> control(ctx, () -> Control.reset(ctx, this)));
      routes.get(path, Control::postOnly);
    }
    routes.post(
        FaultsControl.PATH,
        ctx -> control(ctx, () -> FaultsControl.inject(ctx, services.faults())));
    routes.get(
        FaultsControl.PATH, ctx -> control(ctx, () -> FaultsControl.list(ctx, services.faults())));
    routes.delete(
        FaultsControl.PATH,
        ctx -> control(ctx, () -> FaultsControl.clearAll(ctx, services.faults())));
    routes.delete(
        FaultsControl.PATH + "/{id}",
        ctx -> control(ctx, () -> FaultsControl.clear(ctx, services.faults())));
    routes.get(
        TlsControl.CA, ctx -> control(ctx, () -> TlsControl.ca(ctx, services.certificates())));
    routes.post(
        TlsControl.CERTIFICATES,
        ctx ->
            control(
                ctx, () -> TlsControl.certificate(ctx, services.certificates(), config.account())));
    routes.post(
        TlsControl.CA_BUNDLES,
        ctx -> control(ctx, () -> TlsControl.bundle(ctx, services.certificates())));
    routes.post(
        AlarmsControl.PATH,
        ctx -> control(ctx, () -> AlarmsControl.set(ctx, store, config.account())));
    routes.get(
        AlarmsControl.PATH,
        ctx -> control(ctx, () -> AlarmsControl.list(ctx, store, config.account())));
    routes.get(TlsControl.CERTIFICATES, Control::postOnly);
    routes.get(TlsControl.CA_BUNDLES, Control::postOnly);
    routes.get(
        RequestsControl.PATH, ctx -> control(ctx, () -> RequestsControl.list(ctx, requests)));
    routes.get(
        RequestsControl.PATH + "/{seq}",
        ctx -> control(ctx, () -> RequestsControl.one(ctx, requests)));
    routes.delete(
        RequestsControl.PATH, ctx -> control(ctx, () -> RequestsControl.clear(ctx, requests)));
    dashboard.routes(routes, this::control);
    routes.post("/", this::serve);
    routes.get("/", this::serve);
    // The query APIs take GET and POST; anything else still gets an AWS envelope.
    routes.put("/", this::wrongMethod);
    routes.delete("/", this::wrongMethod);
    routes.patch("/", this::wrongMethod);
    http =
        HttpServer.start(
            config.host(),
            config.port(),
            new Router(routes, this::awaitAssembled, this::failed, this::refused, MAX_BODY_BYTES));

    try {
      awaitAssembled();
    } catch (RuntimeException e) {
      http.close();
      if (stateDir != null) {
        stateDir.close(); // another attempt in this process may take the directory
      }
      throw e;
    }
    if (config.instanceApiEndpoint() && !backend.name().equals("mock")) {
      // the mock backend's networks exist nowhere: nothing to listen on
      instanceEndpoints = new InstanceApiEndpoints(http, backend, port());
      services.instanceApiEndpoint(instanceEndpoints::endpoint);
      services.onNetworks(instanceEndpoints);
    }
    return this;
  }

  /**
   * After the first answer: lists the names of the actions the SDK knows (names only: the classes
   * of an action load when it is first asked for), so the first unknown or renamed action is
   * answered about as fast as the rest. Not at start: on few cores it would slow the first answer.
   */
  private void warmUpAfterFirstAnswer() {
    if (warmedUp.getAndSet(true)) {
      return;
    }
    Thread warm =
        new Thread(
            () -> {
              try {
                Thread.sleep(WARM_UP_DELAY_MS); // the first answer is still being written
              } catch (InterruptedException e) {
                return;
              }
              for (Protocol p : Protocol.values()) {
                SdkActions.requestType(p, "");
              }
            },
            "ec2double-warm-up");
    warm.setDaemon(true);
    warm.setPriority(Thread.MIN_PRIORITY);
    warm.start();
  }

  /** A control API call, unless it came in on an address the instances reach. */
  private void control(Exchange ctx, Runnable call) {
    if (instanceEndpoints != null && instanceEndpoints.facesInstances(ctx.localAddr())) {
      Control.notFromInstances(ctx);
    } else {
      call.run();
    }
  }

  private void serve(Exchange ctx) throws IOException {
    String authorization = ctx.header("Authorization");
    byte[] form = null;
    if (ctx.method().equals("POST")) {
      try {
        form = ctx.bodyAsBytes(); // the router's limit, MAX_BODY_BYTES
      } catch (Exchange.BodyTooLarge e) {
        drain(ctx);
        write(ctx, api.tooLarge(authorization, MAX_BODY_BYTES));
        return;
      }
    } else {
      drain(ctx); // a GET may carry a body too; it is not read as parameters, but it is read
    }
    write(
        ctx,
        api.handle(
            new RawRequest(ctx.method(), ctx.path(), ctx.queryString(), form, ctx::headers)));
    warmUpAfterFirstAnswer();
  }

  private void wrongMethod(Exchange ctx) throws IOException {
    drain(ctx);
    write(ctx, api.methodNotAllowed(ctx.header("Authorization"), ctx.method()));
  }

  /** How much of a refused body is read and dropped before the answer, so the client sees it. */
  private static final long DRAIN_BYTES = 16L * MAX_BODY_BYTES;

  /**
   * Reads and drops what the client is still sending (up to a bound): answering while a body is on
   * its way makes the client see a connection reset instead of the answer.
   */
  private static void drain(Exchange ctx) throws IOException {
    java.io.InputStream in = ctx.bodyStream();
    byte[] buffer = new byte[64 * 1024];
    long left = DRAIN_BYTES;
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= n;
    }
  }

  /** Whatever a route throws still answers as AWS does: an envelope, never a stack trace. */
  private void failed(Exchange ctx, Exception e) {
    if (e instanceof Exchange.BodyTooLarge) {
      ControlJson.error(ctx, 413, e.getMessage());
    } else {
      write(ctx, api.internalError(ctx.header("Authorization"), e));
    }
  }

  /** A request refused before it was read (a URI or header section too long), as AWS answers. */
  private void refused(Exchange ctx, int status, String reason) {
    write(ctx, api.httpError(status, reason));
  }

  private static void write(Exchange ctx, ApiResponse r) {
    ctx.status(r.status());
    ctx.contentType(ApiResponse.CONTENT_TYPE);
    ctx.header("x-amzn-RequestId", r.requestId());
    ctx.result(r.body());
  }

  public int port() {
    return http.port();
  }

  /** The API calls answered, newest kept (--request-log-size); what /_ec2double/requests shows. */
  public RequestLog requests() {
    return requests;
  }

  public String host() {
    return config.host();
  }

  public URI endpoint() {
    String h = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
    return URI.create("http://" + h + ":" + port());
  }

  public ComputeBackend backend() {
    awaitAssembled();
    return backend;
  }

  public OperationRegistry registry() {
    awaitAssembled();
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
    awaitAssembled();
    if (instanceEndpoints != null) {
      instanceEndpoints.stopAll();
    }
    services.reset();
    store.clear();
    backend.removeAll();
    requests.clear();
  }

  /**
   * The faults tests inject (what {@code /_ec2double/faults} drives): docs/testing-with-faults.md.
   */
  public dev.ec2double.ec2.instances.InstanceFaults faults() {
    awaitAssembled();
    return services.faults();
  }

  /**
   * The local CA's root certificate (PEM) that signs the HTTPS listeners' certificates: what a test
   * trusts (also {@code GET /_ec2double/ca.pem}); see docs/load-balancers.md, "HTTPS".
   */
  public String caPem() {
    awaitAssembled();
    return services.certificates().caPem();
  }

  /** The id in the labels of everything this server creates on the engine. */
  public String serverId() {
    return serverId;
  }

  /** The state directory, or null without {@code --state-dir}. */
  public java.nio.file.Path stateDir() {
    return stateDir == null ? null : stateDir.path();
  }

  @Override
  public void close() {
    dashboard.close();
    if (http != null) {
      http.close();
    }
    if (assembled.isCompletedExceptionally()) {
      if (stateDir != null) {
        stateDir.close();
      }
      return;
    }
    awaitAssembled();
    services.close();
    if (stateDir != null) {
      writer.close();
      if (Services.holdsEngineObjects(store) || !config.cleanup()) {
        // what runs stays for the next start with this directory, which adopts it
        backend.keepOnClose();
      } else {
        removeAllQuietly(); // nothing to adopt: the helper, networks and rules go
      }
      backend.close();
      stateDir.close();
      return;
    }
    if (config.cleanup()) {
      removeAllQuietly();
    }
    backend.close();
  }

  private void removeAllQuietly() {
    try {
      backend.removeAll();
    } catch (RuntimeException e) {
      LOG.warn("could not remove everything this server made: {}", e.getMessage());
    }
  }
}
