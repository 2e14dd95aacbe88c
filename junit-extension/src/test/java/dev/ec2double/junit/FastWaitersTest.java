package dev.ec2double.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * The injected clients' waiter settings, and that the proxy carrying them is the client otherwise.
 * How long a launch-and-wait takes with them is a figure for benchmarks, not an assertion here.
 */
@Ec2Test(backend = Backend.MOCK)
class FastWaitersTest {
  @Test
  void pollsEvery250MsForUpToTenMinutes() {
    WaiterOverrideConfiguration c = FastWaiters.configuration();

    assertThat(c.backoffStrategyV2().orElseThrow().computeDelay(1))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(c.backoffStrategyV2().orElseThrow().computeDelay(100))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(c.maxAttempts()).contains(2400);
    assertThat(c.waitTimeout()).contains(Duration.ofMinutes(10));
  }

  @Test
  void theProxyPassesCallsAndErrorsThroughAndClosesTheClient(Ec2DoubleRuntimeInfo info) {
    Ec2Client ec2 =
        FastWaiters.ec2(
            info.configure(Ec2Client.builder())
                .httpClientBuilder(ApacheHttpClient.builder())
                .build());

    assertThat(ec2.describeRegions().regions()).isNotEmpty();
    assertThat(ec2.serviceName()).isEqualTo("ec2");
    assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0000000000000dead")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("InvalidInstanceID.NotFound"));
    try (Ec2Waiter waiter = ec2.waiter()) {
      assertThat(waiter).isNotNull();
    }
    assertThat(ec2.describeRegions().regions())
        .as("closing a waiter leaves the client")
        .isNotEmpty();

    ec2.close();
    assertThatThrownBy(ec2::describeRegions).isInstanceOf(IllegalStateException.class);
  }
}
