package dev.ec2double.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ec2double.wire.ApiResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The API actions the dashboard reads through, called on the server itself in an account and
 * region: the dashboard shows what a client of the API would see, and nothing else.
 */
@FunctionalInterface
public interface SelfCalls {
  ApiResponse call(String account, String region, String service, String form);

  /** The answer as JSON, or null when the action answered an error (or is not served). */
  default JsonNode read(String account, String region, String service, Map<String, String> params) {
    StringBuilder form = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (form.length() > 0) {
            form.append('&');
          }
          form.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    ApiResponse r = call(account, region, service, form.toString());
    return r.errorCode() != null ? null : XmlJson.read(r.body());
  }
}
