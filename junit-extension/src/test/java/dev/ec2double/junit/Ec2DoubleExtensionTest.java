package dev.ec2double.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ec2double.compute.docker.DockerBackend;
import dev.ec2double.junit.fixtures.DockerBackendFixture;
import dev.ec2double.junit.fixtures.FailingFixture;
import dev.ec2double.junit.fixtures.InjectionFixture;
import dev.ec2double.junit.fixtures.MockBackendFixture;
import dev.ec2double.junit.fixtures.OtherConfigFixture;
import dev.ec2double.junit.fixtures.ParallelPerMethodAFixture;
import dev.ec2double.junit.fixtures.ParallelPerMethodBFixture;
import dev.ec2double.junit.fixtures.PerClassFixture;
import dev.ec2double.junit.fixtures.PerMethodFixture;
import dev.ec2double.junit.fixtures.PrintingRequestsFixture;
import dev.ec2double.junit.fixtures.RegisteredFixture;
import dev.ec2double.junit.fixtures.SameConfigAFixture;
import dev.ec2double.junit.fixtures.SameConfigBFixture;
import dev.ec2double.junit.fixtures.Seen;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through JUnit's own engine and checks what their tests saw. */
class Ec2DoubleExtensionTest {
  @BeforeEach
  void forgetWhatEarlierRunsSaw() {
    Seen.clear();
  }

  @Test
  void startsOneServerForClassesWithTheSameConfiguration() {
    EngineExecutionResults results =
        run(Map.of(), SameConfigAFixture.class, SameConfigBFixture.class, InjectionFixture.class);

    assertPassed(results, 5);
    assertThat(Seen.ports()).hasSize(3);
    assertThat(Map.copyOf(Seen.ports()).values())
        .containsOnly(Seen.ports().get("SameConfigAFixture"));
  }

  @Test
  void startsAnotherServerForAnotherConfiguration() {
    assertPassed(run(Map.of(), SameConfigAFixture.class, OtherConfigFixture.class), 2);

    assertThat(Seen.ports().get("OtherConfigFixture"))
        .isNotEqualTo(Seen.ports().get("SameConfigAFixture"));
  }

  @Test
  void injectsClientsThatReachTheServer() {
    assertPassed(run(Map.of(), InjectionFixture.class), 3);
  }

  @Test
  void takesItsOptionsFromARegisteredExtension() {
    assertPassed(run(Map.of(), RegisteredFixture.class), 1);
  }

  @Test
  void emptiesTheStateBeforeEachTestWithPerMethodIsolation() {
    assertPassed(run(Map.of(), PerMethodFixture.class), 2);
  }

  @Test
  void keepsTheStateAcrossTestsWithPerClassIsolation() {
    assertPassed(run(Map.of(), PerClassFixture.class), 2);
  }

  @Test
  void printsTheCallsOfAFailedTestOnlyWhenAskedAndOnlyThatTestsCalls() {
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = System.out;
    EngineExecutionResults results;
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      results = run(Map.of(), PrintingRequestsFixture.class, FailingFixture.class);
    } finally {
      System.setOut(out);
    }
    String printed = captured.toString(java.nio.charset.StandardCharsets.UTF_8);

    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(2));
    assertThat(printed)
        .contains("the API calls made while failsAfterTwoCalls(Ec2Client) ran (2), oldest first:")
        .containsPattern("ec2 DescribeVpcs 200 \\([0-9.]+ ms\\)")
        .containsPattern(
            "ec2 TerminateInstances 400 InvalidInstanceID.NotFound: The instance ID"
                + " 'i-0000000000000f00d' does not exist \\([0-9.]+ ms\\)")
        .doesNotContain("CreateKeyPair")
        .doesNotContain("fails(Ec2DoubleRuntimeInfo)"); // FailingFixture did not ask
  }

  @Test
  void stopsEveryServerWhenTheRunEndsEvenAfterAFailingTest() {
    EngineExecutionResults results =
        run(Map.of(), SameConfigAFixture.class, FailingFixture.class, OtherConfigFixture.class);

    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
    assertThat(Seen.ports()).hasSize(3);
    for (int port : Seen.ports().values()) {
      assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void sharesServersSafelyUnderParallelExecution() {
    EngineExecutionResults results =
        run(
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"),
            SameConfigAFixture.class,
            SameConfigBFixture.class,
            InjectionFixture.class,
            PerClassFixture.class,
            ParallelPerMethodAFixture.class,
            ParallelPerMethodBFixture.class);

    assertPassed(results, 13);
    Map<String, Integer> ports = Seen.ports();
    assertThat(ports.get("SameConfigBFixture")).isEqualTo(ports.get("SameConfigAFixture"));
    assertThat(ports.get("InjectionFixture")).isEqualTo(ports.get("SameConfigAFixture"));
    assertThat(ports.get("ParallelPerMethodBFixture"))
        .isEqualTo(ports.get("ParallelPerMethodAFixture"))
        .isNotEqualTo(ports.get("SameConfigAFixture"));
  }

  @Test
  void runsAMockBackendClassBesideADockerBackendClass() {
    // Without an engine this may only be skipped off CI; on CI (CI=true) it must fail.
    assumeTrue("true".equals(System.getenv("CI")) || engineAnswers(), "no Docker engine answers");

    assertPassed(run(Map.of(), MockBackendFixture.class, DockerBackendFixture.class), 2);

    assertThat(Seen.backends())
        .containsEntry("MockBackendFixture", "mock")
        .containsEntry("DockerBackendFixture", "docker");
    assertThat(Seen.ports().get("MockBackendFixture"))
        .isNotEqualTo(Seen.ports().get("DockerBackendFixture"));
  }

  private static EngineExecutionResults run(Map<String, String> config, Class<?>... fixtures) {
    ClassSelector[] selectors =
        Arrays.stream(fixtures).map(c -> selectClass(c)).toArray(ClassSelector[]::new);
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(config)
        .selectors(selectors)
        .execute();
  }

  /** Asserts that all tests passed, showing why any did not. */
  private static void assertPassed(EngineExecutionResults results, int tests) {
    String failures =
        results.allEvents().failed().stream()
            .map(Ec2DoubleExtensionTest::describe)
            .collect(Collectors.joining("\n"));
    assertThat(failures).as("failures").isEmpty();
    results.testEvents().assertStatistics(s -> s.started(tests).succeeded(tests));
  }

  private static String describe(Event event) {
    return event.getTestDescriptor().getDisplayName()
        + ": "
        + event
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
            .map(Throwable::toString)
            .orElse("?");
  }

  private static boolean engineAnswers() {
    try {
      DockerBackend.connect(Duration.ofSeconds(2), "probe").close();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    }
  }
}
