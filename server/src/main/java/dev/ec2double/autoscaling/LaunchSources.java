package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instancetypes.InstancePrices;
import dev.ec2double.ec2.instancetypes.InstanceRequirementsMatcher;
import dev.ec2double.ec2.instancetypes.InstanceTypeSpec;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.InstanceRequirements;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * Reads what a group launches from out of a request (a template, a configuration or a mixed
 * instances policy's template and its first override: an instance type, or InstanceRequirements,
 * which launch the cheapest type that has them), checking that it exists.
 */
final class LaunchSources {
  private LaunchSources() {}

  static LaunchSource resolve(
      RequestContext ctx,
      Fleet fleet,
      LaunchTemplateSpecification template,
      String configuration,
      MixedInstancesPolicy mixed) {
    GroupChecks.oneLaunchSource(template != null, configuration != null, mixed != null);
    if (configuration != null) {
      synchronized (AutoScaling.store(ctx)) {
        if (!AutoScaling.store(ctx).launchConfigurations.containsKey(configuration)) {
          throw AutoScalingErrors.validation(
              "Launch configuration name not found - Launch configuration "
                  + configuration
                  + " not found");
        }
      }
      return LaunchSource.configuration(configuration);
    }
    String type = null;
    String image = null;
    InstanceRequirements requirements = null;
    if (mixed != null) {
      if (mixed.launchTemplate() == null
          || mixed.launchTemplate().launchTemplateSpecification() == null) {
        throw AutoScalingErrors.validation(
            "The MixedInstancesPolicy must contain a LaunchTemplate with a"
                + " LaunchTemplateSpecification.");
      }
      template = mixed.launchTemplate().launchTemplateSpecification();
      for (LaunchTemplateOverrides o : mixed.launchTemplate().overrides()) {
        if (o.instanceType() != null && o.instanceRequirements() != null) {
          throw AutoScalingErrors.validation(
              "You cannot specify both InstanceType and InstanceRequirements in the same"
                  + " LaunchTemplateOverrides.");
        }
        if (o.instanceRequirements() != null) {
          requirements = o.instanceRequirements();
          image = o.imageId();
          break;
        }
        if (o.instanceType() != null) {
          type = o.instanceType(); // the first type: ec2-double launches on-demand, in order
          image = o.imageId();
          break;
        }
      }
    }
    GroupChecks.templateNamed(template);
    String version = template.version() == null ? "$Default" : template.version();
    String id =
        fleet.requireTemplate(
            ctx, template.launchTemplateId(), template.launchTemplateName(), version);
    if (requirements != null) {
      type = cheapest(ctx, fleet, requirements, id, version, image);
    }
    return new LaunchSource(
        id, template.launchTemplateName(), version, type, null, mixed != null, image, requirements);
  }

  /**
   * The type an override's InstanceRequirements launch: of the types that have the attributes, run
   * the template's image and pass on-demand price protection, the cheapest (the lowest-price
   * on-demand strategy; ec2-double launches on-demand).
   */
  private static String cheapest(
      RequestContext ctx,
      Fleet fleet,
      InstanceRequirements requirements,
      String templateId,
      String version,
      String image) {
    InstanceRequirementsRequest r = InstanceRequirementsMatcher.request(requirements);
    try {
      InstanceRequirementsMatcher.check(r, "InstanceRequirements");
    } catch (dev.ec2double.errors.AwsException e) {
      throw AutoScalingErrors.validation(e.getMessage());
    }
    String arch =
        fleet.architecture(
            ctx,
            RunInstancesRequest.builder()
                .launchTemplate(t -> t.launchTemplateId(templateId).version(version))
                .imageId(image)
                .build());
    return InstanceRequirementsMatcher.priceProtected(
            InstanceRequirementsMatcher.matching(
                r, arch == null ? List.of() : List.of(arch), List.of("hvm")),
            r,
            false,
            "units")
        .stream()
        .min(Comparator.comparingDouble(InstancePrices::onDemand))
        .map(InstanceTypeSpec::name)
        .orElseThrow(
            () ->
                AutoScalingErrors.validation(
                    "No instance type matches the InstanceRequirements of the"
                        + " MixedInstancesPolicy."));
  }
}
