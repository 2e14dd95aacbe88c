package dev.ec2double.ec2.instancetypes;

import dev.ec2double.core.FilterSpec;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.EbsInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.NetworkInfo;

/**
 * The filters of DescribeInstanceTypes and DescribeInstanceTypeOfferings, as the API reference
 * lists them
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypes.html). Filters
 * on data the catalogue does not hold (EBS-optimized bandwidth, instance storage details, valid
 * cores, Nitro Enclaves/TPM) are not offered rather than silently matching nothing.
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
          .field("ebs-info.ebs-optimized-support", ebs(EbsInfo::ebsOptimizedSupportAsString))
          .field("ebs-info.encryption-support", ebs(EbsInfo::encryptionSupportAsString))
          .field("ebs-info.nvme-support", ebs(EbsInfo::nvmeSupportAsString))
          .field("free-tier-eligible", InstanceTypeInfo::freeTierEligible)
          .field("hibernation-supported", InstanceTypeInfo::hibernationSupported)
          .field("hypervisor", InstanceTypeInfo::hypervisorAsString)
          .field("instance-storage-supported", InstanceTypeInfo::instanceStorageSupported)
          .field("instance-type", InstanceTypeInfo::instanceTypeAsString)
          .field("memory-info.size-in-mib", t -> t.memoryInfo().sizeInMiB())
          .field("network-info.efa-info.maximum-efa-interfaces", net(n -> efaInterfaces(n)))
          .field("network-info.efa-supported", net(NetworkInfo::efaSupported))
          .field("network-info.ena-support", net(NetworkInfo::enaSupportAsString))
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
          .multi(
              "placement-group-info.supported-strategies",
              t -> t.placementGroupInfo().supportedStrategiesAsStrings())
          .multi(
              "processor-info.supported-architecture",
              t -> t.processorInfo().supportedArchitecturesAsStrings())
          .field(
              "processor-info.sustained-clock-speed-in-ghz",
              t -> t.processorInfo().sustainedClockSpeedInGhz())
          .multi("supported-boot-mode", InstanceTypeInfo::supportedBootModesAsStrings)
          .multi("supported-root-device-type", InstanceTypeInfo::supportedRootDeviceTypesAsStrings)
          .multi("supported-usage-class", InstanceTypeInfo::supportedUsageClassesAsStrings)
          .multi(
              "supported-virtualization-type",
              InstanceTypeInfo::supportedVirtualizationTypesAsStrings)
          .field("vcpu-info.default-cores", t -> t.vCpuInfo().defaultCores())
          .field("vcpu-info.default-threads-per-core", t -> t.vCpuInfo().defaultThreadsPerCore())
          .field("vcpu-info.default-vcpus", t -> t.vCpuInfo().defaultVCpus());

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

  private static Function<InstanceTypeInfo, Object> net(Function<NetworkInfo, Object> read) {
    return t -> read.apply(t.networkInfo());
  }

  private static Object efaInterfaces(NetworkInfo n) {
    return n.efaInfo() == null ? null : n.efaInfo().maximumEfaInterfaces();
  }
}
