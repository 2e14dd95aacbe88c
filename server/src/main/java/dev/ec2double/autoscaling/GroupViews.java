package dev.ec2double.autoscaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplate;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

/** Records as the Auto Scaling API shows them. */
final class GroupViews {
  private GroupViews() {}

  static AutoScalingGroup group(GroupRecord g) {
    AutoScalingGroup.Builder b =
        AutoScalingGroup.builder()
            .autoScalingGroupName(g.name)
            .autoScalingGroupARN(g.arn)
            .minSize(g.min)
            .maxSize(g.max)
            .desiredCapacity(g.desired)
            .defaultCooldown(g.defaultCooldown)
            .availabilityZones(g.balancedZones())
            .loadBalancerNames(List.of())
            .targetGroupARNs(List.copyOf(g.targetGroupArns))
            .healthCheckType(g.healthCheckType)
            .healthCheckGracePeriod(g.healthCheckGracePeriod)
            .instances(g.members.values().stream().map(GroupViews::instance).toList())
            .createdTime(g.createdTime)
            .suspendedProcesses(
                g.suspendedProcesses.stream()
                    .map(
                        p ->
                            SuspendedProcess.builder()
                                .processName(p)
                                .suspensionReason("User suspended at " + g.createdTime)
                                .build())
                    .toList())
            .vpcZoneIdentifier(g.vpcZoneIdentifier)
            .enabledMetrics(
                g.enabledMetrics.stream()
                    .map(
                        m ->
                            software.amazon.awssdk.services.autoscaling.model.EnabledMetric
                                .builder()
                                .metric(m)
                                .granularity("1Minute")
                                .build())
                    .toList())
            .status(g.status)
            .tags(tags(g))
            .terminationPolicies(g.terminationPolicies)
            .newInstancesProtectedFromScaleIn(g.newInstancesProtectedFromScaleIn)
            .serviceLinkedRoleARN(
                g.arn.replaceFirst(
                        "^arn:aws:autoscaling:[^:]*:(\\d+):.*$",
                        "arn:aws:iam::$1:role/aws-service-role/autoscaling.amazonaws.com/")
                    + "AWSServiceRoleForAutoScaling")
            .maxInstanceLifetime(g.maxInstanceLifetime)
            .capacityRebalance(g.capacityRebalance)
            .defaultInstanceWarmup(g.defaultInstanceWarmup)
            .placementGroup(g.placementGroup)
            .trafficSources(
                g.targetGroupArns.stream()
                    .map(
                        a ->
                            software.amazon.awssdk.services.autoscaling.model
                                .TrafficSourceIdentifier.builder()
                                .identifier(a)
                                .type("elbv2")
                                .build())
                    .toList());
    LaunchSource s = g.source;
    if (!s.template()) {
      b.launchConfigurationName(s.launchConfigurationName());
    } else if (s.mixed()) {
      LaunchTemplate.Builder lt = LaunchTemplate.builder().launchTemplateSpecification(spec(s));
      if (s.requirements() != null) {
        lt.overrides(
            LaunchTemplateOverrides.builder()
                .instanceRequirements(s.requirements())
                .imageId(s.imageOverride())
                .build());
      } else if (s.instanceTypeOverride() != null) {
        lt.overrides(
            LaunchTemplateOverrides.builder()
                .instanceType(s.instanceTypeOverride())
                .imageId(s.imageOverride())
                .build());
      }
      b.mixedInstancesPolicy(MixedInstancesPolicy.builder().launchTemplate(lt.build()).build());
    } else {
      b.launchTemplate(spec(s));
    }
    return b.build();
  }

  static LaunchTemplateSpecification spec(LaunchSource s) {
    if (!s.template()) {
      return null;
    }
    return LaunchTemplateSpecification.builder()
        .launchTemplateId(s.templateId())
        .launchTemplateName(s.templateName())
        .version(s.version())
        .build();
  }

  static Instance instance(Member m) {
    return Instance.builder()
        .instanceId(m.instanceId)
        .instanceType(m.instanceType)
        .availabilityZone(m.zone)
        .lifecycleState(m.lifecycle)
        .healthStatus(m.health)
        .launchConfigurationName(m.source.launchConfigurationName())
        .launchTemplate(m.source.mixed() ? null : spec(m.source))
        .protectedFromScaleIn(m.protectedFromScaleIn)
        .build();
  }

  static AutoScalingInstanceDetails details(GroupRecord g, Member m) {
    return AutoScalingInstanceDetails.builder()
        .instanceId(m.instanceId)
        .instanceType(m.instanceType)
        .autoScalingGroupName(g.name)
        .availabilityZone(m.zone)
        .lifecycleState(m.lifecycle)
        .healthStatus(m.health.toUpperCase(java.util.Locale.ROOT))
        .launchConfigurationName(m.source.launchConfigurationName())
        .launchTemplate(spec(m.source))
        .protectedFromScaleIn(m.protectedFromScaleIn)
        .build();
  }

  static Activity activity(GroupRecord g, ActivityRecord a) {
    return Activity.builder()
        .activityId(a.id)
        .autoScalingGroupName(g.name)
        .autoScalingGroupARN(g.arn)
        .description(a.description)
        .cause(a.cause)
        .startTime(a.startTime)
        .endTime(a.endTime)
        .statusCode(a.status)
        .statusMessage(a.statusMessage)
        .progress(a.progress)
        .details(a.details)
        .build();
  }

  static List<TagDescription> tags(GroupRecord g) {
    List<TagDescription> out = new ArrayList<>();
    for (Map.Entry<String, GroupRecord.GroupTag> e : g.tags.entrySet()) {
      out.add(
          TagDescription.builder()
              .resourceId(g.name)
              .resourceType("auto-scaling-group")
              .key(e.getKey())
              .value(e.getValue().value())
              .propagateAtLaunch(e.getValue().propagateAtLaunch())
              .build());
    }
    return out;
  }
}
