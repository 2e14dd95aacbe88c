package dev.ec2double.ec2.instances;

import dev.ec2double.core.TagStore;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** What RunInstances refuses, with AWS's codes and messages; each check knows only its input. */
final class LaunchChecks {
  private static final Set<String> INSTANCE_TAG_TYPES =
      Set.of("instance", "volume", "network-interface");

  private LaunchChecks() {}

  record Counts(int min, int max) {}

  static void supported(RunInstancesRequest req) {
    if (req.launchTemplate() != null) {
      throw new AwsException(
          "UnsupportedOperation", "ec2-double does not support launch templates yet.");
    }
  }

  /** A type that can hibernate: under 150 GiB of memory, not bare metal (AWS's prerequisites). */
  private static final long HIBERNATION_MAX_MIB = 150L * 1024;

  /**
   * HibernationOptions.Configured: true only for a type that can hibernate.
   * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/hibernating-prerequisites.html
   */
  static boolean hibernation(RunInstancesRequest req, TypeLimits type) {
    if (req.hibernationOptions() == null
        || !Boolean.TRUE.equals(req.hibernationOptions().configured())) {
      return false;
    }
    if (type.memoryMib() >= HIBERNATION_MAX_MIB || type.name().endsWith(".metal")) {
      throw new AwsException(
          "UnsupportedHibernationConfiguration",
          "The instance type '" + type.name() + "' does not support hibernation.");
    }
    return true;
  }

  static ImageRecord available(ImageRecord image) {
    if (!image.state().equals("available")) {
      throw new AwsException(
          "InvalidAMIID.Unavailable", "Image " + image.imageId() + " is not available yet.");
    }
    return image;
  }

  static Counts counts(RunInstancesRequest req) {
    int min = required(req.minCount(), "MinCount");
    int max = required(req.maxCount(), "MaxCount");
    if (min < 1) {
      throw AwsException.invalidParameterValue(
          "Value (" + min + ") for parameter minCount is invalid. Expected a value of at least 1.");
    }
    if (max < min) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + max
              + ") for parameter maxCount is invalid. Expected a value of at least "
              + min
              + ".");
    }
    return new Counts(min, max);
  }

  static void architectureMatches(TypeLimits type, ImageRecord image) {
    if (!type.architecture().equals(image.architecture())) {
      throw AwsException.invalidParameterValue(
          "The architecture '"
              + type.architecture()
              + "' of the specified instance type does not match the architecture '"
              + image.architecture()
              + "' of the specified AMI. Specify an instance type and an AMI that have matching"
              + " architectures, and try again.");
    }
  }

  /** "stop" (AWS's default) or "terminate". */
  static String shutdownBehavior(RunInstancesRequest req) {
    String behavior = req.instanceInitiatedShutdownBehaviorAsString();
    if (behavior != null && !behavior.equals("stop") && !behavior.equals("terminate")) {
      throw AwsException.invalidParameterValue(
          "Value (" + behavior + ") for parameter instanceInitiatedShutdownBehavior is invalid.");
    }
    return behavior == null ? "stop" : behavior;
  }

  /**
   * The CreditSpecification asked for ({@code standard} or {@code unlimited}), or null; only
   * burstable (T) types take one.
   */
  static String cpuCredits(RunInstancesRequest req, boolean burstable) {
    String credits =
        req.creditSpecification() == null ? null : req.creditSpecification().cpuCredits();
    if (credits == null) {
      return null;
    }
    if (!credits.equals("standard") && !credits.equals("unlimited")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + credits
              + ") for parameter CpuCredits is invalid. Valid values: standard,"
              + " unlimited");
    }
    if (!burstable) {
      throw AwsException.invalidParameterCombination(
          "The parameter CreditSpecification is not supported for the instance type: only"
              + " burstable performance instances (T2, T3, T3a, T4g) take it.");
    }
    return credits;
  }

  static void privateIpForOneOnly(RunInstancesRequest req, int max) {
    if (req.privateIpAddress() != null && max > 1) {
      throw AwsException.invalidParameterCombination(
          "Cannot specify a private IP address when launching more than one instance.");
    }
  }

  /**
   * The first instance's address asked at instance level, or null (a primary interface's own
   * address goes with its specification).
   */
  static String privateIp(RunInstancesRequest req) {
    return req.privateIpAddress();
  }

  /** The instances' tags; every TagSpecification's type and tags are checked. */
  static List<Tag> instanceTags(List<TagSpecification> specs) {
    List<Tag> tags = new ArrayList<>();
    for (TagSpecification s : specs) {
      String type = s.resourceTypeAsString();
      if (type == null || !INSTANCE_TAG_TYPES.contains(type)) {
        throw AwsException.invalidParameterValue(
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      TagStore.validate(s.tags());
      if (type.equals("instance")) {
        tags.addAll(s.tags());
      }
    }
    return tags;
  }

  /** RunInstances' tags for the volumes it makes (TagSpecification of type volume). */
  static List<Tag> volumeTags(List<TagSpecification> specs) {
    List<Tag> tags = new ArrayList<>();
    for (TagSpecification s : specs) {
      if ("volume".equals(s.resourceTypeAsString())) {
        tags.addAll(s.tags());
      }
    }
    return tags;
  }

  private static int required(Integer value, String name) {
    if (value == null) {
      throw AwsException.missingParameter(name);
    }
    return value;
  }
}
