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

  /** Without instance requirements. */
  LaunchSource(
      String templateId,
      String templateName,
      String version,
      String instanceTypeOverride,
      String launchConfigurationName,
      boolean mixed,
      String imageOverride) {
    this(
        templateId,
        templateName,
        version,
        instanceTypeOverride,
        launchConfigurationName,
        mixed,
        imageOverride,
        null);
  }

  /** Without an image override (the template's image is launched). */
  LaunchSource(
      String templateId,
      String templateName,
      String version,
      String instanceTypeOverride,
      String launchConfigurationName,
      boolean mixed) {
    this(
        templateId,
        templateName,
        version,
        instanceTypeOverride,
        launchConfigurationName,
        mixed,
        null);
  }

  boolean template() {
    return launchConfigurationName == null;
  }
}
