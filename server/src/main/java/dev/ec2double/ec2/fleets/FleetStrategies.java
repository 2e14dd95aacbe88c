package dev.ec2double.ec2.fleets;

import dev.ec2double.ec2.instancetypes.InstancePrices;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfigData;

/**
 * In which order a fleet tries its pools, by its allocation strategy, and how many units of
 * capacity an instance of each pool is worth ({@code WeightedCapacity}, 1 when not given).
 *
 * <ul>
 *   <li>{@code lowest-price} (also {@code lowestPrice}, and {@code price-capacity-optimized}, since
 *       every pool here has the same capacity): the lowest price per unit first;
 *   <li>{@code prioritized} and {@code capacity-optimized-prioritized}: the lowest {@code Priority}
 *       first, pools without one last;
 *   <li>{@code capacity-optimized}: every pool has the same capacity, so the order given;
 *   <li>{@code diversified}: one instance a pool in turn (see {@link #diversified}).
 * </ul>
 *
 * Prices are {@link InstancePrices}' estimates (Spot at the middle of its range), per unit of
 * capacity: per instance, per WeightedCapacity unit, or per vCPU or MiB when the target counts
 * those. Pools of attribute-based selection serve only the purchase options whose price protection
 * let their type through ({@link AttributePools}).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-fleet-allocation-strategy.html
 */
final class FleetStrategies {
  private FleetStrategies() {}

  /** The strategy of the fleet for a lifecycle, lower-case with dashes. */
  static String strategy(FleetStore.Fleet f, String lifecycle) {
    String s = null;
    boolean spot = lifecycle.equals("spot");
    if (f.config instanceof FleetData d) {
      s =
          spot
              ? (d.spotOptions() == null ? null : d.spotOptions().allocationStrategyAsString())
              : (d.onDemandOptions() == null
                  ? null
                  : d.onDemandOptions().allocationStrategyAsString());
    } else if (f.config instanceof SpotFleetRequestConfigData c) {
      s = spot ? c.allocationStrategyAsString() : c.onDemandAllocationStrategyAsString();
    }
    if (s == null) {
      return spot && f.kind.equals("ec2") ? "price-capacity-optimized" : "lowest-price";
    }
    return s.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  static boolean diversified(FleetStore.Fleet f, String lifecycle) {
    return strategy(f, lifecycle).equals("diversified");
  }

  /** The pools' indexes in the order the strategy tries them. */
  static List<Integer> order(FleetStore.Fleet f, String lifecycle) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < f.pools.size(); i++) {
      if (f.pools.get(i).serves(lifecycle)) {
        order.add(i);
      }
    }
    Comparator<Integer> byPriority =
        Comparator.comparing(
            i -> f.pools.get(i).priority() == null ? Double.MAX_VALUE : f.pools.get(i).priority());
    Comparator<Integer> byPrice =
        Comparator.comparingDouble(i -> unitPrice(f.pools.get(i), lifecycle));
    switch (strategy(f, lifecycle)) {
      case "prioritized", "capacity-optimized-prioritized" -> order.sort(byPriority);
      case "capacity-optimized", "diversified" -> {}
      default -> order.sort(byPrice.thenComparing(byPriority));
    }
    return order;
  }

  /** The capacity units one instance of the pool counts for. */
  static double weight(FleetStore.Pool p) {
    if (p.capacity() != null) {
      return p.capacity();
    }
    Double w = null;
    if (p.overrides() != null) {
      w = p.overrides().weightedCapacity();
    }
    if (w == null && p.spec() != null) {
      w = p.spec().weightedCapacity();
    }
    return w == null || w <= 0 ? 1.0 : w;
  }

  /** The price of one unit of the pool's capacity; unknown types cost most. */
  static double unitPrice(FleetStore.Pool p, String lifecycle) {
    String type = null;
    if (p.overrides() != null) {
      type = p.overrides().instanceTypeAsString();
    }
    if (type == null && p.spec() != null) {
      type = p.spec().instanceTypeAsString();
    }
    if (type == null) {
      return Double.MAX_VALUE;
    }
    double hourly =
        InstanceTypeCatalog.find(type)
            .map(
                t -> lifecycle.equals("spot") ? InstancePrices.spot(t) : InstancePrices.onDemand(t))
            .orElse(Double.MAX_VALUE / 4);
    return hourly / weight(p);
  }
}
