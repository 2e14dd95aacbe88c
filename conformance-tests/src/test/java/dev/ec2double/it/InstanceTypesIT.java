package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ArchitectureType;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

class InstanceTypesIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  /** Every type, walked once for the class: a walk reads some 1400 types. */
  private static List<InstanceTypeInfo> every;

  private static synchronized List<InstanceTypeInfo> every() {
    if (every == null) {
      every = all();
    }
    return every;
  }

  private static List<InstanceTypeInfo> all(Filter... filters) {
    return ec2.describeInstanceTypesPaginator(r -> r.filters(filters)).instanceTypes().stream()
        .toList();
  }

  private static List<String> names(Filter... filters) {
    return all(filters).stream().map(InstanceTypeInfo::instanceTypeAsString).toList();
  }

  private static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  @Test
  void describesAT3MicroAsAwsPublishesIt() {
    InstanceTypeInfo t =
        ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("t3.micro"))
            .instanceTypes()
            .get(0);

    assertThat(t.instanceTypeAsString()).isEqualTo("t3.micro");
    assertThat(t.vCpuInfo().defaultVCpus()).isEqualTo(2);
    assertThat(t.vCpuInfo().defaultCores()).isEqualTo(1);
    assertThat(t.vCpuInfo().defaultThreadsPerCore()).isEqualTo(2);
    assertThat(t.memoryInfo().sizeInMiB()).isEqualTo(1024L);
    assertThat(t.processorInfo().supportedArchitectures()).containsExactly(ArchitectureType.X86_64);
    assertThat(t.processorInfo().sustainedClockSpeedInGhz()).isEqualTo(2.5);
    assertThat(t.hypervisorAsString()).isEqualTo("nitro");
    assertThat(t.currentGeneration()).isTrue();
    assertThat(t.freeTierEligible()).isTrue();
    assertThat(t.burstablePerformanceSupported()).isTrue();
    assertThat(t.bareMetal()).isFalse();
    assertThat(t.instanceStorageSupported()).isFalse();
    assertThat(t.networkInfo().networkPerformance()).isEqualTo("Up to 5 Gigabit");
    assertThat(t.networkInfo().maximumNetworkInterfaces()).isEqualTo(2);
    assertThat(t.networkInfo().ipv4AddressesPerInterface()).isEqualTo(2);
    assertThat(t.networkInfo().enaSupportAsString()).isEqualTo("required");
    assertThat(t.ebsInfo().ebsOptimizedSupportAsString()).isEqualTo("default");
    assertThat(t.ebsInfo().encryptionSupportAsString()).isEqualTo("supported");
    assertThat(t.ebsInfo().nvmeSupportAsString()).isEqualTo("required");
    assertThat(t.supportedUsageClassesAsStrings()).containsExactly("on-demand", "spot");
    assertThat(t.supportedRootDeviceTypesAsStrings()).containsExactly("ebs");
    assertThat(t.supportedVirtualizationTypesAsStrings()).containsExactly("hvm");
    assertThat(t.supportedBootModesAsStrings()).containsExactly("legacy-bios", "uefi");
    assertThat(t.placementGroupInfo().supportedStrategiesAsStrings())
        .containsExactly("partition", "spread");
  }

  @ParameterizedTest
  @CsvSource({
    "t2.micro, 1, 1024, x86_64, xen",
    "t3a.2xlarge, 8, 32768, x86_64, nitro",
    "t4g.nano, 2, 512, arm64, nitro",
    "m5.24xlarge, 96, 393216, x86_64, nitro",
    "m6i.32xlarge, 128, 524288, x86_64, nitro",
    "m7g.medium, 1, 4096, arm64, nitro",
    "c5.9xlarge, 36, 73728, x86_64, nitro",
    "c6i.large, 2, 4096, x86_64, nitro",
    "r5.xlarge, 4, 32768, x86_64, nitro",
    "r6i.16xlarge, 64, 524288, x86_64, nitro",
  })
  void describesTheVcpusMemoryAndArchitectureOf(
      String type, int vcpus, long mib, String arch, String hypervisor) {
    InstanceTypeInfo t =
        ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings(type)).instanceTypes().get(0);

    assertThat(t.vCpuInfo().defaultVCpus()).isEqualTo(vcpus);
    assertThat(t.memoryInfo().sizeInMiB()).isEqualTo(mib);
    assertThat(t.processorInfo().supportedArchitecturesAsStrings()).contains(arch);
    assertThat(t.hypervisorAsString()).isEqualTo(hypervisor);
  }

  @Test
  void describesBareMetalWithoutAHypervisor() {
    InstanceTypeInfo t =
        ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("m5.metal"))
            .instanceTypes()
            .get(0);

    assertThat(t.bareMetal()).isTrue();
    assertThat(t.hypervisor()).isNull();
    assertThat(t.vCpuInfo().defaultVCpus()).isEqualTo(96);
  }

  @Test
  void describesOnlyTheTypesAskedFor() {
    var types =
        ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("c5.large", "r6i.metal"))
            .instanceTypes();

    assertThat(types)
        .extracting(InstanceTypeInfo::instanceTypeAsString)
        .containsExactlyInAnyOrder("c5.large", "r6i.metal");
  }

  @Test
  void describesAPreviousGenerationTypeAsAwsStillDoes() {
    InstanceTypeInfo t1 =
        ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("t1.micro"))
            .instanceTypes()
            .get(0);
    InstanceTypeInfo m1 =
        ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("m1.small"))
            .instanceTypes()
            .get(0);

    assertThat(t1.currentGeneration()).isFalse();
    assertThat(t1.vCpuInfo().defaultVCpus()).isEqualTo(1);
    assertThat(t1.memoryInfo().sizeInMiB()).isEqualTo(627L);
    assertThat(t1.hypervisorAsString()).isEqualTo("xen");
    assertThat(t1.networkInfo().networkPerformance()).isEqualTo("Very Low");
    assertThat(t1.supportedVirtualizationTypesAsStrings()).contains("hvm", "paravirtual");
    assertThat(m1.instanceStorageSupported()).isTrue();
    assertThat(m1.instanceStorageInfo().totalSizeInGB()).isEqualTo(160L);
    assertThat(m1.instanceStorageInfo().disks().get(0).typeAsString()).isEqualTo("hdd");
  }

  @Test
  void launchesAPreviousGenerationType() {
    try (Ec2Client own = TestServer.ec2("us-east-1", "210000000915")) {
      String id =
          own.runInstances(
                  r ->
                      r.imageId("ami-0ec2d00000000de12")
                          .instanceType("t1.micro")
                          .minCount(1)
                          .maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      try {
        assertThat(
                own.describeInstances(r -> r.instanceIds(id))
                    .reservations()
                    .get(0)
                    .instances()
                    .get(0)
                    .instanceTypeAsString())
            .isEqualTo("t1.micro");
      } finally {
        own.terminateInstances(r -> r.instanceIds(id));
      }
    }
  }

  @Test
  void describesGpusStorageAndNetworkCardsOfAGpuType() {
    InstanceTypeInfo p4d =
        ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("p4d.24xlarge"))
            .instanceTypes()
            .get(0);

    assertThat(p4d.gpuInfo().gpus()).hasSize(1);
    assertThat(p4d.gpuInfo().gpus().get(0).name()).isEqualTo("A100");
    assertThat(p4d.gpuInfo().gpus().get(0).manufacturer()).isEqualTo("NVIDIA");
    assertThat(p4d.gpuInfo().gpus().get(0).count()).isEqualTo(8);
    assertThat(p4d.gpuInfo().totalGpuMemoryInMiB()).isEqualTo(8 * 40960);
    assertThat(p4d.instanceStorageInfo().totalSizeInGB()).isEqualTo(8000L);
    assertThat(p4d.instanceStorageInfo().nvmeSupportAsString()).isEqualTo("required");
    assertThat(p4d.networkInfo().maximumNetworkCards()).isEqualTo(4);
    assertThat(p4d.networkInfo().networkCards()).hasSize(4);
    assertThat(p4d.networkInfo().efaInfo().maximumEfaInterfaces()).isEqualTo(4);
    assertThat(p4d.ebsInfo().ebsOptimizedInfo().maximumIops()).isEqualTo(80000);
    assertThat(p4d.vCpuInfo().validCores()).contains(2, 48);
    InstanceTypeInfo inf2 =
        ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("inf2.xlarge"))
            .instanceTypes()
            .get(0);
    assertThat(inf2.neuronInfo().neuronDevices().get(0).name()).isEqualTo("Inferentia2");
  }

  @Test
  void filtersOnStorageAcceleratorsEbsBandwidthCpuOptionsAndNitro() {
    List<InstanceTypeInfo> every = every();

    assertThat(names(filter("instance-storage-info.disk.type", "hdd")))
        .contains("m1.small", "d3.xlarge")
        .isEqualTo(
            select(
                every,
                t ->
                    t.instanceStorageInfo() != null
                        && t.instanceStorageInfo().disks().get(0).typeAsString().equals("hdd")));
    assertThat(names(filter("instance-storage-supported", "true")))
        .contains("p4d.24xlarge", "m5d.large")
        .doesNotContain("m5.large");
    assertThat(names(filter("instance-storage-info.total-size-in-gb", "8000")))
        .contains("p4d.24xlarge");
    assertThat(names(filter("ebs-info.ebs-optimized-info.maximum-iops", "80000")))
        .contains("p4d.24xlarge")
        .isEqualTo(
            select(
                every,
                t ->
                    t.ebsInfo().ebsOptimizedInfo() != null
                        && t.ebsInfo().ebsOptimizedInfo().maximumIops() == 80000));
    assertThat(
            names(
                filter("instance-type", "p4d.*"),
                filter("ebs-info.ebs-optimized-info.maximum-throughput-in-mbps", "2375")))
        .containsExactly("p4d.24xlarge");
    assertThat(
            names(filter("vcpu-info.valid-threads-per-core", "2"), filter("instance-type", "t3.*")))
        .contains("t3.micro");
    assertThat(names(filter("nitro-tpm-support", "supported")))
        .contains("t3.micro")
        .doesNotContain("t2.micro", "m5.metal");
    assertThat(names(filter("processor-info.supported-features", "amd-sev-snp")))
        .isNotEmpty()
        .allMatch(n -> n.matches("[a-z]+\\d[a-z-]*a[a-z-]*\\..*"));
    assertThat(names(filter("network-info.maximum-network-cards", "4"))).contains("p4d.24xlarge");
  }

  @Test
  void refusesARetiredTypeTheSdkStillNames() {
    assertThatThrownBy(
            () -> ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("cc2.8xlarge")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceType"));
  }

  private static List<String> select(
      List<InstanceTypeInfo> every, java.util.function.Predicate<InstanceTypeInfo> keep) {
    return every.stream().filter(keep).map(InstanceTypeInfo::instanceTypeAsString).toList();
  }

  @Test
  void rejectsAnUnknownInstanceType() {
    assertThatThrownBy(
            () -> ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("t3.micro", "t3.huge")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceType");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("The following supplied instance types do not exist: [t3.huge]");
              assertThat(e.statusCode()).isEqualTo(400);
            });
  }

  @Test
  void filtersByInstanceTypeWithWildcards() {
    assertThat(names(filter("instance-type", "t3.*")))
        .containsExactlyInAnyOrder(
            "t3.nano", "t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge", "t3.2xlarge");
    assertThat(names(filter("instance-type", "m?g.metal", "c6i.?xlarge")))
        .containsExactlyInAnyOrder(
            "m6g.metal", "m7g.metal", "c6i.2xlarge", "c6i.4xlarge", "c6i.8xlarge");
  }

  @Test
  void filtersByFreeTierEligibility() {
    // AWS's answer for an account made after July 2025 (the figures' source)
    assertThat(names(filter("free-tier-eligible", "true")))
        .contains("t3.micro", "t3.small", "t4g.micro")
        .doesNotContain("m5.large", "p4d.24xlarge");
  }

  @Test
  void filtersByHypervisorAndBareMetal() {
    assertThat(names(filter("hypervisor", "xen")))
        .contains("t1.micro", "t2.micro", "m4.large", "i3.large")
        .doesNotContain("t3.micro", "m5.large");
    assertThat(names(filter("bare-metal", "true")))
        .contains("m5.metal", "m7g.metal", "mac2.metal", "c8g.metal-48xl")
        .allMatch(n -> n.contains(".metal"));
    assertThat(names(filter("hypervisor", "nitro"))).doesNotContain("m5.metal", "t2.micro");
  }

  @Test
  void filtersByBurstablePerformanceAndCurrentGeneration() {
    var burstable = names(filter("burstable-performance-supported", "true"));

    assertThat(burstable)
        .contains("t2.nano", "t3a.2xlarge", "t4g.micro")
        .doesNotContain("t1.micro")
        .allMatch(n -> n.startsWith("t"));
    var previous = names(filter("current-generation", "false"));
    assertThat(previous)
        .contains("t1.micro", "m1.small", "c3.large", "m4.large")
        .isEqualTo(select(every(), t -> !t.currentGeneration()));
    assertThat(names(filter("instance-type", "t*"), filter("current-generation", "true")))
        .contains("t3.micro", "t4g.nano")
        .doesNotContain("t1.micro");
  }

  @Test
  void filtersByArchitecture() {
    var arm = names(filter("processor-info.supported-architecture", "arm64"));

    assertThat(arm)
        .contains("t4g.nano", "m7g.medium", "a1.large", "c8g.48xlarge")
        .allMatch(n -> n.matches("(a1|[a-z]+\\d[a-z-]*g[a-z-]*)\\..*"));
    assertThat(names(filter("processor-info.supported-architecture", "i386")))
        .contains("t1.micro", "m1.small", "t2.micro")
        .doesNotContain("t2.large", "t3.micro");
    assertThat(names(filter("processor-info.supported-architecture", "arm64_mac")))
        .contains("mac2.metal");
  }

  @Test
  void filtersByVcpuFigures() {
    assertThat(
            names(
                filter("instance-type", "m5.*", "c6i.*"), filter("vcpu-info.default-vcpus", "96")))
        .containsExactlyInAnyOrder("m5.24xlarge", "m5.metal", "c6i.24xlarge");
    assertThat(
            names(
                filter("instance-type", "t2.*", "m7g.*"),
                filter("vcpu-info.default-cores", "1"),
                filter("vcpu-info.default-threads-per-core", "1")))
        .containsExactlyInAnyOrder("t2.nano", "t2.micro", "t2.small", "m7g.medium");
  }

  @Test
  void filtersByMemoryAndNetworkPerformance() {
    assertThat(names(filter("memory-info.size-in-mib", "512")))
        .containsExactlyInAnyOrder("t2.nano", "t3.nano", "t3a.nano", "t4g.nano", "t8i.nano");
    assertThat(
            names(
                filter("instance-type", "m6i.*", "c6i.*", "r6i.*"),
                filter("network-info.network-performance", "50 Gigabit")))
        .containsExactlyInAnyOrder(
            "m6i.32xlarge", "m6i.metal", "c6i.32xlarge", "c6i.metal", "r6i.32xlarge", "r6i.metal");
  }

  @Test
  void filtersBySupportedUsageClassRootDeviceAndVirtualization() {
    assertThat(names(filter("supported-usage-class", "spot"))).doesNotContain("t2.nano");
    assertThat(names(filter("instance-type", "m*"), filter("supported-root-device-type", "ebs")))
        .isEqualTo(select(every(), t -> t.instanceTypeAsString().startsWith("m")));
    assertThat(names(filter("supported-root-device-type", "instance-store")))
        .contains("m1.small", "c3.large")
        .doesNotContain("t3.micro");
    assertThat(names(filter("instance-type", "c*"), filter("supported-virtualization-type", "hvm")))
        .isEqualTo(select(every(), t -> t.instanceTypeAsString().startsWith("c")));
    assertThat(names(filter("supported-virtualization-type", "paravirtual")))
        .contains("t1.micro", "m1.small")
        .doesNotContain("t2.micro");
    assertThat(names(filter("supported-boot-mode", "legacy-bios")))
        .noneMatch(n -> n.contains("g."));
  }

  @Test
  void filtersByEbsInfo() {
    assertThat(names(filter("ebs-info.ebs-optimized-support", "unsupported")))
        .contains("t2.micro", "t1.micro")
        .doesNotContain("t3.micro");
    assertThat(names(filter("instance-type", "t*"), filter("ebs-info.nvme-support", "required")))
        .contains("t3.micro")
        .noneMatch(n -> n.startsWith("t2.") || n.startsWith("t1."));
    assertThat(
            names(
                filter("instance-type", "r*"), filter("ebs-info.encryption-support", "supported")))
        .isEqualTo(select(every(), t -> t.instanceTypeAsString().startsWith("r")));
  }

  @Test
  void combinesFiltersWithAnd() {
    assertThat(
            names(
                filter("instance-type", "m7g.*", "t4g.*"),
                filter("processor-info.supported-architecture", "arm64"),
                filter("burstable-performance-supported", "false"),
                filter("memory-info.size-in-mib", "8192", "16384")))
        .containsExactlyInAnyOrder("m7g.large", "m7g.xlarge");
  }

  @Test
  void rejectsAnUnknownFilter() {
    assertThatThrownBy(() -> ec2.describeInstanceTypes(r -> r.filters(filter("colour", "red"))))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
  }

  @Test
  void walksEveryPageWithoutLosingOrRepeatingATypeInAStableOrder() {
    List<String> firstWalk =
        ec2.describeInstanceTypesPaginator(r -> r.maxResults(100)).instanceTypes().stream()
            .map(InstanceTypeInfo::instanceTypeAsString)
            .toList();
    List<String> secondWalk =
        ec2.describeInstanceTypesPaginator(r -> r.maxResults(37)).instanceTypes().stream()
            .map(InstanceTypeInfo::instanceTypeAsString)
            .toList();
    var firstPage = ec2.describeInstanceTypes(r -> r.maxResults(7));
    var unbounded = ec2.describeInstanceTypes(r -> {});

    assertThat(firstPage.instanceTypes()).hasSize(7);
    assertThat(firstPage.nextToken()).isNotBlank();
    assertThat(unbounded.instanceTypes()).hasSize(100);
    assertThat(firstWalk)
        .doesNotHaveDuplicates()
        .hasSizeGreaterThan(1400)
        .contains("t1.micro", "p4d.24xlarge", "u-6tb1.112xlarge", "mac2.metal");
    assertThat(secondWalk).isEqualTo(firstWalk);
    assertThat(select(every(), t -> true)).isEqualTo(firstWalk);
  }

  @Test
  void countsEveryFamilySize() {
    Map<String, Long> perFamily =
        select(every(), t -> true).stream()
            .collect(
                Collectors.groupingBy(n -> n.substring(0, n.indexOf('.')), Collectors.counting()));

    assertThat(perFamily)
        .containsEntry("t2", 7L)
        .containsEntry("t3", 7L)
        .containsEntry("t3a", 7L)
        .containsEntry("t4g", 7L)
        .containsEntry("m5", 9L)
        .containsEntry("m6i", 10L)
        .containsEntry("m7g", 9L)
        .containsEntry("c5", 9L)
        .containsEntry("c6i", 10L)
        .containsEntry("r5", 9L)
        .containsEntry("r6i", 10L)
        .containsEntry("c8g", 12L)
        .containsEntry("m1", 4L)
        .containsEntry("p5", 2L);
  }

  @Test
  void rejectsMaxResultsOutOfRange() {
    for (int max : new int[] {4, 101}) {
      assertThatThrownBy(() -> ec2.describeInstanceTypes(r -> r.maxResults(max)))
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }
  }

  @Test
  void rejectsAForeignNextToken() {
    assertThatThrownBy(() -> ec2.describeInstanceTypes(r -> r.nextToken("not-a-token")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPaginationToken"));
  }

  @Test
  void answersDryRunWithDryRunOperation() {
    assertThatThrownBy(() -> ec2.describeInstanceTypes(r -> r.dryRun(true)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation"));
  }
}
