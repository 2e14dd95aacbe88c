package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI v2 (botocore) against the server. botocore parses responses by the element names of
 * the service model, which the Java SDK does not check: a wrong {@code <item>} or element name
 * shows up here as a missing field. One CLI call costs about a second, so the calls are few.
 */
class AwsCliIT {
  private static final Path AWS = Path.of("/usr/bin/aws");
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String stdout, String stderr) {}

  @BeforeAll
  static void cliIsInstalled() {
    if (!Files.isExecutable(AWS)) {
      if ("true".equals(System.getenv("CI"))) {
        fail(
            "AwsCliIT needs the AWS CLI v2 at /usr/bin/aws (Debian package awscli);"
                + " .ci/run installs it: apt-get install awscli");
      }
      Assumptions.abort("AWS CLI not installed at /usr/bin/aws (apt-get install awscli)");
    }
  }

  private static Run aws(String region, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(AWS.toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(
        List.of(
            "--endpoint-url",
            TestServer.endpoint().toString(),
            "--region",
            region,
            "--output",
            "json"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_PAGER", "");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    File out = File.createTempFile("aws-out", ".txt");
    File err = File.createTempFile("aws-err", ".txt");
    try {
      Process p = pb.redirectOutput(out).redirectError(err).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("aws " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Run(
          p.exitValue(),
          Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      out.delete();
      err.delete();
    }
  }

  @Test
  void describesRegionsByNameAndFilter() throws Exception {
    Run r =
        aws(
            "us-east-1",
            "ec2",
            "describe-regions",
            "--region-names",
            "eu-west-1",
            "eu-west-2",
            "us-east-1",
            "--filters",
            "Name=region-name,Values=eu-west-?");

    assertThat(r.exit()).as(r.stderr()).isZero();
    JsonNode regions = JSON.readTree(r.stdout()).get("Regions");
    assertThat(regions).hasSize(2);
    assertThat(regions.get(0).get("RegionName").asText()).isEqualTo("eu-west-1");
    assertThat(regions.get(0).get("Endpoint").asText()).isEqualTo("ec2.eu-west-1.amazonaws.com");
    assertThat(regions.get(0).get("OptInStatus").asText()).isEqualTo("opt-in-not-required");
    assertThat(regions.get(1).get("RegionName").asText()).isEqualTo("eu-west-2");
  }

  @Test
  void describesTheZonesOfTheRegionAsked() throws Exception {
    Run r = aws("eu-west-1", "ec2", "describe-availability-zones");

    assertThat(r.exit()).as(r.stderr()).isZero();
    JsonNode zones = JSON.readTree(r.stdout()).get("AvailabilityZones");
    assertThat(zones).hasSize(3);
    JsonNode a = zones.get(0);
    assertThat(a.get("ZoneName").asText()).isEqualTo("eu-west-1a");
    assertThat(a.get("ZoneId").asText()).isEqualTo("euw1-az1");
    assertThat(a.get("State").asText()).isEqualTo("available");
    assertThat(a.get("RegionName").asText()).isEqualTo("eu-west-1");
    assertThat(a.get("ZoneType").asText()).isEqualTo("availability-zone");
    assertThat(a.get("Messages")).isEmpty();
  }

  @Test
  void reportsTheAwsErrorCodeOnStderr() throws Exception {
    Run r = aws("us-east-1", "ec2", "describe-regions", "--region-names", "mars-north-1");

    assertThat(r.exit()).isNotZero();
    assertThat(r.stdout()).isBlank();
    assertThat(r.stderr())
        .contains("(InvalidParameterValue)")
        .contains("DescribeRegions")
        .contains("mars-north-1");
  }

  @Test
  void registersAndDescribesAnImageWithBlockDeviceMappings() throws Exception {
    String snapshotId;
    try (var ec2 = TestServer.ec2()) {
      String volumeId = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(3)).volumeId();
      ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
      snapshotId = ec2.createSnapshot(r -> r.volumeId(volumeId)).snapshotId();
    }
    String mappings =
        "[{\"DeviceName\":\"/dev/sdf\",\"Ebs\":{\"SnapshotId\":\""
            + snapshotId
            + "\",\"DeleteOnTermination\":false}},"
            + "{\"DeviceName\":\"/dev/sdb\",\"VirtualName\":\"ephemeral0\"},"
            + "{\"DeviceName\":\"/dev/sdc\",\"NoDevice\":\"\"}]";
    Run registered =
        aws(
            "us-east-1",
            "ec2",
            "register-image",
            "--name",
            "cli-bdm-" + snapshotId,
            "--image-location",
            "my/app:1",
            "--block-device-mappings",
            mappings);
    assertThat(registered.exit()).as(registered.stderr()).isZero();
    String imageId = JSON.readTree(registered.stdout()).get("ImageId").asText();

    Run r = aws("us-east-1", "ec2", "describe-images", "--image-ids", imageId);

    assertThat(r.exit()).as(r.stderr()).isZero();
    JsonNode image = JSON.readTree(r.stdout()).get("Images").get(0);
    assertThat(image.get("RootDeviceName").asText()).isEqualTo("/dev/xvda");
    JsonNode devices = image.get("BlockDeviceMappings");
    assertThat(devices).hasSize(4);
    JsonNode root = devices.get(0);
    assertThat(root.get("DeviceName").asText()).isEqualTo("/dev/xvda");
    assertThat(root.get("Ebs").get("VolumeSize").asInt()).isEqualTo(8);
    JsonNode sdf = devices.get(1).get("Ebs");
    assertThat(devices.get(1).get("DeviceName").asText()).isEqualTo("/dev/sdf");
    assertThat(sdf.get("SnapshotId").asText()).isEqualTo(snapshotId);
    assertThat(sdf.get("VolumeSize").asInt()).isEqualTo(3);
    assertThat(sdf.get("VolumeType").asText()).isEqualTo("gp2");
    assertThat(sdf.get("DeleteOnTermination").asBoolean()).isFalse();
    assertThat(sdf.get("Encrypted").isBoolean()).isTrue();
    assertThat(devices.get(2).get("VirtualName").asText()).isEqualTo("ephemeral0");
    assertThat(devices.get(3).get("NoDevice").asText()).isEmpty();
  }

  @Test
  void getCallerIdentityAnswersOnTheSameEndpoint() throws Exception {
    Run r = aws("us-east-1", "sts", "get-caller-identity");

    assertThat(r.exit()).as(r.stderr()).isZero();
    JsonNode id = JSON.readTree(r.stdout());
    String account = id.get("Account").asText();
    assertThat(account).matches("\\d{12}");
    assertThat(id.get("UserId").asText()).isEqualTo(account);
    assertThat(id.get("Arn").asText()).isEqualTo("arn:aws:iam::" + account + ":root");
  }

  @Test
  void describeVolumesWithTheMaxResultsTheCliSendsOnItsOwn() throws Exception {
    // the CLI sends MaxResults=1000 for a plain describe-volumes; AWS answers at most 500
    Run r = aws("ap-south-1", "ec2", "describe-volumes", "--debug");

    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stderr()).contains("'MaxResults': 1000");
    assertThat(JSON.readTree(r.stdout()).get("Volumes").isArray()).isTrue();
  }
}
