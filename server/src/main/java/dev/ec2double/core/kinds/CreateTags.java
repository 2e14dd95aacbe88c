package dev.ec2double.core.kinds;

import dev.ec2double.core.TagStore;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The TagSpecifications of a Create call, checked before anything is made, so that a bad tag never
 * leaves an untagged resource behind.
 */
public final class CreateTags {
  private CreateTags() {}

  /**
   * The tags for one resource type: every specification must name it; a key given twice keeps its
   * last value; AWS's limits on keys, values and count hold.
   */
  public static List<Tag> of(List<TagSpecification> specs, String resourceType) {
    Map<String, Tag> byKey = new LinkedHashMap<>();
    for (TagSpecification spec : specs) {
      String type = spec.resourceTypeAsString();
      if (!resourceType.equals(type)) {
        throw AwsException.invalidParameterValue(
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      spec.tags().forEach(t -> byKey.put(t.key(), t));
    }
    List<Tag> tags = new ArrayList<>(byKey.values());
    TagStore.validate(tags);
    if (tags.size() > TagStore.MAX_TAGS_PER_RESOURCE) {
      throw new AwsException(
          "TagLimitExceeded",
          "The maximum number of tags (" + TagStore.MAX_TAGS_PER_RESOURCE + ") has been exceeded.");
    }
    return tags;
  }
}
