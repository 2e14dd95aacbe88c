package dev.ec2double.ec2.launchtemplates;

import dev.ec2double.core.RegionState;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;

/**
 * Which versions DescribeLaunchTemplateVersions answers with: of one template (by id or name) the
 * versions asked for, or all of them newest first; without a template, the {@code $Latest} and/or
 * {@code $Default} version of every template. Call under the store's lock.
 */
final class DescribedVersions {
  record Of(LaunchTemplateStore.Template template, LaunchTemplateStore.Version version) {}

  private static final String ONE_OR_ALL =
      "To describe the launch template data for all your launch templates, for Versions specify"
          + " $Latest, $Default, or both, and omit LaunchTemplateId, LaunchTemplateName, and version"
          + " numbers. To describe the launch template data for a specific launch template, specify"
          + " LaunchTemplateId or LaunchTemplateName, and for Versions specify one or more of the"
          + " following values: $Latest, $Default, or one or more version numbers.";

  private DescribedVersions() {}

  static List<Of> select(RegionState state, DescribeLaunchTemplateVersionsRequest req) {
    List<Of> out = new ArrayList<>();
    if (req.launchTemplateId() == null && req.launchTemplateName() == null) {
      if (req.versions().isEmpty()) {
        throw new AwsException("MissingParameter", ONE_OR_ALL);
      }
      for (String v : req.versions()) {
        if (!v.equals("$Latest") && !v.equals("$Default")) {
          throw AwsException.invalidParameterValue(ONE_OR_ALL);
        }
      }
      for (var t : LaunchTemplateStore.of(state).byId.values()) {
        for (String v : req.versions()) {
          var version = TemplateLookup.version(t, v);
          if (out.stream().noneMatch(o -> o.version() == version)) {
            out.add(new Of(t, version));
          }
        }
      }
      return out;
    }
    var t = TemplateLookup.find(state, req.launchTemplateId(), req.launchTemplateName());
    if (req.versions().isEmpty()) {
      t.versions.descendingMap().values().forEach(v -> out.add(new Of(t, v)));
      return out;
    }
    for (String v : req.versions()) {
      var version = TemplateLookup.version(t, v);
      if (out.stream().noneMatch(o -> o.version() == version)) {
        out.add(new Of(t, version));
      }
    }
    return out;
  }
}
