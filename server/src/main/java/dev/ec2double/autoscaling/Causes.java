package dev.ec2double.autoscaling;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The wording of activity causes, as AWS writes them ("At 2026-12-03T19:40:00Z a user ..."). */
final class Causes {
  private Causes() {}

  static String at(Instant t) {
    return "At " + t.truncatedTo(ChronoUnit.SECONDS);
  }

  static String started(Instant t, int from, int to) {
    return at(t)
        + " an instance was started in response to a difference between desired and actual"
        + " capacity, increasing the capacity from "
        + from
        + " to "
        + to
        + ".";
  }

  static String shrunk(Instant t, int from, int to) {
    return at(t)
        + " an instance was taken out of service in response to a difference between desired and"
        + " actual capacity, shrinking the capacity from "
        + from
        + " to "
        + to
        + ".";
  }

  static String ec2Unhealthy(Instant t) {
    return at(t)
        + " an instance was taken out of service in response to an EC2 health check indicating it"
        + " has been terminated or stopped.";
  }

  static String statusCheckFailed(Instant t) {
    return at(t)
        + " an instance was taken out of service in response to an EC2 instance status checks"
        + " failure.";
  }

  static String elbUnhealthy(Instant t) {
    return at(t)
        + " an instance was taken out of service in response to an ELB system health check"
        + " failure.";
  }

  static String userTerminated(Instant t, String id, boolean decrement) {
    return at(t)
        + " instance "
        + id
        + " was taken out of service in response to a user request"
        + (decrement ? ", shrinking the capacity." : ".");
  }

  /** A change of the group's sizes ("a user request", "a scheduled action") and its capacity. */
  static String constraints(Instant t, String who, int min, int max, int from, int to) {
    return at(t)
        + " "
        + who
        + " update of AutoScalingGroup constraints to min: "
        + min
        + ", max: "
        + max
        + ", desired: "
        + to
        + " changing the desired capacity from "
        + from
        + " to "
        + to
        + ".";
  }
}
