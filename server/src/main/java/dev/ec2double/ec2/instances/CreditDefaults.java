package dev.ec2double.ec2.instances;

import dev.ec2double.core.RegionState;

/**
 * The CPU credit option a burstable instance gets at launch when RunInstances gives none: the
 * account's default for its family in the region (ModifyDefaultCreditSpecification). Owned here so
 * that instances never depend on the feature that answers it.
 */
public interface CreditDefaults {
  /** {@code standard} or {@code unlimited}; null for a type that is not burstable. */
  String at(RegionState state, String instanceType);

  /** What a server without the credits feature answers: no credit options. */
  CreditDefaults NONE = (state, type) -> null;
}
