package dev.ec2double.it.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One group's life driven by the AWS CLI v2 (botocore reads the {@code member} lists, element names
 * and error envelope the Java SDK forgives): template, create with tags, InService, bounds error,
 * update, ResourceInUse, forced delete. The CLI signs with AKIDEXAMPLE, the server's default
 * account.
 */
class AutoScalingCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUP = "cli-web";

  @BeforeAll
  static void cli() {
    AwsCli.requireInstalled("AutoScalingCliIT");
  }

  private static JsonNode aws(String... args) throws Exception {
    AwsCli.Run r = AwsCli.run("us-east-1", args);
    assertThat(r.exit()).as(r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.nullNode() : JSON.readTree(r.stdout());
  }

  private static JsonNode group() throws Exception {
    JsonNode groups =
        aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", GROUP)
            .get("AutoScalingGroups");
    return groups.isEmpty() ? null : groups.get(0);
  }

  private static boolean inService(JsonNode g, int count) {
    if (g.get("Instances").size() != count) {
      return false;
    }
    for (JsonNode i : g.get("Instances")) {
      if (!i.get("LifecycleState").asText().equals("InService")) {
        return false;
      }
    }
    return true;
  }

  @Test
  void drivesAGroupFromCreateToForcedDelete() throws Exception {
    aws(
        "ec2",
        "create-launch-template",
        "--launch-template-name",
        GROUP,
        "--launch-template-data",
        "{\"ImageId\":\"ami-0ec2d00000000de12\",\"InstanceType\":\"t3.micro\"}");
    aws(
        "autoscaling",
        "create-auto-scaling-group",
        "--auto-scaling-group-name",
        GROUP,
        "--launch-template",
        "LaunchTemplateName=" + GROUP + ",Version=$Latest",
        "--min-size",
        "0",
        "--max-size",
        "3",
        "--desired-capacity",
        "2",
        "--availability-zones",
        "us-east-1a",
        "us-east-1b",
        "--tags",
        "Key=role,Value=web,PropagateAtLaunch=true");

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> inService(group(), 2));
    JsonNode g = group();
    assertThat(g.get("AutoScalingGroupARN").asText())
        .matches(
            "arn:aws:autoscaling:us-east-1:\\d{12}:autoScalingGroup:[0-9a-f-]{36}:"
                + "autoScalingGroupName/cli-web");
    assertThat(g.get("LaunchTemplate").get("LaunchTemplateName").asText()).isEqualTo(GROUP);
    assertThat(g.get("AvailabilityZones")).hasSize(2);
    assertThat(g.get("Tags").get(0).get("PropagateAtLaunch").asBoolean()).isTrue();
    assertThat(g.get("CreatedTime").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
    JsonNode activities =
        aws("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", GROUP)
            .get("Activities");
    assertThat(activities).hasSize(2);
    assertThat(activities.get(0).get("StatusCode").asText()).isEqualTo("Successful");
    assertThat(activities.get(0).get("Details").asText()).contains("Availability Zone");
    String id = g.get("Instances").get(0).get("InstanceId").asText();
    JsonNode details =
        aws("autoscaling", "describe-auto-scaling-instances", "--instance-ids", id)
            .get("AutoScalingInstances");
    assertThat(details.get(0).get("AutoScalingGroupName").asText()).isEqualTo(GROUP);
    assertThat(details.get(0).get("HealthStatus").asText()).isEqualTo("HEALTHY");

    AwsCli.Run above =
        AwsCli.run(
            "us-east-1",
            "autoscaling",
            "set-desired-capacity",
            "--auto-scaling-group-name",
            GROUP,
            "--desired-capacity",
            "4");
    assertThat(above.exit()).isNotZero();
    assertThat(above.stderr())
        .contains("(ValidationError)")
        .contains("New SetDesiredCapacity value 4 is above max value 3");

    aws(
        "autoscaling",
        "update-auto-scaling-group",
        "--auto-scaling-group-name",
        GROUP,
        "--max-size",
        "1");
    assertThat(group().get("DesiredCapacity").asInt()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> inService(group(), 1));

    AwsCli.Run inUse =
        AwsCli.run(
            "us-east-1",
            "autoscaling",
            "delete-auto-scaling-group",
            "--auto-scaling-group-name",
            GROUP);
    assertThat(inUse.exit()).isNotZero();
    assertThat(inUse.stderr()).contains("(ResourceInUse)");
    aws(
        "autoscaling",
        "delete-auto-scaling-group",
        "--auto-scaling-group-name",
        GROUP,
        "--force-delete");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> group() == null);
    aws("ec2", "delete-launch-template", "--launch-template-name", GROUP);
  }
}
