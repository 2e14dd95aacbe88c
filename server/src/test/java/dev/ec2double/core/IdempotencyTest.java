package dev.ec2double.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
  private Idempotency idempotency = new Idempotency();
  private final AtomicInteger runs = new AtomicInteger();

  private byte[] run() {
    return ("<reservationId>r-" + runs.incrementAndGet() + "</reservationId>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] request(String image) {
    return ("<imageId>" + image + "</imageId>").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void answersTheSameTokenAndRequestWithTheFirstResponse() {
    byte[] first = idempotency.once("RunInstances", "t1", request("ami-1"), this::run);
    byte[] again = idempotency.once("RunInstances", "t1", request("ami-1"), this::run);

    assertThat(again).isEqualTo(first);
    assertThat(runs).hasValue(1);
  }

  @Test
  void keepsTheFirstAnswerAcrossSavingAndReadingTheState() throws Exception {
    byte[] first = idempotency.once("RunInstances", "t1", request("ami-1"), this::run);
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(saved)) {
      out.writeObject(idempotency);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(saved.toByteArray()))) {
      idempotency = (Idempotency) in.readObject();
    }

    assertThat(idempotency.once("RunInstances", "t1", request("ami-1"), this::run))
        .isEqualTo(first);
    assertThatThrownBy(() -> idempotency.once("RunInstances", "t1", request("ami-2"), this::run))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("IdempotentParameterMismatch"));
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
