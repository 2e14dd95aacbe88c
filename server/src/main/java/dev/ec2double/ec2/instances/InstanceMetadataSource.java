package dev.ec2double.ec2.instances;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.StateStore;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.ec2.roles.InstanceProfiles;
import dev.ec2double.ec2.roles.RoleCredentials;
import dev.ec2double.ec2.vpc.InstanceNetworking;
import dev.ec2double.ec2.vpc.VpcState;
import dev.ec2double.imds.InstanceMetadata;
import dev.ec2double.imds.MetadataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;

/** The metadata service's view of instances: found by network and private address. */
public final class InstanceMetadataSource implements MetadataSource {
  private final StateStore store;
  private final InstanceCatalogs catalogs;
  private final InstanceNetworking networking;
  private final RoleCredentials credentials;
  private volatile InstanceFaults faults;

  public InstanceMetadataSource(
      StateStore store,
      InstanceCatalogs catalogs,
      InstanceNetworking networking,
      RoleCredentials credentials) {
    this.credentials = credentials;
    this.store = store;
    this.catalogs = catalogs;
    this.networking = networking;
  }

  @Override
  public Optional<InstanceMetadata> find(String network, String address) {
    for (RegionState state : store.all()) {
      for (InstanceRecord r : Instances.store(state).all()) {
        if (address.equals(r.privateIp)
            && network.equals(r.network)
            && r.state() != InstanceState.TERMINATED) {
          return Optional.of(metadata(state, r));
        }
      }
    }
    return Optional.empty();
  }

  private InstanceMetadata metadata(RegionState state, InstanceRecord r) {
    VpcState vpcs = VpcState.of(state);
    Map<String, String> keys = new LinkedHashMap<>();
    if (r.keyName != null) {
      catalogs.publicKey(state, r.keyName).ifPresent(k -> keys.put(r.keyName, k.trim()));
    }
    var net = networking.view(state, r.id);
    var groups = net.groups();
    var enis = net.interfaces();
    String zoneId =
        RegionCatalog.zones(r.region).stream()
            .filter(z -> z.name().equals(r.zone))
            .map(RegionCatalog.Zone::zoneId)
            .findFirst()
            .orElse(null);
    synchronized (r) {
      var o = r.metadataOptions;
      return new InstanceMetadata(
          r.id,
          r.account,
          r.region,
          r.zone,
          zoneId,
          r.imageId,
          r.launchIndex,
          r.reservationId,
          r.instanceType,
          r.architecture,
          r.privateDnsName,
          r.privateIp,
          net.publicIp(),
          r.mac,
          enis.isEmpty() ? null : enis.get(0).networkInterfaceId(),
          r.subnetId,
          vpcs.subnet(r.subnetId).cidr().toString(),
          r.vpcId,
          vpcs.vpc(r.vpcId).cidr().toString(),
          groups.stream().map(GroupIdentifier::groupName).toList(),
          groups.stream().map(GroupIdentifier::groupId).toList(),
          keys,
          r.userData == null ? null : UserData.decode(r.userData),
          state.tags().get(r.id),
          r.launchTime,
          new InstanceMetadata.Options(
              !"disabled".equals(o.httpEndpointAsString()),
              "required".equals(o.httpTokensAsString()),
              o.httpPutResponseHopLimit(),
              "enabled".equals(o.instanceMetadataTagsAsString())),
          role(r),
          events(r),
          new InstanceMetadata.Placement(
              r.placement().groupName(), r.placement().partitionNumber(), r.placement().hostId()),
          r.spotRequestId != null ? "spot" : "on-demand");
    }
  }

  /** Faults a test injected, which the instance sees coming. */
  public void faults(InstanceFaults faults) {
    this.faults = faults;
  }

  private InstanceMetadata.Events events(InstanceRecord r) {
    InstanceFaults f = faults;
    if (f == null) {
      return InstanceMetadata.Events.NONE;
    }
    var spot = f.spotInterruption(r.id);
    return new InstanceMetadata.Events(
        FaultViews.maintenance(f.scheduled(r.id)),
        spot.map(FaultViews::spotAction).orElse(null),
        spot.map(FaultViews::rebalance).orElse(null),
        spot.filter(s -> "terminate".equals(s.action()))
            .map(FaultViews::terminationTime)
            .orElse(null));
  }

  /** The profile's role and its current credentials, issued on the first ask. */
  private InstanceMetadata.Role role(InstanceRecord r) {
    InstanceProfiles.Profile p = r.profile;
    if (p == null) {
      return null;
    }
    RoleCredentials.Issued c = credentials.current(r.account, r.id, p.role());
    return new InstanceMetadata.Role(
        p.arn(),
        p.id(),
        p.role(),
        c.accessKeyId(),
        c.secretAccessKey(),
        c.sessionToken(),
        c.issued(),
        c.expiration());
  }
}
