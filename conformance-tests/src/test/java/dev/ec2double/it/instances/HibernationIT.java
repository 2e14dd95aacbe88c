package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.awaitState;
import static dev.ec2double.it.Ec2Calls.describe;
import static dev.ec2double.it.Ec2Calls.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * Hibernation's API on the mock backend: HibernationOptions at launch, StopInstances with
 * Hibernate, and what AWS refuses. DockerHibernationIT shows the memory kept.
 */
class HibernationIT {
  private static final String AMI = "ami-0ec2d00000000de12";

  /** An account of its own: the shared server's default account stays as other tests expect. */
  private static final String ACCOUNT = "210000000181";

  private static final java.util.List<String> launched = new java.util.ArrayList<>();
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("us-east-1", ACCOUNT);
  }

  @AfterAll
  static void close() {
    if (!launched.isEmpty()) {
      ec2.terminateInstances(r -> r.instanceIds(launched));
    }
    ec2.close();
  }

  private static String run(Consumer<RunInstancesRequest.Builder> more) {
    String id =
        ec2.runInstances(
                r -> {
                  r.imageId(AMI).instanceType("t3.micro").minCount(1).maxCount(1);
                  more.accept(r);
                })
            .instances()
            .get(0)
            .instanceId();
    launched.add(id);
    return id;
  }

  @Test
  void aConfiguredInstanceHibernatesAndResumes() {
    String id = run(r -> r.hibernationOptions(h -> h.configured(true)));
    awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(10));
    assertThat(describe(ec2, id).hibernationOptions().configured()).isTrue();

    var change = ec2.stopInstances(r -> r.instanceIds(id).hibernate(true)).stoppingInstances();
    assertThat(change.get(0).previousState().name()).isEqualTo(InstanceStateName.RUNNING);
    assertThat(change.get(0).currentState().name()).isEqualTo(InstanceStateName.STOPPING);
    Instance stopped = awaitState(ec2, id, InstanceStateName.STOPPED, Duration.ofSeconds(10));
    assertThat(stopped.stateReason().code()).isEqualTo("Client.UserInitiatedHibernate");

    ec2.startInstances(r -> r.instanceIds(id));
    Instance running = awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(10));
    assertThat(running.stateReason()).isNull();

    // a plain stop of a configured instance is a plain stop
    ec2.stopInstances(r -> r.instanceIds(id));
    assertThat(awaitState(ec2, id, InstanceStateName.STOPPED, Duration.ofSeconds(10)).stateReason())
        .extracting(s -> s.code())
        .isEqualTo("Client.UserInitiatedShutdown");
  }

  @Test
  void anInstanceNotConfiguredIsRefusedAndNothingStops() {
    String plain = run(r -> {});
    String configured = run(r -> r.hibernationOptions(h -> h.configured(true)));
    awaitState(ec2, plain, InstanceStateName.RUNNING, Duration.ofSeconds(10));
    awaitState(ec2, configured, InstanceStateName.RUNNING, Duration.ofSeconds(10));
    assertThat(describe(ec2, plain).hibernationOptions().configured()).isFalse();

    assertThat(
            error(() -> ec2.stopInstances(r -> r.instanceIds(configured, plain).hibernate(true))))
        .isEqualTo(
            "UnsupportedHibernationConfiguration: The instance can't be hibernated because it was"
                + " not configured at launch for hibernation: "
                + plain);
    assertThat(describe(ec2, configured).state().name()).isEqualTo(InstanceStateName.RUNNING);
    assertThat(describe(ec2, plain).state().name()).isEqualTo(InstanceStateName.RUNNING);
  }

  @Test
  void aTypeThatCannotHibernateIsRefusedAtLaunch() {
    assertThat(
            error(
                () ->
                    run(
                        r ->
                            r.instanceType("m5.metal")
                                .hibernationOptions(h -> h.configured(true)))))
        .isEqualTo(
            "UnsupportedHibernationConfiguration: The instance type 'm5.metal' does not support"
                + " hibernation.");
    assertThat(
            error(
                () ->
                    run(
                        r ->
                            r.instanceType("r5.24xlarge")
                                .hibernationOptions(h -> h.configured(true)))))
        .startsWith("UnsupportedHibernationConfiguration: ");
  }

  @Test
  void aConfiguredSpotInstanceHibernatesWhenInterrupted() {
    assertThat(
            error(
                () ->
                    run(
                        r ->
                            r.hibernationOptions(h -> h.configured(true))
                                .instanceMarketOptions(
                                    m ->
                                        m.marketType("spot")
                                            .spotOptions(
                                                o ->
                                                    o.spotInstanceType("persistent")
                                                        .instanceInterruptionBehavior("stop"))))))
        .startsWith("InvalidParameterCombination: ");

    String id =
        run(
            r ->
                r.hibernationOptions(h -> h.configured(true))
                    .instanceMarketOptions(
                        m ->
                            m.marketType("spot")
                                .spotOptions(o -> o.spotInstanceType("persistent"))));
    Instance i = describe(ec2, id);
    assertThat(i.instanceLifecycleAsString()).isEqualTo("spot");
    assertThat(
            ec2.describeSpotInstanceRequests(
                    r -> r.spotInstanceRequestIds(i.spotInstanceRequestId()))
                .spotInstanceRequests()
                .get(0)
                .instanceInterruptionBehaviorAsString())
        .isEqualTo("hibernate");
  }
}
