package dev.ec2double.ec2.placementgroups;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.PlacementGroup;

/**
 * Placement groups as a resource kind: records in the region's {@link PlacementGroupStore}. The
 * filters are DescribePlacementGroups'.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribePlacementGroups.html
 *
 * <p>DeletePlacementGroup's {@code InvalidPlacementGroup.InUse} is AWS's own code, not the kind's
 * {@code DependencyViolation}, so {@link PlacementGroupsService} checks it.
 */
final class PlacementGroups {
  private PlacementGroups() {}

  static final ResourceKind<PlacementGroupStore.Group, PlacementGroup> KIND =
      ResourceKind.<PlacementGroupStore.Group, PlacementGroup>of("pg", "placement-group")
          .errors(
              "InvalidPlacementGroupId.NotFound",
              "placement group",
              "InvalidPlacementGroupId.Malformed")
          .storedIn(PlacementGroupStore::of, s -> s.byId)
          .id(PlacementGroupStore.Group::id)
          .view(PlacementGroups::view, PlacementGroup::tags)
          .filter("group-name", PlacementGroup::groupName)
          .filter("group-arn", PlacementGroup::groupArn)
          .filter("state", PlacementGroup::stateAsString)
          .filter("strategy", PlacementGroup::strategyAsString)
          .filter("spread-level", PlacementGroup::spreadLevelAsString)
          .build();

  private static PlacementGroup view(RequestContext ctx, PlacementGroupStore.Group g) {
    return PlacementGroup.builder()
        .groupId(g.id())
        .groupName(g.name())
        .groupArn(
            "arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":placement-group/" + g.name())
        .state("available")
        .strategy(g.strategy())
        .partitionCount(g.partitionCount())
        .spreadLevel(g.spreadLevel())
        .tags(ctx.tags().sdkTags(g.id()))
        .build();
  }
}
