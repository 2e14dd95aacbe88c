package dev.ec2double.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.Clients;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.Option;
import dev.ec2double.server.ServerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;

/** --quota: limits per account and region, answered with AWS's limit errors. */
class QuotasIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2DoubleServer server;

  @BeforeAll
  static void start() {
    server =
        new Ec2DoubleServer(
                ServerConfig.builder()
                    .port(0)
                    .backend("mock")
                    .set(Option.QUOTA, "instances=3, key-pairs=2, vcpus=unlimited")
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Ec2Client ec2(String account) {
    return Clients.ec2(server.endpoint(), account);
  }

  private static void assertLimit(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
              assertThat(e.statusCode()).isEqualTo(400);
            });
  }

  @Test
  void launchesWhatFitsAndRefusesWhenNotEvenMinCountDoes() {
    try (Ec2Client ec2 = ec2("300000000001")) {
      List<Instance> first =
          ec2.runInstances(r -> r.imageId(AMI).minCount(2).maxCount(5)).instances();
      assertThat(first).hasSize(3);

      assertLimit(
          () -> ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1)),
          "InstanceLimitExceeded");

      String gone = first.get(0).instanceId();
      ec2.terminateInstances(r -> r.instanceIds(gone));
      // shutting-down still counts, as on AWS; the move to terminated is the server's own, later
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  ec2.describeInstances(r -> r.instanceIds(gone))
                      .reservations()
                      .get(0)
                      .instances()
                      .get(0)
                      .state()
                      .nameAsString()
                      .equals("terminated"));
      assertThat(ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(2)).instances())
          .as("a terminated instance no longer counts")
          .hasSize(1);
    }
    try (Ec2Client other = ec2("300000000002")) {
      assertThat(other.runInstances(r -> r.imageId(AMI).minCount(3).maxCount(3)).instances())
          .as("quotas are per account")
          .hasSize(3);
    }
  }

  @Test
  void refusesKeyPairsPastTheLimit() {
    try (Ec2Client ec2 = ec2("300000000003")) {
      ec2.createKeyPair(r -> r.keyName("one"));
      ec2.importKeyPair(
          r ->
              r.keyName("two")
                  .publicKeyMaterial(
                      software.amazon.awssdk.core.SdkBytes.fromUtf8String(
                          "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDSIaXGsOS4Chdni6Ag4RjvMUhkfTFYD+5Hl7h3OzSEn")));

      assertLimit(() -> ec2.createKeyPair(r -> r.keyName("three")), "KeyPairLimitExceeded");
      ec2.deleteKeyPair(r -> r.keyName("one"));
      ec2.createKeyPair(r -> r.keyName("three"));
      assertThat(ec2.describeKeyPairs().keyPairs()).hasSize(2);
    }
  }

  @Test
  void refusesVcpusPastTheLimitWithAwsDefaultsOtherwise() {
    try (Ec2DoubleServer small =
            new Ec2DoubleServer(
                    ServerConfig.builder()
                        .port(0)
                        .backend("mock")
                        .set(Option.QUOTA, "vcpus=4")
                        .build())
                .start();
        Ec2Client ec2 = Clients.ec2(small.endpoint(), "300000000004")) {
      // t3.micro has 2 vCPUs: two fit in 4
      assertThat(
              ec2.runInstances(r -> r.imageId(AMI).instanceType("t3.micro").minCount(1).maxCount(9))
                  .instances())
          .hasSize(2);
      assertLimit(
          () ->
              ec2.runInstances(
                  r -> r.imageId(AMI).instanceType("t3.micro").minCount(1).maxCount(1)),
          "VcpuLimitExceeded");
    }
  }
}
