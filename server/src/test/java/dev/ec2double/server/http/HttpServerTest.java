package dev.ec2double.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP layer on the JDK's server: routes, bodies, limits, failures, the event stream. */
class HttpServerTest {
  private final BlockingQueue<EventStream> streams = new ArrayBlockingQueue<>(4);
  private final Routes routes =
      new Routes()
          .get(
              "/items/{id}",
              ex ->
                  ex.contentType("text/plain")
                      .header("X-Seen", ex.queryParam("q", "none"))
                      .result("item " + ex.pathParam("id")))
          .post("/echo", ex -> ex.status(201).result(ex.bodyAsBytes()))
          .get(
              "/boom",
              ex -> {
                throw new IllegalStateException("boom");
              })
          .get(
              "/events",
              ex -> {
                EventStream s = ex.stream();
                s.open();
                s.send("hello", "a\nb");
                streams.add(s);
              });
  private final HttpServer server =
      HttpServer.start(
          "127.0.0.1",
          0,
          new Router(
              routes,
              () -> {},
              (ex, e) -> ex.status(500).result("failed: " + e.getMessage()),
              (ex, status, reason) -> ex.status(status).result("refused: " + reason),
              16));
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() {
    server.close();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRouteAnswersWithItsPathAndQuery() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/items/7?q=a%20b")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("item 7");
    assertThat(r.headers().firstValue("X-Seen")).hasValue("a b");
    assertThat(r.headers().firstValue("Server")).isEmpty();
  }

  @Test
  void headIsGetWithoutTheBody() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/items/7"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("Content-Length")).hasValue("6");
  }

  @Test
  void aUriOrHeadersPastTheLimitsAreRefusedBeforeAnyRoute() throws Exception {
    HttpResponse<String> uri = send(HttpRequest.newBuilder(uri("/items/1?q=" + "x".repeat(9000))));
    assertThat(uri.statusCode()).isEqualTo(414);
    assertThat(uri.body()).startsWith("refused: URI is longer than 8192 bytes");
    HttpRequest.Builder many = HttpRequest.newBuilder(uri("/items/1"));
    for (int i = 0; i < 10; i++) {
      many.header("X-Pad-" + i, "y".repeat(1000));
    }
    HttpResponse<String> headers = send(many);
    assertThat(headers.statusCode()).isEqualTo(431);
    HttpResponse<String> fine = send(HttpRequest.newBuilder(uri("/items/1?q=" + "x".repeat(7000))));
    assertThat(fine.statusCode()).isEqualTo(200);
  }

  @Test
  void anotherAddressServesTheSameRoutesUntilClosed() throws Exception {
    HttpServer.Listener more = server.listen("127.0.0.2", 0);
    URI there = URI.create("http://127.0.0.2:" + more.port() + "/items/9");
    assertThat(send(HttpRequest.newBuilder(there)).body()).isEqualTo("item 9");
    more.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(HttpRequest.newBuilder(there)))
        .isInstanceOf(java.io.IOException.class);
    assertThat(send(HttpRequest.newBuilder(uri("/items/9"))).body()).isEqualTo("item 9");
  }

  @Test
  void aBodyIsReadUpToTheLimit() throws Exception {
    HttpResponse<String> ok =
        send(
            HttpRequest.newBuilder(uri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("0123456789abcdef")));
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(ok.body()).isEqualTo("0123456789abcdef");
    HttpResponse<String> big =
        send(
            HttpRequest.newBuilder(uri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("0123456789abcdefX")));
    assertThat(big.statusCode()).isEqualTo(500);
    assertThat(big.body()).contains("larger than 16 bytes");
  }

  @Test
  void noRouteIsAPlain404AndAThrowingRouteGoesToTheFailureAnswer() throws Exception {
    HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/nothing")));
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.body()).isEqualTo("Endpoint GET /nothing not found");
    HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/items/1")).DELETE());
    assertThat(wrongMethod.statusCode()).isEqualTo(404);
    HttpResponse<String> boom = send(HttpRequest.newBuilder(uri("/boom")));
    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(boom.body()).isEqualTo("failed: boom");
  }

  @Test
  void anEventStreamSendsEventsUntilClosed() throws Exception {
    HttpResponse<java.io.InputStream> r =
        client.send(
            HttpRequest.newBuilder(uri("/events")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=utf-8");
    EventStream s = streams.poll(5, TimeUnit.SECONDS);
    assertThat(s).isNotNull();
    assertThat(s.send("state", "{}")).isTrue();
    s.close();
    assertThat(s.ended()).isTrue();
    assertThat(s.send("late", "x")).isFalse();
    StringBuilder all = new StringBuilder();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        all.append(l).append('\n');
      }
    }
    assertThat(all.toString())
        .isEqualTo(": open\n\nevent: hello\ndata: a\ndata: b\n\nevent: state\ndata: {}\n\n");
  }

  @Test
  void aClientThatLeavesEndsTheStream() throws Exception {
    HttpResponse<java.io.InputStream> r =
        client.send(
            HttpRequest.newBuilder(uri("/events")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    EventStream s = streams.poll(5, TimeUnit.SECONDS);
    boolean[] closed = {false};
    s.onClose(() -> closed[0] = true);
    r.body().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!s.ended() && System.nanoTime() < deadline) {
      s.heartbeat();
      Thread.sleep(50);
    }
    assertThat(s.ended()).isTrue();
    assertThat(closed[0]).isTrue();
  }
}
