package dev.ec2double.it.elbv2;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client that knows nothing of ec2-double: fetches each URL given with the JDK's HttpClient and
 * prints each body on a line of its own. Run in a JVM of its own by {@link AlbByNameIT}, started
 * with {@code -Djdk.net.hosts.file}, as docs/load-balancers.md tells users to start theirs.
 */
public final class FetchByName {
  private FetchByName() {}

  public static void main(String[] urls) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String url : urls) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      System.out.println(r.statusCode() + " " + r.body());
    }
  }
}
