package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.Filter;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

/**
 * Tags of groups, with PropagateAtLaunch: a propagating tag is put on every instance the group
 * launches from then on (as on AWS, instances already running keep theirs).
 */
public final class TagsService {
  static final int MAX_TAGS = 50;

  /** Tags of one request: each names a group (the one being created, when given), a key. */
  static void check(List<Tag> tags, String creating) {
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
        throw AutoScalingErrors.validation("Tag key must be 1 to 128 characters long.");
      }
      if (t.key().regionMatches(true, 0, "aws:", 0, 4)) {
        throw AutoScalingErrors.validation("Tag keys starting with 'aws:' are reserved.");
      }
      if (t.value() != null && t.value().length() > 256) {
        throw AutoScalingErrors.validation("Tag value must be at most 256 characters long.");
      }
      if (creating == null && t.resourceId() == null) {
        throw AutoScalingErrors.validation("Tag resource id must be the group's name.");
      }
      if (t.resourceType() != null && !t.resourceType().equals("auto-scaling-group")) {
        throw AutoScalingErrors.validation(
            "Invalid resource type " + t.resourceType() + ": auto-scaling-group only.");
      }
    }
  }

  public CreateOrUpdateTagsResponse createOrUpdateTags(
      RequestContext ctx, CreateOrUpdateTagsRequest req) {
    check(req.tags(), null);
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      for (Tag t : req.tags()) {
        GroupRecord g = store.group(t.resourceId());
        if (!g.tags.containsKey(t.key()) && g.tags.size() >= MAX_TAGS) {
          throw AutoScalingErrors.limitExceeded(
              "The quota of " + MAX_TAGS + " tags per group was reached for " + g.name + ".");
        }
      }
      for (Tag t : req.tags()) {
        store
            .group(t.resourceId())
            .tags
            .put(
                t.key(),
                new GroupRecord.GroupTag(
                    t.value() == null ? "" : t.value(),
                    Boolean.TRUE.equals(t.propagateAtLaunch())));
      }
    }
    return CreateOrUpdateTagsResponse.builder().build();
  }

  public DeleteTagsResponse deleteTags(RequestContext ctx, DeleteTagsRequest req) {
    check(req.tags(), null);
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      for (Tag t : req.tags()) {
        store.group(t.resourceId());
      }
      for (Tag t : req.tags()) {
        store.group(t.resourceId()).tags.remove(t.key());
      }
    }
    return DeleteTagsResponse.builder().build();
  }

  /** Filters: auto-scaling-group, key, value, propagate-at-launch. */
  public DescribeTagsResponse describeTags(RequestContext ctx, DescribeTagsRequest req) {
    for (Filter f : req.filters()) {
      if (!List.of("auto-scaling-group", "key", "value", "propagate-at-launch")
          .contains(f.name())) {
        throw AutoScalingErrors.validation(
            "Filter type "
                + f.name()
                + " is not correct. Allowed Filter types are: auto-scaling-group key value"
                + " propagate-at-launch");
      }
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    List<TagDescription> out = new ArrayList<>();
    synchronized (store) {
      for (GroupRecord g : store.groups.values()) {
        for (TagDescription t : GroupViews.tags(g)) {
          if (req.filters().stream().allMatch(f -> f.values().contains(field(t, f.name())))) {
            out.add(t);
          }
        }
      }
    }
    Paging.Page<TagDescription> page = Paging.page(out, req.maxRecords(), req.nextToken());
    return DescribeTagsResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
  }

  private static String field(TagDescription t, String filter) {
    return switch (filter) {
      case "auto-scaling-group" -> t.resourceId();
      case "key" -> t.key();
      case "value" -> t.value();
      default -> String.valueOf(t.propagateAtLaunch());
    };
  }
}
