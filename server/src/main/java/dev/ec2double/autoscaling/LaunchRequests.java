package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * The RunInstances request that launches one member of a group: from its launch template (the
 * version it names, and a mixed instances policy's instance type) or its launch configuration, into
 * the subnet (or, without subnets, the zone) chosen for it.
 */
final class LaunchRequests {
  private LaunchRequests() {}

  static RunInstancesRequest of(RequestContext ctx, GroupRecord g, String subnet, String zone) {
    RunInstancesRequest.Builder b = RunInstancesRequest.builder().minCount(1).maxCount(1);
    if (subnet != null) {
      b.subnetId(subnet);
    } else if (zone != null) {
      b.placement(Placement.builder().availabilityZone(zone).build());
    }
    LaunchSource s = g.source;
    if (s.template()) {
      b.launchTemplate(
          LaunchTemplateSpecification.builder()
              .launchTemplateId(s.templateId())
              .version(s.version())
              .build());
      if (s.instanceTypeOverride() != null) {
        b.instanceType(s.instanceTypeOverride());
      }
      if (s.imageOverride() != null) {
        b.imageId(s.imageOverride());
      }
      return b.build();
    }
    LaunchConfiguration lc;
    synchronized (AutoScaling.store(ctx)) {
      lc = AutoScaling.store(ctx).launchConfigurations.get(s.launchConfigurationName());
    }
    if (lc == null) {
      throw AutoScalingErrors.validation(
          "Launch configuration " + s.launchConfigurationName() + " not found");
    }
    b.imageId(lc.imageId()).instanceType(lc.instanceType());
    if (lc.keyName() != null && !lc.keyName().isEmpty()) {
      b.keyName(lc.keyName()); // AWS shows a configuration without a key as an empty KeyName
    }
    if (lc.userData() != null && !lc.userData().isEmpty()) {
      b.userData(lc.userData());
    }
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String sg : lc.securityGroups()) {
      (sg.startsWith("sg-") ? ids : names).add(sg);
    }
    if (!ids.isEmpty()) {
      b.securityGroupIds(ids);
    }
    if (!names.isEmpty()) {
      b.securityGroups(names);
    }
    String profile = lc.iamInstanceProfile();
    if (profile != null) {
      b.iamInstanceProfile(
          profile.startsWith("arn:")
              ? IamInstanceProfileSpecification.builder().arn(profile).build()
              : IamInstanceProfileSpecification.builder().name(profile).build());
    }
    return b.build();
  }
}
