package dev.ec2double.ec2.credits;

import dev.ec2double.core.RegionState;
import dev.ec2double.ec2.instances.CreditDefaults;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The burstable families and their default CPU credit option: {@code t2} standard, {@code t3},
 * {@code t3a} and {@code t4g} unlimited, as AWS sets them; ModifyDefaultCreditSpecification changes
 * an account's default in a region.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances-how-to.html
 */
public final class CreditFamilies implements CreditDefaults {
  static final Map<String, String> AWS_DEFAULTS =
      Map.of("t2", "standard", "t3", "unlimited", "t3a", "unlimited", "t4g", "unlimited");

  /** The account's changed defaults in a region, by family; guarded by its own lock. */
  static final class Defaults implements java.io.Serializable {
    final Map<String, String> byFamily = new LinkedHashMap<>();

    static Defaults of(RegionState state) {
      return state.part(Defaults.class, Defaults::new);
    }
  }

  /** The family of a type ({@code t3} of {@code t3.micro}), or null when it is not burstable. */
  static String family(String instanceType) {
    if (instanceType == null) {
      return null;
    }
    int dot = instanceType.indexOf('.');
    String family = dot < 0 ? instanceType : instanceType.substring(0, dot);
    return AWS_DEFAULTS.containsKey(family) ? family : null;
  }

  static String defaultOf(RegionState state, String family) {
    Defaults d = state.existingPart(Defaults.class);
    if (d != null) {
      synchronized (d) {
        String set = d.byFamily.get(family);
        if (set != null) {
          return set;
        }
      }
    }
    return AWS_DEFAULTS.get(family);
  }

  @Override
  public String at(RegionState state, String instanceType) {
    String family = family(instanceType);
    return family == null ? null : defaultOf(state, family);
  }
}
