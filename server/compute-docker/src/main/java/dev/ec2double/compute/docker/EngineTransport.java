package dev.ec2double.compute.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ec2double.compute.EngineException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's HTTP transport with its faults named: an engine that does not answer (refused,
 * reset, too slow) or answers with its own failure (HTTP 5xx) becomes an {@link EngineException}
 * whose message says which engine and what was asked, instead of a transport exception deep in
 * docker-java. Answers below 500 (404 gone, 409 conflict, 304 no change) stay docker-java's typed
 * exceptions: the backend handles those where they mean something.
 */
final class EngineTransport implements DockerHttpClient {
  private static final Logger LOG = LoggerFactory.getLogger(EngineTransport.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerHttpClient delegate;
  private final String engine;

  EngineTransport(DockerHttpClient delegate, String engine) {
    this.delegate = delegate;
    this.engine = engine;
  }

  @Override
  public Response execute(Request request) {
    String what = request.method() + " " + path(request.path());
    Response response;
    try {
      response = delegate.execute(request);
    } catch (RuntimeException e) {
      EngineException fault = unreachable(what, e);
      LOG.warn(fault.getMessage());
      throw fault;
    }
    if (response.getStatusCode() >= 500) {
      String message = message(response);
      response.close();
      LOG.warn("the Docker engine at {} failed {}: {}", engine, what, message);
      throw new EngineException(
          "The Docker engine at "
              + engine
              + " failed ("
              + what
              + " answered "
              + response.getStatusCode()
              + "): "
              + message,
          false);
    }
    return new Faulting(response, what);
  }

  private EngineException unreachable(String what, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root instanceof java.net.SocketTimeoutException) {
      why = "no answer in time (" + why + "); see --engine-timeout";
    }
    LOG.debug("the Docker engine at {} did not answer {}", engine, what, e);
    return new EngineException(
        "The Docker engine at " + engine + " did not answer (" + what + "): " + why, true);
  }

  /** The engine's error document is {"message": "..."}; anything else is shown as it is. */
  private static String message(Response response) {
    try (InputStream in = response.getBody()) {
      String body = new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
      try {
        JsonNode m = JSON.readTree(body).get("message");
        return m == null ? body : m.asText();
      } catch (IOException | RuntimeException notJson) {
        return body;
      }
    } catch (IOException | RuntimeException e) {
      return "(no message)";
    }
  }

  private static String path(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  /** A response whose body reads fail as the engine's fault too (a timeout mid-answer). */
  private final class Faulting implements Response {
    private final Response response;
    private final String what;

    Faulting(Response response, String what) {
      this.response = response;
      this.what = what;
    }

    @Override
    public int getStatusCode() {
      return response.getStatusCode();
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return response.getHeaders();
    }

    @Override
    public String getHeader(String name) {
      return response.getHeader(name);
    }

    @Override
    public InputStream getBody() {
      InputStream body = response.getBody();
      return body == null
          ? null
          : new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
              try {
                return super.read();
              } catch (IOException e) {
                throw unreachable(what, e);
              }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              try {
                return super.read(b, off, len);
              } catch (IOException e) {
                throw unreachable(what, e);
              }
            }
          };
    }

    @Override
    public void close() {
      response.close();
    }
  }
}
