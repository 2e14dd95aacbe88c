package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * HttpPutResponseHopLimit is the IP TTL of the token answer: with 1 (AWS's default) the instance
 * gets a token and a namespace one router behind it (a container on a bridge in the instance) does
 * not; with 2 both do. IMDSv1 answers are not limited, as on AWS.
 */
class MetadataHopLimitIT {
  private static final String IMDS = "http://169.254.169.254";
  private static DockerVpcs vpcs;
  private static Instance instance;

  @BeforeAll
  static void launch() {
    DockerVpcs.requirePacketFilter();
    vpcs = new DockerVpcs();
    DockerVpcs.Vpc vpc = vpcs.vpc();
    instance = vpcs.run(DockerTestServer.DEBIAN_AMI, vpc.subnetId(), null);
    vpcs.waitRunning(instance.instanceId());
  }

  @AfterAll
  static void close() {
    if (vpcs != null) {
      vpcs.close();
    }
  }

  private static String[] tokenRequest() {
    return tokenRequest(IMDS);
  }

  private static String[] tokenRequest(String endpoint) {
    return new String[] {
      "curl",
      "-s",
      "--max-time",
      "2",
      "-X",
      "PUT",
      "-H",
      "X-aws-ec2-metadata-token-ttl-seconds: 60",
      endpoint + "/latest/api/token"
    };
  }

  @Test
  void tokenAnswersDieOneRouterBeyondTheHopLimit() {
    String id = instance.instanceId();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(vpcs.exec(id, tokenRequest())).hasSizeGreaterThan(20));
    try (NestedNamespace nested = NestedNamespace.behind(id)) {
      String v1 =
          nested.run("curl", "-s", "--max-time", "5", IMDS + "/latest/meta-data/instance-id");
      assertThat(v1).isEqualTo(id);

      long t0 = System.nanoTime();
      assertThat(nested.run(tokenRequest())).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(1));
      assertThat(vpcs.exec(id, tokenRequest())).hasSizeGreaterThan(20);
      // the same at the direct address SDKs find in AWS_EC2_METADATA_SERVICE_ENDPOINT
      String direct = vpcs.exec(id, "sh", "-c", "printf %s \"$AWS_EC2_METADATA_SERVICE_ENDPOINT\"");
      assertThat(vpcs.exec(id, tokenRequest(direct))).hasSizeGreaterThan(20);
      assertThat(nested.run(tokenRequest(direct))).isEmpty();

      vpcs.ec2.modifyInstanceMetadataOptions(r -> r.instanceId(id).httpPutResponseHopLimit(2));
      assertThat(nested.run(tokenRequest())).hasSizeGreaterThan(20);
      assertThat(nested.run(tokenRequest(direct))).hasSizeGreaterThan(20);
      assertThat(
              vpcs.ec2
                  .describeInstances(r -> r.instanceIds(id))
                  .reservations()
                  .get(0)
                  .instances()
                  .get(0)
                  .metadataOptions()
                  .httpPutResponseHopLimit())
          .isEqualTo(2);

      // -1 is "no preference": the limit stays as it is
      vpcs.ec2.modifyInstanceMetadataOptions(
          r -> r.instanceId(id).httpPutResponseHopLimit(-1).httpTokens("optional"));
      assertThat(nested.run(tokenRequest())).hasSizeGreaterThan(20);
    } finally {
      vpcs.ec2.modifyInstanceMetadataOptions(r -> r.instanceId(id).httpPutResponseHopLimit(1));
    }
  }

  @Test
  void refusesAHopLimitOutsideOneToSixtyFour() {
    String id = instance.instanceId();

    assertThatThrownBy(
            () ->
                vpcs.ec2.modifyInstanceMetadataOptions(
                    r -> r.instanceId(id).httpPutResponseHopLimit(65)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
  }
}
