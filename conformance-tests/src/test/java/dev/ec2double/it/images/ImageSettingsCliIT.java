package dev.ec2double.it.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image settings driven by the AWS CLI v2 (botocore reads the element names of the service
 * model). The CLI 2.9 on the CI machine knows fast launch and enclave certificate roles; Allowed
 * AMIs, usage reports, references, ancestry, watermarks and findings are newer than it and are
 * covered by the SDK ITs.
 */
class ImageSettingsCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = "ap-southeast-2";

  @BeforeAll
  static void cliIsInstalled() {
    AwsCli.requireInstalled("ImageSettingsCliIT");
  }

  private static JsonNode aws(String... args) throws Exception {
    AwsCli.Run r = AwsCli.run(REGION, args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }

  @Test
  void enablesFastLaunchAndAssociatesAnEnclaveCertificateRole() throws Exception {
    String ami =
        aws(
                "ec2",
                "register-image",
                "--name",
                "Windows_Server-2022-English-Full-Base-cli",
                "--image-location",
                "my/windows:cli")
            .get("ImageId")
            .asText();
    JsonNode enabled =
        aws(
            "ec2",
            "enable-fast-launch",
            "--image-id",
            ami,
            "--max-parallel-launches",
            "7",
            "--snapshot-configuration",
            "TargetResourceCount=4");
    assertThat(enabled.get("State").asText()).isEqualTo("enabling");
    assertThat(enabled.get("StateTransitionTime").asText()).isNotBlank();
    JsonNode described =
        aws("ec2", "describe-fast-launch-images", "--image-ids", ami)
            .get("FastLaunchImages")
            .get(0);
    assertThat(described.get("State").asText()).isEqualTo("enabled");
    assertThat(described.get("ResourceType").asText()).isEqualTo("snapshot");
    assertThat(described.get("MaxParallelLaunches").asInt()).isEqualTo(7);
    assertThat(described.get("SnapshotConfiguration").get("TargetResourceCount").asInt())
        .isEqualTo(4);

    String cert =
        "arn:aws:acm:"
            + REGION
            + ":123456789012:certificate/"
            + "0".repeat(8)
            + "-1111-2222-3333-444444444444";
    String role = "arn:aws:iam::123456789012:role/cli-enclave";
    JsonNode associated =
        aws(
            "ec2",
            "associate-enclave-certificate-iam-role",
            "--certificate-arn",
            cert,
            "--role-arn",
            role);
    assertThat(associated.get("CertificateS3ObjectKey").asText()).isEqualTo(role + "/" + cert);
    JsonNode roles =
        aws("ec2", "get-associated-enclave-certificate-iam-roles", "--certificate-arn", cert)
            .get("AssociatedRoles");
    assertThat(roles.get(0).get("AssociatedRoleArn").asText()).isEqualTo(role);
    assertThat(roles.get(0).get("CertificateS3BucketName").asText())
        .isEqualTo("aws-ec2-enclave-certificate-" + REGION);
    assertThat(roles.get(0).get("EncryptionKmsKeyId").asText()).startsWith("arn:aws:kms:");
  }
}
