package dev.ec2double.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.server.http.Exchange;
import java.io.IOException;

/** How the control API answers: JSON, and errors as {@code {"status":"error","message":...}}. */
public final class ControlJson {
  public static final ObjectMapper JSON = new ObjectMapper();

  private ControlJson() {}

  public static void json(Exchange ctx, JsonNode node) {
    ctx.contentType("application/json");
    ctx.result(node.toString());
  }

  public static void error(Exchange ctx, int status, String message) {
    ctx.status(status);
    json(ctx, JSON.createObjectNode().put("status", "error").put("message", message));
  }

  /** The request's body as a JSON object, or null after answering 400. */
  public static JsonNode body(Exchange ctx) {
    try {
      JsonNode body = JSON.readTree(ctx.bodyAsBytes());
      if (body != null && body.isObject()) {
        return body;
      }
      error(ctx, 400, "the body is a JSON object");
    } catch (IOException e) {
      error(ctx, 400, "the body is not JSON: " + e.getMessage());
    }
    return null;
  }

  /** A field's text, or {@code otherwise} when absent or null. */
  public static String text(JsonNode body, String field, String otherwise) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? otherwise : n.asText();
  }
}
