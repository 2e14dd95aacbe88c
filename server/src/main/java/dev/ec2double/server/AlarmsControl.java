package dev.ec2double.server;

import static dev.ec2double.server.control.ControlJson.JSON;
import static dev.ec2double.server.control.ControlJson.body;
import static dev.ec2double.server.control.ControlJson.error;
import static dev.ec2double.server.control.ControlJson.json;
import static dev.ec2double.server.control.ControlJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ec2double.core.AlarmStates;
import dev.ec2double.core.StateStore;
import dev.ec2double.server.http.Exchange;

/**
 * CloudWatch alarm states for what reads them (an instance refresh's AlarmSpecification), since
 * there is no CloudWatch API here (docs/control-api.md): {@code POST /_ec2double/alarms} with
 * {@code {"alarmName", "state", "region", "account"}} sets one; {@code GET
 * /_ec2double/alarms?region=R&account=A} lists those set.
 */
final class AlarmsControl {
  static final String PATH = "/_ec2double/alarms";

  private AlarmsControl() {}

  static void set(Exchange ctx, StateStore store, String defaultAccount) {
    JsonNode body = body(ctx);
    if (body == null) {
      return;
    }
    String name = text(body, "alarmName", null);
    String state = text(body, "state", null);
    String region = text(body, "region", "us-east-1");
    String account = text(body, "account", defaultAccount);
    if (name == null || name.isEmpty() || name.length() > 255) {
      error(ctx, 400, "alarmName (1 to 255 characters) is required");
      return;
    }
    if (state == null || !AlarmStates.STATES.contains(state)) {
      error(ctx, 400, "state is one of OK, ALARM, INSUFFICIENT_DATA");
      return;
    }
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d") || !account.matches("\\d{12}")) {
      error(ctx, 400, "region is a region name and account 12 digits");
      return;
    }
    AlarmStates.of(store.region(account, region)).set(name, state);
    json(ctx, JSON.createObjectNode().put("alarmName", name).put("state", state));
  }

  static void list(Exchange ctx, StateStore store, String defaultAccount) {
    String region = ctx.queryParam("region", "us-east-1");
    String account = ctx.queryParam("account", defaultAccount);
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d") || !account.matches("\\d{12}")) {
      error(ctx, 400, "region is a region name and account 12 digits");
      return;
    }
    ObjectNode alarms = JSON.createObjectNode();
    AlarmStates.of(store.region(account, region)).all().forEach(alarms::put);
    json(ctx, JSON.createObjectNode().set("alarms", alarms));
  }
}
