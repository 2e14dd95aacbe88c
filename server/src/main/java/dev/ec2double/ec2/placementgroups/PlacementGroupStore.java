package dev.ec2double.ec2.placementgroups;

import dev.ec2double.core.RegionState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The placement groups of one account in one region, by id; names are unique in the region. Every
 * read and change holds the store's lock ({@link PlacementGroups#KIND} too).
 */
final class PlacementGroupStore implements java.io.Serializable {
  /** One placement group: its strategy, and the partition count or spread level it has. */
  record Group(String id, String name, String strategy, Integer partitionCount, String spreadLevel)
      implements java.io.Serializable {}

  final Map<String, Group> byId = new LinkedHashMap<>();

  static PlacementGroupStore of(RegionState state) {
    return state.part(PlacementGroupStore.class, PlacementGroupStore::new);
  }

  synchronized Optional<Group> byName(String name) {
    return byId.values().stream().filter(g -> g.name().equals(name)).findFirst();
  }
}
