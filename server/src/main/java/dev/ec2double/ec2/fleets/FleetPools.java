package dev.ec2double.ec2.fleets;

import java.util.List;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.SpotFleetLaunchSpecification;

/** The launch of one instance of a fleet's pool: its template and overrides, or its spec. */
final class FleetPools {
  private FleetPools() {}

  static RunInstancesRequest launch(FleetStore.Pool p) {
    RunInstancesRequest.Builder b =
        RunInstancesRequest.builder().tagSpecifications(p.instanceTags()).minCount(1).maxCount(1);
    if (p.template() != null) {
      b.launchTemplate(
          LaunchTemplateSpecification.builder()
              .launchTemplateId(p.template().launchTemplateId())
              .launchTemplateName(p.template().launchTemplateName())
              .version(p.template().version())
              .build());
    }
    if (p.spec() != null) {
      spec(b, p.spec());
    }
    FleetLaunchTemplateOverrides o = p.overrides();
    if (o != null) {
      if (o.instanceType() != null) {
        b.instanceType(o.instanceTypeAsString());
      }
      if (o.subnetId() != null) {
        b.subnetId(o.subnetId());
      }
      if (o.imageId() != null) {
        b.imageId(o.imageId());
      }
      if (o.availabilityZone() != null) {
        b.placement(Placement.builder().availabilityZone(o.availabilityZone()).build());
      }
    }
    return b.build();
  }

  private static void spec(RunInstancesRequest.Builder b, SpotFleetLaunchSpecification s) {
    List<String> groups =
        s.securityGroups().stream().map(GroupIdentifier::groupId).filter(g -> g != null).toList();
    b.imageId(s.imageId())
        .instanceType(s.instanceTypeAsString())
        .keyName(s.keyName())
        .securityGroupIds(groups)
        .subnetId(s.subnetId())
        .userData(s.userData())
        .blockDeviceMappings(s.blockDeviceMappings())
        .iamInstanceProfile(s.iamInstanceProfile())
        .networkInterfaces(s.networkInterfaces());
    if (s.placement() != null && s.placement().availabilityZone() != null) {
      b.placement(Placement.builder().availabilityZone(s.placement().availabilityZone()).build());
    }
  }
}
