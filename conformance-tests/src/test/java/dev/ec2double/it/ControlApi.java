package dev.ec2double.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls of the control API ({@code /_ec2double/...}) as a test makes them, over plain HTTP. */
public final class ControlApi {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private ControlApi() {}

  /** {@code method path} on the server at {@code endpoint}, with a JSON body or none. */
  public static HttpResponse<String> send(URI endpoint, String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(endpoint.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
