package dev.ec2double.server;

import static dev.ec2double.server.control.ControlJson.error;
import static dev.ec2double.server.control.ControlJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ec2double.ec2.instances.InstanceFaults;
import dev.ec2double.server.control.ControlJson;
import dev.ec2double.server.http.Exchange;
import java.io.IOException;
import java.time.format.DateTimeFormatter;

/**
 * {@code /_ec2double/faults}: POST a fault ({@code {"kind", "target", "noticeSeconds"}}), GET the
 * list, DELETE one by id or all. Bad input is a 400 with a message, and changes nothing.
 */
final class FaultsControl {
  static final String PATH = "/_ec2double/faults";
  private static final ObjectMapper JSON = ControlJson.JSON;

  private FaultsControl() {}

  static void inject(Exchange ctx, InstanceFaults faults) {
    JsonNode body;
    try {
      body = JSON.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      error(ctx, 400, "the body is not JSON: " + e.getMessage());
      return;
    }
    if (body == null || !body.isObject()) {
      error(ctx, 400, "the body is a JSON object: {\"kind\": ..., \"target\": ...}");
      return;
    }
    JsonNode notice = body.get("noticeSeconds");
    if (notice != null && !notice.isNull() && !notice.canConvertToInt()) {
      error(ctx, 400, "noticeSeconds is a number of seconds");
      return;
    }
    try {
      InstanceFaults.Fault f =
          faults.inject(
              text(body, "kind"),
              text(body, "target"),
              notice == null || notice.isNull() ? null : notice.asInt());
      ctx.status(201);
      json(ctx, view(f));
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
    }
  }

  static void list(Exchange ctx, InstanceFaults faults) {
    ArrayNode list = JSON.createArrayNode();
    faults.list().forEach(f -> list.add(view(f)));
    ObjectNode out = JSON.createObjectNode();
    out.set("faults", list);
    json(ctx, out);
  }

  static void clear(Exchange ctx, InstanceFaults faults) {
    String id = ctx.pathParam("id");
    if (!faults.clear(id)) {
      error(ctx, 404, "no fault " + id);
      return;
    }
    json(ctx, JSON.createObjectNode().put("status", "ok").put("cleared", id));
  }

  static void clearAll(Exchange ctx, InstanceFaults faults) {
    int n = faults.list().size();
    faults.clearAll();
    json(ctx, JSON.createObjectNode().put("status", "ok").put("cleared", n));
  }

  private static ObjectNode view(InstanceFaults.Fault f) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", f.id());
    o.put("kind", f.kind().wireName());
    o.put("target", f.target());
    o.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(f.created()));
    if (f.at() != null) {
      o.put("actionAt", DateTimeFormatter.ISO_INSTANT.format(f.at()));
      o.put("done", f.done());
    }
    if (f.eventId() != null) {
      o.put("instanceEventId", f.eventId());
    }
    if (f.action() != null) {
      o.put("action", f.action());
    }
    return o;
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
