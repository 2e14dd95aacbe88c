package dev.ec2double.it.autoscaling;

import static dev.ec2double.it.autoscaling.Groups.awaitInService;
import static dev.ec2double.it.autoscaling.Groups.describe;
import static dev.ec2double.it.autoscaling.Groups.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Elbv2Clients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * On the Docker backend: a scheduled action fires by the server's clock and the group launches real
 * containers; an instance refresh replaces every one of them from a new template version, never
 * leaving fewer InService than its minimum healthy percentage; and CPU target tracking reads the
 * containers' real CPU: busy loops scale the group out, and it scales back in once they stop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerScheduleRefreshCpuIT {
  private static final String ACCOUNT = "210000000163";
  private static final String GROUP = "docker-sched";
  private static final String CPU_GROUP = "docker-cpu";
  private static Ec2Client ec2;
  private static AutoScalingClient as;
  private static List<String> subnets;

  @BeforeAll
  static void aTemplate() {
    URI endpoint = DockerTestServer.get().endpoint();
    ec2 = Clients.ec2(endpoint, ACCOUNT);
    as = Clients.autoScaling(endpoint, ACCOUNT);
    subnets = Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT);
    ec2.createLaunchTemplate(
        r ->
            r.launchTemplateName(GROUP)
                .launchTemplateData(
                    d -> d.imageId(DockerTestServer.BUSYBOX_AMI).instanceType("t3.nano")));
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName(GROUP)
                .launchTemplate(t -> t.launchTemplateName(GROUP).version("1"))
                .minSize(0)
                .maxSize(3)
                .desiredCapacity(0)
                .vpcZoneIdentifier(String.join(",", subnets)));
  }

  @AfterAll
  static void close() {
    if (as != null) {
      for (String g : List.of(GROUP, CPU_GROUP)) {
        if (describe(as, g) != null) {
          as.deleteAutoScalingGroup(r -> r.autoScalingGroupName(g).forceDelete(true));
        }
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> describe(as, GROUP) == null && describe(as, CPU_GROUP) == null);
      as.close();
      ec2.close();
    }
  }

  @Test
  @Order(1)
  void aScheduledActionFiresByTheServersClockAndTheGroupLaunches() {
    Instant at = Instant.now().plusSeconds(5);
    as.putScheduledUpdateGroupAction(
        r ->
            r.autoScalingGroupName(GROUP)
                .scheduledActionName("morning")
                .startTime(at)
                .desiredCapacity(2));
    assertThat(
            as.describeScheduledActions(r -> r.autoScalingGroupName(GROUP))
                .scheduledUpdateGroupActions())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.startTime())
                    .isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> describe(as, GROUP).desiredCapacity() == 2);
    assertThat(Instant.now()).isAfterOrEqualTo(at);
    awaitInService(as, GROUP, 2, 120);
    List<Activity> activities =
        as.describeScalingActivities(r -> r.autoScalingGroupName(GROUP)).activities();
    assertThat(activities)
        .anySatisfy(
            a ->
                assertThat(a.cause())
                    .contains("a scheduled action update of AutoScalingGroup constraints")
                    .contains("changing the desired capacity from 0 to 2."));
    assertThat(
            as.describeScheduledActions(r -> r.autoScalingGroupName(GROUP))
                .scheduledUpdateGroupActions())
        .isEmpty(); // a one-off action is gone once it ran
  }

  @Test
  @Order(2)
  void anInstanceRefreshReplacesEveryInstanceKeepingTheMinimumHealthy() {
    Set<String> before =
        awaitInService(as, GROUP, 2, 120).stream()
            .map(Instance::instanceId)
            .collect(Collectors.toSet());
    ec2.createLaunchTemplateVersion(
        r ->
            r.launchTemplateName(GROUP)
                .sourceVersion("1")
                .launchTemplateData(d -> d.instanceType("t3.micro")));
    assertThat(error(() -> as.cancelInstanceRefresh(r -> r.autoScalingGroupName(GROUP))))
        .startsWith("ActiveInstanceRefreshNotFound: ");

    String id =
        as.startInstanceRefresh(
                r ->
                    r.autoScalingGroupName(GROUP)
                        .desiredConfiguration(
                            d -> d.launchTemplate(t -> t.launchTemplateName(GROUP).version("2")))
                        .preferences(p -> p.minHealthyPercentage(50).instanceWarmup(0)))
            .instanceRefreshId();
    assertThat(error(() -> as.startInstanceRefresh(r -> r.autoScalingGroupName(GROUP))))
        .startsWith("InstanceRefreshInProgress: ");

    List<Integer> inService = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              inService.add(
                  (int)
                      describe(as, GROUP).instances().stream()
                          .filter(i -> i.lifecycleState() == LifecycleState.IN_SERVICE)
                          .count());
              return refresh(id).statusAsString().equals("Successful");
            });
    assertThat(inService).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(1));
    List<Instance> after = awaitInService(as, GROUP, 2, 60);
    assertThat(after).extracting(Instance::instanceId).doesNotContainAnyElementsOf(before);
    assertThat(after).allSatisfy(i -> assertThat(i.instanceType()).isEqualTo("t3.micro"));
    InstanceRefresh done = refresh(id);
    assertThat(done.percentageComplete()).isEqualTo(100);
    assertThat(done.instancesToUpdate()).isZero();
    assertThat(done.endTime()).isNotNull();
    assertThat(describe(as, GROUP).launchTemplate().version()).isEqualTo("2");
  }

  private static InstanceRefresh refresh(String id) {
    return as.describeInstanceRefreshes(r -> r.autoScalingGroupName(GROUP).instanceRefreshIds(id))
        .instanceRefreshes()
        .get(0);
  }

  @Test
  @Order(3)
  void cpuTargetTrackingScalesOutUnderBusyLoopsAndBackInWhenTheyStop() {
    // every instance burns one CPU until the same moment, then idles
    long until = Instant.now().plusSeconds(50).getEpochSecond();
    String burn = "#!/bin/sh\n(while [ $(date +%s) -lt " + until + " ]; do :; done) &\n";
    ec2.createLaunchTemplate(
        r ->
            r.launchTemplateName(CPU_GROUP)
                .launchTemplateData(
                    d ->
                        d.imageId(DockerTestServer.BUSYBOX_AMI)
                            .instanceType("t3.nano")
                            .userData(
                                Base64.getEncoder()
                                    .encodeToString(burn.getBytes(StandardCharsets.UTF_8)))));
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName(CPU_GROUP)
                .launchTemplate(t -> t.launchTemplateName(CPU_GROUP).version("$Latest"))
                .minSize(1)
                .maxSize(2)
                .desiredCapacity(1)
                .vpcZoneIdentifier(String.join(",", subnets)));
    as.putScalingPolicy(
        r ->
            r.autoScalingGroupName(CPU_GROUP)
                .policyName("cpu")
                .policyType("TargetTrackingScaling")
                .estimatedInstanceWarmup(0)
                .targetTrackingConfiguration(
                    c ->
                        c.targetValue(8.0)
                            .predefinedMetricSpecification(
                                m -> m.predefinedMetricType("ASGAverageCPUUtilization"))));

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> describe(as, CPU_GROUP).desiredCapacity() == 2);
    assertThat(Instant.now().getEpochSecond()).isLessThan(until + 10);
    assertThat(as.describeScalingActivities(r -> r.autoScalingGroupName(CPU_GROUP)).activities())
        .anySatisfy(
            a ->
                assertThat(a.cause())
                    .contains("a monitor alarm TargetTracking-" + CPU_GROUP + "-AlarmHigh-")
                    .contains("changing the desired capacity from 1 to 2."));

    // the loops stop; once a whole minute of readings is idle, and another has wanted fewer
    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> describe(as, CPU_GROUP).desiredCapacity() == 1);
    assertThat(Instant.now().getEpochSecond()).isGreaterThan(until + 60);
    awaitInService(as, CPU_GROUP, 1, 90);
  }
}
