package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;

/**
 * Reads what a group launches from out of a request (a template, a configuration or a mixed
 * instances policy's template and its first instance type override), checking that it exists.
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
      return new LaunchSource(null, null, null, null, configuration, false);
    }
    String type = null;
    String image = null;
    if (mixed != null) {
      if (mixed.launchTemplate() == null
          || mixed.launchTemplate().launchTemplateSpecification() == null) {
        throw AutoScalingErrors.validation(
            "The MixedInstancesPolicy must contain a LaunchTemplate with a"
                + " LaunchTemplateSpecification.");
      }
      template = mixed.launchTemplate().launchTemplateSpecification();
      for (LaunchTemplateOverrides o : mixed.launchTemplate().overrides()) {
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
    return new LaunchSource(
        id,
        template.launchTemplateName(),
        template.version() == null ? "$Default" : template.version(),
        type,
        null,
        mixed != null,
        image);
  }
}
