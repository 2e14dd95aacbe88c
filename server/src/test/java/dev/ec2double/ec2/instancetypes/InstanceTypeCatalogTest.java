package dev.ec2double.ec2.instancetypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * Checks catalog.csv, every row, against the SDK's list of types and the patterns AWS's own figures
 * follow, so that a slip in the generator or its rules fails the build instead of giving an
 * instance the wrong CPU or memory limit.
 */
class InstanceTypeCatalogTest {
  private static final List<InstanceTypeSpec> ALL = InstanceTypeCatalog.all();

  /** A family name: letters, the generation digit, then the option letters (g, a, d, n, ...). */
  private static final Pattern FAMILY = Pattern.compile("([a-z]+)(\\d)([a-z-]*)");

  /**
   * Families AWS sells with sizes off the usual vCPU multiplier (large 2, xlarge 4, Nxlarge 4N):
   * the oldest ones and the HPC families, whose sizes name the memory, not the cores.
   */
  private static final Set<String> SIZE_RULE_EXCEPTIONS =
      Set.of("c1", "c4", "d2", "m2", "hpc6a", "hpc6id", "hpc7a", "hpc8a");

  /** Families whose memory per vCPU changes with size (the oldest, HPC, some GPU sizes). */
  private static final Set<String> RATIO_EXCEPTIONS =
      Set.of(
          "c1", "c4", "c5n", "d2", "g7e", "hpc7a", "hpc7g", "i3", "m1", "m2", "p5", "r3", "u-6tb1");

  @Test
  void listsEveryTypeTheSdkNamesOrSaysWhyNot() throws IOException {
    Set<String> listed = ALL.stream().map(InstanceTypeSpec::name).collect(Collectors.toSet());
    Map<String, String> notListed = notListed();
    Set<String> missing = new TreeSet<>();
    for (InstanceType t : InstanceType.knownValues()) {
      if (!listed.contains(t.toString()) && !notListed.containsKey(t.toString())) {
        missing.add(t.toString());
      }
    }

    assertThat(missing).as("SDK types neither in catalog.csv nor excluded with a reason").isEmpty();
    assertThat(notListed).hasSizeLessThan(40);
    assertThat(notListed.values()).allMatch(reason -> reason.length() > 10);
    assertThat(notListed.keySet()).doesNotContainAnyElementsOf(listed);
    assertThat(ALL).hasSizeGreaterThan(1400);
  }

  @Test
  void hasVcpusEqualToCoresTimesThreads() {
    for (InstanceTypeSpec s : ALL) {
      assertThat(s.vcpus()).as(s.name()).isEqualTo(s.cores() * s.threadsPerCore());
      if (!s.details().validCores().isEmpty()) {
        assertThat(s.details().validCores()).as(s.name()).contains(s.cores());
        assertThat(s.details().validThreadsPerCore()).as(s.name()).contains(s.threadsPerCore());
      }
    }
  }

  @Test
  void hasTheVcpusItsSizeNames() {
    for (InstanceTypeSpec s : ALL) {
      Integer expected = vcpusOfSize(s.size());
      if (s.burstable()
          || s.bareMetal()
          || expected == null
          || SIZE_RULE_EXCEPTIONS.contains(s.family())) {
        continue;
      }
      assertThat(s.vcpus()).as(s.name()).isEqualTo(expected);
    }
  }

  @Test
  void keepsTheMemoryPerVcpuOfItsFamily() {
    Map<String, InstanceTypeSpec> first = new HashMap<>();
    for (InstanceTypeSpec s : ALL) {
      if (s.burstable() || RATIO_EXCEPTIONS.contains(s.family())) {
        continue;
      }
      InstanceTypeSpec f = first.computeIfAbsent(s.family(), k -> s);
      assertThat(s.memoryMib() * f.vcpus())
          .as(s.name() + " has the memory per vCPU of " + f.name())
          .isEqualTo(f.memoryMib() * s.vcpus());
    }
  }

  @Test
  void givesCompMemoryAndMemoryOptimisedFamiliesTheirRatio() {
    Map<String, Long> mibPerVcpu = Map.of("c", 2048L, "m", 4096L, "r", 8192L);
    for (InstanceTypeSpec s : ALL) {
      Matcher m = FAMILY.matcher(s.family());
      if (!m.matches()
          || !mibPerVcpu.containsKey(m.group(1))
          || Integer.parseInt(m.group(2)) < 5
          || s.family().equals("c5n")) {
        continue;
      }
      assertThat(s.memoryMib()).as(s.name()).isEqualTo(s.vcpus() * mibPerVcpu.get(m.group(1)));
    }
  }

  @Test
  void runsGravitonFamiliesOnArmAndAmdFamiliesOnAmd() {
    for (InstanceTypeSpec s : ALL) {
      Matcher m = FAMILY.matcher(s.family());
      if (!m.matches()) {
        continue;
      }
      String options = m.group(3);
      if (options.contains("g")) {
        assertThat(s.architectures()).as(s.name()).containsExactly("arm64");
        assertThat(s.manufacturer()).as(s.name()).isEqualTo("AWS");
        assertThat(s.architecture()).isEqualTo("arm64");
      } else if (options.contains("a")) {
        assertThat(s.manufacturer()).as(s.name()).isEqualTo("AMD");
      }
      if (!options.contains("g") && !s.family().equals("a1") && !s.family().startsWith("mac")) {
        assertThat(s.architecture()).as(s.name()).isEqualTo("x86_64");
      }
    }
    assertThat(InstanceTypeCatalog.find("mac2.metal").orElseThrow().architecture())
        .isEqualTo("arm64");
  }

  @Test
  void givesInstanceStorageToEveryDFamily() {
    for (InstanceTypeSpec s : ALL) {
      Matcher m = FAMILY.matcher(s.family());
      if (m.matches() && m.group(3).contains("d")) {
        assertThat(s.details().storage()).as(s.name()).isNotNull();
      }
      InstanceTypeSpec.Storage st = s.details().storage();
      if (st != null) {
        assertThat(st.count()).as(s.name()).isPositive();
        assertThat(st.diskType()).as(s.name()).isIn("ssd", "hdd");
      }
    }
  }

  @Test
  void runsBareMetalWithoutAHypervisorAndTheRestOnNitroOrXen() {
    for (InstanceTypeSpec s : ALL) {
      if (s.bareMetal()) {
        assertThat(s.hypervisor()).as(s.name()).isNull();
        assertThat(s.size()).as(s.name()).startsWith("metal");
      } else {
        assertThat(s.hypervisor()).as(s.name()).isIn("nitro", "xen");
      }
    }
  }

  @Test
  void marksTheTFamiliesAndOnlyThemBurstable() {
    for (InstanceTypeSpec s : ALL) {
      // t1, the first micro type, predates burstable performance
      assertThat(s.burstable()).as(s.name()).isEqualTo(s.family().matches("t[2-9][a-z]*"));
    }
  }

  @Test
  void hasNetworkCardsAddingUpToTheInterfaces() {
    for (InstanceTypeSpec s : ALL) {
      List<InstanceTypeSpec.NetworkCard> cards = s.details().networkCards();
      assertThat(cards).as(s.name()).isNotEmpty();
      assertThat(s.details().defaultNetworkCard()).as(s.name()).isBetween(0, cards.size() - 1);
      assertThat(cards.stream().mapToInt(InstanceTypeSpec.NetworkCard::maxInterfaces).sum())
          .as(s.name())
          .isGreaterThanOrEqualTo(s.maxNetworkInterfaces());
      assertThat(s.ipv4AddressesPerInterface()).as(s.name()).isBetween(1, 64);
      assertThat(s.usageClasses()).as(s.name()).isNotEmpty();
    }
  }

  @Test
  void describesPreviousGenerationsAsAwsStillDoes() {
    InstanceTypeSpec t1 = InstanceTypeCatalog.find("t1.micro").orElseThrow();
    InstanceTypeSpec m1 = InstanceTypeCatalog.find("m1.small").orElseThrow();

    assertThat(t1.currentGeneration()).isFalse();
    assertThat(t1.vcpus()).isEqualTo(1);
    assertThat(t1.memoryMib()).isEqualTo(627);
    assertThat(t1.details().virtualizationTypes()).contains("paravirtual");
    assertThat(m1.currentGeneration()).isFalse();
    assertThat(m1.memoryMib()).isEqualTo(1740);
    assertThat(m1.details().storage())
        .isEqualTo(new InstanceTypeSpec.Storage(1, 160, "hdd", "unsupported", "unsupported"));
    assertThat(InstanceTypeCatalog.find("m7g.large").orElseThrow().currentGeneration()).isTrue();
  }

  @Test
  void describesAccelerators() {
    InstanceTypeSpec p4d = InstanceTypeCatalog.find("p4d.24xlarge").orElseThrow();
    InstanceTypeSpec inf2 = InstanceTypeCatalog.find("inf2.xlarge").orElseThrow();

    assertThat(p4d.details().accelerators())
        .containsExactly(
            new InstanceTypeSpec.Accelerator("gpu", 8, "NVIDIA", "A100", 40960, null, null));
    assertThat(p4d.details().maxEfaInterfaces()).isEqualTo(4);
    assertThat(p4d.details().networkCards()).hasSize(4);
    assertThat(inf2.details().accelerators())
        .extracting(InstanceTypeSpec.Accelerator::kind)
        .contains("neuron");
    assertThat(ALL.stream().filter(s -> s.family().startsWith("p")))
        .allMatch(s -> !s.details().accelerators().isEmpty(), "every P type has GPUs");
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

  private static Integer vcpusOfSize(String size) {
    return switch (size) {
      case "medium" -> 1;
      case "large" -> 2;
      case "xlarge" -> 4;
      default ->
          size.matches("\\d+xlarge") ? 4 * Integer.parseInt(size.replace("xlarge", "")) : null;
    };
  }

  /** The '# not listed: type: reason' lines catalog.csv carries for SDK types it leaves out. */
  private static Map<String, String> notListed() throws IOException {
    Map<String, String> out = new HashMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                InstanceTypeCatalog.class.getResourceAsStream(InstanceTypeCatalog.RESOURCE),
                StandardCharsets.UTF_8))) {
      Pattern line = Pattern.compile("# not listed: ([^:]+): (.+)");
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        Matcher m = line.matcher(l);
        if (m.matches()) {
          out.put(m.group(1), m.group(2));
        }
      }
    }
    return out;
  }
}
