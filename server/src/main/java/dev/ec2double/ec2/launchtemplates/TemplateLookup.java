package dev.ec2double.ec2.launchtemplates;

import dev.ec2double.core.RegionState;
import dev.ec2double.errors.AwsException;
import java.util.regex.Pattern;

/**
 * Finds the template a call names, by id or by name (one of them, not both), and its versions by
 * number, {@code $Latest} or {@code $Default}, with the errors EC2 answers. Call under the store's
 * lock.
 */
final class TemplateLookup {
  private static final Pattern ID = Pattern.compile("lt-[0-9a-f]{17}");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]{3,128}");

  private TemplateLookup() {}

  static LaunchTemplateStore.Template find(RegionState state, String id, String name) {
    if (id != null && name != null) {
      throw AwsException.invalidParameterCombination(
          "You must specify either the launch template ID or the launch template name in the"
              + " request, but not both.");
    }
    if (id == null && name == null) {
      throw AwsException.missingParameter("launchTemplateName or launchTemplateId");
    }
    LaunchTemplateStore store = LaunchTemplateStore.of(state);
    if (id != null) {
      return byId(store, id);
    }
    return store
        .byName(name)
        .orElseThrow(
            () ->
                new AwsException(
                    "InvalidLaunchTemplateName.NotFoundException",
                    "The specified launch template, with template name "
                        + name
                        + ", does not exist."));
  }

  static LaunchTemplateStore.Template byId(LaunchTemplateStore store, String id) {
    if (!ID.matcher(id).matches()) {
      throw new AwsException(
          "InvalidLaunchTemplateId.Malformed",
          "The specified ID for the launch template, " + id + ", is malformed.");
    }
    LaunchTemplateStore.Template t = store.byId.get(id);
    if (t == null) {
      throw new AwsException(
          "InvalidLaunchTemplateId.NotFound",
          "The specified launch template, with template ID " + id + ", does not exist.");
    }
    return t;
  }

  /** A version by {@code $Latest}, {@code $Default} (also when none is given) or number. */
  static LaunchTemplateStore.Version version(LaunchTemplateStore.Template t, String version) {
    Long n = number(t, version);
    LaunchTemplateStore.Version v = n == null ? null : t.versions.get(n);
    if (v == null) {
      throw versionNotFound(t, version);
    }
    return v;
  }

  /** The number a version selector names, or null when it is not one. */
  static Long number(LaunchTemplateStore.Template t, String version) {
    if (version == null || version.equals("$Default")) {
      return t.defaultVersion;
    }
    if (version.equals("$Latest")) {
      return t.latest();
    }
    try {
      return Long.parseLong(version.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static AwsException versionNotFound(LaunchTemplateStore.Template t, String version) {
    return new AwsException(
        "InvalidLaunchTemplateId.VersionNotFound",
        "Could not find the specified version "
            + version
            + " for the launch template with ID "
            + t.id
            + ".");
  }

  /** CreateLaunchTemplate's rule for names. */
  static void checkName(String name) {
    if (name == null) {
      throw AwsException.missingParameter("LaunchTemplateName");
    }
    if (!NAME.matcher(name).matches()) {
      throw new AwsException(
          "InvalidLaunchTemplateName.MalformedException",
          "A launch template name must be between 3 and 128 characters, and may contain letters,"
              + " numbers, and the following characters: - ( ) . / _.");
    }
  }
}
