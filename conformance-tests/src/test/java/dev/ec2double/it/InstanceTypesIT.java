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
        .containsExactlyInAnyOrder("m7g.metal", "c6i.2xlarge", "c6i.4xlarge", "c6i.8xlarge");
  }

  @Test
  void filtersByFreeTierEligibility() {
    assertThat(names(filter("free-tier-eligible", "true")))
        .containsExactlyInAnyOrder("t2.micro", "t3.micro");
  }

  @Test
  void filtersByHypervisorAndBareMetal() {
    assertThat(names(filter("hypervisor", "xen"))).allMatch(n -> n.startsWith("t2.")).hasSize(7);
    assertThat(names(filter("bare-metal", "true")))
        .containsExactlyInAnyOrder(
            "m5.metal", "m6i.metal", "m7g.metal", "c5.metal", "c6i.metal", "r5.metal", "r6i.metal");
    assertThat(names(filter("hypervisor", "nitro"))).doesNotContain("m5.metal", "t2.micro");
  }

  @Test
  void filtersByBurstablePerformanceAndCurrentGeneration() {
    var burstable = names(filter("burstable-performance-supported", "true"));

    assertThat(burstable).hasSize(28).allMatch(n -> n.startsWith("t"));
    assertThat(names(filter("current-generation", "true"))).hasSize(all().size());
    assertThat(names(filter("current-generation", "false"))).isEmpty();
  }

  @Test
  void filtersByArchitecture() {
    var arm = names(filter("processor-info.supported-architecture", "arm64"));

    assertThat(arm).hasSize(16).allMatch(n -> n.startsWith("t4g.") || n.startsWith("m7g."));
    assertThat(names(filter("processor-info.supported-architecture", "i386")))
        .containsExactlyInAnyOrder("t2.nano", "t2.micro", "t2.small", "t2.medium");
  }

  @Test
  void filtersByVcpuFigures() {
    assertThat(names(filter("vcpu-info.default-vcpus", "96")))
        .containsExactlyInAnyOrder(
            "m5.24xlarge",
            "m5.metal",
            "m6i.24xlarge",
            "c5.24xlarge",
            "c5.metal",
            "c6i.24xlarge",
            "r5.24xlarge",
            "r5.metal",
            "r6i.24xlarge");
    assertThat(
            names(
                filter("vcpu-info.default-cores", "1"),
                filter("vcpu-info.default-threads-per-core", "1")))
        .containsExactlyInAnyOrder("t2.nano", "t2.micro", "t2.small", "m7g.medium");
  }

  @Test
  void filtersByMemoryAndNetworkPerformance() {
    assertThat(names(filter("memory-info.size-in-mib", "512")))
        .containsExactlyInAnyOrder("t2.nano", "t3.nano", "t3a.nano", "t4g.nano");
    assertThat(names(filter("network-info.network-performance", "50 Gigabit")))
        .containsExactlyInAnyOrder(
            "m6i.32xlarge", "m6i.metal", "c6i.32xlarge", "c6i.metal", "r6i.32xlarge", "r6i.metal");
  }

  @Test
  void filtersBySupportedUsageClassRootDeviceAndVirtualization() {
    assertThat(names(filter("supported-usage-class", "spot"))).doesNotContain("t2.nano");
    assertThat(names(filter("supported-root-device-type", "ebs"))).hasSize(all().size());
    assertThat(names(filter("supported-root-device-type", "instance-store"))).isEmpty();
    assertThat(names(filter("supported-virtualization-type", "hvm"))).hasSize(all().size());
    assertThat(names(filter("supported-virtualization-type", "paravirtual"))).isEmpty();
    assertThat(names(filter("supported-boot-mode", "legacy-bios")))
        .noneMatch(n -> n.contains("g."));
  }

  @Test
  void filtersByEbsInfo() {
    assertThat(names(filter("ebs-info.ebs-optimized-support", "unsupported")))
        .hasSize(7)
        .allMatch(n -> n.startsWith("t2."));
    assertThat(names(filter("ebs-info.nvme-support", "required")))
        .noneMatch(n -> n.startsWith("t2."));
    assertThat(names(filter("ebs-info.encryption-support", "supported"))).hasSize(all().size());
  }

  @Test
  void combinesFiltersWithAnd() {
    assertThat(
            names(
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
        ec2.describeInstanceTypesPaginator(r -> r.maxResults(7)).instanceTypes().stream()
            .map(InstanceTypeInfo::instanceTypeAsString)
            .toList();
    List<String> secondWalk =
        ec2.describeInstanceTypesPaginator(r -> r.maxResults(5)).instanceTypes().stream()
            .map(InstanceTypeInfo::instanceTypeAsString)
            .toList();
    var firstPage = ec2.describeInstanceTypes(r -> r.maxResults(7));

    assertThat(firstPage.instanceTypes()).hasSize(7);
    assertThat(firstPage.nextToken()).isNotBlank();
    assertThat(firstWalk).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(94);
    assertThat(secondWalk).isEqualTo(firstWalk);
    assertThat(names()).isEqualTo(firstWalk);
  }

  @Test
  void countsEveryFamilySize() {
    Map<String, Long> perFamily =
        names().stream()
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
        .containsEntry("r6i", 10L);
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
