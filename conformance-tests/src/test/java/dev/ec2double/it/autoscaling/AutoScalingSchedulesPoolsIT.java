package dev.ec2double.it.autoscaling;

import static dev.ec2double.it.autoscaling.Groups.awaitInService;
import static dev.ec2double.it.autoscaling.Groups.describe;
import static dev.ec2double.it.autoscaling.Groups.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.Clients;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;
import software.amazon.awssdk.services.autoscaling.model.ScheduledUpdateGroupAction;
import software.amazon.awssdk.services.autoscaling.model.ScheduledUpdateGroupActionRequest;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The Auto Scaling actions beyond groups through the SDK on the mock backend: scheduled actions,
 * notification configurations, warm pools, instance refresh, metrics collection, instance health
 * and account settings, with the errors AWS answers.
 */
class AutoScalingSchedulesPoolsIT {
  private static final String ACCOUNT = "210000000164";
  private static final String AMI = "ami-0ec2d00000000de12";
  private static final String TOPIC = "arn:aws:sns:us-east-1:" + ACCOUNT + ":scaling";
  private static Ec2Client ec2;
  private static AutoScalingClient as;
  private static String template;
  private static String subnets;

  @BeforeAll
  static void aTemplateAndTwoSubnets() {
    ec2 = TestServer.ec2("us-east-1", ACCOUNT);
    as = Clients.autoScaling(TestServer.endpoint(), ACCOUNT);
    template =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("asg-more")
                        .launchTemplateData(d -> d.imageId(AMI).instanceType("t3.micro")))
            .launchTemplate()
            .launchTemplateId();
    subnets = String.join(",", Elbv2Clients.twoSubnets(TestServer.endpoint(), ACCOUNT));
  }

  @AfterAll
  static void close() {
    ec2.close();
    as.close();
  }

  private static void create(String name, int desired, String version) {
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName(name)
                .launchTemplate(t -> t.launchTemplateId(template).version(version))
                .minSize(0)
                .maxSize(4)
                .desiredCapacity(desired)
                .vpcZoneIdentifier(subnets));
  }

  @Test
  void scheduledActionsAreDescribedBatchedAndCheckedAsAwsChecksThem() {
    create("sched", 0, "$Latest");
    Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    as.putScheduledUpdateGroupAction(
        r ->
            r.autoScalingGroupName("sched")
                .scheduledActionName("weekdays")
                .recurrence("0 9 * * MON-FRI")
                .timeZone("Europe/Berlin")
                .minSize(1)
                .desiredCapacity(2));
    as.putScheduledUpdateGroupAction(
        r ->
            r.autoScalingGroupName("sched")
                .scheduledActionName("once")
                .startTime(start)
                .maxSize(3));
    List<ScheduledUpdateGroupAction> actions =
        as.describeScheduledActions(r -> r.autoScalingGroupName("sched"))
            .scheduledUpdateGroupActions();
    assertThat(actions)
        .extracting(ScheduledUpdateGroupAction::scheduledActionName)
        .containsExactly("weekdays", "once");
    ScheduledUpdateGroupAction weekdays = actions.get(0);
    assertThat(weekdays.recurrence()).isEqualTo("0 9 * * MON-FRI");
    assertThat(weekdays.timeZone()).isEqualTo("Europe/Berlin");
    assertThat(weekdays.scheduledActionARN())
        .startsWith("arn:aws:autoscaling:us-east-1:" + ACCOUNT + ":scheduledUpdateGroupAction:")
        .endsWith(":autoScalingGroupName/sched:scheduledActionName/weekdays");
    assertThat(weekdays.startTime().atZone(java.time.ZoneId.of("Europe/Berlin")).getHour())
        .isEqualTo(9);
    assertThat(actions.get(1).startTime()).isEqualTo(start);
    assertThat(actions.get(1).maxSize()).isEqualTo(3);

    assertThat(
            error(
                () ->
                    as.putScheduledUpdateGroupAction(
                        r ->
                            r.autoScalingGroupName("sched")
                                .scheduledActionName("past")
                                .startTime(Instant.now().minusSeconds(60))
                                .desiredCapacity(1))))
        .isEqualTo("ValidationError: Given start time is in the past");
    assertThat(
            error(
                () ->
                    as.putScheduledUpdateGroupAction(
                        r ->
                            r.autoScalingGroupName("nope")
                                .scheduledActionName("x")
                                .recurrence("* * * * *")
                                .desiredCapacity(1))))
        .isEqualTo("ValidationError: AutoScalingGroup name not found - nope");

    List<String> failed =
        as
            .batchPutScheduledUpdateGroupAction(
                r ->
                    r.autoScalingGroupName("sched")
                        .scheduledUpdateGroupActions(
                            ScheduledUpdateGroupActionRequest.builder()
                                .scheduledActionName("nightly")
                                .recurrence("0 22 * * *")
                                .desiredCapacity(0)
                                .build(),
                            ScheduledUpdateGroupActionRequest.builder()
                                .scheduledActionName("broken")
                                .recurrence("61 * * * *")
                                .desiredCapacity(0)
                                .build()))
            .failedScheduledUpdateGroupActions()
            .stream()
            .map(f -> f.scheduledActionName() + " " + f.errorCode())
            .toList();
    assertThat(failed).containsExactly("broken ValidationError");

    List<String> notDeleted =
        as
            .batchDeleteScheduledAction(
                r -> r.autoScalingGroupName("sched").scheduledActionNames("nightly", "ghost"))
            .failedScheduledActions()
            .stream()
            .map(f -> f.scheduledActionName() + " " + f.errorCode())
            .toList();
    assertThat(notDeleted).containsExactly("ghost ValidationError");
    as.deleteScheduledAction(r -> r.autoScalingGroupName("sched").scheduledActionName("once"));
    assertThat(
            error(
                () ->
                    as.deleteScheduledAction(
                        r -> r.autoScalingGroupName("sched").scheduledActionName("once"))))
        .isEqualTo("ValidationError: Scheduled action name not found - once");
    assertThat(
            as.describeScheduledActions(r -> r.autoScalingGroupName("sched"))
                .scheduledUpdateGroupActions())
        .extracting(ScheduledUpdateGroupAction::scheduledActionName)
        .containsExactly("weekdays");
    as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("sched"));
  }

  @Test
  void notificationConfigurationsAreRecordsOnePerType() {
    create("notify", 0, "$Latest");
    as.putNotificationConfiguration(
        r ->
            r.autoScalingGroupName("notify")
                .topicARN(TOPIC)
                .notificationTypes(
                    "autoscaling:EC2_INSTANCE_LAUNCH", "autoscaling:EC2_INSTANCE_TERMINATE"));
    assertThat(
            as.describeNotificationConfigurations(r -> r.autoScalingGroupNames("notify"))
                .notificationConfigurations())
        .extracting(NotificationConfiguration::notificationType)
        .containsExactly("autoscaling:EC2_INSTANCE_LAUNCH", "autoscaling:EC2_INSTANCE_TERMINATE");
    assertThat(as.describeAutoScalingNotificationTypes().autoScalingNotificationTypes())
        .contains("autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:TEST_NOTIFICATION");
    assertThat(
            error(
                () ->
                    as.putNotificationConfiguration(
                        r ->
                            r.autoScalingGroupName("notify")
                                .topicARN(TOPIC)
                                .notificationTypes("autoscaling:EC2_INSTANCE_REBOOT"))))
        .startsWith("ValidationError: Invalid notification type");
    as.deleteNotificationConfiguration(r -> r.autoScalingGroupName("notify").topicARN(TOPIC));
    assertThat(
            error(
                () ->
                    as.deleteNotificationConfiguration(
                        r -> r.autoScalingGroupName("notify").topicARN(TOPIC))))
        .startsWith("ValidationError: ");
    as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("notify"));
  }

  @Test
  void aWarmPoolKeepsStoppedInstancesAndHandsOneToTheGroupOnScaleOut() {
    create("warm", 0, "$Latest");
    as.putWarmPool(r -> r.autoScalingGroupName("warm").minSize(2).maxGroupPreparedCapacity(2));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              List<Instance> pool =
                  as.describeWarmPool(r -> r.autoScalingGroupName("warm")).instances();
              return pool.size() == 2
                  && pool.stream()
                      .allMatch(i -> i.lifecycleStateAsString().equals("Warmed:Stopped"));
            });
    Set<String> warmed =
        as.describeWarmPool(r -> r.autoScalingGroupName("warm")).instances().stream()
            .map(Instance::instanceId)
            .collect(Collectors.toSet());
    assertThat(
            ec2.describeInstances(r -> r.instanceIds(warmed)).reservations().stream()
                .flatMap(res -> res.instances().stream())
                .map(i -> i.state().name()))
        .containsOnly(InstanceStateName.STOPPED);
    assertThat(error(() -> as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("warm"))))
        .startsWith("ResourceInUse: ");

    as.setDesiredCapacity(r -> r.autoScalingGroupName("warm").desiredCapacity(1));
    List<Instance> members = awaitInService(as, "warm", 1, 30);
    assertThat(warmed).contains(members.get(0).instanceId());
    assertThat(
            as.describeScalingActivities(r -> r.autoScalingGroupName("warm"))
                .activities()
                .get(0)
                .description())
        .isEqualTo("Launching a new EC2 instance from warm pool: " + members.get(0).instanceId());
    // the pool keeps its minimum of 2
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> as.describeWarmPool(r -> r.autoScalingGroupName("warm")).instances().size() == 2);

    as.deleteWarmPool(r -> r.autoScalingGroupName("warm").forceDelete(true));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                as.describeWarmPool(r -> r.autoScalingGroupName("warm")).warmPoolConfiguration()
                    == null);
    as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("warm").forceDelete(true));
    await().atMost(Duration.ofSeconds(30)).until(() -> describe(as, "warm") == null);
  }

  @Test
  void withReuseOnScaleInAScaleInReturnsTheInstanceToTheWarmPoolStopped() {
    create("reuse", 2, "$Latest");
    as.putWarmPool(
        r ->
            r.autoScalingGroupName("reuse")
                .minSize(0)
                .maxGroupPreparedCapacity(2)
                .instanceReusePolicy(p -> p.reuseOnScaleIn(true)));
    List<String> members =
        awaitInService(as, "reuse", 2, 30).stream().map(Instance::instanceId).toList();

    as.setDesiredCapacity(r -> r.autoScalingGroupName("reuse").desiredCapacity(1));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                as.describeWarmPool(r -> r.autoScalingGroupName("reuse")).instances().stream()
                    .anyMatch(
                        i ->
                            members.contains(i.instanceId())
                                && i.lifecycleStateAsString().equals("Warmed:Stopped")));
    String returned =
        as.describeWarmPool(r -> r.autoScalingGroupName("reuse")).instances().stream()
            .filter(i -> members.contains(i.instanceId()))
            .findFirst()
            .orElseThrow()
            .instanceId();
    assertThat(describe(as, "reuse").instances())
        .hasSize(1)
        .noneMatch(i -> i.instanceId().equals(returned));
    assertThat(Ec2Calls.describe(ec2, returned).state().name())
        .isEqualTo(InstanceStateName.STOPPED); // kept, not terminated

    // the next scale-out takes a ready instance from the pool; the returned one is kept either way
    as.setDesiredCapacity(r -> r.autoScalingGroupName("reuse").desiredCapacity(2));
    List<String> after =
        awaitInService(as, "reuse", 2, 30).stream().map(Instance::instanceId).toList();
    assertThat(
            as.describeScalingActivities(r -> r.autoScalingGroupName("reuse"))
                .activities()
                .get(0)
                .description())
        .startsWith("Launching a new EC2 instance from warm pool: ");
    assertThat(
            after.contains(returned)
                || as.describeWarmPool(r -> r.autoScalingGroupName("reuse")).instances().stream()
                    .anyMatch(i -> i.instanceId().equals(returned)))
        .isTrue();
    as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("reuse").forceDelete(true));
    await().atMost(Duration.ofSeconds(30)).until(() -> describe(as, "reuse") == null);
  }

  @Test
  void anInstanceRefreshReplacesOneAtATimeAtAMinimumOf100PercentAndAnswersAwsErrors() {
    create("refresh", 2, "1");
    Set<String> before =
        awaitInService(as, "refresh", 2, 30).stream()
            .map(Instance::instanceId)
            .collect(Collectors.toSet());
    assertThat(error(() -> as.cancelInstanceRefresh(r -> r.autoScalingGroupName("refresh"))))
        .isEqualTo(
            "ActiveInstanceRefreshNotFound: No in progress or pending Instance Refresh found for"
                + " Auto Scaling group refresh");
    assertThat(
            error(
                () ->
                    as.startInstanceRefresh(
                        r ->
                            r.autoScalingGroupName("refresh")
                                .preferences(p -> p.minHealthyPercentage(101)))))
        .startsWith("ValidationError: MinHealthyPercentage");

    // launches held back, so that the refresh is still in progress when asked to roll back
    as.suspendProcesses(r -> r.autoScalingGroupName("refresh").scalingProcesses("Launch"));
    String id =
        as.startInstanceRefresh(
                r ->
                    r.autoScalingGroupName("refresh")
                        .preferences(p -> p.minHealthyPercentage(100).instanceWarmup(0)))
            .instanceRefreshId();
    assertThat(error(() -> as.rollbackInstanceRefresh(r -> r.autoScalingGroupName("refresh"))))
        .startsWith("IrreversibleInstanceRefresh: ");
    as.resumeProcesses(r -> r.autoScalingGroupName("refresh").scalingProcesses("Launch"));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              long inService =
                  describe(as, "refresh").instances().stream()
                      .filter(i -> i.lifecycleStateAsString().equals("InService"))
                      .count();
              assertThat(inService).isGreaterThanOrEqualTo(1);
              return as.describeInstanceRefreshes(r -> r.autoScalingGroupName("refresh"))
                  .instanceRefreshes()
                  .get(0)
                  .statusAsString()
                  .equals("Successful");
            });
    assertThat(awaitInService(as, "refresh", 2, 30))
        .extracting(Instance::instanceId)
        .doesNotContainAnyElementsOf(before);
    assertThat(
            as.describeInstanceRefreshes(
                    r -> r.autoScalingGroupName("refresh").instanceRefreshIds(id))
                .instanceRefreshes()
                .get(0)
                .preferences()
                .minHealthyPercentage())
        .isEqualTo(100);
    as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("refresh").forceDelete(true));
  }

  @Test
  void metricsCollectionHealthAndAccountSettings() {
    create("settings", 1, "$Latest");
    as.enableMetricsCollection(
        r ->
            r.autoScalingGroupName("settings")
                .granularity("1Minute")
                .metrics("GroupInServiceInstances"));
    assertThat(describe(as, "settings").enabledMetrics())
        .singleElement()
        .satisfies(m -> assertThat(m.metric()).isEqualTo("GroupInServiceInstances"));
    assertThat(
            error(
                () ->
                    as.enableMetricsCollection(
                        r -> r.autoScalingGroupName("settings").granularity("5Minute"))))
        .startsWith("ValidationError: ");
    as.disableMetricsCollection(r -> r.autoScalingGroupName("settings"));
    assertThat(describe(as, "settings").enabledMetrics()).isEmpty();
    assertThat(as.describeMetricCollectionTypes().metrics()).hasSize(20);

    String first = awaitInService(as, "settings", 1, 30).get(0).instanceId();
    as.setInstanceHealth(
        r -> r.instanceId(first).healthStatus("Unhealthy").shouldRespectGracePeriod(false));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              List<Instance> is = describe(as, "settings").instances();
              return is.size() == 1
                  && !is.get(0).instanceId().equals(first)
                  && is.get(0).lifecycleStateAsString().equals("InService");
            });

    assertThat(describe(as, "settings").loadBalancerNames()).isEmpty();
    assertThat(as.describeLoadBalancers(r -> r.autoScalingGroupName("settings")).loadBalancers())
        .isEmpty();
    assertThat(
            error(
                () ->
                    as.attachLoadBalancers(
                        r -> r.autoScalingGroupName("settings").loadBalancerNames("classic"))))
        .startsWith("ValidationError: Provided Load Balancers may not be valid.");

    assertThat(as.describeAccountSettings(r -> {}).settings())
        .singleElement()
        .satisfies(
            s -> assertThat(s.name() + "=" + s.value()).isEqualTo("launchBeforeTerminate=enabled"));
    as.putAccountSetting(r -> r.name("launchBeforeTerminate").value("disabled"));
    assertThat(
            as.describeAccountSettings(r -> r.name("launchBeforeTerminate"))
                .settings()
                .get(0)
                .value())
        .isEqualTo("disabled");
    as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("settings").forceDelete(true));
  }

  @Test
  void launchInstancesLaunchesAtOnceAndRaisesTheDesiredCapacity() {
    create("launch", 0, "$Latest");
    String subnet = subnets.split(",")[1];
    var out =
        as.launchInstances(
            r ->
                r.autoScalingGroupName("launch")
                    .requestedCapacity(2)
                    .subnetIds(subnet)
                    .clientToken("t-1"));
    assertThat(out.errors()).isEmpty();
    assertThat(out.instances())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.subnetId()).isEqualTo(subnet);
              assertThat(c.instanceType()).isEqualTo("t3.micro");
              assertThat(c.instanceIds()).hasSize(2);
            });
    assertThat(describe(as, "launch").desiredCapacity()).isEqualTo(2);
    // a retry with the same token launches nothing more and answers the same instances
    var retried =
        as.launchInstances(
            r ->
                r.autoScalingGroupName("launch")
                    .requestedCapacity(2)
                    .subnetIds(subnet)
                    .clientToken("t-1"));
    assertThat(retried.instances().get(0).instanceIds())
        .isEqualTo(out.instances().get(0).instanceIds());
    assertThat(describe(as, "launch").desiredCapacity()).isEqualTo(2);
    assertThat(
            error(
                () ->
                    as.launchInstances(
                        r ->
                            r.autoScalingGroupName("launch")
                                .requestedCapacity(1)
                                .subnetIds(subnet)
                                .clientToken("t-1"))))
        .startsWith("IdempotentParameterMismatch:");
    assertThat(awaitInService(as, "launch", 2, 30))
        .extracting(Instance::instanceId)
        .containsExactlyInAnyOrderElementsOf(out.instances().get(0).instanceIds());
    assertThat(
            error(
                () ->
                    as.launchInstances(r -> r.autoScalingGroupName("launch").requestedCapacity(3))))
        .startsWith("ValidationError: Launching 3 instances would raise the desired capacity");

    as.putScalingPolicy(
        r ->
            r.autoScalingGroupName("launch")
                .policyName("predict")
                .policyType("PredictiveScaling")
                .predictiveScalingConfiguration(
                    c ->
                        c.metricSpecifications(
                            m ->
                                m.targetValue(50.0)
                                    .predefinedMetricPairSpecification(
                                        p -> p.predefinedMetricType("ASGCPUUtilization")))));
    var forecast =
        as.getPredictiveScalingForecast(
            r ->
                r.autoScalingGroupName("launch")
                    .policyName("predict")
                    .startTime(Instant.now())
                    .endTime(Instant.now().plus(1, ChronoUnit.DAYS)));
    assertThat(forecast.loadForecast()).singleElement();
    assertThat(forecast.capacityForecast().values()).isEmpty();
    assertThat(
            error(
                () ->
                    as.getPredictiveScalingForecast(
                        r ->
                            r.autoScalingGroupName("launch")
                                .policyName("predict")
                                .startTime(Instant.now())
                                .endTime(Instant.now().plus(31, ChronoUnit.DAYS)))))
        .startsWith("ValidationError: ");
    as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("launch").forceDelete(true));
  }
}
