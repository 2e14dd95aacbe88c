package dev.ec2double.it.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "instances in full" families driven by the AWS CLI v2 (botocore reads the element names: a
 * wrong one shows as a missing field). Only what the CLI 2.9 of the CI machine knows: not yet CPU
 * and network performance options, topology, metadata defaults, image metadata, Instance Connect
 * Endpoints, Mac or SQL Server HA actions (the SDK ITs cover those).
 */
class InstancesInFullCliIT {
  private static final String REGION = "me-central-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void cliIsInstalled() {
    AwsCli.requireInstalled("InstancesInFullCliIT");
  }

  private static JsonNode aws(String... args) throws Exception {
    AwsCli.Run r = AwsCli.run(REGION, args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }

  private static String run(String image, String key) throws Exception {
    return aws(
            "ec2",
            "run-instances",
            "--image-id",
            image,
            "--instance-type",
            "t3.micro",
            "--key-name",
            key,
            "--monitoring",
            "Enabled=true")
        .get("Instances")
        .get(0)
        .get("InstanceId")
        .asText();
  }

  @Test
  void aWindowsPasswordDecryptsWithTheKeyAndTheOptionsShow(@TempDir Path dir) throws Exception {
    String pem =
        aws("ec2", "create-key-pair", "--key-name", "cli-windows").get("KeyMaterial").asText();
    Path key = dir.resolve("key.pem");
    Files.writeString(key, pem);
    String image =
        aws(
                "ec2",
                "register-image",
                "--name",
                "Windows_Server-2022-English-Full-Base-cli",
                "--image-location",
                "my/windows:cli")
            .get("ImageId")
            .asText();
    String id = run(image, "cli-windows");
    aws("ec2", "wait", "instance-running", "--instance-ids", id);
    JsonNode password =
        aws("ec2", "get-password-data", "--instance-id", id, "--priv-launch-key", key.toString());
    assertThat(password.get("InstanceId").asText()).isEqualTo(id);
    assertThat(password.get("PasswordData").asText()).hasSize(32);

    JsonNode instance =
        aws("ec2", "describe-instances", "--instance-ids", id)
            .get("Reservations")
            .get(0)
            .get("Instances")
            .get(0);
    assertThat(instance.get("Monitoring").get("State").asText()).isEqualTo("enabled");
    assertThat(instance.get("Platform").asText()).isEqualTo("windows");
    assertThat(
            aws("ec2", "unmonitor-instances", "--instance-ids", id)
                .get("InstanceMonitorings")
                .get(0)
                .get("Monitoring")
                .get("State")
                .asText())
        .isEqualTo("disabling");
    assertThat(
            aws(
                    "ec2",
                    "modify-instance-maintenance-options",
                    "--instance-id",
                    id,
                    "--auto-recovery",
                    "disabled")
                .get("AutoRecovery")
                .asText())
        .isEqualTo("disabled");
    aws(
        "ec2",
        "report-instance-status",
        "--instances",
        id,
        "--status",
        "impaired",
        "--reason-codes",
        "unresponsive");
    aws("ec2", "send-diagnostic-interrupt", "--instance-id", id);
    assertThat(aws("ec2", "get-console-screenshot", "--instance-id", id).get("ImageData").asText())
        .startsWith("iVBORw0KGgo"); // base64 of the PNG signature
  }

  @Test
  void eventWindowsAndAccountSettings() throws Exception {
    JsonNode window =
        aws(
                "ec2",
                "create-instance-event-window",
                "--name",
                "cli-window",
                "--cron-expression",
                "* 0-4 * * 1,5",
                "--tag-specifications",
                "ResourceType=instance-event-window,Tags=[{Key=team,Value=cli}]")
            .get("InstanceEventWindow");
    String id = window.get("InstanceEventWindowId").asText();
    assertThat(window.get("State").asText()).isEqualTo("active");
    aws(
        "ec2",
        "associate-instance-event-window",
        "--instance-event-window-id",
        id,
        "--association-target",
        "InstanceTags=[{Key=tier,Value=web}]");
    JsonNode described =
        aws("ec2", "describe-instance-event-windows", "--filters", "Name=tag:team,Values=cli")
            .get("InstanceEventWindows")
            .get(0);
    assertThat(described.get("CronExpression").asText()).isEqualTo("* 0-4 * * 1,5");
    assertThat(described.get("AssociationTarget").get("Tags").get(0).get("Key").asText())
        .isEqualTo("tier");
    assertThat(
            aws(
                    "ec2",
                    "delete-instance-event-window",
                    "--instance-event-window-id",
                    id,
                    "--force-delete")
                .get("InstanceEventWindowState")
                .get("State")
                .asText())
        .isEqualTo("deleting");

    assertThat(
            aws("ec2", "enable-serial-console-access")
                .get("SerialConsoleAccessEnabled")
                .asBoolean())
        .isTrue();
    assertThat(
            aws("ec2", "describe-id-format", "--resource", "instance")
                .get("Statuses")
                .get(0)
                .get("UseLongIds")
                .asBoolean())
        .isTrue();
    JsonNode keys =
        aws(
                "ec2",
                "register-instance-event-notification-attributes",
                "--instance-tag-attribute",
                "InstanceTagKeys=Name")
            .get("InstanceTagAttribute");
    assertThat(keys.get("InstanceTagKeys").get(0).asText()).isEqualTo("Name");
    assertThat(aws("ec2", "describe-bundle-tasks").get("BundleTasks")).isEmpty();
    assertThat(aws("ec2", "describe-elastic-gpus").get("ElasticGpuSet")).isEmpty();
  }
}
