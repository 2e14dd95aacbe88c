package dev.ec2double.autoscaling;

/**
 * What a group launches from: a launch template (by id or name, and a version: a number, {@code
 * $Latest} or {@code $Default}) with an optional instance type override from a mixed instances
 * policy (and the image of that override, which a ReplaceRootVolume refresh needs), or a launch
 * configuration.
 */
record LaunchSource(
    String templateId,
    String templateName,
    String version,
    String instanceTypeOverride,
    String launchConfigurationName,
    boolean mixed,
    String imageOverride)
    implements java.io.Serializable {

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
