package dev.ec2double.it.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.Option;
import dev.ec2double.server.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The docker backend against an engine that fails: a WireMock server stands in for the Docker
 * Engine API, proxying to the real engine (through {@link EngineRelay}) except where a test makes
 * one endpoint answer 500 or 409, answer late, or reset the connection. A second server talks to
 * the relay directly, for an engine that goes away and comes back.
 */
class EngineFaultsIT {
  /**
   * One engine call may take this long behind WireMock: short, so the slow-engine test is fast, but
   * long enough for a real container start on a busy machine.
   */
  private static final int ENGINE_TIMEOUT_S = 5;

  private static EngineRelay relay;
  private static WireMockServer engine;
  private static Ec2DoubleServer server;
  private static Ec2Client ec2;
  private static DockerClient docker;

  @BeforeAll
  static void start() throws Exception {
    docker = realEngine();
    relay = new EngineRelay();
    engine = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(40));
    engine.start();
    engine.stubFor(
        any(anyUrl())
            .atPriority(10)
            .willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + relay.port())));
    // a proxied event stream would never end (WireMock answers once the upstream has): the
    // server sees a quiet stream that the engine closes now and then
    engine.stubFor(
        get(urlPathMatching("(/v[0-9.]+)?/events"))
            .atPriority(1)
            .willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
    warmUp("http://127.0.0.1:" + engine.port() + "/_ping");
    server = start("tcp://127.0.0.1:" + engine.port(), ENGINE_TIMEOUT_S);
    ec2 = client(server);
  }

  @AfterAll
  static void stop() throws Exception {
    ec2.close();
    server.close();
    engine.stop();
    relay.close();
    docker.close();
  }

  @AfterEach
  void healEngine() {
    engine.getStubMappings().stream()
        .filter(s -> s.getPriority() != null && s.getPriority() == 2)
        .toList()
        .forEach(engine::removeStub);
  }

  @Test
  void containerCreateFailingTerminatesTheInstanceWithAServerInternalErrorReason() {
    inject(
        post(urlPathMatching(".*/containers/create")),
        aResponse().withStatus(500).withBody("{\"message\":\"injected create failure\"}"));

    String id = run();

    Instance i = awaitState(ec2, id, InstanceStateName.TERMINATED);
    assertThat(i.stateReason().code()).isEqualTo("Server.InternalError");
    assertThat(i.stateReason().message())
        .startsWith("Server.InternalError: Internal error on launch")
        .contains("injected create failure");
    assertNoContainer(id);
  }

  @Test
  void containerStartFailingRemovesTheCreatedContainer() {
    inject(
        post(urlPathMatching(".*/containers/[^/]+/start")),
        aResponse().withStatus(500).withBody("{\"message\":\"injected start failure\"}"));

    String id = run();

    Instance i = awaitState(ec2, id, InstanceStateName.TERMINATED);
    assertThat(i.stateReason().message()).contains("injected start failure");
    assertNoContainer(id);
    assertThat(i.networkInterfaces()).isEmpty(); // its interface was released with it
  }

  @Test
  void slowEngineAnswersInsufficientInstanceCapacityInsteadOfHanging() {
    inject(
        get(urlPathMatching(".*/networks.*")),
        aResponse().proxiedFrom("http://127.0.0.1:" + relay.port()).withFixedDelay(15_000));

    long started = System.nanoTime();
    assertThatThrownBy(this::run)
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InsufficientInstanceCapacity");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("tcp://127.0.0.1:" + engine.port())
                  .contains("did not answer")
                  .contains("--engine-timeout");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

    healEngine();
    String id = run(); // the engine is fast again: so is RunInstances
    awaitState(ec2, id, InstanceStateName.RUNNING);
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void stopThatTheEngineDropsLeavesTheInstanceRunningAsTheEngineHasIt() {
    String id = run();
    awaitState(ec2, id, InstanceStateName.RUNNING);
    inject(
        post(urlPathMatching(".*/containers/[^/]+/stop")),
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThat(
            ec2.stopInstances(r -> r.instanceIds(id))
                .stoppingInstances()
                .get(0)
                .currentState()
                .name())
        .isEqualTo(InstanceStateName.STOPPING);

    awaitState(ec2, id, InstanceStateName.RUNNING);
    assertThat(docker.inspectContainerCmd("ec2double-" + id).exec().getState().getRunning())
        .isTrue();
    healEngine();
    ec2.stopInstances(r -> r.instanceIds(id).force(true));
    awaitState(ec2, id, InstanceStateName.STOPPED);
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void startThatTheEngineRefusesLeavesTheInstanceStoppedWithTheReason() {
    String id = run();
    awaitState(ec2, id, InstanceStateName.RUNNING);
    ec2.stopInstances(r -> r.instanceIds(id).force(true));
    awaitState(ec2, id, InstanceStateName.STOPPED);
    inject(
        post(urlPathMatching(".*/containers/[^/]+/start")),
        aResponse().withStatus(409).withBody("{\"message\":\"injected conflict\"}"));

    ec2.startInstances(r -> r.instanceIds(id));

    Instance i =
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> describe(ec2, id),
                d ->
                    d.state().name() == InstanceStateName.STOPPED
                        && d.stateReason() != null
                        && "Server.InternalError".equals(d.stateReason().code()));
    assertThat(i.stateReason().message()).contains("injected conflict");
    healEngine();
    ec2.startInstances(r -> r.instanceIds(id));
    awaitState(ec2, id, InstanceStateName.RUNNING);
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void engineThatDoesNotAnswerAtStartIsNamedAndTheServerDoesNotStart() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> start("tcp://127.0.0.1:" + closedPort(), ENGINE_TIMEOUT_S))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no Docker engine answers")
        .hasMessageContaining("tcp://127.0.0.1:");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void engineGoingAwayAndComingBackIsAnsweredAndSettled() throws Exception {
    try (Ec2DoubleServer direct = start(relay.dockerHost(), 20);
        Ec2Client client = client(direct)) {
      String id = run(client);
      awaitState(client, id, InstanceStateName.RUNNING);

      relay.cut();
      try {
        assertThatThrownBy(() -> run(client))
            .isInstanceOfSatisfying(
                Ec2Exception.class,
                e -> {
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("InsufficientInstanceCapacity");
                  assertThat(e.awsErrorDetails().errorMessage()).contains(relay.dockerHost());
                });
        assertThat(describe(client, id).state().name()).isEqualTo(InstanceStateName.RUNNING);
        // meanwhile, on the engine: the instance's container is killed
        docker.killContainerCmd("ec2double-" + id).exec();
      } finally {
        relay.restore(); // also when an assertion failed: the other tests need the engine
      }

      Instance i = awaitState(client, id, InstanceStateName.STOPPED);
      assertThat(i.stateReason().message()).contains("killed outside ec2-double");
      client.startInstances(r -> r.instanceIds(id));
      awaitState(client, id, InstanceStateName.RUNNING);
    }
  }

  // --- fixtures ---

  private static Ec2DoubleServer start(String dockerHost, int engineTimeoutSeconds) {
    return new Ec2DoubleServer(
            ServerConfig.builder()
                .port(0)
                .backend("docker")
                .set(Option.DOCKER_HOST, dockerHost)
                .set(Option.ENGINE_TIMEOUT, Integer.toString(engineTimeoutSeconds))
                .ami(DockerTestServer.BUSYBOX_AMI, "ec2-double/busybox:latest")
                .build())
        .start();
  }

  /** No retries: each call is one try, as the assertions on time need. */
  private static Ec2Client client(Ec2DoubleServer s) {
    return Clients.ec2Builder(s.endpoint(), "us-east-1", "AKIDFAULTS", "secret")
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** WireMock's first proxied answer is slow (its proxy client starts): not the engine's fault. */
  private static void warmUp(String ping) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (int i = 0; i < 3; i++) {
      var answer =
          http.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(ping)).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
    }
  }

  private static DockerClient realEngine() {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    return DockerClientImpl.getInstance(
        config, new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
  }

  private static int closedPort() throws Exception {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void inject(
      com.github.tomakehurst.wiremock.client.MappingBuilder request,
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    StubMapping stub = engine.stubFor(request.atPriority(2).willReturn(response));
    assertThat(stub).isNotNull();
  }

  private String run() {
    return run(ec2);
  }

  private static String run(Ec2Client client) {
    return DockerTestServer.runBusybox(client);
  }

  private void assertNoContainer(String id) {
    assertThat(DockerTestServer.containersOf(docker, id)).isEmpty();
  }

  private static Instance awaitState(Ec2Client client, String id, InstanceStateName state) {
    return Ec2Calls.awaitState(client, id, state, Duration.ofSeconds(30));
  }

  private static Instance describe(Ec2Client client, String id) {
    return Ec2Calls.describe(client, id);
  }
}
