package dev.ec2double.ec2.account;

import dev.ec2double.core.RegionState;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Settings an account has per region and nothing else reads: serial console access and the instance
 * tag keys of scheduled event notifications. Guarded by the object's own lock.
 */
final class AccountSettings implements java.io.Serializable {
  boolean serialConsole;
  boolean includeAllTags;
  final Set<String> notificationTagKeys = new LinkedHashSet<>();

  static AccountSettings of(RegionState state) {
    return state.part(AccountSettings.class, AccountSettings::new);
  }
}
