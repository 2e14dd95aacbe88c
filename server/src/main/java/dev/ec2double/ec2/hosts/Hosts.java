package dev.ec2double.ec2.hosts;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.instancetypes.InstanceTypeSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AvailableCapacity;
import software.amazon.awssdk.services.ec2.model.Host;
import software.amazon.awssdk.services.ec2.model.HostInstance;
import software.amazon.awssdk.services.ec2.model.HostProperties;
import software.amazon.awssdk.services.ec2.model.InstanceCapacity;

/**
 * Dedicated Hosts as a resource kind, with DescribeHosts' filters. A host's capacity is its vCPUs:
 * an instance on it takes its type's vCPUs while it holds capacity (pending, running, stopping).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeHosts.html
 */
final class Hosts {
  private Hosts() {}

  static final ResourceKind<HostStore.Host, Host> KIND =
      ResourceKind.<HostStore.Host, Host>of("h", "dedicated-host")
          .errors("InvalidHostID.NotFound", "host", "InvalidHostId.Malformed")
          .storedIn(HostStore::of, s -> s.byId)
          .id(h -> h.id)
          .view(Hosts::view, Host::tags)
          .filter("auto-placement", Host::autoPlacementAsString)
          .filter("availability-zone", Host::availabilityZone)
          .filter("client-token", Host::clientToken)
          .filter("host-reservation-id", Host::hostReservationId)
          .filter("instance-type", h -> h.hostProperties().instanceType())
          .filter("instance-family", h -> h.hostProperties().instanceFamily())
          .filter("state", Host::stateAsString)
          .build();

  /** The vCPUs of an instance type, or null for a type the server does not know. */
  static Integer vcpus(String type) {
    return InstanceTypeCatalog.find(type).map(InstanceTypeSpec::vcpus).orElse(null);
  }

  /** The sizes of a family the server knows, for a host that runs every size. */
  static List<String> familyTypes(String family) {
    return InstanceTypeCatalog.all().stream()
        .filter(t -> t.family().equals(family))
        .map(InstanceTypeSpec::name)
        .toList();
  }

  /** The instances on the host that are not terminated. */
  static List<InstanceRecord> instancesOn(RegionState state, String hostId) {
    return Instances.store(state).all().stream()
        .filter(i -> hostId.equals(i.placement().hostId()) && i.state() != InstanceState.TERMINATED)
        .toList();
  }

  /** The host's vCPUs not taken by instances that hold capacity. */
  static int freeVcpus(RegionState state, HostStore.Host h) {
    int used = 0;
    for (InstanceRecord i : instancesOn(state, h.id)) {
      if (i.holdsCapacity()) {
        Integer v = vcpus(i.instanceType());
        used += v == null ? 1 : v;
      }
    }
    return Math.max(0, h.totalVcpus - used);
  }

  /** Whether an instance of the type may run on the host. */
  static boolean runs(HostStore.Host h, String type) {
    return h.instanceType != null
        ? h.instanceType.equals(type)
        : h.family.equals(HostSizes.family(type));
  }

  private static Host view(RequestContext ctx, HostStore.Host h) {
    List<InstanceRecord> on = instancesOn(ctx.state(), h.id);
    int free = h.state.equals("available") ? freeVcpus(ctx.state(), h) : 0;
    List<InstanceCapacity> capacity = new ArrayList<>();
    for (String t : h.instanceType != null ? List.of(h.instanceType) : familyTypes(h.family)) {
      Integer v = vcpus(t);
      if (v != null && v > 0) {
        capacity.add(
            InstanceCapacity.builder()
                .instanceType(t)
                .availableCapacity(free / v)
                .totalCapacity(h.totalVcpus / v)
                .build());
      }
    }
    return Host.builder()
        .hostId(h.id)
        .ownerId(ctx.account())
        .availabilityZone(h.zone)
        .availabilityZoneId(h.zoneId)
        .autoPlacement(h.autoPlacement)
        .hostRecovery(h.hostRecovery)
        .hostMaintenance(h.hostMaintenance)
        .allowsMultipleInstanceTypes(h.instanceType == null ? "on" : "off")
        .clientToken(h.clientToken)
        .state(h.state)
        .allocationTime(h.allocationTime)
        .releaseTime(h.releaseTime)
        .hostReservationId(h.reservationId)
        .memberOfServiceLinkedResourceGroup(false)
        .hostProperties(
            HostProperties.builder()
                .instanceType(h.instanceType)
                .instanceFamily(h.instanceType == null ? h.family : null)
                .sockets(h.sockets)
                .cores(h.cores)
                .totalVCpus(h.totalVcpus)
                .build())
        .availableCapacity(
            AvailableCapacity.builder()
                .availableVCpus(free)
                .availableInstanceCapacity(capacity)
                .build())
        .instances(
            on.stream()
                .map(
                    i ->
                        HostInstance.builder()
                            .instanceId(i.id())
                            .instanceType(i.instanceType())
                            .ownerId(ctx.account())
                            .build())
                .toList())
        .tags(ctx.tags().sdkTags(h.id))
        .build();
  }
}
