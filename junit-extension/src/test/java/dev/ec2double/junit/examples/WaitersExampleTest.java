package dev.ec2double.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.junit.Ami;
import dev.ec2double.junit.Backend;
import dev.ec2double.junit.Ec2DoubleRuntimeInfo;
import dev.ec2double.junit.Ec2Test;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

@Ec2Test(backend = Backend.MOCK)
@Ami(id = "ami-0123456789abcdef0", image = "ec2-double/busybox:latest")
class WaitersExampleTest {
  @Test
  void theInjectedClientsWaiterPollsFast(Ec2Client ec2) {
    String id = launch(ec2);
    // tag::injected[]
    ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
    // end::injected[]
    assertThat(state(ec2, id)).isEqualTo(InstanceStateName.RUNNING);
  }

  @Test
  void aWaiterOfYourOwnPollsFastWhenToldTo(Ec2DoubleRuntimeInfo info) {
    // tag::own[]
    try (Ec2Client ec2 =
            info.configure(Ec2Client.builder()).httpClient(ApacheHttpClient.create()).build();
        Ec2Waiter waiter =
            Ec2Waiter.builder()
                .client(ec2)
                .overrideConfiguration(
                    o ->
                        o.backoffStrategyV2(
                                BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(250)))
                            .maxAttempts(2400)
                            .waitTimeout(Duration.ofMinutes(10)))
                .build()) {
      String id = launch(ec2);
      waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
      // end::own[]
      assertThat(state(ec2, id)).isEqualTo(InstanceStateName.RUNNING);
    }
  }

  private static String launch(Ec2Client ec2) {
    return ec2.runInstances(
            r ->
                r.imageId("ami-0123456789abcdef0").instanceType("t3.micro").minCount(1).maxCount(1))
        .instances()
        .get(0)
        .instanceId();
  }

  private static InstanceStateName state(Ec2Client ec2, String id) {
    return ec2.describeInstances(r -> r.instanceIds(id))
        .reservations()
        .get(0)
        .instances()
        .get(0)
        .state()
        .name();
  }
}
