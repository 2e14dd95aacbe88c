package dev.ec2double.ec2.roles;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instance profile associations of one region ({@code iip-assoc-…}): at most one per instance.
 * Guarded by its own lock.
 */
public final class ProfileAssociations implements java.io.Serializable {
  private final Map<String, Association> byId = new LinkedHashMap<>();

  /** One association, as DescribeIamInstanceProfileAssociations shows it. */
  public record Association(
      String id, String instanceId, InstanceProfiles.Profile profile, Instant timestamp)
      implements java.io.Serializable {}

  public static ProfileAssociations of(RegionState state) {
    return state.part(ProfileAssociations.class, ProfileAssociations::new);
  }

  public synchronized Association get(String id) {
    return byId.get(id);
  }

  /** The instance's association, or null. */
  public synchronized Association ofInstance(String instanceId) {
    for (Association a : byId.values()) {
      if (a.instanceId().equals(instanceId)) {
        return a;
      }
    }
    return null;
  }

  public synchronized void put(Association a) {
    byId.put(a.id(), a);
  }

  public synchronized Association remove(String id) {
    return byId.remove(id);
  }

  public synchronized List<Association> all() {
    return new ArrayList<>(byId.values());
  }
}
