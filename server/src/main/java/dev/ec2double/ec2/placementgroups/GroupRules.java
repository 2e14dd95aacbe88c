package dev.ec2double.ec2.placementgroups;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstancePlacement;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceStore;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.instances.PlacementRules;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.ModifyInstancePlacementRequest;
import software.amazon.awssdk.services.ec2.model.Placement;

/**
 * Instances in placement groups: a cluster group keeps to one zone, a rack spread group holds at
 * most seven running instances per zone, a partition group gives each instance the partition asked
 * for, or else the one of the zone with fewest instances (as AWS spreads them evenly).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-strategies.html
 */
final class GroupRules implements PlacementRules {
  /** "You can have a maximum of seven running instances per Availability Zone per group." */
  static final int SPREAD_PER_ZONE = 7;

  @Override
  public List<InstancePlacement> launch(
      RequestContext ctx, Launch launch, List<InstancePlacement> slots) {
    Placement p = launch.request().placement();
    if (p == null || (empty(p.groupName()) && empty(p.groupId()))) {
      if (p != null && p.partitionNumber() != null) {
        throw AwsException.invalidParameterCombination(
            "PartitionNumber can only be specified with a partition placement group.");
      }
      return slots;
    }
    PlacementGroupStore.Group g = group(ctx, p.groupName(), p.groupId());
    if ("host".equals(p.tenancyAsString())) {
      throw AwsException.invalidParameterCombination(
          "Instances on Dedicated Hosts cannot be launched in placement groups.");
    }
    List<InstanceRecord> members = members(launch.store(), g.id(), null);
    List<InstancePlacement> out = new ArrayList<>();
    switch (g.strategy()) {
      case "cluster" -> {
        noPartition(p, g);
        members.stream()
            .filter(r -> !r.zone().equals(launch.zone()))
            .findFirst()
            .ifPresent(
                r -> {
                  throw AwsException.invalidParameterValue(
                      "The cluster placement group '"
                          + g.name()
                          + "' has instances in "
                          + r.zone()
                          + "; a cluster placement group cannot span Availability Zones.");
                });
        slots.forEach(s -> out.add(s.inGroup(g.name(), g.id(), null)));
      }
      case "spread" -> {
        noPartition(p, g);
        long inZone = members.stream().filter(r -> r.zone().equals(launch.zone())).count();
        if ("rack".equals(g.spreadLevel()) && inZone + slots.size() > SPREAD_PER_ZONE) {
          throw spreadFull(g, launch.zone(), inZone);
        }
        slots.forEach(s -> out.add(s.inGroup(g.name(), g.id(), null)));
      }
      default -> {
        int[] counts = new int[g.partitionCount() + 1];
        members.stream()
            .filter(r -> r.zone().equals(launch.zone()))
            .forEach(r -> counts[partitionOf(r, g)]++);
        Integer asked = partition(p.partitionNumber(), g);
        for (InstancePlacement s : slots) {
          int n = asked != null ? asked : fewest(counts);
          counts[n]++;
          out.add(s.inGroup(g.name(), g.id(), n));
        }
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
    if (req.groupName() == null && req.groupId() == null) {
      if (req.partitionNumber() == null) {
        return now;
      }
      if (now.groupId() == null) {
        throw AwsException.invalidParameterCombination(
            "PartitionNumber can only be specified with a partition placement group.");
      }
      PlacementGroupStore.Group g = PlacementGroups.KIND.get(ctx.state(), now.groupId());
      return now.inGroup(g.name(), g.id(), partitionOrNone(req.partitionNumber(), g));
    }
    if ("".equals(req.groupName()) && req.groupId() == null) {
      return now.inGroup(null, null, null); // removed from its group
    }
    PlacementGroupStore.Group g = group(ctx, req.groupName(), req.groupId());
    if ("host".equals(now.tenancy()) || "host".equals(req.tenancyAsString())) {
      throw AwsException.invalidParameterCombination(
          "Instances on Dedicated Hosts cannot be in placement groups.");
    }
    if (g.strategy().equals("spread") && "rack".equals(g.spreadLevel())) {
      long inZone =
          members(Instances.store(ctx.state()), g.id(), r).stream()
              .filter(m -> m.zone().equals(r.zone()))
              .count();
      // the instance is stopped: the limit counts it once it starts; AWS refuses the move
      // when the group's zone already has its seven
      if (inZone >= SPREAD_PER_ZONE) {
        throw spreadFull(g, r.zone(), inZone);
      }
    }
    if (!g.strategy().equals("partition") && req.partitionNumber() != null) {
      throw AwsException.invalidParameterCombination(
          "PartitionNumber can only be specified with a partition placement group.");
    }
    Integer partition = null;
    if (g.strategy().equals("partition")) {
      partition = req.partitionNumber() == null ? 1 : partitionOrNone(req.partitionNumber(), g);
    }
    return now.inGroup(g.name(), g.id(), partition);
  }

  /**
   * Starting stopped members counts them again: a rack spread group's zone holds at most seven
   * instances that hold capacity, those starting included.
   */
  @Override
  public void start(RequestContext ctx, List<InstanceRecord> starting, InstanceStore store) {
    Map<String, Long> adding = new LinkedHashMap<>();
    for (InstanceRecord r : starting) {
      if (r.placement().groupId() != null) {
        adding.merge(r.placement().groupId() + " " + r.zone(), 1L, Long::sum);
      }
    }
    for (Map.Entry<String, Long> e : adding.entrySet()) {
      String[] groupAndZone = e.getKey().split(" ", 2);
      PlacementGroupStore.Group g;
      synchronized (PlacementGroupStore.of(ctx.state())) {
        g = PlacementGroupStore.of(ctx.state()).byId.get(groupAndZone[0]);
      }
      if (g == null || !g.strategy().equals("spread") || !"rack".equals(g.spreadLevel())) {
        continue;
      }
      long inZone =
          members(store, g.id(), null).stream()
              .filter(m -> m.zone().equals(groupAndZone[1]))
              .count();
      if (inZone + e.getValue() > SPREAD_PER_ZONE) {
        throw spreadFull(g, groupAndZone[1], inZone);
      }
    }
  }

  /** The group by name or id; AWS's codes for each when it is not there. */
  static PlacementGroupStore.Group group(RequestContext ctx, String name, String id) {
    PlacementGroupStore store = PlacementGroupStore.of(ctx.state());
    if (!empty(id)) {
      PlacementGroupStore.Group g = PlacementGroups.KIND.get(ctx.state(), id);
      if (!empty(name) && !name.equals(g.name())) {
        throw AwsException.invalidParameterCombination(
            "The placement group name '" + name + "' does not match the group " + id + ".");
      }
      return g;
    }
    synchronized (store) {
      return PlacementGroupsService.byName(store, name);
    }
  }

  /** The group's instances that hold capacity (pending, running, stopping), but {@code except}. */
  static List<InstanceRecord> members(InstanceStore store, String groupId, InstanceRecord except) {
    return store.all().stream()
        .filter(r -> r != except && groupId.equals(r.placement().groupId()) && r.holdsCapacity())
        .toList();
  }

  private static AwsException spreadFull(PlacementGroupStore.Group g, String zone, long inZone) {
    return new AwsException(
        "InsufficientInstanceCapacity",
        "The spread placement group '"
            + g.name()
            + "' has "
            + inZone
            + " running instances in "
            + zone
            + "; a rack spread placement group holds at most "
            + SPREAD_PER_ZONE
            + " running instances per Availability Zone.",
        500);
  }

  private static void noPartition(Placement p, PlacementGroupStore.Group g) {
    if (p.partitionNumber() != null) {
      throw AwsException.invalidParameterCombination(
          "PartitionNumber can only be specified with a partition placement group; '"
              + g.name()
              + "' is a "
              + g.strategy()
              + " placement group.");
    }
  }

  private static Integer partition(Integer asked, PlacementGroupStore.Group g) {
    if (asked == null) {
      return null;
    }
    if (!g.strategy().equals("partition")) {
      throw AwsException.invalidParameterCombination(
          "PartitionNumber can only be specified with a partition placement group; '"
              + g.name()
              + "' is a "
              + g.strategy()
              + " placement group.");
    }
    return partitionOrNone(asked, g);
  }

  private static int partitionOrNone(int asked, PlacementGroupStore.Group g) {
    if (!g.strategy().equals("partition")) {
      throw AwsException.invalidParameterCombination(
          "PartitionNumber can only be specified with a partition placement group.");
    }
    if (asked < 1 || asked > g.partitionCount()) {
      throw AwsException.invalidParameterValue(
          "The partition number "
              + asked
              + " is out of range for the placement group '"
              + g.name()
              + "': it has partitions 1 to "
              + g.partitionCount()
              + ".");
    }
    return asked;
  }

  private static int partitionOf(InstanceRecord r, PlacementGroupStore.Group g) {
    Integer n = r.placement().partitionNumber();
    return n == null || n < 1 || n > g.partitionCount() ? 1 : n;
  }

  /** The lowest-numbered partition with the fewest instances. */
  private static int fewest(int[] counts) {
    int best = 1;
    for (int i = 2; i < counts.length; i++) {
      if (counts[i] < counts[best]) {
        best = i;
      }
    }
    return best;
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }
}
