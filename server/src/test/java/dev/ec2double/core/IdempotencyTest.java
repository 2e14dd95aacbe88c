package dev.ec2double.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.wire.AwsException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

class IdempotencyTest {
  private final Idempotency idempotency = new Idempotency();
  private final AtomicInteger runs = new AtomicInteger();

  private SdkPojo run() {
    return RunInstancesResponse.builder().reservationId("r-" + runs.incrementAndGet()).build();
  }

  private static RunInstancesRequest request(String image) {
    return RunInstancesRequest.builder().imageId(image).minCount(1).maxCount(1).build();
  }

  @Test
  void answersTheSameTokenAndRequestWithTheFirstResponse() {
    SdkPojo first = idempotency.once("RunInstances", "t1", request("ami-1"), this::run);
    SdkPojo again = idempotency.once("RunInstances", "t1", request("ami-1"), this::run);

    assertThat(again).isSameAs(first);
    assertThat(runs).hasValue(1);
  }

  @Test
  void keepsTokensApartPerActionAndPerToken() {
    idempotency.once("RunInstances", "t1", request("ami-1"), this::run);
    idempotency.once("RunInstances", "t2", request("ami-1"), this::run);
    idempotency.once("CreateVolume", "t1", request("ami-1"), this::run);

    assertThat(runs).hasValue(3);
  }

  @Test
  void rejectsTheSameTokenWithDifferentParameters() {
    idempotency.once("RunInstances", "t1", request("ami-1"), this::run);

    assertThatThrownBy(() -> idempotency.once("RunInstances", "t1", request("ami-2"), this::run))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("IdempotentParameterMismatch"));
    assertThat(runs).hasValue(1);
  }

  @Test
  void aFailedCallDoesNotConsumeTheToken() {
    assertThatThrownBy(
            () ->
                idempotency.once(
                    "RunInstances",
                    "t1",
                    request("ami-1"),
                    () -> {
                      throw AwsException.invalidParameterValue("boom");
                    }))
        .isInstanceOf(AwsException.class);

    idempotency.once("RunInstances", "t1", request("ami-2"), this::run);
    assertThat(runs).hasValue(1);
  }

  @Test
  void rejectsATokenLongerThan64Characters() {
    idempotency.once("RunInstances", "x".repeat(64), request("ami-1"), this::run);

    assertThatThrownBy(
            () -> idempotency.once("RunInstances", "x".repeat(65), request("ami-1"), this::run))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
  }
}
