package dev.ec2double.server.requests;

import static dev.ec2double.server.control.ControlJson.JSON;
import static dev.ec2double.server.control.ControlJson.error;
import static dev.ec2double.server.control.ControlJson.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ec2double.server.http.Exchange;
import dev.ec2double.server.requests.RequestLog.LoggedCall;
import dev.ec2double.wire.CallLog.Call;
import dev.ec2double.wire.FormParams;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code /_ec2double/requests}: the request log as JSON. {@code GET} lists calls newest first
 * (filters {@code action}, {@code service}, {@code account}, {@code errorCode}, {@code status} =
 * {@code ok}, {@code error} or a number; {@code after} a sequence number; {@code limit}), {@code
 * GET /ID} gives one with its request parameters and response body, {@code DELETE} forgets them
 * all.
 */
public final class RequestsControl {
  public static final String PATH = "/_ec2double/requests";
  static final int DEFAULT_LIMIT = 100;

  private RequestsControl() {}

  public static void list(Exchange ctx, RequestLog log) {
    Predicate<LoggedCall> matches;
    long after;
    int limit;
    try {
      matches = filters(ctx);
      after = number(ctx, "after", 0, 0, Long.MAX_VALUE);
      limit = (int) number(ctx, "limit", DEFAULT_LIMIT, 1, 10_000);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    ArrayNode list = JSON.createArrayNode();
    for (LoggedCall c : log.find(matches, after, limit)) {
      list.add(summary(c));
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("requests", list);
    out.put("nextSeq", log.nextSeq());
    json(ctx, out);
  }

  public static void one(Exchange ctx, RequestLog log) {
    long seq;
    try {
      seq = Long.parseLong(ctx.pathParam("seq"));
    } catch (NumberFormatException e) {
      error(
          ctx,
          400,
          "a request is named by its sequence number, not '" + ctx.pathParam("seq") + "'");
      return;
    }
    log.get(seq)
        .ifPresentOrElse(
            c -> json(ctx, detail(c)),
            () -> error(ctx, 404, "request " + seq + " is not in the log (any more)"));
  }

  public static void clear(Exchange ctx, RequestLog log) {
    log.clear();
    json(ctx, JSON.createObjectNode().put("status", "ok"));
  }

  /** One call in a line: what the list and the live events show. */
  public static ObjectNode summary(LoggedCall logged) {
    Call c = logged.call();
    ObjectNode o = JSON.createObjectNode();
    o.put("seq", logged.seq());
    o.put("requestId", c.response().requestId());
    o.put("time", Instant.ofEpochMilli(c.startedMillis()).toString());
    o.put("service", c.service());
    o.put("action", c.action());
    o.put("accessKey", c.accessKey());
    o.put("account", c.account());
    o.put("region", c.region());
    o.put("status", c.response().status());
    o.put("errorCode", c.response().errorCode());
    o.put("latencyMs", Math.round(c.nanos() / 1_000.0) / 1_000.0);
    return o;
  }

  /** A call with what was asked (parameters) and what was answered (the XML body). */
  public static ObjectNode detail(LoggedCall logged) {
    Call c = logged.call();
    ObjectNode o = summary(logged);
    Map<String, String> params = new TreeMap<>();
    FormParams.parse(c.form(), params);
    FormParams.parse(c.query(), params);
    ObjectNode p = o.putObject("parameters");
    params.forEach(p::put);
    o.put("response", new String(logged.responseBody(), StandardCharsets.UTF_8));
    return o;
  }

  private static Predicate<LoggedCall> filters(Exchange ctx) {
    Predicate<LoggedCall> p = c -> true;
    p = p.and(equal(ctx.queryParam("action"), c -> c.call().action()));
    p = p.and(equal(ctx.queryParam("service"), c -> c.call().service()));
    p = p.and(equal(ctx.queryParam("account"), c -> c.call().account()));
    p = p.and(equal(ctx.queryParam("region"), c -> c.call().region()));
    p = p.and(equal(ctx.queryParam("errorCode"), LoggedCall::errorCode));
    String status = ctx.queryParam("status");
    if (status != null && !status.isEmpty()) {
      switch (status.toLowerCase(Locale.ROOT)) {
        case "ok" -> p = p.and(c -> c.errorCode() == null);
        case "error" -> p = p.and(c -> c.errorCode() != null);
        default -> {
          int code;
          try {
            code = Integer.parseInt(status);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "status is ok, error or an HTTP status, not '" + status + "'");
          }
          p = p.and(c -> c.call().response().status() == code);
        }
      }
    }
    return p;
  }

  private static Predicate<LoggedCall> equal(
      String wanted, java.util.function.Function<LoggedCall, String> field) {
    if (wanted == null || wanted.isEmpty()) {
      return c -> true;
    }
    return c -> wanted.equals(field.apply(c));
  }

  private static long number(Exchange ctx, String name, long absent, long min, long max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return absent;
    }
    try {
      long n = Long.parseLong(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(
        name + " is a number from " + min + " to " + max + ", not '" + text + "'");
  }
}
