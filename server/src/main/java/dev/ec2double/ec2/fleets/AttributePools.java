package dev.ec2double.ec2.fleets;

import dev.ec2double.ec2.instancetypes.InstancePrices;
import dev.ec2double.ec2.instancetypes.InstanceRequirementsMatcher;
import dev.ec2double.ec2.instancetypes.InstanceTypeSpec;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;

/**
 * Attribute-based instance type selection in fleets: an override with {@code InstanceRequirements}
 * stands for every type that has the attributes, runs the template's image (its architecture) and
 * passes price protection ({@link InstanceRequirementsMatcher}); it becomes one pool per such type,
 * which the allocation strategies order like any pool. A pool whose type only one purchase option's
 * protection lets through serves only that option. With a target in {@code vcpu} or {@code
 * memory-mib}, an instance counts its type's vCPUs or MiB.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-fleet-attribute-based-instance-type-selection.html
 */
final class AttributePools {
  private AttributePools() {}

  /** "Your request contains more than the maximum allowed number of InstanceRequirements (4)". */
  static final int MAX_REQUIREMENTS = 4;

  static final Set<String> UNIT_TYPES = Set.of("units", "vcpu", "memory-mib");

  /**
   * AWS's checks of a fleet's overrides: requirements and an instance type not in one override, at
   * most four overrides with requirements, and a target in vCPUs or MiB only with requirements in
   * every override.
   *
   * @param requirements each override's requirements (null where it names a type or nothing)
   * @param types each override's instance type (null where it names none)
   */
  static void check(
      List<InstanceRequirementsRequest> requirements, List<String> types, String unit) {
    int with = 0;
    for (int i = 0; i < requirements.size(); i++) {
      InstanceRequirementsRequest r = requirements.get(i);
      if (r == null) {
        continue;
      }
      if (types.get(i) != null) {
        throw AwsException.invalidParameterCombination(
            "InstanceRequirements and InstanceType cannot both be specified in a launch template"
                + " override: specify the instance attributes or the instance type.");
      }
      InstanceRequirementsMatcher.check(r, "InstanceRequirements");
      with++;
    }
    if (with > MAX_REQUIREMENTS) {
      throw AwsException.invalidParameterValue(
          "Your request contains more than the maximum allowed number of InstanceRequirements ("
              + MAX_REQUIREMENTS
              + ").");
    }
    if (!"units".equals(unit) && (with == 0 || with < requirements.size())) {
      throw AwsException.invalidParameterCombination(
          "TargetCapacityUnitType "
              + unit
              + " can be specified only with InstanceRequirements in every launch template"
              + " override: with instance types, use units.");
    }
  }

  /** The unit type of a target ({@code units} when not given), or AWS's error for another. */
  static String unit(String unit) {
    if (unit == null) {
      return "units";
    }
    if (!UNIT_TYPES.contains(unit)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + unit
              + ") for parameter TargetCapacityUnitType is invalid. Valid values: units, vcpu,"
              + " memory-mib");
    }
    return unit;
  }

  /**
   * The pools of an override with requirements: one per type that matches and passes the on-demand
   * or the Spot price protection, in the catalogue's order.
   *
   * @param base the override's pool (its overrides carry the requirements as given)
   * @param architecture the architecture of the image launched, null for any
   */
  static List<FleetStore.Pool> expand(
      FleetStore.Pool base, InstanceRequirementsRequest r, String unit, String architecture) {
    List<InstanceTypeSpec> matches =
        InstanceRequirementsMatcher.matching(
            r, architecture == null ? List.of() : List.of(architecture), List.of("hvm"));
    Set<String> onDemand =
        names(InstanceRequirementsMatcher.priceProtected(matches, r, false, unit));
    Set<String> spot = names(InstanceRequirementsMatcher.priceProtected(matches, r, true, unit));
    List<FleetStore.Pool> out = new ArrayList<>();
    for (InstanceTypeSpec t : matches) {
      boolean od = onDemand.contains(t.name());
      boolean sp = spot.contains(t.name());
      if (!od && !sp) {
        continue;
      }
      out.add(
          new FleetStore.Pool(
              base.template(),
              base.overrides() == null
                  ? null
                  : base.overrides().toBuilder().instanceType(t.name()).build(),
              base.spec() == null ? null : base.spec().toBuilder().instanceType(t.name()).build(),
              base.instanceTags(),
              base.priority(),
              base.maxPrice(),
              od && sp ? null : od ? "on-demand" : "spot",
              unit.equals("units") ? null : InstancePrices.capacity(t, unit)));
    }
    if (out.isEmpty()) {
      throw AwsException.invalidParameterValue(
          "No instance type matches the InstanceRequirements"
              + (architecture == null ? "" : " with the image's architecture " + architecture)
              + " and its price protection.");
    }
    return out;
  }

  private static Set<String> names(List<InstanceTypeSpec> types) {
    Set<String> out = new HashSet<>();
    types.forEach(t -> out.add(t.name()));
    return out;
  }
}
