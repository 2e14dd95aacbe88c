package dev.ec2double.ec2.instancetypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks catalog.csv against the patterns AWS's own figures follow, so that a typo in the data
 * fails the build instead of giving an instance the wrong CPU or memory limit.
 */
class InstanceTypeCatalogTest {
  private static final List<InstanceTypeSpec> ALL = InstanceTypeCatalog.all();

  /** Every size AWS sells in each family (EBS-only variants; no d/n/flex). */
  private static final Map<String, List<String>> SIZES =
      Map.ofEntries(
          Map.entry("t2", burstableSizes()),
          Map.entry("t3", burstableSizes()),
          Map.entry("t3a", burstableSizes()),
          Map.entry("t4g", burstableSizes()),
          Map.entry("m5", fifthGen()),
          Map.entry("r5", fifthGen()),
          Map.entry(
              "c5",
              List.of(
                  "large",
                  "xlarge",
                  "2xlarge",
                  "4xlarge",
                  "9xlarge",
                  "12xlarge",
                  "18xlarge",
                  "24xlarge",
                  "metal")),
          Map.entry("m6i", sixthGen()),
          Map.entry("c6i", sixthGen()),
          Map.entry("r6i", sixthGen()),
          Map.entry(
              "m7g",
              List.of(
                  "medium",
                  "large",
                  "xlarge",
                  "2xlarge",
                  "4xlarge",
                  "8xlarge",
                  "12xlarge",
                  "16xlarge",
                  "metal")));

  /** Memory per vCPU of the fixed-ratio families: c 2 GiB, m 4 GiB, r 8 GiB. */
  private static final Map<Character, Long> MIB_PER_VCPU =
      Map.of('c', 2048L, 'm', 4096L, 'r', 8192L);

  /** Burstable sizes have fixed memory whatever the family. */
  private static final Map<String, Long> BURSTABLE_MIB =
      Map.of(
          "nano", 512L,
          "micro", 1024L,
          "small", 2048L,
          "medium", 4096L,
          "large", 8192L,
          "xlarge", 16384L,
          "2xlarge", 32768L);

  @Test
  void listsEverySizeOfEveryFamilyAndNothingElse() {
    Map<String, Set<String>> byFamily =
        ALL.stream()
            .collect(
                Collectors.groupingBy(
                    InstanceTypeSpec::family,
                    Collectors.mapping(InstanceTypeSpec::size, Collectors.toSet())));

    assertThat(byFamily.keySet()).isEqualTo(SIZES.keySet());
    SIZES.forEach(
        (family, sizes) ->
            assertThat(byFamily.get(family)).as(family).containsExactlyInAnyOrderElementsOf(sizes));
  }

  @Test
  void hasVcpusEqualToCoresTimesThreads() {
    for (InstanceTypeSpec s : ALL) {
      assertThat(s.vcpus()).as(s.name()).isEqualTo(s.cores() * s.threadsPerCore());
    }
  }

  @Test
  void hasTheVcpusItsSizeNames() {
    for (InstanceTypeSpec s : ALL) {
      if (s.burstable() || s.bareMetal()) {
        continue;
      }
      int expected =
          switch (s.size()) {
            case "medium" -> 1;
            case "large" -> 2;
            case "xlarge" -> 4;
            default -> 4 * Integer.parseInt(s.size().replace("xlarge", ""));
          };
      assertThat(s.vcpus()).as(s.name()).isEqualTo(expected);
    }
  }

  @Test
  void givesBareMetalTheVcpusAndMemoryOfTheLargestSize() {
    for (InstanceTypeSpec metal : ALL.stream().filter(InstanceTypeSpec::bareMetal).toList()) {
      InstanceTypeSpec largest =
          ALL.stream()
              .filter(s -> s.family().equals(metal.family()) && !s.bareMetal())
              .max((a, b) -> Integer.compare(a.vcpus(), b.vcpus()))
              .orElseThrow();
      assertThat(metal.vcpus()).as(metal.name()).isEqualTo(largest.vcpus());
      assertThat(metal.memoryMib()).as(metal.name()).isEqualTo(largest.memoryMib());
      assertThat(metal.hypervisor()).as(metal.name() + " has no hypervisor").isNull();
      assertThat(metal.size()).isEqualTo("metal");
    }
  }

  @Test
  void followsTheMemoryPatternOfItsFamily() {
    for (InstanceTypeSpec s : ALL) {
      if (s.burstable()) {
        assertThat(s.memoryMib()).as(s.name()).isEqualTo(BURSTABLE_MIB.get(s.size()));
      } else {
        long perVcpu = MIB_PER_VCPU.get(s.family().charAt(0));
        assertThat(s.memoryMib()).as(s.name()).isEqualTo(s.vcpus() * perVcpu);
      }
    }
  }

  @Test
  void burstableVcpusFollowTheFamily() {
    for (InstanceTypeSpec s : ALL.stream().filter(InstanceTypeSpec::burstable).toList()) {
      int expected =
          switch (s.size()) {
            case "xlarge" -> 4;
            case "2xlarge" -> 8;
            case "medium", "large" -> 2;
            default -> s.family().equals("t2") ? 1 : 2;
          };
      assertThat(s.vcpus()).as(s.name()).isEqualTo(expected);
      assertThat(s.family()).startsWith("t");
    }
  }

  @Test
  void runsGravitonFamiliesOnArmAndTheRestOnX86() {
    for (InstanceTypeSpec s : ALL) {
      boolean graviton = s.family().endsWith("g");
      assertThat(s.architectures())
          .as(s.name())
          .containsOnlyOnce(graviton ? "arm64" : "x86_64")
          .doesNotContain(graviton ? "x86_64" : "arm64");
      assertThat(s.architecture()).isEqualTo(graviton ? "arm64" : "x86_64");
      assertThat(s.manufacturer())
          .as(s.name())
          .isEqualTo(graviton ? "AWS" : s.family().equals("t3a") ? "AMD" : "Intel");
      assertThat(s.threadsPerCore())
          .as(s.name())
          .isEqualTo(graviton || s.family().equals("t2") ? 1 : 2);
      assertThat(s.bootModes()).as(s.name()).contains(graviton ? "uefi" : "legacy-bios");
    }
  }

  @Test
  void usesXenOnlyForT2() {
    for (InstanceTypeSpec s : ALL) {
      boolean t2 = s.family().equals("t2");
      assertThat(s.hypervisor())
          .as(s.name())
          .isEqualTo(t2 ? "xen" : s.bareMetal() ? null : "nitro");
      assertThat(s.enaSupport()).as(s.name()).isEqualTo(t2 ? "unsupported" : "required");
      assertThat(s.nvmeSupport()).as(s.name()).isEqualTo(t2 ? "unsupported" : "required");
      assertThat(s.ebsOptimizedSupport()).as(s.name()).isEqualTo(t2 ? "unsupported" : "default");
    }
  }

  @Test
  void marksOnlyTheClassicFreeTierTypesEligible() {
    assertThat(ALL.stream().filter(InstanceTypeSpec::freeTierEligible).map(InstanceTypeSpec::name))
        .containsExactlyInAnyOrder("t2.micro", "t3.micro");
  }

  @Test
  void marksTheTFamiliesAndOnlyThemBurstable() {
    for (InstanceTypeSpec s : ALL) {
      assertThat(s.burstable()).as(s.name()).isEqualTo(s.family().startsWith("t"));
    }
  }

  @Test
  void hasPlausibleNetworkFigures() {
    for (InstanceTypeSpec s : ALL) {
      assertThat(s.maxNetworkInterfaces()).as(s.name()).isBetween(2, 15);
      assertThat(s.ipv4AddressesPerInterface()).as(s.name()).isBetween(2, 50);
      assertThat(s.networkPerformance())
          .as(s.name())
          .matches("(Up to )?\\d+(\\.\\d+)? Gigabit|Low to Moderate|Moderate");
      assertThat(s.sustainedClockSpeedGhz()).as(s.name()).isBetween(2.0, 4.0);
      assertThat(s.usageClasses()).as(s.name()).contains("on-demand");
    }
  }

  @Test
  void growsWithSizeWithinAFamily() {
    Map<String, List<InstanceTypeSpec>> byFamily =
        ALL.stream().collect(Collectors.groupingBy(InstanceTypeSpec::family));
    byFamily.forEach(
        (family, specs) -> {
          List<InstanceTypeSpec> sorted =
              specs.stream().sorted((a, b) -> Long.compare(a.memoryMib(), b.memoryMib())).toList();
          for (int i = 1; i < sorted.size(); i++) {
            InstanceTypeSpec small = sorted.get(i - 1);
            InstanceTypeSpec big = sorted.get(i);
            assertThat(big.vcpus()).as(big.name()).isGreaterThanOrEqualTo(small.vcpus());
            assertThat(big.maxNetworkInterfaces())
                .as(big.name())
                .isGreaterThanOrEqualTo(small.maxNetworkInterfaces());
          }
        });
  }

  @Test
  void findsATypeByName() {
    InstanceTypeSpec micro = InstanceTypeCatalog.find("t3.micro").orElseThrow();

    assertThat(micro.vcpus()).isEqualTo(2);
    assertThat(micro.memoryMib()).isEqualTo(1024);
    assertThat(micro.architecture()).isEqualTo("x86_64");
    assertThat(InstanceTypeCatalog.find("t4g.small").orElseThrow().architecture())
        .isEqualTo("arm64");
    assertThat(InstanceTypeCatalog.find("t3.humongous")).isEmpty();
    assertThat(InstanceTypeCatalog.find(null)).isEmpty();
  }

  @Test
  void listsTypesSortedByName() {
    List<String> names = ALL.stream().map(InstanceTypeSpec::name).toList();

    assertThat(names).isSorted().doesNotHaveDuplicates();
  }

  private static List<String> burstableSizes() {
    return List.of("nano", "micro", "small", "medium", "large", "xlarge", "2xlarge");
  }

  private static List<String> fifthGen() {
    return List.of(
        "large",
        "xlarge",
        "2xlarge",
        "4xlarge",
        "8xlarge",
        "12xlarge",
        "16xlarge",
        "24xlarge",
        "metal");
  }

  private static List<String> sixthGen() {
    return List.of(
        "large",
        "xlarge",
        "2xlarge",
        "4xlarge",
        "8xlarge",
        "12xlarge",
        "16xlarge",
        "24xlarge",
        "32xlarge",
        "metal");
  }
}
