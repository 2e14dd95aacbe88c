package dev.ec2double.ec2.placementgroups;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.instances.PlacementRules;
import dev.ec2double.errors.AwsException;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreatePlacementGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreatePlacementGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeletePlacementGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeletePlacementGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribePlacementGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribePlacementGroupsResponse;

/**
 * CreatePlacementGroup, DescribePlacementGroups and DeletePlacementGroup; RunInstances and
 * ModifyInstancePlacement place instances in the groups by their strategy ({@link GroupRules}). A
 * group with an instance that is not terminated (a stopped one too) cannot be deleted.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreatePlacementGroup.html
 */
public final class PlacementGroupsService {
  private static final Set<String> STRATEGIES = Set.of("cluster", "spread", "partition");
  private static final Set<String> SPREAD_LEVELS = Set.of("host", "rack");
  private static final int MAX_PARTITIONS = 7;
  private static final int DEFAULT_PARTITIONS = 2;

  public PlacementGroupsService(Resources resources) {
    PlacementGroups.KIND.registerTaggable(resources);
  }

  /** How the groups place instances, for RunInstances and ModifyInstancePlacement. */
  public PlacementRules rules() {
    return new GroupRules();
  }

  public CreatePlacementGroupResponse createPlacementGroup(
      RequestContext ctx, CreatePlacementGroupRequest req) {
    String name = req.groupName();
    if (name == null || name.isEmpty()) {
      throw AwsException.missingParameter("GroupName");
    }
    if (name.length() > 255 || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw AwsException.invalidParameterValue(
          "The placement group name must be 1 to 255 printable ASCII characters");
    }
    String strategy = req.strategyAsString();
    if (strategy == null) {
      throw AwsException.missingParameter("Strategy");
    }
    if (!STRATEGIES.contains(strategy)) {
      throw AwsException.invalidParameterValue(
          "The value '"
              + strategy
              + "' for parameter Strategy is invalid. Valid values: cluster,"
              + " spread, partition");
    }
    Integer partitions = partitionCount(strategy, req.partitionCount());
    String spreadLevel = spreadLevel(strategy, req.spreadLevelAsString());
    var tags = PlacementGroups.KIND.tags(req.tagSpecifications());
    PlacementGroupStore store = PlacementGroupStore.of(ctx.state());
    PlacementGroupStore.Group g =
        PlacementGroups.KIND.create(
            ctx,
            tags,
            id -> {
              if (store.byName(name).isPresent()) {
                throw new AwsException(
                    "InvalidPlacementGroup.Duplicate",
                    "The Placement Group '" + name + "' already exists.");
              }
              return new PlacementGroupStore.Group(id, name, strategy, partitions, spreadLevel);
            });
    return CreatePlacementGroupResponse.builder()
        .placementGroup(PlacementGroups.KIND.view(ctx, g))
        .build();
  }

  public DescribePlacementGroupsResponse describePlacementGroups(
      RequestContext ctx, DescribePlacementGroupsRequest req) {
    PlacementGroups.KIND.checkFilters(req.filters());
    PlacementGroupStore store = PlacementGroupStore.of(ctx.state());
    for (String name : req.groupNames()) {
      byName(store, name);
    }
    for (String id : req.groupIds()) {
      PlacementGroups.KIND.get(ctx.state(), id);
    }
    Set<String> names = Set.copyOf(req.groupNames());
    Set<String> ids = Set.copyOf(req.groupIds());
    boolean all = names.isEmpty() && ids.isEmpty();
    return DescribePlacementGroupsResponse.builder()
        .placementGroups(
            PlacementGroups.KIND.select(
                ctx, g -> all || names.contains(g.name()) || ids.contains(g.id()), req.filters()))
        .build();
  }

  public DeletePlacementGroupResponse deletePlacementGroup(
      RequestContext ctx, DeletePlacementGroupRequest req) {
    if (req.groupName() == null) {
      throw AwsException.missingParameter("GroupName");
    }
    PlacementGroupStore store = PlacementGroupStore.of(ctx.state());
    synchronized (store) {
      PlacementGroupStore.Group g = byName(store, req.groupName());
      if (Instances.store(ctx.state()).all().stream()
          .anyMatch(
              r ->
                  g.id().equals(r.placement().groupId())
                      && r.state() != InstanceState.TERMINATED)) {
        throw new AwsException(
            "InvalidPlacementGroup.InUse",
            "The placement group '" + g.name() + "' is in use and may not be deleted.");
      }
      PlacementGroups.KIND.delete(ctx, g.id());
    }
    return DeletePlacementGroupResponse.builder().build();
  }

  static PlacementGroupStore.Group byName(PlacementGroupStore store, String name) {
    return store
        .byName(name)
        .orElseThrow(
            () ->
                new AwsException(
                    "InvalidPlacementGroup.Unknown",
                    "The Placement Group '" + name + "' is unknown."));
  }

  /** 1 to 7 partitions, for the partition strategy only (2 when not given). */
  private static Integer partitionCount(String strategy, Integer count) {
    if (!"partition".equals(strategy)) {
      if (count != null) {
        throw AwsException.invalidParameterCombination(
            "PartitionCount is only valid for placement groups with the partition strategy");
      }
      return null;
    }
    if (count == null) {
      return DEFAULT_PARTITIONS;
    }
    if (count < 1 || count > MAX_PARTITIONS) {
      throw AwsException.invalidParameterValue(
          "The value '" + count + "' for PartitionCount is invalid. It must be between 1 and 7");
    }
    return count;
  }

  /** host or rack, for the spread strategy only ({@code rack} when not given). */
  private static String spreadLevel(String strategy, String level) {
    if (!"spread".equals(strategy)) {
      if (level != null) {
        throw AwsException.invalidParameterCombination(
            "SpreadLevel is only valid for placement groups with the spread strategy");
      }
      return null;
    }
    if (level == null) {
      return "rack";
    }
    if (!SPREAD_LEVELS.contains(level)) {
      throw AwsException.invalidParameterValue(
          "The value '"
              + level
              + "' for parameter SpreadLevel is invalid. Valid values: host, rack");
    }
    return level;
  }
}
