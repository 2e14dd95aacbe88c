package dev.ec2double.ec2.instancetypes;

import dev.ec2double.ec2.instancetypes.InstanceTypeSpec.Accelerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;

/**
 * The attribute-based requirements on generation, local storage, accelerators, network interfaces,
 * network and EBS bandwidth, and encryption in transit, over the catalogue's figures
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceRequirementsRequest.html). An
 * absent requirement matches every type, as on AWS.
 */
final class InstanceRequirementsExtras {
  private InstanceRequirementsExtras() {}

  private static final Pattern PART_NUMBER = Pattern.compile(".*\\((\\w+)\\)");

  static Predicate<InstanceTypeSpec> of(InstanceRequirementsRequest r) {
    List<Predicate<InstanceTypeSpec>> all = new ArrayList<>();
    List<String> generations = r.instanceGenerationsAsStrings();
    if (!generations.isEmpty()) {
      all.add(t -> generations.contains(t.currentGeneration() ? "current" : "previous"));
    }
    String local =
        InstanceRequirementsMatcher.option(r.localStorageAsString(), "included", "LocalStorage");
    all.add(t -> InstanceRequirementsMatcher.allows(local, t.details().storage() != null));
    List<String> diskTypes = r.localStorageTypesAsStrings();
    if (!diskTypes.isEmpty()) {
      all.add(
          t ->
              t.details().storage() == null
                  || diskTypes.contains(t.details().storage().diskType()));
    }
    if (r.totalLocalStorageGB() != null) {
      Double min = r.totalLocalStorageGB().min();
      Double max = r.totalLocalStorageGB().max();
      all.add(
          t -> t.details().storage() != null && within(t.details().storage().totalGb(), min, max));
    }
    if (r.networkInterfaceCount() != null) {
      Integer min = r.networkInterfaceCount().min();
      Integer max = r.networkInterfaceCount().max();
      all.add(t -> within(t.maxNetworkInterfaces(), num(min), num(max)));
    }
    if (r.networkBandwidthGbps() != null) {
      Double min = r.networkBandwidthGbps().min();
      Double max = r.networkBandwidthGbps().max();
      all.add(t -> within(baselineGbps(t), min, max));
    }
    if (r.baselineEbsBandwidthMbps() != null) {
      Integer min = r.baselineEbsBandwidthMbps().min();
      Integer max = r.baselineEbsBandwidthMbps().max();
      all.add(
          t ->
              t.details().ebsBandwidth() != null
                  && within(t.details().ebsBandwidth().baselineMbps(), num(min), num(max)));
    }
    if (Boolean.TRUE.equals(r.requireEncryptionInTransit())) {
      all.add(InstanceTypeSpec::encryptionInTransitSupported);
    }
    all.add(accelerators(r));
    return t -> all.stream().allMatch(p -> p.test(t));
  }

  private static Predicate<InstanceTypeSpec> accelerators(InstanceRequirementsRequest r) {
    List<String> kinds = r.acceleratorTypesAsStrings();
    List<String> makers = r.acceleratorManufacturersAsStrings();
    List<String> names = r.acceleratorNamesAsStrings();
    Integer countMin = r.acceleratorCount() == null ? null : r.acceleratorCount().min();
    Integer countMax = r.acceleratorCount() == null ? null : r.acceleratorCount().max();
    Integer memMin =
        r.acceleratorTotalMemoryMiB() == null ? null : r.acceleratorTotalMemoryMiB().min();
    Integer memMax =
        r.acceleratorTotalMemoryMiB() == null ? null : r.acceleratorTotalMemoryMiB().max();
    boolean asked =
        !kinds.isEmpty()
            || !makers.isEmpty()
            || !names.isEmpty()
            || countMin != null
            || countMax != null
            || memMin != null
            || memMax != null;
    if (!asked) {
      return t -> true;
    }
    return t -> {
      List<Accelerator> chosen =
          selectable(t).stream()
              .filter(a -> kinds.isEmpty() || kinds.contains(kind(a)))
              .filter(a -> makers.isEmpty() || makers.contains(maker(a.manufacturer())))
              .filter(a -> names.isEmpty() || names.contains(name(a.name())))
              .toList();
      int count = chosen.stream().mapToInt(Accelerator::count).sum();
      long memory = chosen.stream().mapToLong(a -> a.count() * a.memoryMib()).sum();
      boolean narrowed = !kinds.isEmpty() || !makers.isEmpty() || !names.isEmpty();
      return (!narrowed || !chosen.isEmpty())
          && within(count, num(countMin), num(countMax))
          && (memMin == null && memMax == null || within(memory, num(memMin), num(memMax)));
    };
  }

  /**
   * The accelerators attribute selection counts: a Neuron device is AWS's Inferentia or Trainium,
   * counted as an inference accelerator once (inf1 and inf2 list it twice).
   */
  private static List<Accelerator> selectable(InstanceTypeSpec t) {
    List<Accelerator> all = t.details().accelerators();
    boolean inference = all.stream().anyMatch(a -> a.kind().equals("inference"));
    return all.stream().filter(a -> !(inference && a.kind().equals("neuron"))).toList();
  }

  private static String kind(Accelerator a) {
    return a.kind().equals("neuron") ? "inference" : a.kind();
  }

  /** The AcceleratorManufacturer value of a manufacturer as DescribeInstanceTypes names it. */
  private static String maker(String manufacturer) {
    return manufacturer.equals("AWS")
        ? "amazon-web-services"
        : manufacturer.toLowerCase(Locale.ROOT);
  }

  /** The AcceleratorName value: {@code A10G} is a10g, {@code Virtex UltraScale+ (VU9P)} vu9p. */
  static String name(String name) {
    Matcher part = PART_NUMBER.matcher(name);
    String plain = part.matches() ? part.group(1) : name;
    return plain.toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  private static double baselineGbps(InstanceTypeSpec t) {
    return t.details().networkCards().stream()
        .mapToDouble(c -> c.baselineGbps() == null ? 0 : c.baselineGbps())
        .sum();
  }

  private static Double num(Integer v) {
    return v == null ? null : v.doubleValue();
  }

  private static boolean within(double value, Double min, Double max) {
    return (min == null || value >= min) && (max == null || value <= max);
  }
}
