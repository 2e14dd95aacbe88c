package dev.ec2double.autoscaling;

/**
 * What a group launches from: a launch template (by id or name, and a version: a number, {@code
 * $Latest} or {@code $Default}) with an optional instance type override from a mixed instances
 * policy, or a launch configuration.
 */
record LaunchSource(
    String templateId,
    String templateName,
    String version,
    String instanceTypeOverride,
    String launchConfigurationName,
    boolean mixed)
    implements java.io.Serializable {

  boolean template() {
    return launchConfigurationName == null;
  }
}
