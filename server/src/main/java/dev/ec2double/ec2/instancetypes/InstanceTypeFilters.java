package dev.ec2double.ec2.instancetypes;

import dev.ec2double.core.FilterSpec;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.DiskInfo;
import software.amazon.awssdk.services.ec2.model.EbsInfo;
import software.amazon.awssdk.services.ec2.model.EbsOptimizedInfo;
import software.amazon.awssdk.services.ec2.model.InstanceStorageInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.NetworkInfo;

/**
 * The filters of DescribeInstanceTypes and DescribeInstanceTypeOfferings, as the API reference
 * lists them
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypes.html), every
 * one of them. A decimal figure matches written either way ({@code 1750} or {@code 1750.0}).
 */
final class InstanceTypeFilters {
  private InstanceTypeFilters() {}

  static final FilterSpec<InstanceTypeInfo> TYPES =
      FilterSpec.<InstanceTypeInfo>of()
          .field("auto-recovery-supported", InstanceTypeInfo::autoRecoverySupported)
          .field("bare-metal", InstanceTypeInfo::bareMetal)
          .field("burstable-performance-supported", InstanceTypeInfo::burstablePerformanceSupported)
          .field("current-generation", InstanceTypeInfo::currentGeneration)
          .field("dedicated-hosts-supported", InstanceTypeInfo::dedicatedHostsSupported)
          .field("ebs-info.attachment-limit-type", ebs(EbsInfo::attachmentLimitTypeAsString))
          .field("ebs-info.maximum-ebs-attachments", ebs(EbsInfo::maximumEbsAttachments))
          .field(
              "ebs-info.ebs-optimized-info.baseline-bandwidth-in-mbps",
              optimized(EbsOptimizedInfo::baselineBandwidthInMbps))
          .field(
              "ebs-info.ebs-optimized-info.baseline-iops",
              optimized(EbsOptimizedInfo::baselineIops))
          .multi(
              "ebs-info.ebs-optimized-info.baseline-throughput-in-mbps",
              t -> decimal(optimizedValue(t, EbsOptimizedInfo::baselineThroughputInMBps)))
          .field(
              "ebs-info.ebs-optimized-info.maximum-bandwidth-in-mbps",
              optimized(EbsOptimizedInfo::maximumBandwidthInMbps))
          .field(
              "ebs-info.ebs-optimized-info.maximum-iops", optimized(EbsOptimizedInfo::maximumIops))
          .multi(
              "ebs-info.ebs-optimized-info.maximum-throughput-in-mbps",
              t -> decimal(optimizedValue(t, EbsOptimizedInfo::maximumThroughputInMBps)))
          .field("ebs-info.ebs-optimized-support", ebs(EbsInfo::ebsOptimizedSupportAsString))
          .field("ebs-info.encryption-support", ebs(EbsInfo::encryptionSupportAsString))
          .field("ebs-info.nvme-support", ebs(EbsInfo::nvmeSupportAsString))
          .field("free-tier-eligible", InstanceTypeInfo::freeTierEligible)
          .field("hibernation-supported", InstanceTypeInfo::hibernationSupported)
          .field("hypervisor", InstanceTypeInfo::hypervisorAsString)
          .field("instance-storage-info.disk.count", disk(DiskInfo::count))
          .field("instance-storage-info.disk.size-in-gb", disk(DiskInfo::sizeInGB))
          .field("instance-storage-info.disk.type", disk(DiskInfo::typeAsString))
          .field(
              "instance-storage-info.encryption-support",
              storage(InstanceStorageInfo::encryptionSupportAsString))
          .field(
              "instance-storage-info.nvme-support",
              storage(InstanceStorageInfo::nvmeSupportAsString))
          .field(
              "instance-storage-info.total-size-in-gb", storage(InstanceStorageInfo::totalSizeInGB))
          .field("instance-storage-supported", InstanceTypeInfo::instanceStorageSupported)
          .field("instance-type", InstanceTypeInfo::instanceTypeAsString)
          .field("memory-info.size-in-mib", t -> t.memoryInfo().sizeInMiB())
          .multi(
              "network-info.bandwidth-weightings",
              t -> t.networkInfo().bandwidthWeightingsAsStrings())
          .field("network-info.efa-info.maximum-efa-interfaces", net(n -> efaInterfaces(n)))
          .field("network-info.efa-supported", net(NetworkInfo::efaSupported))
          .field("network-info.ena-support", net(NetworkInfo::enaSupportAsString))
          .field(
              "network-info.flexible-ena-queues-support",
              net(NetworkInfo::flexibleEnaQueuesSupportAsString))
          .field(
              "network-info.encryption-in-transit-supported",
              net(NetworkInfo::encryptionInTransitSupported))
          .field(
              "network-info.ipv4-addresses-per-interface",
              net(NetworkInfo::ipv4AddressesPerInterface))
          .field(
              "network-info.ipv6-addresses-per-interface",
              net(NetworkInfo::ipv6AddressesPerInterface))
          .field("network-info.ipv6-supported", net(NetworkInfo::ipv6Supported))
          .field("network-info.maximum-network-cards", net(NetworkInfo::maximumNetworkCards))
          .field(
              "network-info.maximum-network-interfaces", net(NetworkInfo::maximumNetworkInterfaces))
          .field("network-info.network-performance", net(NetworkInfo::networkPerformance))
          .field("nitro-enclaves-support", InstanceTypeInfo::nitroEnclavesSupportAsString)
          .field("nitro-tpm-support", InstanceTypeInfo::nitroTpmSupportAsString)
          .multi(
              "nitro-tpm-info.supported-versions",
              t -> t.nitroTpmInfo() == null ? List.of() : t.nitroTpmInfo().supportedVersions())
          .multi(
              "placement-group-info.supported-strategies",
              t -> t.placementGroupInfo().supportedStrategiesAsStrings())
          .multi(
              "processor-info.supported-architecture",
              t -> t.processorInfo().supportedArchitecturesAsStrings())
          .multi(
              "processor-info.sustained-clock-speed-in-ghz",
              t -> decimal(t.processorInfo().sustainedClockSpeedInGhz()))
          .multi(
              "processor-info.supported-features",
              t -> t.processorInfo().supportedFeaturesAsStrings())
          .field("reboot-migration-support", InstanceTypeInfo::rebootMigrationSupportAsString)
          .multi("supported-boot-mode", InstanceTypeInfo::supportedBootModesAsStrings)
          .multi("supported-root-device-type", InstanceTypeInfo::supportedRootDeviceTypesAsStrings)
          .multi("supported-usage-class", InstanceTypeInfo::supportedUsageClassesAsStrings)
          .multi(
              "supported-virtualization-type",
              InstanceTypeInfo::supportedVirtualizationTypesAsStrings)
          .field("vcpu-info.default-cores", t -> t.vCpuInfo().defaultCores())
          .field("vcpu-info.default-threads-per-core", t -> t.vCpuInfo().defaultThreadsPerCore())
          .field("vcpu-info.default-vcpus", t -> t.vCpuInfo().defaultVCpus())
          .multi("vcpu-info.valid-cores", t -> strings(t.vCpuInfo().validCores()))
          .multi(
              "vcpu-info.valid-threads-per-core", t -> strings(t.vCpuInfo().validThreadsPerCore()));

  /**
   * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html
   */
  static final FilterSpec<InstanceTypeOffering> OFFERINGS =
      FilterSpec.<InstanceTypeOffering>of()
          .field("location", InstanceTypeOffering::location)
          .field("instance-type", InstanceTypeOffering::instanceTypeAsString);

  private static Function<InstanceTypeInfo, Object> ebs(Function<EbsInfo, Object> read) {
    return t -> read.apply(t.ebsInfo());
  }

  private static Function<InstanceTypeInfo, Object> optimized(
      Function<EbsOptimizedInfo, Object> read) {
    return t -> optimizedValue(t, read);
  }

  private static <V> V optimizedValue(
      InstanceTypeInfo t, Function<EbsOptimizedInfo, ? extends V> read) {
    EbsOptimizedInfo o = t.ebsInfo().ebsOptimizedInfo();
    return o == null ? null : read.apply(o);
  }

  private static Function<InstanceTypeInfo, Object> storage(
      Function<InstanceStorageInfo, Object> read) {
    return t -> t.instanceStorageInfo() == null ? null : read.apply(t.instanceStorageInfo());
  }

  private static Function<InstanceTypeInfo, Object> disk(Function<DiskInfo, Object> read) {
    return t ->
        t.instanceStorageInfo() == null || t.instanceStorageInfo().disks().isEmpty()
            ? null
            : read.apply(t.instanceStorageInfo().disks().get(0));
  }

  /** {@code 1750.0} as both {@code 1750.0} and {@code 1750}; nothing for no figure. */
  private static List<String> decimal(Double v) {
    if (v == null) {
      return List.of();
    }
    String plain = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return plain.equals(String.valueOf(v)) ? List.of(plain) : List.of(plain, String.valueOf(v));
  }

  private static List<String> strings(List<Integer> values) {
    return values.stream().map(String::valueOf).toList();
  }

  private static Function<InstanceTypeInfo, Object> net(Function<NetworkInfo, Object> read) {
    return t -> read.apply(t.networkInfo());
  }

  private static Object efaInterfaces(NetworkInfo n) {
    return n.efaInfo() == null ? null : n.efaInfo().maximumEfaInterfaces();
  }
}
