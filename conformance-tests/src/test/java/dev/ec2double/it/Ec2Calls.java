package dev.ec2double.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * What the ITs share: a filter, the error a call answers, an instance as DescribeInstances shows
 * it, and waiting for its state.
 */
public final class Ec2Calls {
  private Ec2Calls() {}

  public static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  /** "Code: message" of the error the call answers; fails the test when it succeeds. */
  public static String error(Runnable call) {
    try {
      call.run();
    } catch (Ec2Exception e) {
      return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("the call succeeded");
  }

  /** Fails the test unless the call answers AWS's error with this code. */
  public static void assertError(Runnable call, String code) {
    String error = error(call);
    if (!error.startsWith(code + ": ")) {
      throw new AssertionError("expected the error " + code + ", got " + error);
    }
  }

  /** The instance as DescribeInstances shows it now. */
  public static Instance describe(Ec2Client client, String id) {
    return client
        .describeInstances(r -> r.instanceIds(id))
        .reservations()
        .get(0)
        .instances()
        .get(0);
  }

  /** Waits (polling every 100 ms, at most {@code atMost}) until the instance is in the state. */
  public static Instance awaitState(
      Ec2Client client, String id, InstanceStateName state, Duration atMost) {
    return await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> describe(client, id), i -> i.state().name() == state);
  }
}
