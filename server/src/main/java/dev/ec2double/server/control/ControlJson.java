package dev.ec2double.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** How the control API answers: JSON, and errors as {@code {"status":"error","message":...}}. */
public final class ControlJson {
  public static final ObjectMapper JSON = new ObjectMapper();

  private ControlJson() {}

  public static void json(Context ctx, JsonNode node) {
    ctx.contentType("application/json");
    ctx.result(node.toString());
  }

  public static void error(Context ctx, int status, String message) {
    ctx.status(status);
    json(ctx, JSON.createObjectNode().put("status", "error").put("message", message));
  }
}
