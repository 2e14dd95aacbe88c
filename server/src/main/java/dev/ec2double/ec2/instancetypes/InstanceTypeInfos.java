package dev.ec2double.ec2.instancetypes;

import dev.ec2double.ec2.instancetypes.InstanceTypeSpec.Accelerator;
import dev.ec2double.ec2.instancetypes.InstanceTypeSpec.Details;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DefaultConnectionTrackingConfiguration;
import software.amazon.awssdk.services.ec2.model.DiskInfo;
import software.amazon.awssdk.services.ec2.model.EbsInfo;
import software.amazon.awssdk.services.ec2.model.EbsOptimizedInfo;
import software.amazon.awssdk.services.ec2.model.EfaInfo;
import software.amazon.awssdk.services.ec2.model.FpgaDeviceInfo;
import software.amazon.awssdk.services.ec2.model.FpgaDeviceMemoryInfo;
import software.amazon.awssdk.services.ec2.model.FpgaInfo;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.GpuDeviceMemoryInfo;
import software.amazon.awssdk.services.ec2.model.GpuInfo;
import software.amazon.awssdk.services.ec2.model.InferenceAcceleratorInfo;
import software.amazon.awssdk.services.ec2.model.InferenceDeviceInfo;
import software.amazon.awssdk.services.ec2.model.InferenceDeviceMemoryInfo;
import software.amazon.awssdk.services.ec2.model.InstanceStorageInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.MediaAcceleratorInfo;
import software.amazon.awssdk.services.ec2.model.MediaDeviceInfo;
import software.amazon.awssdk.services.ec2.model.MediaDeviceMemoryInfo;
import software.amazon.awssdk.services.ec2.model.MemoryInfo;
import software.amazon.awssdk.services.ec2.model.NetworkCardInfo;
import software.amazon.awssdk.services.ec2.model.NetworkInfo;
import software.amazon.awssdk.services.ec2.model.NeuronDeviceCoreInfo;
import software.amazon.awssdk.services.ec2.model.NeuronDeviceInfo;
import software.amazon.awssdk.services.ec2.model.NeuronDeviceMemoryInfo;
import software.amazon.awssdk.services.ec2.model.NeuronInfo;
import software.amazon.awssdk.services.ec2.model.NitroTpmInfo;
import software.amazon.awssdk.services.ec2.model.PlacementGroupInfo;
import software.amazon.awssdk.services.ec2.model.ProcessorInfo;
import software.amazon.awssdk.services.ec2.model.VCpuInfo;

/**
 * Turns a catalogue entry into the SDK's {@link InstanceTypeInfo}, filling what AWS fills for the
 * type (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceTypeInfo.html): a figure
 * the catalogue leaves empty is left out, as AWS leaves it out.
 */
final class InstanceTypeInfos {
  private InstanceTypeInfos() {}

  static InstanceTypeInfo of(InstanceTypeSpec s) {
    Details d = s.details();
    InstanceTypeInfo.Builder b =
        InstanceTypeInfo.builder()
            .instanceType(s.name())
            .currentGeneration(d.currentGeneration())
            .freeTierEligible(s.freeTierEligible())
            .supportedUsageClassesWithStrings(s.usageClasses())
            .supportedRootDeviceTypesWithStrings(d.rootDeviceTypes())
            .supportedVirtualizationTypesWithStrings(d.virtualizationTypes())
            .bareMetal(s.bareMetal())
            .hypervisor(s.hypervisor())
            .processorInfo(
                ProcessorInfo.builder()
                    .supportedArchitecturesWithStrings(s.architectures())
                    .sustainedClockSpeedInGhz(s.sustainedClockSpeedGhz())
                    .manufacturer(s.manufacturer())
                    .supportedFeaturesWithStrings(orNull(d.cpuFeatures()))
                    .build())
            .vCpuInfo(
                VCpuInfo.builder()
                    .defaultVCpus(s.vcpus())
                    .defaultCores(s.cores())
                    .defaultThreadsPerCore(s.threadsPerCore())
                    .validCores(orNull(d.validCores()))
                    .validThreadsPerCore(orNull(d.validThreadsPerCore()))
                    .build())
            .memoryInfo(MemoryInfo.builder().sizeInMiB(s.memoryMib()).build())
            .instanceStorageSupported(d.storage() != null)
            .instanceStorageInfo(storage(d.storage()))
            .ebsInfo(ebs(s))
            .networkInfo(network(s))
            .placementGroupInfo(
                PlacementGroupInfo.builder()
                    .supportedStrategiesWithStrings(s.placementStrategies())
                    .build())
            .hibernationSupported(s.hibernationSupported())
            .burstablePerformanceSupported(s.burstable())
            .dedicatedHostsSupported(s.dedicatedHostsSupported())
            .autoRecoverySupported(d.autoRecovery())
            .supportedBootModesWithStrings(s.bootModes())
            .nitroEnclavesSupport(d.nitroEnclaves())
            .nitroTpmSupport(d.nitroTpm())
            .nitroTpmInfo(
                d.nitroTpmVersions().isEmpty()
                    ? null
                    : NitroTpmInfo.builder().supportedVersions(d.nitroTpmVersions()).build())
            .phcSupport(d.phc())
            .rebootMigrationSupport(d.rebootMigration());
    for (Accelerator a : d.accelerators()) {
      accelerator(b, a);
    }
    return b.build();
  }

  private static <T> List<T> orNull(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  private static EbsInfo ebs(InstanceTypeSpec s) {
    Details d = s.details();
    InstanceTypeSpec.EbsBandwidth w = d.ebsBandwidth();
    return EbsInfo.builder()
        .ebsOptimizedSupport(s.ebsOptimizedSupport())
        .encryptionSupport(d.ebsEncryption())
        .nvmeSupport(s.nvmeSupport())
        .attachmentLimitType(
            d.ebsAttachmentLimitType().isEmpty() ? null : d.ebsAttachmentLimitType())
        .maximumEbsAttachments(d.ebsMaxAttachments())
        .ebsOptimizedInfo(
            w == null
                ? null
                : EbsOptimizedInfo.builder()
                    .baselineBandwidthInMbps(w.baselineMbps())
                    .baselineIops(w.baselineIops())
                    .baselineThroughputInMBps(w.baselineMBps())
                    .maximumBandwidthInMbps(w.maximumMbps())
                    .maximumIops(w.maximumIops())
                    .maximumThroughputInMBps(w.maximumMBps())
                    .build())
        .build();
  }

  private static InstanceStorageInfo storage(InstanceTypeSpec.Storage st) {
    return st == null
        ? null
        : InstanceStorageInfo.builder()
            .totalSizeInGB(st.totalGb())
            .disks(
                DiskInfo.builder()
                    .count(st.count())
                    .sizeInGB(st.sizeGb())
                    .type(st.diskType())
                    .build())
            .nvmeSupport(st.nvmeSupport())
            .encryptionSupport(st.encryption())
            .build();
  }

  private static void accelerator(InstanceTypeInfo.Builder b, Accelerator a) {
    long total = a.count() * a.memoryMib();
    switch (a.kind()) {
      case "gpu" ->
          b.gpuInfo(
              GpuInfo.builder()
                  .gpus(
                      GpuDeviceInfo.builder()
                          .count(a.count())
                          .manufacturer(a.manufacturer())
                          .name(a.name())
                          .memoryInfo(
                              GpuDeviceMemoryInfo.builder().sizeInMiB((int) a.memoryMib()).build())
                          .build())
                  .totalGpuMemoryInMiB((int) total)
                  .build());
      case "fpga" ->
          b.fpgaInfo(
              FpgaInfo.builder()
                  .fpgas(
                      FpgaDeviceInfo.builder()
                          .count(a.count())
                          .manufacturer(a.manufacturer())
                          .name(a.name())
                          .memoryInfo(
                              FpgaDeviceMemoryInfo.builder().sizeInMiB((int) a.memoryMib()).build())
                          .build())
                  .totalFpgaMemoryInMiB((int) total)
                  .build());
      case "inference" ->
          b.inferenceAcceleratorInfo(
              InferenceAcceleratorInfo.builder()
                  .accelerators(
                      InferenceDeviceInfo.builder()
                          .count(a.count())
                          .manufacturer(a.manufacturer())
                          .name(a.name())
                          .memoryInfo(
                              InferenceDeviceMemoryInfo.builder()
                                  .sizeInMiB((int) a.memoryMib())
                                  .build())
                          .build())
                  .totalInferenceMemoryInMiB((int) total)
                  .build());
      case "media" ->
          b.mediaAcceleratorInfo(
              MediaAcceleratorInfo.builder()
                  .accelerators(
                      MediaDeviceInfo.builder()
                          .count(a.count())
                          .manufacturer(a.manufacturer())
                          .name(a.name())
                          .memoryInfo(
                              MediaDeviceMemoryInfo.builder()
                                  .sizeInMiB((int) a.memoryMib())
                                  .build())
                          .build())
                  .totalMediaMemoryInMiB((int) total)
                  .build());
      case "neuron" ->
          b.neuronInfo(
              NeuronInfo.builder()
                  .neuronDevices(
                      NeuronDeviceInfo.builder()
                          .count(a.count())
                          .name(a.name())
                          .coreInfo(
                              NeuronDeviceCoreInfo.builder()
                                  .count(a.coreCount())
                                  .version(a.coreVersion())
                                  .build())
                          .memoryInfo(
                              NeuronDeviceMemoryInfo.builder()
                                  .sizeInMiB((int) a.memoryMib())
                                  .build())
                          .build())
                  .totalNeuronDeviceMemoryInMiB((int) total)
                  .build());
      default -> throw new IllegalStateException("unknown accelerator kind " + a.kind());
    }
  }

  private static NetworkInfo network(InstanceTypeSpec s) {
    Details d = s.details();
    List<NetworkCardInfo> cards = new java.util.ArrayList<>();
    for (int i = 0; i < d.networkCards().size(); i++) {
      InstanceTypeSpec.NetworkCard c = d.networkCards().get(i);
      cards.add(
          NetworkCardInfo.builder()
              .networkCardIndex(i)
              .networkPerformance(c.performance())
              .maximumNetworkInterfaces(c.maxInterfaces())
              .baselineBandwidthInGbps(c.baselineGbps())
              .peakBandwidthInGbps(c.peakGbps())
              .build());
    }
    NetworkInfo.Builder b =
        NetworkInfo.builder()
            .networkPerformance(s.networkPerformance())
            .maximumNetworkInterfaces(s.maxNetworkInterfaces())
            .maximumNetworkCards(cards.size())
            .defaultNetworkCardIndex(d.defaultNetworkCard())
            .networkCards(cards)
            .ipv4AddressesPerInterface(s.ipv4AddressesPerInterface())
            .ipv6AddressesPerInterface(d.ipv6PerInterface())
            .ipv6Supported(d.ipv6Supported())
            .enaSupport(s.enaSupport())
            .efaSupported(s.efaSupported())
            .encryptionInTransitSupported(s.encryptionInTransitSupported())
            .enaSrdSupported(d.enaSrd())
            .flexibleEnaQueuesSupport(d.flexibleEnaQueues())
            .bandwidthWeightingsWithStrings(orNull(d.bandwidthWeightings()))
            .connectionTrackingConfiguration(CONNECTION_TRACKING);
    if (d.maxEfaInterfaces() != null) {
      b.efaInfo(EfaInfo.builder().maximumEfaInterfaces(d.maxEfaInterfaces()).build());
    }
    return b.build();
  }

  /** The same default timeouts for every type, as AWS answers them. */
  private static final DefaultConnectionTrackingConfiguration CONNECTION_TRACKING =
      DefaultConnectionTrackingConfiguration.builder()
          .defaultTcpEstablishedTimeout(432000)
          .defaultUdpStreamTimeout(180)
          .defaultUdpTimeout(30)
          .build();
}
