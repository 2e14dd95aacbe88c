package dev.ec2double.ec2.instancetypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;

class InstanceRequirementsExtrasTest {

  private static List<String> select(Consumer<InstanceRequirementsRequest.Builder> r) {
    InstanceRequirementsRequest.Builder b = InstanceRequirementsRequest.builder();
    r.accept(b);
    var keep = InstanceRequirementsExtras.of(b.build());
    return InstanceTypeCatalog.all().stream().filter(keep).map(InstanceTypeSpec::name).toList();
  }

  @Test
  void matchesEveryTypeWhenNothingIsAsked() {
    assertThat(select(r -> {})).hasSize(InstanceTypeCatalog.all().size());
  }

  @Test
  void selectsGpusByManufacturerNameCountAndMemory() {
    List<String> a100 =
        select(
            r ->
                r.acceleratorTypesWithStrings("gpu")
                    .acceleratorManufacturersWithStrings("nvidia")
                    .acceleratorNamesWithStrings("a100")
                    .acceleratorCount(c -> c.min(8)));

    assertThat(a100).contains("p4d.24xlarge").doesNotContain("t3.micro", "g5.xlarge");
    assertThat(select(r -> r.acceleratorTotalMemoryMiB(m -> m.min(300_000))))
        .contains("p4d.24xlarge")
        .doesNotContain("g5.xlarge");
    assertThat(select(r -> r.acceleratorCount(c -> c.max(0))))
        .contains("t3.micro")
        .doesNotContain("p4d.24xlarge", "inf2.xlarge");
    assertThat(select(r -> r.acceleratorTypesWithStrings("inference")))
        .contains("inf1.xlarge", "inf2.xlarge", "trn1.2xlarge")
        .doesNotContain("p4d.24xlarge");
    assertThat(
            select(r -> r.acceleratorTypesWithStrings("inference").acceleratorCount(c -> c.max(1))))
        .contains("inf1.xlarge")
        .doesNotContain("inf1.24xlarge");
  }

  @Test
  void selectsByLocalStorageGenerationAndBandwidth() {
    assertThat(select(r -> r.localStorage("required")))
        .contains("m5d.large", "m1.small")
        .doesNotContain("m5.large");
    assertThat(select(r -> r.localStorage("excluded")))
        .contains("m5.large")
        .doesNotContain("m5d.large");
    assertThat(select(r -> r.localStorageTypesWithStrings("hdd").localStorage("required")))
        .contains("m1.small", "d3.xlarge")
        .doesNotContain("m5d.large");
    assertThat(select(r -> r.totalLocalStorageGB(g -> g.min(8000.0).max(8000.0))))
        .contains("p4d.24xlarge")
        .allMatch(
            n -> InstanceTypeCatalog.find(n).orElseThrow().details().storage().totalGb() == 8000);
    assertThat(select(r -> r.instanceGenerationsWithStrings("previous")))
        .contains("t1.micro", "m1.small")
        .doesNotContain("m7g.large");
    assertThat(select(r -> r.networkInterfaceCount(n -> n.min(60))))
        .contains("p4d.24xlarge")
        .doesNotContain("t3.micro");
    assertThat(select(r -> r.networkBandwidthGbps(n -> n.min(400.0))))
        .contains("p4d.24xlarge")
        .doesNotContain("m5.24xlarge");
    assertThat(select(r -> r.baselineEbsBandwidthMbps(b -> b.min(19000).max(19000))))
        .contains("p4d.24xlarge");
  }

  @Test
  void namesAcceleratorsAsTheApiDoes() {
    assertThat(InstanceRequirementsExtras.name("A10G")).isEqualTo("a10g");
    assertThat(InstanceRequirementsExtras.name("Radeon Pro V520")).isEqualTo("radeon-pro-v520");
    assertThat(InstanceRequirementsExtras.name("Virtex UltraScale+ (VU9P)")).isEqualTo("vu9p");
  }
}
