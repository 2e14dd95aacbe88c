package dev.ec2double.ec2.spot;

import dev.ec2double.ec2.instancetypes.InstancePrices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Spot prices that look like AWS's and never change between runs: each instance type, zone and
 * product has a price that changes every {@link #SLOT_SECONDS} seconds (on a grid from the epoch)
 * to between 28% and 45% of the on-demand price {@link InstancePrices} estimates from the type's
 * vCPUs and memory (burstable types much cheaper), Windows dearer. The price at a time is a hash of
 * type, zone, product and the slot it falls in, so a test can rely on the same figure in every run.
 */
public final class SpotPrices {
  /** How often prices change: every six hours. */
  static final long SLOT_SECONDS = 6 * 3600;

  /** The products DescribeSpotPriceHistory lists, Linux first (the default of requests). */
  static final List<String> PRODUCTS =
      List.of(
          "Linux/UNIX",
          "Linux/UNIX (Amazon VPC)",
          "SUSE Linux",
          "SUSE Linux (Amazon VPC)",
          "Red Hat Enterprise Linux",
          "Red Hat Enterprise Linux (Amazon VPC)",
          "Windows",
          "Windows (Amazon VPC)");

  /** What the price of a type is estimated from. */
  public record Size(int vcpus, long memoryMib) {}

  private final Function<String, Optional<Size>> sizes;
  private final Supplier<List<String>> types;

  /**
   * @param sizes the size of an instance type, empty for a type that does not exist
   * @param types every instance type, in the order the history lists them; asked for on first use
   *     only, so that the catalogue is not read at server start
   */
  public SpotPrices(Function<String, Optional<Size>> sizes, Supplier<List<String>> types) {
    this.sizes = sizes;
    this.types = types;
  }

  List<String> types() {
    return types.get();
  }

  boolean knows(String type) {
    return sizes.apply(type).isPresent();
  }

  /** The Spot price of a Linux/UNIX instance of this type in this zone now. */
  BigDecimal now(String type, String zone) {
    return at(type, zone, PRODUCTS.get(0), Instant.now());
  }

  /** The price in effect at a time. */
  BigDecimal at(String type, String zone, String product, Instant when) {
    return inSlot(type, zone, product, slot(when));
  }

  static long slot(Instant when) {
    return Math.floorDiv(when.getEpochSecond(), SLOT_SECONDS);
  }

  static Instant start(long slot) {
    return Instant.ofEpochSecond(slot * SLOT_SECONDS);
  }

  /** The estimated on-demand price of a Linux/UNIX instance: a request's default maximum. */
  BigDecimal onDemand(String type) {
    return BigDecimal.valueOf(onDemandEstimate(type)).setScale(6, RoundingMode.HALF_UP);
  }

  private double onDemandEstimate(String type) {
    Size size = size(type);
    return InstancePrices.onDemand(type, size.vcpus(), size.memoryMib());
  }

  private Size size(String type) {
    return sizes.apply(type).orElse(new Size(1, 1740));
  }

  BigDecimal inSlot(String type, String zone, String product, long slot) {
    Size size = size(type);
    double onDemand = onDemandEstimate(type);
    double share =
        InstancePrices.SPOT_SHARE_MIN
            + InstancePrices.SPOT_SHARE_RANGE
                * unit(type + "|" + zone + "|" + product + "|" + slot);
    double price = onDemand * share;
    if (product.startsWith("Windows")) {
      price += 0.046 * size.vcpus();
    } else if (!product.startsWith("Linux")) {
      price += 0.01 + 0.002 * size.vcpus();
    }
    return BigDecimal.valueOf(Math.max(price, 0.0012)).setScale(6, RoundingMode.HALF_UP);
  }

  /** A number in [0, 1) from a string, the same in every run (FNV-1a, then mixed). */
  private static double unit(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (h >>> 11) / (double) (1L << 53);
  }
}
