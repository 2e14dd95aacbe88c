package dev.ec2double.autoscaling;

/**
 * A lifecycle hook: instances entering ({@code autoscaling:EC2_INSTANCE_LAUNCHING}) or leaving
 * ({@code autoscaling:EC2_INSTANCE_TERMINATING}) wait in {@code Pending:Wait} or {@code
 * Terminating:Wait} until the action is completed or the heartbeat timeout passes.
 */
record HookRecord(
    String name,
    String transition,
    int heartbeatTimeout,
    String defaultResult,
    String metadata,
    String notificationTargetArn,
    String roleArn)
    implements java.io.Serializable {

  static final String LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING";
  static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";

  boolean launching() {
    return transition.equals(LAUNCHING);
  }
}
