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
    double sustainedClockSpeedGhz,
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
    List<String> usageClasses) {

  /** Hibernation needs less than 150 GiB of RAM and is not offered on bare metal. */
  private static final long HIBERNATION_MAX_MIB = 150L * 1024;

  /** The family: {@code t3} of {@code t3.micro}. */
  public String family() {
    return name.substring(0, name.indexOf('.'));
  }

  /** The size: {@code micro} of {@code t3.micro}. */
  public String size() {
    return name.substring(name.indexOf('.') + 1);
  }

  /**
   * The architecture an instance of this type runs: {@code arm64} for Graviton, else {@code x86_64}
   * (t2 also lists i386, which no container image targets).
   */
  public String architecture() {
    return architectures.contains("arm64") ? "arm64" : "x86_64";
  }

  /** https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/hibernating-prerequisites.html */
  public boolean hibernationSupported() {
    return !bareMetal && memoryMib < HIBERNATION_MAX_MIB;
  }

  /** Burstable types cannot join cluster placement groups. */
  public List<String> placementStrategies() {
    return burstable ? List.of("partition", "spread") : List.of("cluster", "partition", "spread");
  }
}
