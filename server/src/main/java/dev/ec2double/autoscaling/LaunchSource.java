package dev.ec2double.autoscaling;

/**
 * What a group launches from: a launch template (by id or name, and a version: a number, {@code
 * $Latest} or {@code $Default}) with an optional instance type override from a mixed instances
 * policy (and the image of that override, which a ReplaceRootVolume refresh needs; or the type
 * chosen for the override's InstanceRequirements, kept as given), or a launch configuration.
 */
record LaunchSource(
    String templateId,
    String templateName,
    String version,
    String instanceTypeOverride,
    String launchConfigurationName,
    boolean mixed,
    String imageOverride,
    software.amazon.awssdk.services.autoscaling.model.InstanceRequirements requirements)
    implements java.io.Serializable {

  /** A launch configuration, by name. */
  static LaunchSource configuration(String name) {
    return new LaunchSource(null, null, null, null, name, false, null, null);
  }

  /** A launch template's version as it is: no override, no mixed instances policy. */
  static LaunchSource template(String id, String name, String version) {
    return new LaunchSource(id, name, version, null, null, false, null, null);
  }

  boolean template() {
    return launchConfigurationName == null;
  }
}
