package dev.ec2double.ec2.verifiedaccess;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessGroup;

/**
 * Verified Access groups as a resource kind (the reference lists no filter names; the server takes
 * the ids, owner, description and tags). A group with endpoints that are not deleted cannot be
 * deleted.
 */
final class AccessGroups {
  private AccessGroups() {}

  static final ResourceKind<AccessStore.Group, VerifiedAccessGroup> KIND =
      ResourceKind.<AccessStore.Group, VerifiedAccessGroup>of("vagr", "verified-access-group")
          .errors("InvalidVerifiedAccessGroupId.NotFound", "Verified Access group", null)
          .storedIn(AccessStore::of, s -> s.groups)
          .id(g -> g.id)
          .view(AccessGroups::view, VerifiedAccessGroup::tags)
          .filter("verified-access-group-id", VerifiedAccessGroup::verifiedAccessGroupId)
          .filter("verified-access-instance-id", VerifiedAccessGroup::verifiedAccessInstanceId)
          .filter("owner", VerifiedAccessGroup::owner)
          .filter("description", VerifiedAccessGroup::description)
          .inUseWhen(
              (region, g) ->
                  AccessStore.of(region).endpoints.values().stream()
                      .anyMatch(e -> e.live() && e.groupId.equals(g.id)))
          .build();

  private static VerifiedAccessGroup view(RequestContext ctx, AccessStore.Group g) {
    return VerifiedAccessGroup.builder()
        .verifiedAccessGroupId(g.id)
        .verifiedAccessInstanceId(g.instanceId)
        .description(g.description)
        .owner(ctx.account())
        .verifiedAccessGroupArn(
            "arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":verified-access-group/" + g.id)
        .creationTime(g.created)
        .lastUpdatedTime(g.updated)
        .sseSpecification(g.sse)
        .tags(ctx.tags().sdkTags(g.id))
        .build();
  }
}
