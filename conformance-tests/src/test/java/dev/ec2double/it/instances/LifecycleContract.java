package dev.ec2double.it.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * The instance lifecycle as an SDK user sees it. Runs on both backends; the docker subclass also
 * asserts what happened to the container at each step.
 */
abstract class LifecycleContract {
  protected abstract Ec2Client ec2();

  protected abstract String ami();

  /** Container-side checks; the mock backend has none. */
  protected void assertMachineRunning(String instanceId) {}

  protected void assertMachineStopped(String instanceId) {}

  protected void assertMachineGone(String instanceId) {}

  private Ec2Waiter waiter;

  /** The SDK's own waiters, polling every 200 ms instead of every 15 s. */
  protected Ec2Waiter waiter() {
    if (waiter == null) {
      waiter =
          Ec2Waiter.builder()
              .client(ec2())
              .overrideConfiguration(
                  WaiterOverrideConfiguration.builder()
                      .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200)))
                      .maxAttempts(300)
                      .build())
              .build();
    }
    return waiter;
  }

  protected Instance describe(String id) {
    return ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
  }

  protected String run(TestInfo test, String userData) {
    RunInstancesResponse run =
        ec2()
            .runInstances(
                r -> {
                  r.imageId(ami())
                      .instanceType("t3.micro")
                      .minCount(1)
                      .maxCount(1)
                      .tagSpecifications(
                          TagSpecification.builder()
                              .resourceType(ResourceType.INSTANCE)
                              .tags(Tag.builder().key("Name").value(test.getDisplayName()).build())
                              .build());
                  if (userData != null) {
                    r.userData(
                        Base64.getEncoder()
                            .encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
                  }
                });
    assertThat(run.instances()).hasSize(1);
    assertThat(run.instances().get(0).state().name()).isEqualTo(InstanceStateName.PENDING);
    return run.instances().get(0).instanceId();
  }

  protected void waitRunning(String id) {
    waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
  }

  @Test
  void runsAnInstanceThatBecomesRunningWithItsAttributes(TestInfo test) {
    String id = run(test, null);

    waitRunning(id);

    Instance i = describe(id);
    assertThat(i.state().name()).isEqualTo(InstanceStateName.RUNNING);
    assertThat(i.imageId()).isEqualTo(ami());
    assertThat(i.instanceTypeAsString()).isEqualTo("t3.micro");
    assertThat(i.privateIpAddress()).startsWith("172.31.");
    assertThat(i.privateDnsName())
        .isEqualTo("ip-" + i.privateIpAddress().replace('.', '-') + ".ec2.internal");
    assertThat(i.placement().availabilityZone()).startsWith("us-east-1");
    assertThat(i.tags()).contains(Tag.builder().key("Name").value(test.getDisplayName()).build());
    assertThat(i.launchTime()).isNotNull();
    assertThat(i.vpcId()).startsWith("vpc-");
    assertThat(i.subnetId()).startsWith("subnet-");
    assertMachineRunning(id);
    ec2().terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void reportsStatusOkOnceRunning(TestInfo test) {
    String id = run(test, null);

    waiter().waitUntilInstanceStatusOk(r -> r.instanceIds(id));

    var status = ec2().describeInstanceStatus(r -> r.instanceIds(id)).instanceStatuses().get(0);
    assertThat(status.instanceStatus().statusAsString()).isEqualTo("ok");
    assertThat(status.systemStatus().statusAsString()).isEqualTo("ok");
    assertThat(status.instanceState().name()).isEqualTo(InstanceStateName.RUNNING);
    ec2().terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void stopsAndStartsKeepingItsAddress(TestInfo test) {
    String id = run(test, null);
    waitRunning(id);
    String ip = describe(id).privateIpAddress();

    var stopping = ec2().stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
    assertThat(stopping.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
    assertThat(stopping.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
    waiter().waitUntilInstanceStopped(r -> r.instanceIds(id));
    assertThat(describe(id).stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
    assertMachineStopped(id);

    var starting = ec2().startInstances(r -> r.instanceIds(id)).startingInstances().get(0);
    assertThat(starting.previousState().name()).isEqualTo(InstanceStateName.STOPPED);
    assertThat(starting.currentState().name()).isEqualTo(InstanceStateName.PENDING);
    waitRunning(id);
    assertThat(describe(id).privateIpAddress()).isEqualTo(ip);
    assertMachineRunning(id);
    ec2().terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void terminatesAndStaysVisibleAsTerminated(TestInfo test) {
    String id = run(test, null);
    waitRunning(id);

    var change = ec2().terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
    assertThat(change.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
    waiter().waitUntilInstanceTerminated(r -> r.instanceIds(id));

    assertThat(describe(id).state().code()).isEqualTo(48);
    assertMachineGone(id);
    assertThatThrownBy(() -> ec2().startInstances(r -> r.instanceIds(id)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IncorrectInstanceState"));
  }

  @Test
  void refusesToTerminateAProtectedInstance(TestInfo test) {
    String id = run(test, null);
    ec2().modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(a -> a.value(true)));

    assertThatThrownBy(() -> ec2().terminateInstances(r -> r.instanceIds(id)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("OperationNotPermitted"));
    waitRunning(id);
    assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.RUNNING);

    ec2().modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(a -> a.value(false)));
    ec2().terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void changesTheTypeOnlyWhileStopped(TestInfo test) {
    String id = run(test, null);
    waitRunning(id);

    assertThatThrownBy(
            () ->
                ec2()
                    .modifyInstanceAttribute(
                        r -> r.instanceId(id).instanceType(a -> a.value("t3.large"))))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IncorrectInstanceState"));

    ec2().stopInstances(r -> r.instanceIds(id));
    waiter().waitUntilInstanceStopped(r -> r.instanceIds(id));
    ec2().modifyInstanceAttribute(r -> r.instanceId(id).instanceType(a -> a.value("t3.large")));

    assertThat(describe(id).instanceTypeAsString()).isEqualTo("t3.large");
    assertThat(
            ec2()
                .describeInstanceAttribute(r -> r.instanceId(id).attribute("instanceType"))
                .instanceType()
                .value())
        .isEqualTo("t3.large");
    ec2().terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void filtersInstancesByStateAndTag(TestInfo test) {
    String a = run(test, null);
    String b = run(test, null);
    waitRunning(a);
    waitRunning(b);
    ec2().stopInstances(r -> r.instanceIds(b));
    waiter().waitUntilInstanceStopped(r -> r.instanceIds(b));

    List<String> running =
        ec2()
            .describeInstances(
                r ->
                    r.filters(
                        Filter.builder().name("tag:Name").values(test.getDisplayName()).build(),
                        Filter.builder().name("instance-state-name").values("running").build()))
            .reservations()
            .stream()
            .flatMap(res -> res.instances().stream())
            .map(Instance::instanceId)
            .toList();

    assertThat(running).containsExactly(a);
    ec2().terminateInstances(r -> r.instanceIds(a, b));
  }

  @Test
  void reportsUnknownInstancesAsAwsDoes() {
    assertThatThrownBy(() -> ec2().describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
              assertThat(e.awsErrorDetails().errorMessage()).contains("i-0123456789abcdef0");
            });
    assertThatThrownBy(() -> ec2().stopInstances(r -> r.instanceIds("not-an-id")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("InvalidInstanceID.Malformed"));
  }

  @Test
  void rejectsAnUnknownAmiAndType() {
    assertThatThrownBy(
            () ->
                ec2().runInstances(r -> r.imageId("ami-0000000000000dead").minCount(1).maxCount(1)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound"));
    assertThatThrownBy(
            () ->
                ec2()
                    .runInstances(
                        r -> r.imageId(ami()).instanceType("t3.gigantic").minCount(1).maxCount(1)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
  }
}
