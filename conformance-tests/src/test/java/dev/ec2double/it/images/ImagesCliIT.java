package dev.ec2double.it.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AMI family driven by the AWS CLI v2 (botocore reads the element names of the service model: a
 * wrong one shows up here as a missing field). A CLI call costs about a second, so one scenario, of
 * what the CLI 2.9 on the CI machine knows (not yet Enable/DisableImage, deregistration protection,
 * block public access nor SourceImageId).
 */
class ImagesCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void cliIsInstalled() {
    AwsCli.requireInstalled("ImagesCliIT");
  }

  private static JsonNode aws(String region, String... args) throws Exception {
    AwsCli.Run r = AwsCli.run(region, args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }

  @Test
  void copiesDeprecatesAndSharesAnImage() throws Exception {
    String source =
        aws(
                "us-east-1",
                "ec2",
                "register-image",
                "--name",
                "cli-images-source",
                "--image-location",
                "my/app:cli")
            .get("ImageId")
            .asText();
    String copy =
        aws(
                "eu-west-1",
                "ec2",
                "copy-image",
                "--source-image-id",
                source,
                "--source-region",
                "us-east-1",
                "--name",
                "cli-images-copy",
                "--encrypted")
            .get("ImageId")
            .asText();
    aws(
        "eu-west-1",
        "ec2",
        "enable-image-deprecation",
        "--image-id",
        copy,
        "--deprecate-at",
        "2030-01-01T00:00:00Z");
    aws(
        "eu-west-1",
        "ec2",
        "modify-image-attribute",
        "--image-id",
        copy,
        "--launch-permission",
        "Add=[{OrganizationArn=arn:aws:organizations::123456789012:organization/o-abcdefghij},"
            + "{UserId=123412341234}]");

    JsonNode image =
        aws("eu-west-1", "ec2", "describe-images", "--image-ids", copy).get("Images").get(0);
    assertThat(image.get("Name").asText()).isEqualTo("cli-images-copy");
    assertThat(image.get("DeprecationTime").asText()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(image.get("BlockDeviceMappings").get(0).get("Ebs").get("Encrypted").asBoolean())
        .isTrue();
    JsonNode permissions =
        aws(
                "eu-west-1",
                "ec2",
                "describe-image-attribute",
                "--image-id",
                copy,
                "--attribute",
                "launchPermission")
            .get("LaunchPermissions");
    assertThat(permissions.get(0).get("UserId").asText()).isEqualTo("123412341234");
    assertThat(permissions.get(1).get("OrganizationArn").asText())
        .startsWith("arn:aws:organizations");
    assertThat(
            aws("eu-west-1", "ec2", "list-images-in-recycle-bin", "--image-ids", copy)
                .get("Images"))
        .isEmpty();
  }
}
