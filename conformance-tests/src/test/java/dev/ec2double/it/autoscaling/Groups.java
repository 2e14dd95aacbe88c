package dev.ec2double.it.autoscaling;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;

/** Calls the Auto Scaling ITs share. */
final class Groups {
  private Groups() {}

  static AutoScalingGroup describe(AutoScalingClient as, String name) {
    List<AutoScalingGroup> groups =
        as.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups();
    return groups.isEmpty() ? null : groups.get(0);
  }

  /** Waits until the group has exactly {@code count} instances, all InService; those instances. */
  static List<Instance> awaitInService(AutoScalingClient as, String name, int count, int seconds) {
    await()
        .atMost(Duration.ofSeconds(seconds))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              List<Instance> is = describe(as, name).instances();
              return is.size() == count
                  && is.stream().allMatch(i -> i.lifecycleState() == LifecycleState.IN_SERVICE);
            });
    return describe(as, name).instances();
  }

  /** The error code an Auto Scaling call fails with. */
  static String error(Runnable call) {
    try {
      call.run();
    } catch (AutoScalingException e) {
      return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("the call succeeded");
  }
}
