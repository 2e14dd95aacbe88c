package dev.ec2double.ec2.spot;

import dev.ec2double.errors.AwsException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.LaunchSpecification;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.RequestSpotLaunchSpecification;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.SpotPlacement;

/**
 * What Spot requests take, checked as AWS checks it, and the launch a request's specification
 * makes. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SpotMarketOptions.html
 */
final class SpotOptions {
  private static final Set<String> TYPES = Set.of("one-time", "persistent");
  private static final Set<String> BEHAVIORS = Set.of("terminate", "stop", "hibernate");

  private SpotOptions() {}

  /**
   * A request's terms, checked.
   *
   * @param maxPrice the highest price, or null for the on-demand price
   */
  record Terms(String type, BigDecimal maxPrice, String behavior, Instant validUntil) {}

  /**
   * RunInstances' InstanceMarketOptions.
   *
   * @param hibernation HibernationOptions.Configured: the behavior defaults to, and must be, {@code
   *     hibernate}
   */
  static Terms market(InstanceMarketOptionsRequest options, boolean hibernation) {
    String market = options.marketTypeAsString();
    if (market == null) {
      throw AwsException.missingParameter("InstanceMarketOptions.MarketType");
    }
    if (!market.equals("spot")) {
      throw AwsException.invalidParameterValue(
          "Value (" + market + ") for parameter InstanceMarketOptions.MarketType is invalid.");
    }
    SpotMarketOptions o =
        options.spotOptions() == null ? SpotMarketOptions.builder().build() : options.spotOptions();
    if (o.blockDurationMinutes() != null) {
      throw spotBlocks();
    }
    String type = type(o.spotInstanceTypeAsString());
    String given = o.instanceInterruptionBehaviorAsString();
    if (hibernation && given != null && !given.equals("hibernate")) {
      throw AwsException.invalidParameterCombination(
          "When hibernation is configured, the instance interruption behavior must be"
              + " 'hibernate', not '"
              + given
              + "'.");
    }
    String behavior = behavior(hibernation && given == null ? "hibernate" : given);
    if (type.equals("persistent") && behavior.equals("terminate")) {
      // "For RunInstances, persistent Spot Instance requests are only supported when the instance
      // interruption behavior is either hibernate or stop."
      throw AwsException.invalidParameterCombination(
          "For RunInstances, persistent Spot Instance requests are only supported when the"
              + " instance interruption behavior is either hibernate or stop.");
    }
    persistentFor(type, behavior);
    if (o.validUntil() != null && !type.equals("persistent")) {
      throw AwsException.invalidParameterCombination(
          "ValidUntil is only supported for persistent Spot Instance requests.");
    }
    return new Terms(type, price(o.maxPrice()), behavior, validUntil(o.validUntil()));
  }

  static String type(String type) {
    if (type == null) {
      return "one-time";
    }
    if (!TYPES.contains(type)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + type
              + ") for parameter SpotInstanceType is invalid."
              + " Valid values: one-time, persistent");
    }
    return type;
  }

  static String behavior(String behavior) {
    if (behavior == null) {
      return "terminate";
    }
    if (!BEHAVIORS.contains(behavior)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + behavior
              + ") for parameter InstanceInterruptionBehavior is invalid."
              + " Valid values: hibernate, stop, terminate");
    }
    return behavior;
  }

  /** Only a persistent request can stop or hibernate its instance and start it again. */
  static void persistentFor(String type, String behavior) {
    if (!behavior.equals("terminate") && !type.equals("persistent")) {
      throw AwsException.invalidParameterCombination(
          "The instance interruption behavior '"
              + behavior
              + "' is only supported for persistent Spot Instance requests.");
    }
  }

  /** A positive price, or null when none is given. */
  static BigDecimal price(String price) {
    if (price == null) {
      return null;
    }
    BigDecimal p;
    try {
      p = new BigDecimal(price.trim());
    } catch (NumberFormatException e) {
      throw AwsException.invalidParameterValue("Invalid value '" + price + "' for price.");
    }
    if (p.signum() <= 0) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + price + "' for price: it must be greater than 0.");
    }
    return p;
  }

  static Instant validUntil(Instant until) {
    if (until != null && !until.isAfter(Instant.now())) {
      throw AwsException.invalidParameterValue(
          "The ValidUntil date (" + until + ") must be in the future.");
    }
    return until;
  }

  static AwsException spotBlocks() {
    return new AwsException(
        "Unsupported",
        "Spot Instances with a defined duration (BlockDurationMinutes) are no longer available.");
  }

  /** A RequestSpotInstances specification as its requests keep and show it. */
  static LaunchSpecification spec(RequestSpotLaunchSpecification s) {
    if (s == null) {
      throw AwsException.missingParameter("LaunchSpecification");
    }
    if (s.imageId() == null) {
      throw AwsException.missingParameter("LaunchSpecification.ImageId");
    }
    return LaunchSpecification.builder()
        .imageId(s.imageId())
        .instanceType(s.instanceTypeAsString() == null ? "m1.small" : s.instanceTypeAsString())
        .keyName(s.keyName())
        .securityGroups(groups(s.securityGroupIds(), s.securityGroups()))
        .subnetId(s.subnetId())
        .userData(s.userData())
        .blockDeviceMappings(s.blockDeviceMappings())
        .iamInstanceProfile(s.iamInstanceProfile())
        .networkInterfaces(s.networkInterfaces())
        .placement(s.placement())
        .monitoring(
            software.amazon.awssdk.services.ec2.model.RunInstancesMonitoringEnabled.builder()
                .enabled(s.monitoring() != null && Boolean.TRUE.equals(s.monitoring().enabled()))
                .build())
        .build();
  }

  private static List<GroupIdentifier> groups(List<String> ids, List<String> names) {
    List<GroupIdentifier> groups = new java.util.ArrayList<>();
    ids.forEach(id -> groups.add(GroupIdentifier.builder().groupId(id).build()));
    names.forEach(n -> groups.add(GroupIdentifier.builder().groupName(n).build()));
    return groups;
  }

  /** The one-instance launch of a stored specification (what a request launches again). */
  static RunInstancesRequest launch(LaunchSpecification s) {
    RunInstancesRequest.Builder b =
        RunInstancesRequest.builder()
            .imageId(s.imageId())
            .instanceType(s.instanceTypeAsString())
            .keyName(s.keyName())
            .securityGroupIds(
                s.securityGroups().stream()
                    .map(GroupIdentifier::groupId)
                    .filter(java.util.Objects::nonNull)
                    .toList())
            .securityGroups(
                s.securityGroups().stream()
                    .map(GroupIdentifier::groupName)
                    .filter(java.util.Objects::nonNull)
                    .toList())
            .subnetId(s.subnetId())
            .userData(s.userData())
            .blockDeviceMappings(s.blockDeviceMappings())
            .iamInstanceProfile(s.iamInstanceProfile())
            .networkInterfaces(s.networkInterfaces())
            .minCount(1)
            .maxCount(1);
    if (s.placement() != null && s.placement().availabilityZone() != null) {
      b.placement(Placement.builder().availabilityZone(s.placement().availabilityZone()).build());
    }
    return b.build();
  }

  /** A RunInstances launch for one instance, as its request's LaunchSpecification shows it. */
  static LaunchSpecification spec(RunInstancesRequest r) {
    return LaunchSpecification.builder()
        .imageId(r.imageId())
        .instanceType(r.instanceTypeAsString() == null ? "m1.small" : r.instanceTypeAsString())
        .keyName(r.keyName())
        .securityGroups(groups(r.securityGroupIds(), r.securityGroups()))
        .subnetId(r.subnetId())
        .userData(r.userData())
        .blockDeviceMappings(r.blockDeviceMappings())
        .iamInstanceProfile(r.iamInstanceProfile())
        .networkInterfaces(r.networkInterfaces())
        .placement(
            r.placement() == null
                ? null
                : SpotPlacement.builder()
                    .availabilityZone(r.placement().availabilityZone())
                    .build())
        .monitoring(
            software.amazon.awssdk.services.ec2.model.RunInstancesMonitoringEnabled.builder()
                .enabled(false)
                .build())
        .build();
  }
}
