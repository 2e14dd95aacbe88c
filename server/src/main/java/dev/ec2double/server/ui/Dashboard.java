package dev.ec2double.server.ui;

import static dev.ec2double.server.control.ControlJson.JSON;
import static dev.ec2double.server.control.ControlJson.error;
import static dev.ec2double.server.control.ControlJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ec2double.core.Changes;
import dev.ec2double.server.http.Exchange;
import dev.ec2double.server.http.Routes;
import dev.ec2double.server.requests.RequestLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The dashboard at {@code /_ec2double/ui/}: a page bundled in the jar (no external assets), the
 * state it draws ({@code api/state}, read through the API's own Describe actions), an instance's
 * console output and user data, and the live feed ({@code events}). Read-only.
 */
public final class Dashboard implements AutoCloseable {
  public static final String PATH = "/_ec2double/ui";
  private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html;charset=utf-8",
          "js", "text/javascript;charset=utf-8",
          "css", "text/css;charset=utf-8",
          "svg", "image/svg+xml");

  /** An account and region that holds state. */
  public record Place(String account, String region) {}

  private final SelfCalls api;
  private final Supplier<Collection<Place>> places;
  private final Place home;

  /** Made on the first page that shows it: its JSON nodes are not loaded at start. */
  private volatile Topology topology;

  private final LiveEvents events;
  private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

  /**
   * @param places the accounts and regions that hold state
   * @param home shown when none does yet (the default account, the first region)
   */
  public Dashboard(SelfCalls api, RequestLog log, Supplier<Collection<Place>> places, Place home) {
    this.api = api;
    this.places = places;
    this.home = home;
    this.events = new LiveEvents(log);
  }

  private Topology topology() {
    Topology t = topology;
    if (t == null) {
      t = new Topology(api); // a race makes two equal ones
      topology = t;
    }
    return t;
  }

  /** Adds the dashboard's routes; {@code guard} runs each unless the caller may not see it. */
  public void routes(Routes routes, BiConsumer<Exchange, Runnable> guard) {
    // one route for both: the router takes /ui and /ui/ as the same path; the page's relative
    // links need the slash
    routes.get(
        PATH,
        ctx ->
            guard.accept(
                ctx,
                () -> {
                  if (ctx.path().endsWith("/")) {
                    asset(ctx, "index.html");
                  } else {
                    ctx.redirect(PATH + "/");
                  }
                }));
    routes.get(
        PATH + "/assets/{file}", ctx -> guard.accept(ctx, () -> asset(ctx, ctx.pathParam("file"))));
    routes.get(PATH + "/api/state", ctx -> guard.accept(ctx, () -> state(ctx)));
    routes.get(PATH + "/api/console", ctx -> guard.accept(ctx, () -> console(ctx)));
    routes.get(PATH + "/api/user-data", ctx -> guard.accept(ctx, () -> userData(ctx)));
    routes.get(PATH + "/events", ctx -> guard.accept(ctx, () -> events.join(ctx.stream())));
  }

  private void state(Exchange ctx) {
    long changes = Changes.count(); // before reading: the picture is at least this new
    Map<String, Place> all = new LinkedHashMap<>();
    for (Place p : places.get()) {
      all.put(p.account() + "/" + p.region(), p);
    }
    if (all.isEmpty()) {
      all.put(home.account() + "/" + home.region(), home);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("changes", changes);
    ArrayNode regions = out.putArray("regions");
    all.values().stream()
        .sorted(java.util.Comparator.comparing(Place::account).thenComparing(Place::region))
        .forEach(p -> regions.add(topology().of(p.account(), p.region())));
    json(ctx, out);
  }

  private void console(Exchange ctx) {
    instanceText(ctx, "output", Map.of("Action", "GetConsoleOutput"), r -> r.path("output"));
  }

  private void userData(Exchange ctx) {
    instanceText(
        ctx,
        "userData",
        Map.of("Action", "DescribeInstanceAttribute", "Attribute", "userData"),
        r -> r.path("userData").path("value"));
  }

  /**
   * Answers {@code {"instanceId", name: text}}: the base64 text that {@code action} answers for the
   * instance the query names, decoded.
   */
  private void instanceText(
      Exchange ctx,
      String name,
      Map<String, String> action,
      java.util.function.Function<JsonNode, JsonNode> base64) {
    String id = instance(ctx);
    if (id == null) {
      return;
    }
    Map<String, String> params = new LinkedHashMap<>(action);
    params.put("Version", "2016-11-15");
    params.put("InstanceId", id);
    JsonNode r = api.read(ctx.queryParam("account"), ctx.queryParam("region"), "ec2", params);
    if (r == null) {
      error(ctx, 404, "no instance " + id + " here");
      return;
    }
    json(ctx, JSON.createObjectNode().put("instanceId", id).put(name, decode(base64.apply(r))));
  }

  /** The instance asked for, or null after answering 400 when the query does not name one. */
  private static String instance(Exchange ctx) {
    String id = ctx.queryParam("instance");
    if (id == null
        || !INSTANCE_ID.matcher(id).matches()
        || ctx.queryParam("account") == null
        || ctx.queryParam("region") == null) {
      error(
          ctx, 400, "name an instance, account and region: ?instance=i-...&account=...&region=...");
      return null;
    }
    return id;
  }

  private static String decode(JsonNode base64) {
    String text = base64.isTextual() ? base64.asText().trim() : "";
    if (text.isEmpty()) {
      return "";
    }
    try {
      return new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private void asset(Exchange ctx, String name) {
    if (!ASSET.matcher(name).matches()) {
      error(ctx, 404, "no such file");
      return;
    }
    byte[] body = assets.computeIfAbsent(name, Dashboard::load);
    if (body.length == 0) {
      error(ctx, 404, "no such file");
      return;
    }
    ctx.contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
    ctx.header("Cache-Control", "no-cache");
    ctx.result(body);
  }

  private static byte[] load(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream("/ec2double-ui/" + name)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    events.close();
  }
}
