package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.TagStore;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** TagSpecifications of the networking Create calls: one resource type each. */
final class VpcTags {
  private VpcTags() {}

  /** Checks the specifications and returns their tags; call before anything is created. */
  static List<Tag> of(List<TagSpecification> specs, String resourceType) {
    List<Tag> tags = new ArrayList<>();
    for (TagSpecification s : specs) {
      if (!resourceType.equals(s.resourceTypeAsString())) {
        throw AwsException.invalidParameterValue(
            "'"
                + s.resourceTypeAsString()
                + "' is not a valid taggable resource type for this operation.");
      }
      TagStore.validate(s.tags());
      tags.addAll(s.tags());
    }
    return tags;
  }

  static void apply(RequestContext ctx, String id, List<Tag> tags) {
    if (!tags.isEmpty()) {
      ctx.tags().add(List.of(id), tags);
    }
  }

  /** The tags to show: the list AWS writes, left unset when there are none. */
  static List<Tag> shown(RequestContext ctx, String id) {
    List<Tag> t = ctx.tags().sdkTags(id);
    return t.isEmpty() ? null : t;
  }
}
