package dev.ec2double.it.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * A retried call with the same ClientToken gets the first answer, under its own request id, and
 * launches nothing more; the same token with other parameters is refused, as on AWS.
 */
class ClientTokenIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("us-east-1", "000000000778"); // an account of its own
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void aRetryGetsTheFirstAnswerAndLaunchesNothingMore() {
    RunInstancesResponse first = run("retry-1", 2);
    RunInstancesResponse again = run("retry-1", 2);

    assertThat(again.reservationId()).isEqualTo(first.reservationId());
    assertThat(again.instances())
        .extracting(Instance::instanceId)
        .containsExactlyElementsOf(first.instances().stream().map(Instance::instanceId).toList());
    assertThat(again.responseMetadata().requestId())
        .isNotEqualTo(first.responseMetadata().requestId());
    assertThat(
            ec2.describeInstances(r -> r.filters(f -> f.name("client-token").values("retry-1")))
                .reservations())
        .hasSize(1);
  }

  @Test
  void theSameTokenWithOtherParametersIsRefused() {
    run("retry-2", 1);
    assertThatThrownBy(() -> run("retry-2", 2))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("IdempotentParameterMismatch"));
  }

  private static RunInstancesResponse run(String token, int count) {
    return ec2.runInstances(r -> r.imageId(AMI).minCount(count).maxCount(count).clientToken(token));
  }
}
