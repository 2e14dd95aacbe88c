package dev.ec2double.imds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTreeTest {
  private static final InstanceMetadata M = metadata(null, null);

  private static InstanceMetadata metadata(
      InstanceMetadata.Role role, InstanceMetadata.Events events) {
    return metadata(role, events, InstanceMetadata.Placement.NONE, null);
  }

  private static InstanceMetadata metadata(
      InstanceMetadata.Role role,
      InstanceMetadata.Events events,
      InstanceMetadata.Placement placement) {
    return metadata(role, events, placement, null);
  }

  private static InstanceMetadata metadata(
      InstanceMetadata.Role role, InstanceMetadata.Events events, String lifeCycle) {
    return metadata(role, events, InstanceMetadata.Placement.NONE, lifeCycle);
  }

  private static InstanceMetadata metadata(
      InstanceMetadata.Role role,
      InstanceMetadata.Events events,
      InstanceMetadata.Placement placement,
      String lifeCycle) {
    return new InstanceMetadata(
        "i-0123456789abcdef0",
        "123456789012",
        "us-east-1",
        "us-east-1a",
        "use1-az1",
        "ami-0123",
        0,
        "r-0123",
        "t3.micro",
        "x86_64",
        "ip-10-0-1-4.ec2.internal",
        "10.0.1.4",
        null,
        "0e:00:00:00:00:01",
        "eni-0123",
        "subnet-0123",
        "10.0.1.0/24",
        "vpc-0123",
        "10.0.0.0/16",
        List.of("web"),
        List.of("sg-0123"),
        Map.of("key", "ssh-ed25519 AAAA k"),
        "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8),
        Map.of("Name", "web"),
        Instant.parse("2026-01-01T00:00:00Z"),
        new InstanceMetadata.Options(true, false, 1, false),
        role,
        events,
        placement,
        lifeCycle);
  }

  private static String get(String path) {
    return MetadataTree.of(M)
        .get(path)
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .orElse(null);
  }

  @Test
  void answersTheGroupPartitionAndHostOfAPlacedInstance() {
    MetadataTree t =
        MetadataTree.of(
            metadata(null, null, new InstanceMetadata.Placement("pg-web", 3, "h-0123")));
    assertThat(
            new String(
                t.get("meta-data/placement/group-name").orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("pg-web");
    assertThat(
            new String(
                t.get("meta-data/placement/partition-number").orElseThrow(),
                StandardCharsets.UTF_8))
        .isEqualTo("3");
    assertThat(
            new String(t.get("meta-data/placement/host-id").orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("h-0123");
    assertThat(get("meta-data/placement/group-name")).isNull();
  }

  @Test
  void answersLeavesAndListsDirectories() {
    assertThat(get("meta-data/instance-id")).isEqualTo("i-0123456789abcdef0");
    assertThat(get("meta-data/placement/"))
        .isEqualTo("availability-zone\navailability-zone-id\nregion");
    assertThat(get("meta-data")).contains("ami-id\n", "network/", "placement/", "public-keys/");
    assertThat(get("meta-data/network/interfaces/macs/")).isEqualTo("0e:00:00:00:00:01/");
    assertThat(get("meta-data/public-keys/")).isEqualTo("0=key");
    assertThat(get("meta-data/public-keys/0/openssh-key")).isEqualTo("ssh-ed25519 AAAA k");
    assertThat(get("meta-data/tags/instance/Name")).isNull();
    assertThat(get("meta-data/nothing")).isNull();
    assertThat(get("user-data")).isEqualTo("#!/bin/sh\n");
    assertThat(get("dynamic/instance-identity/document"))
        .contains("\"pendingTime\" : \"2026-01-01T00:00:00Z\"", "\"privateIp\" : \"10.0.1.4\"");
  }

  @Test
  void servesTheRolesCredentialsInTheShapeTheSdksRead() {
    InstanceMetadata.Role role =
        new InstanceMetadata.Role(
            "arn:aws:iam::123456789012:instance-profile/web",
            "AIPAABCDEFGHIJKLMNOPQ",
            "web-role",
            "ASIAABCDEFGHIJKLMNOP",
            "secret",
            "token",
            Instant.parse("2026-12-03T10:00:00.123Z"),
            Instant.parse("2026-12-03T16:00:00Z"));
    MetadataTree t = MetadataTree.of(metadata(role, null));
    java.util.function.Function<String, String> get =
        p -> t.get(p).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);

    assertThat(get.apply("meta-data/iam/")).isEqualTo("info\nsecurity-credentials/");
    assertThat(get.apply("meta-data/iam/security-credentials/")).isEqualTo("web-role");
    assertThat(get.apply("meta-data/iam/info"))
        .contains("\"Code\" : \"Success\"")
        .contains("\"LastUpdated\" : \"2026-12-03T10:00:00Z\"")
        .contains("\"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\"")
        .contains("\"InstanceProfileId\" : \"AIPAABCDEFGHIJKLMNOPQ\"");
    assertThat(get.apply("meta-data/iam/security-credentials/web-role"))
        .contains("\"Type\" : \"AWS-HMAC\"")
        .contains("\"AccessKeyId\" : \"ASIAABCDEFGHIJKLMNOP\"")
        .contains("\"SecretAccessKey\" : \"secret\"")
        .contains("\"Token\" : \"token\"")
        .contains("\"Expiration\" : \"2026-12-03T16:00:00Z\"");
    assertThat(get("meta-data/iam/info")).as("no profile, no iam tree").isNull();
  }

  @Test
  void showsWhatIsComingAndNothingSpotWithoutAnInterruption() {
    assertThat(get("meta-data/events/maintenance/scheduled")).isEqualTo("[]");
    assertThat(get("meta-data/spot/instance-action")).isNull();
    MetadataTree t =
        MetadataTree.of(
            metadata(
                null,
                new InstanceMetadata.Events(
                    "[{\"EventId\":\"instance-event-1\"}]",
                    "{\"action\":\"terminate\"}",
                    "{\"noticeTime\":\"x\"}")));

    assertThat(t.get("meta-data/spot/instance-action")).isPresent();
    assertThat(
            new String(
                t.get("meta-data/events/maintenance/scheduled").orElseThrow(),
                StandardCharsets.UTF_8))
        .contains("instance-event-1");
    assertThat(t.get("meta-data/events/recommendations/rebalance")).isPresent();
  }

  @Test
  void aSpotInstanceSaysSoAndItsTerminationTimeWhenMarked() {
    assertThat(get("meta-data/instance-life-cycle")).isEqualTo("on-demand");
    assertThat(get("meta-data/spot/termination-time")).isNull();
    MetadataTree t =
        MetadataTree.of(
            metadata(
                null,
                new InstanceMetadata.Events(
                    "[]",
                    "{\"action\":\"terminate\",\"time\":\"2026-12-03T10:02:00Z\"}",
                    "{\"noticeTime\":\"2026-12-03T10:00:00Z\"}",
                    "2026-12-03T10:02:00Z"),
                "spot"));
    java.util.function.Function<String, String> get =
        p -> t.get(p).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);

    assertThat(get.apply("meta-data/instance-life-cycle")).isEqualTo("spot");
    assertThat(get.apply("meta-data/spot/termination-time")).isEqualTo("2026-12-03T10:02:00Z");
    assertThat(get.apply("meta-data/spot/")).isEqualTo("instance-action\ntermination-time");
  }
}
