package dev.ec2double.ec2.tags;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.TagStore;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/**
 * CreateTags, DeleteTags and DescribeTags over the region's one tag store, for every kind of
 * resource a feature has registered with {@link Resources}.
 */
public final class TagsService {

  private static final Comparator<TagDescription> ORDER =
      Comparator.comparing(TagDescription::resourceId).thenComparing(TagDescription::key);

  private final Resources resources;

  public TagsService(Resources resources) {
    this.resources = resources;
  }

  /** Checks every resource first, then tags them all: a failed call changes nothing. */
  public CreateTagsResponse createTags(RequestContext ctx, CreateTagsRequest req) {
    if (req.resources().isEmpty()) {
      throw AwsException.missingParameter("ResourceId");
    }
    if (req.tags().isEmpty()) {
      throw AwsException.missingParameter("Tag");
    }
    requireAll(ctx, req.resources());
    ctx.tags().add(req.resources(), req.tags());
    return CreateTagsResponse.builder().build();
  }

  /**
   * With no Tag given, removes every tag; a tag with no value removes its key whatever the value; a
   * tag with a value (even empty) only when the value matches.
   */
  public DeleteTagsResponse deleteTags(RequestContext ctx, DeleteTagsRequest req) {
    if (req.resources().isEmpty()) {
      throw AwsException.missingParameter("ResourceId");
    }
    requireAll(ctx, req.resources());
    boolean all = !req.hasTags() || req.tags().isEmpty();
    for (String id : req.resources()) {
      ctx.tags().remove(id, req.tags(), all);
    }
    return DeleteTagsResponse.builder().build();
  }

  public DescribeTagsResponse describeTags(RequestContext ctx, DescribeTagsRequest req) {
    TagStore tags = ctx.tags();
    Predicate<TagDescription> filter =
        FilterSpec.<TagDescription>of()
            .field("key", TagDescription::key)
            .field("value", TagDescription::value)
            .field("resource-id", TagDescription::resourceId)
            .field("resource-type", TagDescription::resourceTypeAsString)
            .tags(t -> tags.get(t.resourceId()))
            .compile(req.filters());
    List<TagDescription> all = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : tags.all().entrySet()) {
      String type = resources.typeOf(e.getKey());
      if (type == null) {
        continue; // a kind no service registers: nothing EC2 could describe
      }
      e.getValue()
          .forEach(
              (k, v) ->
                  all.add(
                      TagDescription.builder()
                          .resourceId(e.getKey())
                          .resourceType(type)
                          .key(k)
                          .value(v)
                          .build()));
    }
    List<TagDescription> matching = all.stream().filter(filter).sorted(ORDER).toList();
    Pages.Page<TagDescription> page =
        Pages.page("DescribeTags", matching, req.maxResults(), req.nextToken());
    return DescribeTagsResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
  }

  private void requireAll(RequestContext ctx, List<String> ids) {
    for (String id : ids) {
      resources.requireExisting(ctx.state(), id);
    }
  }
}
