package dev.ec2double.ec2.instancetypes;

import dev.ec2double.core.Shapes;
import dev.ec2double.errors.AwsException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;

/**
 * Attribute-based instance type selection over the catalogue, shared by
 * GetInstanceTypesFromInstanceRequirements, EC2 Fleet, Spot Fleet and Auto Scaling's mixed
 * instances policies: architectures, vCPUs, memory, memory per vCPU, CPU manufacturers, burstable
 * and bare metal (both {@code included}, {@code required} or {@code excluded}; bare metal and
 * burstable are excluded by default, as on AWS), hibernation support, allowed and excluded types
 * (with {@code *} wildcards), virtualization types, and through {@link InstanceRequirementsExtras}
 * generations, local storage, accelerators, network interfaces, network and EBS bandwidth and
 * encryption in transit; then, for a launch, price protection ({@link #priceProtected}).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceRequirementsRequest.html
 */
public final class InstanceRequirementsMatcher {
  private InstanceRequirementsMatcher() {}

  /** AWS's default of OnDemandMaxPricePercentageOverLowestPrice. */
  static final int ON_DEMAND_PROTECTION = 20;

  /**
   * The Spot threshold when neither Spot parameter is given ("optimal price protection"): a Spot
   * price at most the identified on-demand price.
   */
  static final int SPOT_OPTIMAL_PROTECTION = 100;

  /**
   * AWS's checks of a requirements block: VCpuCount and MemoryMiB with their minimums, not both
   * allowed and excluded types, not both Spot price protections.
   *
   * @param prefix the block's parameter name ({@code InstanceRequirements})
   */
  public static void check(InstanceRequirementsRequest r, String prefix) {
    if (r.vCpuCount() == null || r.vCpuCount().min() == null) {
      throw AwsException.missingParameter(prefix + ".VCpuCount.Min");
    }
    if (r.memoryMiB() == null || r.memoryMiB().min() == null) {
      throw AwsException.missingParameter(prefix + ".MemoryMiB.Min");
    }
    if (!r.allowedInstanceTypes().isEmpty() && !r.excludedInstanceTypes().isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "AllowedInstanceTypes and ExcludedInstanceTypes cannot both be specified.");
    }
    if (r.spotMaxPricePercentageOverLowestPrice() != null
        && r.maxSpotPriceAsPercentageOfOptimalOnDemandPrice() != null) {
      throw AwsException.invalidParameterCombination(
          "Only one of SpotMaxPricePercentageOverLowestPrice and"
              + " MaxSpotPriceAsPercentageOfOptimalOnDemandPrice can be specified.");
    }
  }

  /**
   * Instance requirements of another shape (Spot Fleet's and DescribeFleets' {@code
   * InstanceRequirements}, Auto Scaling's) as CreateFleet takes them: the members have the same
   * names.
   */
  public static InstanceRequirementsRequest request(SdkPojo requirements) {
    return Shapes.copy(requirements, (SdkPojo) InstanceRequirementsRequest.builder());
  }

  /** The catalogue's types that match, in the catalogue's order (before price protection). */
  public static List<InstanceTypeSpec> matching(
      InstanceRequirementsRequest r,
      Collection<String> architectures,
      Collection<String> virtualizationTypes) {
    Predicate<InstanceTypeSpec> matches = of(r, architectures, virtualizationTypes);
    return InstanceTypeCatalog.all().stream().filter(matches).toList();
  }

  /**
   * Whether a type has the attributes.
   *
   * @param architectures the architectures to match, empty for any
   * @param virtualizationTypes the virtualization types to match, empty for any
   */
  public static Predicate<InstanceTypeSpec> of(
      InstanceRequirementsRequest r,
      Collection<String> architectures,
      Collection<String> virtualizationTypes) {
    Predicate<InstanceTypeSpec> extras = InstanceRequirementsExtras.of(r);
    int vMin = r.vCpuCount().min();
    int vMax = r.vCpuCount().max() == null ? Integer.MAX_VALUE : r.vCpuCount().max();
    int mMin = r.memoryMiB().min();
    long mMax = r.memoryMiB().max() == null ? Long.MAX_VALUE : r.memoryMiB().max();
    double perMin =
        r.memoryGiBPerVCpu() == null || r.memoryGiBPerVCpu().min() == null
            ? 0
            : r.memoryGiBPerVCpu().min();
    double perMax =
        r.memoryGiBPerVCpu() == null || r.memoryGiBPerVCpu().max() == null
            ? Double.MAX_VALUE
            : r.memoryGiBPerVCpu().max();
    List<String> makers = r.cpuManufacturersAsStrings();
    String burstable = option(r.burstablePerformanceAsString(), "excluded", "BurstablePerformance");
    String bareMetal = option(r.bareMetalAsString(), "excluded", "BareMetal");
    boolean hibernate = Boolean.TRUE.equals(r.requireHibernateSupport());
    List<Pattern> allowed =
        r.allowedInstanceTypes().stream().map(InstanceRequirementsMatcher::glob).toList();
    List<Pattern> excluded =
        r.excludedInstanceTypes().stream().map(InstanceRequirementsMatcher::glob).toList();
    return t ->
        (virtualizationTypes.isEmpty()
                || t.details().virtualizationTypes().stream()
                    .anyMatch(virtualizationTypes::contains))
            && (architectures.isEmpty()
                || t.architectures().stream().anyMatch(architectures::contains))
            && t.vcpus() >= vMin
            && t.vcpus() <= vMax
            && t.memoryMib() >= mMin
            && t.memoryMib() <= mMax
            && t.memoryMib() / 1024.0 / t.vcpus() >= perMin
            && t.memoryMib() / 1024.0 / t.vcpus() <= perMax
            && (makers.isEmpty() || makers.contains(maker(t.manufacturer())))
            && allows(burstable, t.burstable())
            && allows(bareMetal, t.bareMetal())
            && (!hibernate || t.hibernationSupported())
            && (allowed.isEmpty() || allowed.stream().anyMatch(p -> p.matcher(t.name()).matches()))
            && excluded.stream().noneMatch(p -> p.matcher(t.name()).matches())
            && extras.test(t);
  }

  /**
   * The matching types that pass price protection for a purchase option, in their order. The
   * identified price is that of the lowest priced current generation C, M or R type that matches,
   * else of the lowest priced current generation type, else of the lowest priced type; prices are
   * per vCPU or per MiB when the target counts those ({@code unitType}), per instance otherwise.
   * On-demand: a type's price at most {@code OnDemandMaxPricePercentageOverLowestPrice} (20 by
   * default) percent over the identified price. Spot: its Spot price at most {@code
   * SpotMaxPricePercentageOverLowestPrice} percent over the identified Spot price, or at most
   * {@code MaxSpotPriceAsPercentageOfOptimalOnDemandPrice} percent of the identified on-demand
   * price (100 when neither is given: AWS's "optimal price protection"). Prices are {@link
   * InstancePrices}'.
   */
  public static List<InstanceTypeSpec> priceProtected(
      List<InstanceTypeSpec> matches,
      InstanceRequirementsRequest r,
      boolean spot,
      String unitType) {
    if (matches.isEmpty()) {
      return matches;
    }
    ToDoubleFunction<InstanceTypeSpec> onDemand =
        t -> InstancePrices.perUnit(InstancePrices.onDemand(t), t, unitType);
    ToDoubleFunction<InstanceTypeSpec> spotPrice =
        t -> InstancePrices.perUnit(InstancePrices.spot(t), t, unitType);
    double threshold;
    ToDoubleFunction<InstanceTypeSpec> price;
    if (!spot) {
      int pct =
          r.onDemandMaxPricePercentageOverLowestPrice() == null
              ? ON_DEMAND_PROTECTION
              : r.onDemandMaxPricePercentageOverLowestPrice();
      price = onDemand;
      threshold = identified(matches, onDemand) * (1 + pct / 100.0);
    } else if (r.spotMaxPricePercentageOverLowestPrice() != null) {
      price = spotPrice;
      threshold =
          identified(matches, spotPrice) * (1 + r.spotMaxPricePercentageOverLowestPrice() / 100.0);
    } else {
      Integer pct = r.maxSpotPriceAsPercentageOfOptimalOnDemandPrice();
      price = spotPrice;
      threshold =
          identified(matches, onDemand) * (pct == null ? SPOT_OPTIMAL_PROTECTION : pct) / 100.0;
    }
    double limit = threshold * (1 + 1e-9);
    return matches.stream().filter(t -> price.applyAsDouble(t) <= limit).toList();
  }

  /** The identified price: of the cheapest current C, M or R type, else current, else any. */
  static double identified(List<InstanceTypeSpec> matches, ToDoubleFunction<InstanceTypeSpec> p) {
    Comparator<InstanceTypeSpec> cheapest = Comparator.comparingDouble(p);
    return matches.stream()
        .filter(t -> t.currentGeneration() && CMR.matcher(t.name()).matches())
        .min(cheapest)
        .or(() -> matches.stream().filter(InstanceTypeSpec::currentGeneration).min(cheapest))
        .or(() -> matches.stream().min(cheapest))
        .map(p::applyAsDouble)
        .orElse(Double.MAX_VALUE);
  }

  /** The C, M and R families: {@code c5.large}, {@code m6i.xlarge}, {@code r7g.large}. */
  private static final Pattern CMR = Pattern.compile("[cmr]\\d.*");

  /** The CpuManufacturer value of the catalogue's manufacturer. */
  private static String maker(String manufacturer) {
    return switch (manufacturer) {
      case "AWS" -> "amazon-web-services";
      default -> manufacturer.toLowerCase(Locale.ROOT);
    };
  }

  static boolean allows(String option, boolean has) {
    return switch (option) {
      case "required" -> has;
      case "excluded" -> !has;
      default -> true;
    };
  }

  static String option(String value, String dflt, String name) {
    if (value == null) {
      return dflt;
    }
    if (!List.of("included", "required", "excluded").contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + value
              + ") for parameter "
              + name
              + " is invalid. Valid values: included,"
              + " required, excluded");
    }
    return value;
  }

  /** {@code m5.*}, {@code *3*}: AWS's wildcard patterns of instance types. */
  private static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString());
  }
}
