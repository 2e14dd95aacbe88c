package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI v2 (botocore) against the server. botocore parses responses by the element names of
 * the service model, which the Java SDK does not check: a wrong {@code <item>} or element name
 * shows up here as a missing field. One CLI call costs about a second, so the calls are few.
 */
class AwsCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String stdout, String stderr) {}

  @BeforeAll
  static void cliIsInstalled() {
    AwsCli.requireInstalled("AwsCliIT");
  }

  private static Run aws(String region, String... args) throws Exception {
    AwsCli.Run r = AwsCli.run(region, args);
    return new Run(r.exit(), r.stdout(), r.stderr());
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
