package dev.ec2double.ec2.instancetypes;

import java.util.Locale;

/**
 * ec2-double's price model of instance types, one for every feature that compares prices: an
 * on-demand Linux price estimated from the type's vCPUs and memory (burstable {@code t} types much
 * cheaper), and Spot prices between {@link #SPOT_SHARE_MIN} and {@link #SPOT_SHARE_MIN} + {@link
 * #SPOT_SHARE_RANGE} of it ({@code ec2.spot}'s price history moves within that range; a fleet
 * compares types at its middle, {@link #spot}). AWS's price list is not public data that the double
 * carries, so the figures are estimates: only their order and ratios matter to allocation
 * strategies and price protection.
 */
public final class InstancePrices {
  private InstancePrices() {}

  /** The lowest share of the on-demand price a Spot price takes. */
  public static final double SPOT_SHARE_MIN = 0.28;

  /** How far above {@link #SPOT_SHARE_MIN} a Spot price's share goes. */
  public static final double SPOT_SHARE_RANGE = 0.17;

  /** The estimated on-demand price per hour of a Linux/UNIX instance of a type of this size. */
  public static double onDemand(String type, int vcpus, long memoryMib) {
    double price = 0.031 * vcpus + 0.0042 * (memoryMib / 1024.0);
    return type.toLowerCase(Locale.ROOT).startsWith("t") ? price * 0.16 : price;
  }

  public static double onDemand(InstanceTypeSpec t) {
    return onDemand(t.name(), t.vcpus(), t.memoryMib());
  }

  /** The typical Spot price of the type: the middle of its range. */
  public static double spot(InstanceTypeSpec t) {
    return onDemand(t) * (SPOT_SHARE_MIN + SPOT_SHARE_RANGE / 2);
  }

  /** The price of one unit of capacity: an instance ({@code units}), a vCPU or a MiB. */
  public static double perUnit(double price, InstanceTypeSpec t, String unitType) {
    return switch (unitType == null ? "units" : unitType) {
      case "vcpu" -> price / t.vcpus();
      case "memory-mib" -> price / t.memoryMib();
      default -> price;
    };
  }

  /** The capacity one instance of the type counts for in a target of this unit type. */
  public static double capacity(InstanceTypeSpec t, String unitType) {
    return switch (unitType == null ? "units" : unitType) {
      case "vcpu" -> t.vcpus();
      case "memory-mib" -> t.memoryMib();
      default -> 1;
    };
  }
}
