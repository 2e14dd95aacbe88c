package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.RegionState;
import java.util.List;

/**
 * What the image settings need of launch templates (answered by {@code ec2.launchtemplates}): which
 * AMIs their versions name, for DescribeImageReferences and usage reports, and whether a template
 * version exists, for EnableFastLaunch.
 */
public interface TemplateImages {
  /**
   * One template: its id and name, and the AMI each version names (null when a version names none),
   * newest version first.
   */
  record Template(String id, String name, List<Version> versions) {}

  record Version(long number, String imageId) {}

  /** The account's templates in the region, in the order they were made. */
  List<Template> templates(RegionState state);

  /**
   * The template a call names by id or by name, with its version resolved ({@code $Latest}, {@code
   * $Default} or a number), or AWS's launch template error.
   */
  Resolved resolve(RegionState state, String id, String name, String version);

  record Resolved(String id, String name, long version) {}

  /** No launch templates: for a server assembled without them. */
  TemplateImages NONE =
      new TemplateImages() {
        @Override
        public List<Template> templates(RegionState state) {
          return List.of();
        }

        @Override
        public Resolved resolve(RegionState state, String id, String name, String version) {
          throw new dev.ec2double.errors.AwsException(
              "InvalidLaunchTemplateId.NotFound", "The specified launch template does not exist.");
        }
      };
}
