package dev.ec2double.it.autoscaling;

import static dev.ec2double.it.autoscaling.Groups.awaitInService;
import static dev.ec2double.it.autoscaling.Groups.describe;
import static dev.ec2double.it.autoscaling.Groups.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.Clients;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.Filter;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Auto Scaling groups through the SDK on the mock backend: they launch their instances through
 * RunInstances (so EC2 shows them, tagged), spread over the subnets' zones, replace what is
 * terminated behind their back, and answer bad input with Auto Scaling's own errors.
 */
class AutoScalingGroupsIT {
  private static final String ACCOUNT = "210000000161";
  private static final String AMI = "ami-0ec2d00000000de12";
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
                    r.launchTemplateName("asg-web")
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

  private static void create(String name, int min, int max, int desired) {
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName(name)
                .launchTemplate(t -> t.launchTemplateId(template).version("$Latest"))
                .minSize(min)
                .maxSize(max)
                .desiredCapacity(desired)
                .vpcZoneIdentifier(subnets)
                .tags(
                    Tag.builder().key("team").value("web").propagateAtLaunch(true).build(),
                    Tag.builder().key("cost").value("none").propagateAtLaunch(false).build()));
  }

  @Test
  void aGroupKeepsItsDesiredCapacityOfTaggedInstancesOverTwoZones() {
    create("keeps-capacity", 0, 4, 3);

    List<Instance> members = awaitInService(as, "keeps-capacity", 3, 30);

    assertThat(members.stream().map(Instance::availabilityZone).distinct())
        .containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
    var ids = members.stream().map(Instance::instanceId).toList();
    var instances =
        ec2.describeInstances(r -> r.instanceIds(ids)).reservations().stream()
            .flatMap(r -> r.instances().stream())
            .toList();
    assertThat(instances).hasSize(3);
    for (var i : instances) {
      Map<String, String> tags =
          i.tags().stream()
              .collect(
                  Collectors.toMap(
                      software.amazon.awssdk.services.ec2.model.Tag::key,
                      software.amazon.awssdk.services.ec2.model.Tag::value));
      assertThat(tags)
          .containsEntry("aws:autoscaling:groupName", "keeps-capacity")
          .containsEntry("team", "web")
          .doesNotContainKey("cost");
      assertThat(i.instanceTypeAsString()).isEqualTo("t3.micro");
    }
    List<Activity> activities =
        as.describeScalingActivities(r -> r.autoScalingGroupName("keeps-capacity")).activities();
    assertThat(activities).hasSize(3);
    assertThat(activities)
        .allSatisfy(
            a -> {
              assertThat(a.statusCode()).isEqualTo(ScalingActivityStatusCode.SUCCESSFUL);
              assertThat(a.progress()).isEqualTo(100);
              assertThat(a.description()).startsWith("Launching a new EC2 instance: i-");
              assertThat(a.cause())
                  .contains(
                      "a user request created an AutoScalingGroup changing the desired"
                          + " capacity from 0 to 3")
                  .contains("increasing the capacity from 0 to 3");
              assertThat(a.endTime()).isNotNull();
            });

    // terminated behind the group's back: replaced by a new instance
    String victim = ids.get(0);
    ec2.terminateInstances(r -> r.instanceIds(victim));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              List<Instance> now = describe(as, "keeps-capacity").instances();
              return now.size() == 3
                  && now.stream().noneMatch(i -> i.instanceId().equals(victim))
                  && now.stream().allMatch(i -> i.lifecycleState() == LifecycleState.IN_SERVICE);
            });
    assertThat(
            as.describeScalingActivities(r -> r.autoScalingGroupName("keeps-capacity"))
                .activities())
        .anySatisfy(
            a ->
                assertThat(a.cause())
                    .contains(
                        "in response to an EC2 health check indicating it has been"
                            + " terminated or stopped"));

    // scale in to 1, then delete with force: the instances end with the group
    as.setDesiredCapacity(r -> r.autoScalingGroupName("keeps-capacity").desiredCapacity(1));
    List<Instance> one = awaitInService(as, "keeps-capacity", 1, 30);
    assertThat(
            error(() -> as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("keeps-capacity"))))
        .startsWith(
            "ResourceInUse: You cannot delete an AutoScalingGroup while there are instances");
    as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("keeps-capacity").forceDelete(true));
    await().atMost(Duration.ofSeconds(30)).until(() -> describe(as, "keeps-capacity") == null);
    assertThat(
            ec2.describeInstances(r -> r.instanceIds(one.get(0).instanceId()))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .state()
                .name())
        .isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
  }

  @Test
  void badSizesAndNamesAreValidationErrorsAndNothingIsStored() {
    assertThat(error(() -> create("bad-sizes", 3, 1, 2)))
        .isEqualTo("ValidationError: Max bound, 1, must be greater than or equal to min bound, 3");
    assertThat(error(() -> create("bad-desired", 0, 2, 5)))
        .isEqualTo(
            "ValidationError: Desired capacity:5 must be between the specified min size:0 and"
                + " max size:2");
    assertThat(describe(as, "bad-sizes")).isNull();
    assertThat(
            error(
                () ->
                    as.createAutoScalingGroup(
                        r ->
                            r.autoScalingGroupName("no-template")
                                .launchTemplate(t -> t.launchTemplateName("nope"))
                                .minSize(0)
                                .maxSize(1)
                                .vpcZoneIdentifier(subnets))))
        .startsWith("ValidationError: You must use a valid fully-formed launch template.");
    assertThat(
            error(
                () ->
                    as.createAutoScalingGroup(
                        r -> r.autoScalingGroupName("no-source").minSize(0).maxSize(1))))
        .startsWith("ValidationError: Valid requests must contain either LaunchTemplate");
    assertThat(error(() -> as.createAutoScalingGroup(r -> r.minSize(0).maxSize(1))))
        .startsWith(
            "ValidationError: 1 validation error detected: Value null at"
                + " 'autoScalingGroupName'");
    assertThat(
            error(
                () ->
                    as.setDesiredCapacity(
                        r -> r.autoScalingGroupName("not-there").desiredCapacity(1))))
        .isEqualTo("ValidationError: AutoScalingGroup name not found - not-there");
  }

  @Test
  void desiredCapacityOutsideTheBoundsAndDuplicatesAreRefused() {
    create("bounds", 1, 2, 1);
    try {
      assertThat(error(() -> create("bounds", 1, 2, 1)))
          .startsWith("AlreadyExists: AutoScalingGroup by this name already exists");
      assertThat(
              error(
                  () ->
                      as.setDesiredCapacity(
                          r -> r.autoScalingGroupName("bounds").desiredCapacity(3))))
          .isEqualTo(
              "ValidationError: New SetDesiredCapacity value 3 is above max value 2 for the"
                  + " AutoScalingGroup.");
      assertThat(
              error(
                  () ->
                      as.setDesiredCapacity(
                          r -> r.autoScalingGroupName("bounds").desiredCapacity(0))))
          .isEqualTo(
              "ValidationError: New SetDesiredCapacity value 0 is below min value 1 for the"
                  + " AutoScalingGroup.");
      assertThat(describe(as, "bounds").desiredCapacity()).isEqualTo(1);
      // raising the minimum raises the desired capacity with it
      as.updateAutoScalingGroup(r -> r.autoScalingGroupName("bounds").minSize(2));
      assertThat(describe(as, "bounds").desiredCapacity()).isEqualTo(2);
    } finally {
      as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("bounds").forceDelete(true));
    }
  }

  @Test
  void tagsAreDescribedFilteredAndDeleted() {
    create("tagged", 0, 1, 0);
    try {
      as.createOrUpdateTags(
          r ->
              r.tags(
                  Tag.builder()
                      .resourceId("tagged")
                      .resourceType("auto-scaling-group")
                      .key("env")
                      .value("test")
                      .propagateAtLaunch(true)
                      .build()));
      assertThat(
              as.describeAutoScalingGroups(
                      r -> r.filters(Filter.builder().name("tag:env").values("test").build()))
                  .autoScalingGroups())
          .extracting(g -> g.autoScalingGroupName())
          .containsExactly("tagged");
      assertThat(
              as.describeTags(
                      r ->
                          r.filters(
                              Filter.builder().name("auto-scaling-group").values("tagged").build()))
                  .tags())
          .extracting(t -> t.key() + "=" + t.value() + ":" + t.propagateAtLaunch())
          .containsExactlyInAnyOrder("team=web:true", "cost=none:false", "env=test:true");
      as.deleteTags(r -> r.tags(Tag.builder().resourceId("tagged").key("env").build()));
      assertThat(
              as.describeAutoScalingGroups(
                      r -> r.filters(Filter.builder().name("tag-key").values("env").build()))
                  .autoScalingGroups())
          .isEmpty();
      assertThat(
              error(
                  () ->
                      as.describeAutoScalingGroups(
                          r -> r.filters(Filter.builder().name("colour").values("x").build()))))
          .startsWith("ValidationError: Filter type colour is not correct.");
    } finally {
      as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("tagged"));
    }
    assertThat(describe(as, "tagged")).isNull();
  }

  @Test
  void launchConfigurationsLaunchAndCannotBeDeletedWhileInUse() {
    as.createLaunchConfiguration(
        r -> r.launchConfigurationName("lc-small").imageId(AMI).instanceType("t3.nano"));
    assertThat(
            error(
                () ->
                    as.createLaunchConfiguration(
                        r ->
                            r.launchConfigurationName("lc-small")
                                .imageId(AMI)
                                .instanceType("t3.nano"))))
        .startsWith("AlreadyExists:");
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName("from-lc")
                .launchConfigurationName("lc-small")
                .minSize(1)
                .maxSize(1)
                .availabilityZones("us-east-1b"));
    List<Instance> members = awaitInService(as, "from-lc", 1, 30);
    assertThat(members.get(0).launchConfigurationName()).isEqualTo("lc-small");
    assertThat(members.get(0).availabilityZone()).isEqualTo("us-east-1b");
    assertThat(
            as.describeAutoScalingInstances(r -> r.instanceIds(members.get(0).instanceId()))
                .autoScalingInstances()
                .get(0)
                .autoScalingGroupName())
        .isEqualTo("from-lc");
    assertThat(
            error(() -> as.deleteLaunchConfiguration(r -> r.launchConfigurationName("lc-small"))))
        .startsWith("ResourceInUse:");
    as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("from-lc").forceDelete(true));
    await().atMost(Duration.ofSeconds(30)).until(() -> describe(as, "from-lc") == null);
    as.deleteLaunchConfiguration(r -> r.launchConfigurationName("lc-small"));
    assertThat(
            as.describeLaunchConfigurations(r -> r.launchConfigurationNames("lc-small"))
                .launchConfigurations())
        .isEmpty();
  }

  @Test
  void aLaunchHookHoldsTheInstanceInPendingWaitUntilCompleted() {
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName("hooked")
                .launchTemplate(t -> t.launchTemplateName("asg-web"))
                .minSize(0)
                .maxSize(1)
                .desiredCapacity(0)
                .vpcZoneIdentifier(subnets));
    try {
      as.putLifecycleHook(
          r ->
              r.autoScalingGroupName("hooked")
                  .lifecycleHookName("warm-up")
                  .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING")
                  .heartbeatTimeout(600)
                  .defaultResult("ABANDON"));
      as.setDesiredCapacity(r -> r.autoScalingGroupName("hooked").desiredCapacity(1));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  describe(as, "hooked").instances().stream()
                      .anyMatch(i -> i.lifecycleState() == LifecycleState.PENDING_WAIT));
      String id = describe(as, "hooked").instances().get(0).instanceId();
      assertThat(
              error(
                  () ->
                      as.completeLifecycleAction(
                          r ->
                              r.autoScalingGroupName("hooked")
                                  .lifecycleHookName("other")
                                  .instanceId(id)
                                  .lifecycleActionResult("CONTINUE"))))
          .startsWith("ValidationError: No Lifecycle Hook found with name other");
      as.recordLifecycleActionHeartbeat(
          r -> r.autoScalingGroupName("hooked").lifecycleHookName("warm-up").instanceId(id));
      assertThat(describe(as, "hooked").instances().get(0).lifecycleState())
          .isEqualTo(LifecycleState.PENDING_WAIT);
      as.completeLifecycleAction(
          r ->
              r.autoScalingGroupName("hooked")
                  .lifecycleHookName("warm-up")
                  .instanceId(id)
                  .lifecycleActionResult("CONTINUE"));
      assertThat(awaitInService(as, "hooked", 1, 30).get(0).instanceId()).isEqualTo(id);
    } finally {
      as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("hooked").forceDelete(true));
    }
  }

  @Test
  void simpleAndStepPoliciesChangeTheDesiredCapacityWhenExecuted() {
    create("policies", 0, 4, 0);
    try {
      String arn =
          as.putScalingPolicy(
                  r ->
                      r.autoScalingGroupName("policies")
                          .policyName("add-two")
                          .adjustmentType("ChangeInCapacity")
                          .scalingAdjustment(2))
              .policyARN();
      assertThat(arn)
          .startsWith("arn:aws:autoscaling:us-east-1:" + ACCOUNT + ":scalingPolicy:")
          .endsWith(":autoScalingGroupName/policies:policyName/add-two");
      as.putScalingPolicy(
          r ->
              r.autoScalingGroupName("policies")
                  .policyName("steps")
                  .policyType("StepScaling")
                  .adjustmentType("ExactCapacity")
                  .stepAdjustments(
                      s -> s.metricIntervalUpperBound(10.0).scalingAdjustment(1),
                      s -> s.metricIntervalLowerBound(10.0).scalingAdjustment(3)));
      var tracking =
          as.putScalingPolicy(
              r ->
                  r.autoScalingGroupName("policies")
                      .policyName("cpu")
                      .policyType("TargetTrackingScaling")
                      .targetTrackingConfiguration(
                          t ->
                              t.targetValue(50.0)
                                  .predefinedMetricSpecification(
                                      m -> m.predefinedMetricType("ASGAverageCPUUtilization"))));
      assertThat(tracking.alarms()).hasSize(2);

      as.executePolicy(r -> r.autoScalingGroupName("policies").policyName("add-two"));
      assertThat(describe(as, "policies").desiredCapacity()).isEqualTo(2);
      as.executePolicy(
          r ->
              r.autoScalingGroupName("policies")
                  .policyName("steps")
                  .metricValue(75.0)
                  .breachThreshold(60.0));
      assertThat(describe(as, "policies").desiredCapacity()).isEqualTo(3);
      as.executePolicy(r -> r.policyName(arn)); // by ARN, and within max
      assertThat(describe(as, "policies").desiredCapacity()).isEqualTo(4);

      assertThat(
              error(
                  () ->
                      as.executePolicy(r -> r.autoScalingGroupName("policies").policyName("cpu"))))
          .isEqualTo(
              "ValidationError: ExecutePolicy is not supported for a TargetTrackingScaling"
                  + " policy.");
      assertThat(
              error(
                  () ->
                      as.putScalingPolicy(
                          r ->
                              r.autoScalingGroupName("policies")
                                  .policyName("no-label")
                                  .policyType("TargetTrackingScaling")
                                  .targetTrackingConfiguration(
                                      t ->
                                          t.targetValue(10.0)
                                              .predefinedMetricSpecification(
                                                  m ->
                                                      m.predefinedMetricType(
                                                          "ALBRequestCountPerTarget"))))))
          .startsWith("ValidationError: ResourceLabel must be app/");
      assertThat(as.describePolicies(r -> r.autoScalingGroupName("policies")).scalingPolicies())
          .extracting(p -> p.policyName() + ":" + p.policyType())
          .containsExactly(
              "add-two:SimpleScaling", "steps:StepScaling", "cpu:TargetTrackingScaling");
      as.deletePolicy(r -> r.autoScalingGroupName("policies").policyName("steps"));
      assertThat(
              error(
                  () ->
                      as.deletePolicy(r -> r.autoScalingGroupName("policies").policyName("steps"))))
          .startsWith("ValidationError:");
    } finally {
      as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("policies").forceDelete(true));
    }
  }

  @Test
  void instancesGoToStandbyAndBackDetachAndAreTerminatedByRequest() {
    create("standby", 1, 3, 2);
    try {
      List<Instance> two = awaitInService(as, "standby", 2, 30);
      String first = two.get(0).instanceId();
      String second = two.get(1).instanceId();
      as.enterStandby(
          r ->
              r.autoScalingGroupName("standby")
                  .instanceIds(first)
                  .shouldDecrementDesiredCapacity(true));
      var g = describe(as, "standby");
      assertThat(g.desiredCapacity()).isEqualTo(1);
      assertThat(g.instances())
          .filteredOn(i -> i.instanceId().equals(first))
          .extracting(Instance::lifecycleState)
          .containsExactly(LifecycleState.STANDBY);
      as.exitStandby(r -> r.autoScalingGroupName("standby").instanceIds(first));
      assertThat(awaitInService(as, "standby", 2, 30))
          .extracting(Instance::instanceId)
          .containsExactlyInAnyOrder(first, second);

      as.setInstanceProtection(
          r -> r.autoScalingGroupName("standby").instanceIds(second).protectedFromScaleIn(true));
      as.setDesiredCapacity(r -> r.autoScalingGroupName("standby").desiredCapacity(1));
      assertThat(awaitInService(as, "standby", 1, 30))
          .extracting(Instance::instanceId)
          .containsExactly(second);

      assertThat(
              error(
                  () ->
                      as.terminateInstanceInAutoScalingGroup(
                          r -> r.instanceId(second).shouldDecrementDesiredCapacity(true))))
          .startsWith("ValidationError: Currently, desiredCapacity=1 and minSize=1.");
      var activity =
          as.terminateInstanceInAutoScalingGroup(
                  r -> r.instanceId(second).shouldDecrementDesiredCapacity(false))
              .activity();
      assertThat(activity.description()).isEqualTo("Terminating EC2 instance: " + second);
      List<Instance> replaced = awaitInService(as, "standby", 1, 30);
      assertThat(replaced.get(0).instanceId()).isNotEqualTo(second);

      as.detachInstances(
          r ->
              r.autoScalingGroupName("standby")
                  .instanceIds(replaced.get(0).instanceId())
                  .shouldDecrementDesiredCapacity(false));
      List<Instance> after = awaitInService(as, "standby", 1, 30);
      assertThat(after.get(0).instanceId()).isNotEqualTo(replaced.get(0).instanceId());
      assertThat(
              ec2.describeInstances(r -> r.instanceIds(replaced.get(0).instanceId()))
                  .reservations()
                  .get(0)
                  .instances()
                  .get(0)
                  .state()
                  .name())
          .isEqualTo(InstanceStateName.RUNNING); // detached, not terminated
      assertThat(
              error(
                  () ->
                      as.terminateInstanceInAutoScalingGroup(
                          r ->
                              r.instanceId(replaced.get(0).instanceId())
                                  .shouldDecrementDesiredCapacity(false))))
          .startsWith("ValidationError: Instance Id not found");
      ec2.terminateInstances(r -> r.instanceIds(replaced.get(0).instanceId()));
    } finally {
      as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("standby").forceDelete(true));
    }
  }

  @Test
  void accountLimitsCountWhatExists() {
    var limits = as.describeAccountLimits();
    assertThat(limits.maxNumberOfAutoScalingGroups()).isEqualTo(500);
    assertThat(limits.maxNumberOfLaunchConfigurations()).isEqualTo(200);
    assertThat(limits.numberOfAutoScalingGroups()).isGreaterThanOrEqualTo(0);
  }
}
