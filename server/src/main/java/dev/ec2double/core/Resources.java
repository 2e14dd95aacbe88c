package dev.ec2double.core;

import dev.ec2double.errors.AwsException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * Which kinds of taggable resource exist, by id prefix: each feature registers its kind, and the
 * tag operations use this to check that a resource exists and to name its type.
 */
public final class Resources {
  private static final Pattern ID =
      Pattern.compile("[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*-[0-9a-f]{8}([0-9a-f]{9})?");

  public record Kind(
      String prefix,
      String resourceType,
      String notFoundCode,
      BiPredicate<RegionState, String> exists) {}

  private final Map<String, Kind> byPrefix = new ConcurrentHashMap<>();

  /** Makes the services not made yet, which register their kinds as they are made. */
  private volatile Runnable registerTheRest = () -> {};

  public void register(Kind kind) {
    byPrefix.put(kind.prefix(), kind);
  }

  /**
   * What registers the kinds of the services made on first use (the server makes most services on
   * the first call of one of their actions): run before an id's kind is taken as unknown.
   */
  public void beforeUnknown(Runnable registerTheRest) {
    this.registerTheRest = registerTheRest;
  }

  public Kind kindOf(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return null;
    }
    String prefix = id.substring(0, id.lastIndexOf('-'));
    Kind kind = byPrefix.get(prefix);
    if (kind == null) {
      Runnable rest = registerTheRest;
      rest.run();
      registerTheRest = () -> {}; // everything is registered now
      kind = byPrefix.get(prefix);
    }
    return kind;
  }

  /** The resource type DescribeTags shows for an id, or null when the kind is unknown. */
  public String typeOf(String id) {
    Kind kind = kindOf(id);
    return kind == null ? null : kind.resourceType();
  }

  /** Throws AWS's error for a malformed or unknown id. */
  public Kind requireExisting(RegionState state, String id) {
    Kind kind = kindOf(id);
    if (kind == null) {
      throw new AwsException("InvalidID", "The ID '" + id + "' is not valid");
    }
    if (!kind.exists().test(state, id)) {
      throw new AwsException(
          kind.notFoundCode(), "The " + kind.resourceType() + " ID '" + id + "' does not exist");
    }
    return kind;
  }
}
