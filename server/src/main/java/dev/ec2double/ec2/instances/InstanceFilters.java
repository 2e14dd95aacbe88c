package dev.ec2double.ec2.instances;

import dev.ec2double.core.FilterSpec;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The DescribeInstances and DescribeInstanceStatus filters that apply to what ec2-double models.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
 */
final class InstanceFilters {
  private InstanceFilters() {}

  static final FilterSpec<Instance> INSTANCES =
      FilterSpec.<Instance>of()
          .field("instance-id", Instance::instanceId)
          .field("instance-lifecycle", Instance::instanceLifecycleAsString)
          .field("spot-instance-request-id", Instance::spotInstanceRequestId)
          .field("image-id", Instance::imageId)
          .field("instance-type", Instance::instanceTypeAsString)
          .field("instance-state-name", i -> i.state().nameAsString())
          .field("instance-state-code", i -> i.state().code())
          .field("key-name", Instance::keyName)
          .field("launch-index", Instance::amiLaunchIndex)
          .field("launch-time", i -> i.launchTime() == null ? null : i.launchTime().toString())
          .field("private-ip-address", Instance::privateIpAddress)
          .field("network-interface.addresses.private-ip-address", Instance::privateIpAddress)
          .field("private-dns-name", Instance::privateDnsName)
          .field("dns-name", Instance::publicDnsName)
          .field("availability-zone", i -> i.placement().availabilityZone())
          .field("placement-group-name", i -> i.placement().groupName())
          .field("tenancy", i -> i.placement().tenancyAsString())
          .field("placement-group-id", i -> i.placement().groupId())
          .field("placement-partition-number", i -> i.placement().partitionNumber())
          .field("host-id", i -> i.placement().hostId())
          .field("affinity", i -> i.placement().affinity())
          .field("capacity-reservation-id", Instance::capacityReservationId)
          .field("subnet-id", Instance::subnetId)
          .field("vpc-id", Instance::vpcId)
          .field("architecture", Instance::architectureAsString)
          .field("root-device-name", Instance::rootDeviceName)
          .field("root-device-type", Instance::rootDeviceTypeAsString)
          .field("virtualization-type", Instance::virtualizationTypeAsString)
          .field("hypervisor", Instance::hypervisorAsString)
          .field("client-token", Instance::clientToken)
          .field("platform-details", Instance::platformDetails)
          .field("usage-operation", Instance::usageOperation)
          .field("monitoring-state", i -> i.monitoring().stateAsString())
          .field("source-dest-check", Instance::sourceDestCheck)
          .field("ebs-optimized", Instance::ebsOptimized)
          .field("ena-support", Instance::enaSupport)
          .field("state-reason-code", i -> i.stateReason() == null ? null : i.stateReason().code())
          .field(
              "state-reason-message",
              i -> i.stateReason() == null ? null : i.stateReason().message())
          .field("reason", Instance::stateTransitionReason)
          .field("metadata-options.http-tokens", i -> i.metadataOptions().httpTokensAsString())
          .field(
              "metadata-options.http-put-response-hop-limit",
              i -> i.metadataOptions().httpPutResponseHopLimit())
          .field("metadata-options.http-endpoint", i -> i.metadataOptions().httpEndpointAsString())
          .field(
              "metadata-options.instance-metadata-tags",
              i -> i.metadataOptions().instanceMetadataTagsAsString())
          .field("ip-address", Instance::publicIpAddress)
          .field("association.public-ip", Instance::publicIpAddress)
          .multi(
              "network-interface.network-interface-id",
              i -> nics(i, InstanceNetworkInterface::networkInterfaceId))
          .multi(
              "network-interface.mac-address", i -> nics(i, InstanceNetworkInterface::macAddress))
          .multi("network-interface.subnet-id", i -> nics(i, InstanceNetworkInterface::subnetId))
          .multi("network-interface.vpc-id", i -> nics(i, InstanceNetworkInterface::vpcId))
          .multi(
              "network-interface.private-dns-name",
              i -> nics(i, InstanceNetworkInterface::privateDnsName))
          .multi("network-interface.status", i -> nics(i, InstanceNetworkInterface::statusAsString))
          .multi(
              "network-interface.attachment.device-index",
              i -> nics(i, n -> String.valueOf(n.attachment().deviceIndex())))
          .multi(
              "network-interface.attachment.attachment-id",
              i -> nics(i, n -> n.attachment().attachmentId()))
          .multi(
              "network-interface.group-id",
              i ->
                  i.networkInterfaces().stream()
                      .flatMap(n -> n.groups().stream().map(GroupIdentifier::groupId))
                      .toList())
          .multi(
              "network-interface.group-name",
              i ->
                  i.networkInterfaces().stream()
                      .flatMap(n -> n.groups().stream().map(GroupIdentifier::groupName))
                      .toList())
          .multi(
              "instance.group-id",
              i -> i.securityGroups().stream().map(GroupIdentifier::groupId).toList())
          .multi(
              "instance.group-name",
              i -> i.securityGroups().stream().map(GroupIdentifier::groupName).toList())
          .multi(
              "group-id", i -> i.securityGroups().stream().map(GroupIdentifier::groupId).toList())
          .tags(InstanceFilters::tagMap);

  static final FilterSpec<InstanceStatus> STATUS =
      FilterSpec.<InstanceStatus>of()
          .field("availability-zone", InstanceStatus::availabilityZone)
          .field("instance-state-name", s -> s.instanceState().nameAsString())
          .field("instance-state-code", s -> s.instanceState().code())
          .field("instance-status.status", s -> s.instanceStatus().statusAsString())
          .field("system-status.status", s -> s.systemStatus().statusAsString())
          .multi(
              "instance-status.reachability",
              s -> s.instanceStatus().details().stream().map(d -> d.statusAsString()).toList())
          .multi(
              "system-status.reachability",
              s -> s.systemStatus().details().stream().map(d -> d.statusAsString()).toList());

  private static java.util.List<String> nics(
      Instance i, java.util.function.Function<InstanceNetworkInterface, String> value) {
    return i.networkInterfaces().stream().map(value).filter(v -> v != null).toList();
  }

  private static Map<String, String> tagMap(Instance i) {
    return i.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
  }
}
