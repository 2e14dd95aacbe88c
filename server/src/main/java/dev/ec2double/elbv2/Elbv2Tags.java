package dev.ec2double.elbv2;

import dev.ec2double.errors.AwsException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** ELBv2 tags by ARN: 50 per resource, keys up to 128 characters, values up to 256. */
public final class Elbv2Tags {
  static final int MAX = 50;

  private Elbv2Tags() {}

  public static void validate(List<Tag> tags) {
    Set<String> keys = new HashSet<>();
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
        throw new AwsException("ValidationError", "Tag keys must be 1 to 128 characters long");
      }
      if (t.key().startsWith("aws:")) {
        throw new AwsException("ValidationError", "Tag keys starting with 'aws:' are reserved");
      }
      if (t.value() != null && t.value().length() > 256) {
        throw new AwsException("ValidationError", "Tag values can be at most 256 characters long");
      }
      if (!keys.add(t.key())) {
        throw new AwsException("DuplicateTagKeys", "Tag key '" + t.key() + "' is duplicated");
      }
    }
  }

  /** Adds tags to a resource (the caller holds the store's lock). */
  public static void put(Elbv2Store store, String arn, List<Tag> tags) {
    Map<String, String> merged = new LinkedHashMap<>(store.tags.getOrDefault(arn, Map.of()));
    tags.forEach(t -> merged.put(t.key(), t.value() == null ? "" : t.value()));
    if (merged.size() > MAX) {
      throw new AwsException(
          "TooManyTags",
          "The quota for the number of tags per resource (" + MAX + ") has been reached");
    }
    if (!merged.isEmpty()) {
      store.tags.put(arn, merged);
    }
  }

  public static List<Tag> of(Elbv2Store store, String arn) {
    return store.tags.getOrDefault(arn, Map.of()).entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
