package dev.ec2double.ec2.hosts;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstancePlacement;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.PlacementRules;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ModifyInstancePlacementRequest;
import software.amazon.awssdk.services.ec2.model.Placement;

/**
 * Tenancy: {@code dedicated} is recorded; {@code host} puts each instance on the Dedicated Host
 * named, or else on an available host of the zone with auto-placement on that runs the type and has
 * its vCPUs free.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/dedicated-hosts-understanding.html
 */
final class HostRules implements PlacementRules {
  private static final Set<String> TENANCIES = Set.of("default", "dedicated", "host");
  private static final Set<String> AFFINITIES = Set.of("default", "host");

  @Override
  public List<InstancePlacement> launch(
      RequestContext ctx, Launch launch, List<InstancePlacement> slots) {
    Placement p = launch.request().placement();
    if (p == null) {
      return slots;
    }
    String tenancy = tenancy(p.tenancyAsString(), p.hostId());
    if (p.hostResourceGroupArn() != null) {
      throw new AwsException(
          "Unsupported", "ec2-double does not support host resource groups (License Manager).");
    }
    String affinity = affinity(p.affinity(), tenancy);
    if (!tenancy.equals("host")) {
      return slots.stream().map(s -> s.onHost(tenancy, null, null)).toList();
    }
    HostStore store = HostStore.of(ctx.state());
    List<InstancePlacement> out = new ArrayList<>();
    synchronized (store) {
      Map<String, Integer> taken = new HashMap<>();
      for (InstancePlacement s : slots) {
        HostStore.Host h =
            p.hostId() != null
                ? named(ctx, p.hostId(), launch.instanceType(), launch.zone())
                : auto(ctx, launch.instanceType(), launch.zone(), launch.vcpus(), taken);
        if (Hosts.freeVcpus(ctx.state(), h) - taken.getOrDefault(h.id, 0) < launch.vcpus()) {
          throw insufficient(launch.instanceType(), launch.zone());
        }
        taken.merge(h.id, launch.vcpus(), Integer::sum);
        out.add(s.onHost("host", h.id, affinity));
      }
    }
    return out;
  }

  @Override
  public InstancePlacement modify(
      RequestContext ctx,
      InstanceRecord r,
      ModifyInstancePlacementRequest req,
      InstancePlacement now) {
    if (req.tenancy() == null && req.hostId() == null && req.affinity() == null) {
      return now;
    }
    String tenancy =
        req.tenancy() == null && req.hostId() == null
            ? now.tenancy()
            : tenancy(req.tenancyAsString(), req.hostId());
    if (!tenancy.equals("host")) {
      if (req.affinity() != null) {
        throw AwsException.invalidParameterCombination(
            "Affinity can only be set for an instance with host tenancy.");
      }
      return now.onHost(tenancy, null, null);
    }
    if (now.groupId() != null) {
      throw AwsException.invalidParameterCombination(
          "An instance in a placement group cannot be placed on a Dedicated Host.");
    }
    String affinity =
        req.affinity() == null
            ? (now.affinity() == null ? "default" : now.affinity())
            : affinity(req.affinityAsString(), tenancy);
    String hostId = req.hostId() != null ? req.hostId() : now.hostId();
    if (hostId == null) {
      return now.onHost("host", null, affinity); // placed by auto-placement when it starts
    }
    HostStore store = HostStore.of(ctx.state());
    synchronized (store) {
      HostStore.Host h = named(ctx, hostId, r.instanceType(), r.zone());
      Integer v = Hosts.vcpus(r.instanceType());
      if (!hostId.equals(now.hostId()) && Hosts.freeVcpus(ctx.state(), h) < (v == null ? 1 : v)) {
        throw insufficient(r.instanceType(), r.zone());
      }
    }
    return now.onHost("host", hostId, affinity);
  }

  /** The host named, which must be available in the zone and run the type. */
  private static HostStore.Host named(RequestContext ctx, String id, String type, String zone) {
    HostStore.Host h = Hosts.KIND.get(ctx.state(), id);
    if (!h.state.equals("available")) {
      throw new AwsException("IncorrectState", "The Dedicated Host " + id + " is " + h.state + ".");
    }
    if (!h.zone.equals(zone)) {
      throw AwsException.invalidParameterCombination(
          "The Dedicated Host " + id + " is in " + h.zone + ", not in " + zone + ".");
    }
    if (!Hosts.runs(h, type)) {
      throw AwsException.invalidParameterCombination(
          "The Dedicated Host "
              + id
              + " runs "
              + (h.instanceType != null ? h.instanceType : h.family + " instances")
              + "; it cannot run "
              + type
              + ".");
    }
    return h;
  }

  /** The first available host with auto-placement on that runs the type and has room. */
  private static HostStore.Host auto(
      RequestContext ctx, String type, String zone, int vcpus, Map<String, Integer> taken) {
    for (HostStore.Host h : HostStore.of(ctx.state()).byId.values()) {
      if (h.state.equals("available")
          && "on".equals(h.autoPlacement)
          && h.zone.equals(zone)
          && Hosts.runs(h, type)
          && Hosts.freeVcpus(ctx.state(), h) - taken.getOrDefault(h.id, 0) >= vcpus) {
        return h;
      }
    }
    throw insufficient(type, zone);
  }

  private static AwsException insufficient(String type, String zone) {
    return new AwsException(
        "InsufficientHostCapacity",
        "There is not enough capacity on your Dedicated Hosts in "
            + zone
            + " to launch a "
            + type
            + " instance.");
  }

  private static String tenancy(String tenancy, String hostId) {
    String t = tenancy == null ? (hostId != null ? "host" : "default") : tenancy;
    if (!TENANCIES.contains(t)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + t
              + ") for parameter Tenancy is invalid. Valid values: default, dedicated,"
              + " host");
    }
    if (hostId != null && !t.equals("host")) {
      throw AwsException.invalidParameterCombination(
          "HostId can only be specified with host tenancy.");
    }
    return t;
  }

  private static String affinity(String affinity, String tenancy) {
    if (affinity == null) {
      return tenancy.equals("host") ? "default" : null;
    }
    if (!AFFINITIES.contains(affinity)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + affinity
              + ") for parameter Affinity is invalid. Valid values: default,"
              + " host");
    }
    if (!tenancy.equals("host")) {
      throw AwsException.invalidParameterCombination(
          "Affinity can only be specified with host tenancy.");
    }
    return affinity;
  }
}
