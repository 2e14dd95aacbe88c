package dev.ec2double.testcontainers;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The ec2-double image as a Testcontainers container. The server inside drives the engine
 * Testcontainers uses, through its mounted socket, so the instances it starts are sibling
 * containers of this one.
 *
 * <pre>{@code
 * try (Ec2DoubleContainer ec2 = new Ec2DoubleContainer("ec2-double:0.1.0").withBackend("mock")) {
 *   ec2.start();
 *   Ec2Client client = Ec2Client.builder()
 *       .endpointOverride(ec2.getEndpoint())
 *       .region(Region.of(ec2.getRegion()))
 *       .credentialsProvider(StaticCredentialsProvider.create(
 *           AwsBasicCredentials.create(ec2.getAccessKey(), ec2.getSecretKey())))
 *       .build();
 * }
 * }</pre>
 */
public class Ec2DoubleContainer extends GenericContainer<Ec2DoubleContainer> {
  /** The API's port inside the container. */
  public static final int PORT = 4750;

  /** The access key {@link #getAccessKey()} hands out; requests with it use the server account. */
  public static final String ACCESS_KEY = "AKIAEC2DOUBLETESTKEY";

  /** The secret key {@link #getSecretKey()} hands out; the server does not check signatures. */
  public static final String SECRET_KEY = "ec2-double-secret-access-key";

  static final String HEALTH_PATH = "/_ec2double/health";
  static final String DOCKER_SOCKET = "/var/run/docker.sock";
  private static final Set<String> BACKENDS = Set.of("docker", "mock", "auto");

  private final Map<String, String> amis = new LinkedHashMap<>();
  private String region = "us-east-1";

  public Ec2DoubleContainer(String image) {
    this(DockerImageName.parse(image));
  }

  public Ec2DoubleContainer(DockerImageName image) {
    super(image);
    withExposedPorts(PORT);
    waitingFor(
        Wait.forHttp(HEALTH_PATH)
            .forPort(PORT)
            .forStatusCode(200)
            .withStartupTimeout(Duration.ofSeconds(60)));
  }

  /** Maps an AMI id onto an image reference: RunInstances with it starts that image. */
  public Ec2DoubleContainer withAmi(String amiId, String image) {
    amis.put(amiId, image);
    return self();
  }

  /**
   * {@code docker} (the default inside the image, given the socket), {@code mock} or {@code auto}.
   */
  public Ec2DoubleContainer withBackend(String backend) {
    if (!BACKENDS.contains(backend)) {
      throw new IllegalArgumentException(
          "backend must be docker, mock or auto, got '" + backend + "'");
    }
    return withEnv("EC2DOUBLE_BACKEND", backend);
  }

  /** The region {@link #getRegion()} reports, for the clients you build; us-east-1 by default. */
  public Ec2DoubleContainer withRegion(String region) {
    this.region = region;
    return self();
  }

  /**
   * Starts the container; first, unless {@code TESTCONTAINERS_RYUK_DISABLED=true}, checks that
   * Testcontainers' reaper image is on the engine or can be pulled, and fails at once with the fix
   * when it cannot (Testcontainers itself would retry for minutes without a word).
   */
  @Override
  public void start() {
    ReaperCheck.beforeFirstStart();
    super.start();
  }

  /**
   * Stops the server with SIGTERM first, so that it removes the instances, networks and volumes it
   * made before the container goes (Testcontainers itself would kill it at once).
   */
  @Override
  public void stop() {
    if (getContainerId() != null && isRunning()) {
      try {
        getDockerClient().stopContainerCmd(getContainerId()).withTimeout(30).exec();
      } catch (RuntimeException alreadyStopping) {
        // stopped meanwhile: the kill below is harmless
      }
    }
    super.stop();
  }

  @Override
  protected void configure() {
    if (!amis.isEmpty()) {
      withEnv(
          "EC2DOUBLE_AMI",
          amis.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(",")));
    }
    // The engine's own view of its socket, which differs from the client's on Docker Desktop. Set
    // on the host config directly: withFileSystemBind would first check, in a helper container
    // pulled from a registry, that files can be mounted, which fails where nothing can be pulled.
    Bind socket =
        new Bind(
            DockerClientFactory.instance().getRemoteDockerUnixSocketPath(),
            new Volume(DOCKER_SOCKET));
    withCreateContainerCmdModifier(
        cmd -> {
          HostConfig host = cmd.getHostConfig();
          List<Bind> binds = new ArrayList<>();
          if (host.getBinds() != null) {
            binds.addAll(Arrays.asList(host.getBinds()));
          }
          if (binds.stream().noneMatch(b -> b.getVolume().getPath().equals(DOCKER_SOCKET))) {
            binds.add(socket); // once, also when the container is started again
          }
          host.withBinds(binds);
        });
  }

  /** The API endpoint as reachable from this JVM, e.g. {@code http://localhost:32768}. */
  public URI getEndpoint() {
    return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
  }

  /** The live dashboard of the server in the container (docs/dashboard.md). */
  public URI getDashboardUrl() {
    return getEndpoint().resolve("/_ec2double/ui/");
  }

  public String getRegion() {
    return region;
  }

  public String getAccessKey() {
    return ACCESS_KEY;
  }

  public String getSecretKey() {
    return SECRET_KEY;
  }

  /**
   * Puts the server in the container back to a fresh one ({@code POST /_ec2double/reset}): every
   * resource forgotten and what it made on the engine removed, without restarting the container.
   *
   * @throws IllegalStateException when the server does not answer 200
   */
  public void reset() {
    control("POST", "/_ec2double/reset", null, 200);
  }

  /**
   * Injects a fault ({@code POST /_ec2double/faults}, docs/testing-with-faults.md).
   *
   * @param noticeSeconds the notice of a timed fault, or null for the default (120 s)
   * @return the fault's id
   * @throws IllegalStateException when the server refuses it (its message says why)
   */
  public String injectFault(String kind, String target, Integer noticeSeconds) {
    String body =
        "{\"kind\":\""
            + kind
            + "\",\"target\":\""
            + target
            + "\""
            + (noticeSeconds == null ? "" : ",\"noticeSeconds\":" + noticeSeconds)
            + "}";
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"")
            .matcher(control("POST", "/_ec2double/faults", body, 201));
    if (!id.find()) {
      throw new IllegalStateException("ec2-double answered a fault without an id");
    }
    return id.group(1);
  }

  /** Clears every fault ({@code DELETE /_ec2double/faults}). */
  public void clearFaults() {
    control("DELETE", "/_ec2double/faults", null, 200);
  }

  private String control(String method, String path, String body, int expected) {
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(getEndpoint().resolve(path))
            .method(
                method,
                body == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .timeout(java.time.Duration.ofMinutes(2))
            .build();
    try {
      java.net.http.HttpResponse<String> answer =
          java.net.http.HttpClient.newHttpClient()
              .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != expected) {
        throw new IllegalStateException(
            "ec2-double refused "
                + method
                + " "
                + path
                + ": "
                + answer.statusCode()
                + " "
                + answer.body());
      }
      return answer.body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("ec2-double did not answer " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling ec2-double", e);
    }
  }
}
