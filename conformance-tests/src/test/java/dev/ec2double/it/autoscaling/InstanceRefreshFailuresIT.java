package dev.ec2double.it.autoscaling;

import static dev.ec2double.it.autoscaling.Groups.awaitInService;
import static dev.ec2double.it.autoscaling.Groups.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.Clients;
import dev.ec2double.it.ControlApi;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * An instance refresh fails as Auto Scaling fails one: an alarm of its AlarmSpecification in ALARM
 * (set through the control API), replacements that keep failing to launch, protected instances
 * under ScaleInProtectedInstances=Error; with AutoRollback it rolls back instead.
 */
class InstanceRefreshFailuresIT {
  private static final String ACCOUNT = "210000000177";
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;
  private static AutoScalingClient as;
  private static String template;
  private static String subnets;

  @BeforeAll
  static void aTemplateWithThreeVersions() {
    ec2 = TestServer.ec2("us-east-1", ACCOUNT);
    as = Clients.autoScaling(TestServer.endpoint(), ACCOUNT);
    template =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("refresh-failures")
                        .launchTemplateData(d -> d.imageId(AMI).instanceType("t3.micro")))
            .launchTemplate()
            .launchTemplateId();
    ec2.createLaunchTemplateVersion(
        r ->
            r.launchTemplateId(template)
                .launchTemplateData(d -> d.imageId(AMI).instanceType("t3.small")));
    // version 3 names an image that does not exist: every launch of it fails
    ec2.createLaunchTemplateVersion(
        r ->
            r.launchTemplateId(template)
                .launchTemplateData(
                    d -> d.imageId("ami-0000000000000bad0").instanceType("t3.micro")));
    subnets = String.join(",", Elbv2Clients.twoSubnets(TestServer.endpoint(), ACCOUNT));
  }

  @AfterAll
  static void close() {
    ec2.close();
    as.close();
  }

  private static void group(String name, int desired, boolean protectedFromScaleIn) {
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName(name)
                .launchTemplate(t -> t.launchTemplateId(template).version("1"))
                .minSize(0)
                .maxSize(4)
                .desiredCapacity(desired)
                .newInstancesProtectedFromScaleIn(protectedFromScaleIn)
                .vpcZoneIdentifier(subnets));
    awaitInService(as, name, desired, 30);
  }

  private static String refresh(String name, String version, RefreshPreferences p) {
    return as.startInstanceRefresh(
            r ->
                r.autoScalingGroupName(name)
                    .desiredConfiguration(
                        d -> d.launchTemplate(t -> t.launchTemplateId(template).version(version)))
                    .preferences(p))
        .instanceRefreshId();
  }

  private static InstanceRefresh awaitStatus(String name, String status, int seconds) {
    return await()
        .atMost(Duration.ofSeconds(seconds))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                as.describeInstanceRefreshes(r -> r.autoScalingGroupName(name))
                    .instanceRefreshes()
                    .get(0),
            r -> r.statusAsString().equals(status));
  }

  private static void alarm(String name, String state) throws Exception {
    var answer =
        ControlApi.send(
            TestServer.endpoint(),
            "POST",
            "/_ec2double/alarms",
            "{\"alarmName\":\""
                + name
                + "\",\"state\":\""
                + state
                + "\",\"account\":\""
                + ACCOUNT
                + "\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void anAlarmInAlarmWhileBakingRollsTheRefreshBack() throws Exception {
    group("alarmed", 2, false);
    alarm("alarmed-5xx", "OK");
    refresh(
        "alarmed",
        "2",
        RefreshPreferences.builder()
            .minHealthyPercentage(50)
            .instanceWarmup(0)
            .bakeTime(3600)
            .autoRollback(true)
            .alarmSpecification(a -> a.alarms("alarmed-5xx"))
            .build());
    InstanceRefresh baking = awaitStatus("alarmed", "Baking", 60);
    assertThat(baking.percentageComplete()).isEqualTo(100);
    assertThat(awaitInService(as, "alarmed", 2, 30))
        .extracting(Instance::instanceType)
        .containsOnly("t3.small");

    alarm("alarmed-5xx", "ALARM");
    InstanceRefresh back = awaitStatus("alarmed", "RollbackSuccessful", 60);
    assertThat(back.rollbackDetails().rollbackReason()).contains("alarmed-5xx").contains("ALARM");
    assertThat(awaitInService(as, "alarmed", 2, 30))
        .extracting(Instance::instanceType)
        .containsOnly("t3.micro");
    var listed =
        ControlApi.send(
            TestServer.endpoint(), "GET", "/_ec2double/alarms?account=" + ACCOUNT, null);
    assertThat(listed.body()).contains("\"alarmed-5xx\":\"ALARM\"");
  }

  @Test
  void replacementsThatKeepFailingToLaunchFailTheRefresh() {
    group("failing", 1, false);
    refresh(
        "failing",
        "3",
        RefreshPreferences.builder().minHealthyPercentage(0).instanceWarmup(0).build());
    InstanceRefresh failed = awaitStatus("failing", "Failed", 60);
    assertThat(failed.statusReason())
        .contains("launches of replacement instances failed")
        .contains("ami-0000000000000bad0");
    assertThat(failed.endTime()).isNotNull();
  }

  @Test
  void protectedInstancesFailARefreshThatSaysError() {
    group("guarded", 1, true);
    refresh(
        "guarded",
        "2",
        RefreshPreferences.builder().instanceWarmup(0).scaleInProtectedInstances("Error").build());
    InstanceRefresh failed = awaitStatus("guarded", "Failed", 30);
    assertThat(failed.statusReason()).contains("protected from scale in");
    // the protected instance is still the one of version 1
    assertThat(awaitInService(as, "guarded", 1, 10))
        .extracting(Instance::instanceType)
        .containsOnly("t3.micro");
  }

  @Test
  void badBakeTimesAndAlarmNamesAreRefused() throws Exception {
    group("checked", 0, false);
    assertThat(
            error(
                () ->
                    refresh("checked", "2", RefreshPreferences.builder().bakeTime(172801).build())))
        .startsWith("ValidationError: BakeTime must be between 0 and 172800");
    var bad =
        ControlApi.send(
            TestServer.endpoint(),
            "POST",
            "/_ec2double/alarms",
            "{\"alarmName\":\"x\",\"state\":\"RED\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("OK, ALARM, INSUFFICIENT_DATA");
  }
}
