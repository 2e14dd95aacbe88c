package dev.ec2double.autoscaling;

import dev.ec2double.core.RegionState;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;

/**
 * One account's Auto Scaling state in one region: groups and launch configurations, by name. The
 * store's own lock guards both maps and everything in the records; the reconciler takes it too.
 */
public final class AutoScalingStore implements java.io.Serializable {
  final Map<String, GroupRecord> groups = new LinkedHashMap<>();
  final Map<String, LaunchConfiguration> launchConfigurations = new LinkedHashMap<>();

  /** Account settings changed by PutAccountSetting (name to value). */
  final Map<String, String> accountSettings = new LinkedHashMap<>();

  /**
   * LaunchInstances' client tokens, the newest {@link #TOKENS_KEPT}: what each call asked for and
   * what it was answered, so that a retry with the same token launches nothing more.
   */
  final Map<String, LaunchTokens.Use> launchTokens = new LinkedHashMap<>();

  static AutoScalingStore of(RegionState state) {
    return state.part(AutoScalingStore.class, AutoScalingStore::new);
  }

  GroupRecord group(String name) {
    GroupRecord g = groups.get(name);
    if (g == null || g.deleted) {
      throw AutoScalingErrors.validation("AutoScalingGroup name not found - " + name);
    }
    return g;
  }
}
