package dev.ec2double.ec2.instancetypes;

import software.amazon.awssdk.services.ec2.model.EbsInfo;
import software.amazon.awssdk.services.ec2.model.EfaInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.MemoryInfo;
import software.amazon.awssdk.services.ec2.model.NetworkCardInfo;
import software.amazon.awssdk.services.ec2.model.NetworkInfo;
import software.amazon.awssdk.services.ec2.model.PlacementGroupInfo;
import software.amazon.awssdk.services.ec2.model.ProcessorInfo;
import software.amazon.awssdk.services.ec2.model.VCpuInfo;

/**
 * Turns a catalogue entry into the SDK's {@link InstanceTypeInfo}, filling what AWS fills for an
 * EBS-only current-generation type
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceTypeInfo.html).
 */
final class InstanceTypeInfos {
  private InstanceTypeInfos() {}

  static InstanceTypeInfo of(InstanceTypeSpec s) {
    return InstanceTypeInfo.builder()
        .instanceType(s.name())
        .currentGeneration(true)
        .freeTierEligible(s.freeTierEligible())
        .supportedUsageClassesWithStrings(s.usageClasses())
        .supportedRootDeviceTypesWithStrings("ebs")
        .supportedVirtualizationTypesWithStrings("hvm")
        .bareMetal(s.bareMetal())
        .hypervisor(s.hypervisor())
        .processorInfo(
            ProcessorInfo.builder()
                .supportedArchitecturesWithStrings(s.architectures())
                .sustainedClockSpeedInGhz(s.sustainedClockSpeedGhz())
                .manufacturer(s.manufacturer())
                .build())
        .vCpuInfo(
            VCpuInfo.builder()
                .defaultVCpus(s.vcpus())
                .defaultCores(s.cores())
                .defaultThreadsPerCore(s.threadsPerCore())
                .build())
        .memoryInfo(MemoryInfo.builder().sizeInMiB(s.memoryMib()).build())
        .instanceStorageSupported(false)
        .ebsInfo(
            EbsInfo.builder()
                .ebsOptimizedSupport(s.ebsOptimizedSupport())
                .encryptionSupport("supported")
                .nvmeSupport(s.nvmeSupport())
                .build())
        .networkInfo(network(s))
        .placementGroupInfo(
            PlacementGroupInfo.builder()
                .supportedStrategiesWithStrings(s.placementStrategies())
                .build())
        .hibernationSupported(s.hibernationSupported())
        .burstablePerformanceSupported(s.burstable())
        .dedicatedHostsSupported(s.dedicatedHostsSupported())
        .autoRecoverySupported(true)
        .supportedBootModesWithStrings(s.bootModes())
        .build();
  }

  private static NetworkInfo network(InstanceTypeSpec s) {
    NetworkInfo.Builder b =
        NetworkInfo.builder()
            .networkPerformance(s.networkPerformance())
            .maximumNetworkInterfaces(s.maxNetworkInterfaces())
            .maximumNetworkCards(1)
            .defaultNetworkCardIndex(0)
            .networkCards(
                NetworkCardInfo.builder()
                    .networkCardIndex(0)
                    .networkPerformance(s.networkPerformance())
                    .maximumNetworkInterfaces(s.maxNetworkInterfaces())
                    .build())
            .ipv4AddressesPerInterface(s.ipv4AddressesPerInterface())
            // Every type here takes as many IPv6 as IPv4 addresses per interface.
            .ipv6AddressesPerInterface(s.ipv4AddressesPerInterface())
            .ipv6Supported(true)
            .enaSupport(s.enaSupport())
            .efaSupported(s.efaSupported())
            .encryptionInTransitSupported(s.encryptionInTransitSupported());
    if (s.efaSupported()) {
      b.efaInfo(EfaInfo.builder().maximumEfaInterfaces(1).build());
    }
    return b.build();
  }
}
