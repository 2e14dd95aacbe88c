package dev.ec2double.ec2.spot;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.SpotInstanceStatus;
import software.amazon.awssdk.services.ec2.model.SpotPlacement;

/**
 * Spot Instance requests as a resource kind: records in the region's {@link SpotRequestStore}, with
 * every filter DescribeSpotInstanceRequests lists.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSpotInstanceRequests.html
 */
final class SpotRequests {
  private SpotRequests() {}

  /** AWS's request ids have 8 hex digits: {@code sir-08b93456}. */
  static String nextId() {
    return Ids.next("sir").substring(0, 12);
  }

  static final ResourceKind<SpotRequestStore.Request, SpotInstanceRequest> KIND =
      ResourceKind.<SpotRequestStore.Request, SpotInstanceRequest>of(
              "sir", "spot-instances-request")
          .errors(
              "InvalidSpotInstanceRequestID.NotFound",
              "spot instance request",
              "InvalidSpotInstanceRequestID.Malformed")
          .storedIn(SpotRequestStore::of, s -> s.byId)
          .id(r -> r.id)
          .view(SpotRequests::view, SpotInstanceRequest::tags)
          .filter("availability-zone-group", SpotInstanceRequest::availabilityZoneGroup)
          .filter("create-time", r -> r.createTime().toString())
          .filter("fault-code", r -> null)
          .filter("fault-message", r -> null)
          .filter("instance-id", SpotInstanceRequest::instanceId)
          .filter("launch-group", SpotInstanceRequest::launchGroup)
          .filterMany(
              "launch.block-device-mapping.delete-on-termination",
              r -> ebs(r, e -> e.deleteOnTermination()))
          .filterMany(
              "launch.block-device-mapping.device-name",
              r -> devices(r, BlockDeviceMapping::deviceName))
          .filterMany("launch.block-device-mapping.snapshot-id", r -> ebs(r, e -> e.snapshotId()))
          .filterMany("launch.block-device-mapping.volume-size", r -> ebs(r, e -> e.volumeSize()))
          .filterMany(
              "launch.block-device-mapping.volume-type", r -> ebs(r, e -> e.volumeTypeAsString()))
          .filterMany("launch.group-id", r -> groups(r, GroupIdentifier::groupId))
          .filterMany("launch.group-name", r -> groups(r, GroupIdentifier::groupName))
          .filter("launch.image-id", r -> r.launchSpecification().imageId())
          .filter("launch.instance-type", r -> r.launchSpecification().instanceTypeAsString())
          .filter("launch.kernel-id", r -> r.launchSpecification().kernelId())
          .filter("launch.key-name", r -> r.launchSpecification().keyName())
          .filter(
              "launch.monitoring-enabled",
              r ->
                  r.launchSpecification().monitoring() == null
                      ? Boolean.FALSE
                      : r.launchSpecification().monitoring().enabled())
          .filter("launch.ramdisk-id", r -> r.launchSpecification().ramdiskId())
          .filter("launched-availability-zone", SpotInstanceRequest::launchedAvailabilityZone)
          .filterMany(
              "network-interface.addresses.primary",
              r -> nics(r, n -> n.privateIpAddress() == null ? null : "true"))
          .filterMany(
              "network-interface.delete-on-termination",
              r -> nics(r, InstanceNetworkInterfaceSpecification::deleteOnTermination))
          .filterMany(
              "network-interface.description",
              r -> nics(r, InstanceNetworkInterfaceSpecification::description))
          .filterMany(
              "network-interface.device-index",
              r -> nics(r, InstanceNetworkInterfaceSpecification::deviceIndex))
          .filterMany("network-interface.group-id", r -> nicGroups(r))
          .filterMany(
              "network-interface.network-interface-id",
              r -> nics(r, InstanceNetworkInterfaceSpecification::networkInterfaceId))
          .filterMany(
              "network-interface.private-ip-address",
              r -> nics(r, InstanceNetworkInterfaceSpecification::privateIpAddress))
          .filterMany(
              "network-interface.subnet-id",
              r -> nics(r, InstanceNetworkInterfaceSpecification::subnetId))
          .filter("product-description", SpotInstanceRequest::productDescriptionAsString)
          .filter("spot-instance-request-id", SpotInstanceRequest::spotInstanceRequestId)
          .filter("spot-price", SpotInstanceRequest::spotPrice)
          .filter("state", SpotInstanceRequest::stateAsString)
          .filter("status-code", r -> r.status().code())
          .filter("status-message", r -> r.status().message())
          .filter("type", SpotInstanceRequest::typeAsString)
          .filter("valid-from", r -> r.validFrom() == null ? null : r.validFrom().toString())
          .filter("valid-until", r -> r.validUntil() == null ? null : r.validUntil().toString())
          .build();

  private static SpotInstanceRequest view(RequestContext ctx, SpotRequestStore.Request r) {
    var spec = r.spec;
    if (r.zone != null) {
      spec =
          spec.toBuilder()
              .placement(SpotPlacement.builder().availabilityZone(r.zone).build())
              .build();
    }
    return SpotInstanceRequest.builder()
        .spotInstanceRequestId(r.id)
        .spotPrice(r.maxPrice)
        .type(r.type)
        .state(r.state)
        .status(
            SpotInstanceStatus.builder()
                .code(r.code)
                .message(r.message)
                .updateTime(r.updated)
                .build())
        .launchSpecification(spec)
        .instanceId(r.instanceId)
        .createTime(r.created)
        .productDescription("Linux/UNIX")
        .launchedAvailabilityZone(r.zone)
        .validFrom(r.validFrom)
        .validUntil(r.validUntil)
        .launchGroup(r.launchGroup)
        .availabilityZoneGroup(r.zoneGroup)
        .instanceInterruptionBehavior(r.behavior)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  private static Collection<String> devices(
      SpotInstanceRequest r, Function<BlockDeviceMapping, Object> value) {
    return r.launchSpecification().blockDeviceMappings().stream()
        .map(value)
        .filter(Objects::nonNull)
        .map(String::valueOf)
        .toList();
  }

  private static Collection<String> ebs(
      SpotInstanceRequest r,
      Function<software.amazon.awssdk.services.ec2.model.EbsBlockDevice, Object> value) {
    return devices(r, d -> d.ebs() == null ? null : value.apply(d.ebs()));
  }

  private static Collection<String> groups(
      SpotInstanceRequest r, Function<GroupIdentifier, String> value) {
    return r.launchSpecification().securityGroups().stream()
        .map(value)
        .filter(Objects::nonNull)
        .toList();
  }

  private static Collection<String> nics(
      SpotInstanceRequest r, Function<InstanceNetworkInterfaceSpecification, Object> value) {
    return r.launchSpecification().networkInterfaces().stream()
        .map(value)
        .filter(Objects::nonNull)
        .map(String::valueOf)
        .toList();
  }

  private static Collection<String> nicGroups(SpotInstanceRequest r) {
    return r.launchSpecification().networkInterfaces().stream()
        .flatMap(n -> n.groups().stream())
        .toList();
  }

  static List<String> ids(Collection<String> given) {
    return List.copyOf(given);
  }
}
