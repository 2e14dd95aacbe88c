package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.InstanceNetworking;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.GetLaunchTemplateDataRequest;
import software.amazon.awssdk.services.ec2.model.GetLaunchTemplateDataResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateEbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMetadataOptions;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplatePlacement;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplatesMonitoring;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * GetLaunchTemplateData: an instance's launch parameters, shaped as a launch template's data, so
 * that CreateLaunchTemplate can make a template that launches its like. The interfaces keep their
 * subnet and groups, not their addresses (a launch from it gets new ones); the block devices their
 * names and DeleteOnTermination; the tags are the user's (not EC2's own {@code aws:} tags).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetLaunchTemplateData.html
 */
public final class LaunchTemplateDataService {
  private final InstancesService instances;

  public LaunchTemplateDataService(InstancesService instances) {
    this.instances = instances;
  }

  public GetLaunchTemplateDataResponse getLaunchTemplateData(
      RequestContext ctx, GetLaunchTemplateDataRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    List<InstanceBlockDeviceMapping> devices = instances.storage().devices(ctx.state(), r.id);
    InstanceNetworking.View net = instances.networking().view(ctx.state(), r.id);
    List<Tag> tags =
        ctx.tags().sdkTags(r.id).stream().filter(t -> !t.key().startsWith("aws:")).toList();
    ResponseLaunchTemplateData.Builder b = ResponseLaunchTemplateData.builder();
    synchronized (r) {
      b.imageId(r.imageId)
          .instanceType(r.instanceType)
          .keyName(r.keyName)
          .userData(r.userData)
          .disableApiTermination(r.disableApiTermination)
          .instanceInitiatedShutdownBehavior(r.shutdownBehavior)
          .ebsOptimized(false)
          .monitoring(LaunchTemplatesMonitoring.builder().enabled(false).build())
          .placement(
              LaunchTemplatePlacement.builder()
                  .availabilityZone(r.zone)
                  .groupName("")
                  .tenancy("default")
                  .build())
          .metadataOptions(metadata(r.metadataOptions));
    }
    b.blockDeviceMappings(devices.stream().map(LaunchTemplateDataService::device).toList());
    b.networkInterfaces(interfaces(net.interfaces()));
    if (!tags.isEmpty()) {
      b.tagSpecifications(
          LaunchTemplateTagSpecification.builder().resourceType("instance").tags(tags).build());
    }
    return GetLaunchTemplateDataResponse.builder().launchTemplateData(b.build()).build();
  }

  private static LaunchTemplateBlockDeviceMapping device(InstanceBlockDeviceMapping d) {
    return LaunchTemplateBlockDeviceMapping.builder()
        .deviceName(d.deviceName())
        .ebs(
            LaunchTemplateEbsBlockDevice.builder()
                .deleteOnTermination(d.ebs() == null ? null : d.ebs().deleteOnTermination())
                .build())
        .build();
  }

  private static List<LaunchTemplateInstanceNetworkInterfaceSpecification> interfaces(
      List<InstanceNetworkInterface> interfaces) {
    List<LaunchTemplateInstanceNetworkInterfaceSpecification> out = new ArrayList<>();
    for (InstanceNetworkInterface ni : interfaces) {
      out.add(
          LaunchTemplateInstanceNetworkInterfaceSpecification.builder()
              .deviceIndex(ni.attachment() == null ? 0 : ni.attachment().deviceIndex())
              .subnetId(ni.subnetId())
              .groups(ni.groups().stream().map(GroupIdentifier::groupId).toList())
              .deleteOnTermination(
                  ni.attachment() == null ? Boolean.TRUE : ni.attachment().deleteOnTermination())
              .description(ni.description())
              .build());
    }
    return out;
  }

  private static LaunchTemplateInstanceMetadataOptions metadata(InstanceMetadataOptionsResponse o) {
    if (o == null) {
      return null;
    }
    return LaunchTemplateInstanceMetadataOptions.builder()
        .state("applied")
        .httpTokens(o.httpTokensAsString())
        .httpPutResponseHopLimit(o.httpPutResponseHopLimit())
        .httpEndpoint(o.httpEndpointAsString())
        .httpProtocolIpv6(o.httpProtocolIpv6AsString())
        .instanceMetadataTags(o.instanceMetadataTagsAsString())
        .build();
  }
}
