package dev.ec2double.ec2.instances;

import dev.ec2double.core.TagStore;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.vpc.InstanceNetworking;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CapacityReservationSpecificationResponse;
import software.amazon.awssdk.services.ec2.model.CapacityReservationTargetResponse;
import software.amazon.awssdk.services.ec2.model.CpuOptions;
import software.amazon.awssdk.services.ec2.model.HibernationOptions;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Monitoring;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.StateReason;
import software.amazon.awssdk.services.ec2.model.Tag;

/** An instance as DescribeInstances shows it, filled as AWS fills it. */
final class InstanceView {
  private InstanceView() {}

  static Instance toSdk(
      InstanceRecord r,
      TagStore tags,
      TypeLimits type,
      List<software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping> devices,
      InstanceNetworking.View net) {
    synchronized (r) {
      boolean live = r.state != InstanceState.TERMINATED;
      List<Tag> tagList = tags.sdkTags(r.id);
      Instance.Builder b =
          Instance.builder()
              .instanceId(r.id)
              .imageId(r.imageId)
              .state(r.state.toSdk())
              .privateDnsName(live ? r.privateDnsName : "")
              .publicDnsName("")
              .stateTransitionReason(r.stateTransitionReason)
              .keyName(r.keyName)
              .amiLaunchIndex(r.launchIndex)
              .productCodes(List.of())
              .instanceType(r.instanceType)
              .launchTime(r.launchTime)
              .placement(placement(r))
              .monitoring(Monitoring.builder().state(InstanceOptions.monitoring(r)).build())
              .iamInstanceProfile(
                  r.profile == null
                      ? null
                      : software.amazon.awssdk.services.ec2.model.IamInstanceProfile.builder()
                          .arn(r.profile.arn())
                          .id(r.profile.id())
                          .build())
              .architecture(r.architecture)
              .rootDeviceType("ebs")
              .rootDeviceName(ImagesService.ROOT_DEVICE)
              .blockDeviceMappings(devices)
              .virtualizationType("hvm")
              .clientToken(r.clientToken == null ? "" : r.clientToken)
              .hypervisor("xen")
              .ebsOptimized(false)
              .enaSupport(true)
              .platform(r.windows ? "windows" : null)
              .platformDetails(r.windows ? "Windows" : "Linux/UNIX")
              .usageOperation(r.windows ? "RunInstances:0002" : "RunInstances")
              .usageOperationUpdateTime(r.launchTime)
              .metadataOptions(r.metadataOptions)
              .hibernationOptions(
                  HibernationOptions.builder().configured(r.hibernationConfigured).build())
              .maintenanceOptions(InstanceOptions.maintenance(r))
              .networkPerformanceOptions(InstanceOptions.networkPerformance(r))
              .privateDnsNameOptions(PrivateDnsNames.view(r));
      if (type != null) {
        b.cpuOptions(
            CpuOptions.builder()
                .coreCount(InstanceOptions.cores(r, type))
                .threadsPerCore(InstanceOptions.threads(r, type))
                .build());
      }
      if (live) {
        b.subnetId(r.subnetId)
            .vpcId(r.vpcId)
            .privateIpAddress(r.privateIp)
            .sourceDestCheck(true)
            .securityGroups(net.groups())
            .networkInterfaces(net.interfaces())
            .publicIpAddress(net.publicIp());
      }
      InstancePlacement p = r.placement();
      if (p.reservationId() != null) {
        b.capacityReservationId(p.reservationId());
      }
      b.capacityReservationSpecification(
          CapacityReservationSpecificationResponse.builder()
              .capacityReservationPreference(
                  p.reservationTarget() == null ? p.reservationPreference() : null)
              .capacityReservationTarget(
                  p.reservationTarget() == null
                      ? null
                      : CapacityReservationTargetResponse.builder()
                          .capacityReservationId(p.reservationTarget())
                          .build())
              .build());
      if (r.spotRequestId != null) {
        b.instanceLifecycle("spot").spotInstanceRequestId(r.spotRequestId);
      }
      if (r.stateReasonCode != null) {
        b.stateReason(
            StateReason.builder().code(r.stateReasonCode).message(r.stateReasonMessage).build());
      }
      if (!tagList.isEmpty()) {
        b.tags(tagList);
      }
      return b.build();
    }
  }

  /** Its zone, and its group, partition, tenancy and host as AWS shows them. */
  private static Placement placement(InstanceRecord r) {
    InstancePlacement p = r.placement();
    return Placement.builder()
        .availabilityZone(r.zone)
        .groupName(p.groupName() == null ? "" : p.groupName())
        .groupId(p.groupId())
        .partitionNumber(p.partitionNumber())
        .tenancy(p.tenancy())
        .hostId(p.hostId())
        .affinity(p.affinity())
        .build();
  }
}
