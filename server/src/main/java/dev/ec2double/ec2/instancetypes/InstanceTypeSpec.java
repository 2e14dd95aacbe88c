package dev.ec2double.ec2.instancetypes;

import java.util.List;

/**
 * One instance type as AWS publishes it: the figures DescribeInstanceTypes returns. vCPUs and
 * memory are what the compute backends turn into a container's CPU and memory limits.
 *
 * @param hypervisor {@code xen}, {@code nitro}, or null for bare metal (AWS omits it there)
 */
public record InstanceTypeSpec(
    String name,
    int vcpus,
    int cores,
    int threadsPerCore,
    long memoryMib,
    List<String> architectures,
    Double sustainedClockSpeedGhz,
    String manufacturer,
    String hypervisor,
    boolean bareMetal,
    boolean burstable,
    boolean freeTierEligible,
    String networkPerformance,
    int maxNetworkInterfaces,
    int ipv4AddressesPerInterface,
    String ebsOptimizedSupport,
    String nvmeSupport,
    String enaSupport,
    boolean efaSupported,
    boolean encryptionInTransitSupported,
    boolean dedicatedHostsSupported,
    List<String> bootModes,
    List<String> usageClasses,
    Details details) {

  /**
   * The rest of what DescribeInstanceTypes answers for the type; an empty or null field is a figure
   * AWS does not give for it.
   */
  public record Details(
      boolean currentGeneration,
      List<Integer> validCores,
      List<Integer> validThreadsPerCore,
      List<String> cpuFeatures,
      boolean autoRecovery,
      boolean hibernation,
      List<String> rootDeviceTypes,
      List<String> virtualizationTypes,
      List<String> placementStrategies,
      String ebsEncryption,
      String ebsAttachmentLimitType,
      Integer ebsMaxAttachments,
      EbsBandwidth ebsBandwidth,
      Storage storage,
      List<Accelerator> accelerators,
      List<NetworkCard> networkCards,
      int defaultNetworkCard,
      int ipv6PerInterface,
      boolean ipv6Supported,
      Integer maxEfaInterfaces,
      boolean enaSrd,
      String flexibleEnaQueues,
      List<String> bandwidthWeightings,
      String nitroEnclaves,
      String nitroTpm,
      List<String> nitroTpmVersions,
      String phc,
      String rebootMigration) {}

  /** EBS-optimized figures: bandwidth in Mbps, throughput in MB/s. */
  public record EbsBandwidth(
      int baselineMbps,
      int baselineIops,
      double baselineMBps,
      int maximumMbps,
      int maximumIops,
      double maximumMBps) {}

  /** Instance store: {@code count} disks of {@code sizeGb} each. */
  public record Storage(
      int count, long sizeGb, String diskType, String nvmeSupport, String encryption) {
    public long totalGb() {
      return count * sizeGb;
    }
  }

  /**
   * GPUs, FPGAs, inference or media accelerators, Neuron devices.
   *
   * @param kind {@code gpu}, {@code fpga}, {@code inference}, {@code media} or {@code neuron}
   * @param coreCount Neuron cores per device, else null
   */
  public record Accelerator(
      String kind,
      int count,
      String manufacturer,
      String name,
      long memoryMib,
      Integer coreCount,
      Integer coreVersion) {}

  /** One network card: its performance, interfaces, and bandwidth in Gbps. */
  public record NetworkCard(
      String performance, int maxInterfaces, Double baselineGbps, Double peakGbps) {}

  /** The family: {@code t3} of {@code t3.micro}. */
  public String family() {
    return name.substring(0, name.indexOf('.'));
  }

  /** The size: {@code micro} of {@code t3.micro}. */
  public String size() {
    return name.substring(name.indexOf('.') + 1);
  }

  /**
   * The architecture an instance of this type runs: {@code arm64} for Graviton and Apple silicon
   * ({@code arm64_mac}), else {@code x86_64} (t2 also lists i386, which no container image
   * targets).
   */
  public String architecture() {
    return architectures.contains("arm64") || architectures.contains("arm64_mac")
        ? "arm64"
        : "x86_64";
  }

  /** As AWS publishes it per type (less than 150 GiB of RAM, not bare metal, among others). */
  public boolean hibernationSupported() {
    return details.hibernation();
  }

  /** Burstable types cannot join cluster placement groups. */
  public List<String> placementStrategies() {
    return details.placementStrategies();
  }

  public boolean currentGeneration() {
    return details.currentGeneration();
  }
}
