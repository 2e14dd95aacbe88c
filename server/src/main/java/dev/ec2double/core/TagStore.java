package dev.ec2double.core;

import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The one tag store of a region: every resource's tags, by resource id. Limits follow
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions
 */
public final class TagStore implements java.io.Serializable {
  public static final int MAX_TAGS_PER_RESOURCE = 50;
  private static final int MAX_KEY = 128;
  private static final int MAX_VALUE = 256;

  private final ConcurrentHashMap<String, Map<String, String>> byResource =
      new ConcurrentHashMap<>();

  /** Checks tags the way AWS does before anything is stored. */
  public static void validate(List<Tag> tags) {
    for (Tag tag : tags) {
      String key = tag.key();
      if (key == null || key.isEmpty()) {
        throw AwsException.invalidParameterValue("Tag key must not be empty.");
      }
      if (key.length() > MAX_KEY) {
        throw AwsException.invalidParameterValue(
            "Tag key exceeds the maximum length of " + MAX_KEY + " characters.");
      }
      if (key.regionMatches(true, 0, "aws:", 0, 4)) {
        throw AwsException.invalidParameterValue(
            "Tag keys starting with 'aws:' are reserved for internal use");
      }
      if (tag.value() != null && tag.value().length() > MAX_VALUE) {
        throw AwsException.invalidParameterValue(
            "Tag value exceeds the maximum length of " + MAX_VALUE + " characters.");
      }
    }
  }

  /** Adds or overwrites tags on each resource, all or nothing. */
  public void add(List<String> resourceIds, List<Tag> tags) {
    validate(tags);
    synchronized (this) {
      for (String id : resourceIds) {
        Map<String, String> merged = new LinkedHashMap<>(get(id));
        tags.forEach(t -> merged.put(t.key(), t.value() == null ? "" : t.value()));
        if (merged.size() > MAX_TAGS_PER_RESOURCE) {
          throw new AwsException(
              "TagLimitExceeded",
              "The maximum number of tags ("
                  + MAX_TAGS_PER_RESOURCE
                  + ") for resource "
                  + id
                  + " has been exceeded.");
        }
      }
      for (String id : resourceIds) {
        Map<String, String> merged = new LinkedHashMap<>(get(id));
        tags.forEach(t -> merged.put(t.key(), t.value() == null ? "" : t.value()));
        byResource.put(id, Collections.unmodifiableMap(merged));
      }
    }
  }

  /**
   * Tags EC2 itself puts on resources ({@code aws:ec2launchtemplate:id}): the reserved {@code aws:}
   * prefix is theirs, and they do not count against a user's limits.
   */
  public synchronized void addSystem(List<String> resourceIds, List<Tag> tags) {
    for (String id : resourceIds) {
      Map<String, String> merged = new LinkedHashMap<>(get(id));
      tags.forEach(t -> merged.put(t.key(), t.value()));
      byResource.put(id, Collections.unmodifiableMap(merged));
    }
  }

  /**
   * DeleteTags: a tag given without a value removes the key whatever its value; with a value (even
   * empty) only when the value matches; no tags at all removes every tag.
   */
  public synchronized void remove(String resourceId, List<Tag> tags, boolean allTags) {
    if (allTags) {
      byResource.remove(resourceId);
      return;
    }
    Map<String, String> kept = new LinkedHashMap<>(get(resourceId));
    for (Tag t : tags) {
      if (t.value() == null || t.value().equals(kept.get(t.key()))) {
        kept.remove(t.key());
      }
    }
    if (kept.isEmpty()) {
      byResource.remove(resourceId);
    } else {
      byResource.put(resourceId, Collections.unmodifiableMap(kept));
    }
  }

  /** Forgets a deleted resource's tags. */
  public void drop(String resourceId) {
    byResource.remove(resourceId);
  }

  public Map<String, String> get(String resourceId) {
    return byResource.getOrDefault(resourceId, Map.of());
  }

  public List<Tag> sdkTags(String resourceId) {
    Map<String, String> tags = get(resourceId);
    List<Tag> out = new ArrayList<>(tags.size());
    tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  public Map<String, Map<String, String>> all() {
    return byResource;
  }
}
