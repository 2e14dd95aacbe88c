package dev.ec2double.ec2.instancetypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.InstanceRequirements;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;

class InstanceRequirementsMatcherTest {
  private static final InstanceRequirementsRequest TWO_TO_EIGHT =
      InstanceRequirementsRequest.builder()
          .vCpuCount(v -> v.min(2).max(8))
          .memoryMiB(m -> m.min(4096))
          .build();

  private static List<InstanceTypeSpec> matching(InstanceRequirementsRequest r) {
    return InstanceRequirementsMatcher.matching(r, List.of("x86_64"), List.of("hvm"));
  }

  @Test
  void everyMatchHasTheAttributesAndBurstableAndBareMetalAreLeftOut() {
    List<InstanceTypeSpec> types = matching(TWO_TO_EIGHT);
    assertThat(types).isNotEmpty();
    assertThat(types)
        .allSatisfy(
            t -> {
              assertThat(t.vcpus()).isBetween(2, 8);
              assertThat(t.memoryMib()).isGreaterThanOrEqualTo(4096);
              assertThat(t.architectures()).contains("x86_64");
              assertThat(t.burstable()).isFalse();
              assertThat(t.bareMetal()).isFalse();
            });
    assertThat(types).extracting(InstanceTypeSpec::name).contains("m5.large", "c5.xlarge");
  }

  @Test
  void onDemandProtectionKeepsTypesWithinTwentyPercentOfTheCheapestCmrType() {
    List<InstanceTypeSpec> types = matching(TWO_TO_EIGHT);
    List<InstanceTypeSpec> kept =
        InstanceRequirementsMatcher.priceProtected(types, TWO_TO_EIGHT, false, "units");
    double identified =
        types.stream()
            .filter(t -> t.currentGeneration() && t.name().matches("[cmr]\\d.*"))
            .mapToDouble(InstancePrices::onDemand)
            .min()
            .orElseThrow();
    assertThat(kept).isNotEmpty().hasSizeLessThan(types.size());
    assertThat(kept)
        .allSatisfy(
            t ->
                assertThat(InstancePrices.onDemand(t))
                    .isLessThanOrEqualTo(identified * 1.2 + 1e-9));
    // an 8-vCPU type costs four times a 2-vCPU one: per instance it is out
    assertThat(kept).extracting(InstanceTypeSpec::name).doesNotContain("m5.2xlarge");
  }

  @Test
  void perVcpuPricesLetLargerTypesThrough() {
    List<InstanceTypeSpec> types = matching(TWO_TO_EIGHT);
    List<String> perVcpu =
        InstanceRequirementsMatcher.priceProtected(types, TWO_TO_EIGHT, false, "vcpu").stream()
            .map(InstanceTypeSpec::name)
            .toList();
    assertThat(perVcpu).contains("c5.large", "c5.2xlarge");
  }

  @Test
  void aHighThresholdTurnsProtectionOff() {
    InstanceRequirementsRequest open =
        TWO_TO_EIGHT.toBuilder()
            .onDemandMaxPricePercentageOverLowestPrice(999999)
            .spotMaxPricePercentageOverLowestPrice(999999)
            .build();
    List<InstanceTypeSpec> types = matching(open);
    assertThat(InstanceRequirementsMatcher.priceProtected(types, open, false, "units"))
        .isEqualTo(types);
    assertThat(InstanceRequirementsMatcher.priceProtected(types, open, true, "units"))
        .isEqualTo(types);
  }

  @Test
  void refusesWhatAwsRefuses() {
    assertThatThrownBy(
            () ->
                InstanceRequirementsMatcher.check(
                    InstanceRequirementsRequest.builder().memoryMiB(m -> m.min(1)).build(),
                    "InstanceRequirements"))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("VCpuCount.Min");
    assertThatThrownBy(
            () ->
                InstanceRequirementsMatcher.check(
                    TWO_TO_EIGHT.toBuilder()
                        .spotMaxPricePercentageOverLowestPrice(50)
                        .maxSpotPriceAsPercentageOfOptimalOnDemandPrice(50)
                        .build(),
                    "InstanceRequirements"))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterCombination"));
  }

  @Test
  void readsAutoScalingsShapeByMemberName() {
    InstanceRequirementsRequest r =
        InstanceRequirementsMatcher.request(
            InstanceRequirements.builder()
                .vCpuCount(v -> v.min(2).max(4))
                .memoryMiB(m -> m.min(8192))
                .cpuManufacturersWithStrings("intel")
                .excludedInstanceTypes("m5.*")
                .build());
    assertThat(r.vCpuCount().max()).isEqualTo(4);
    assertThat(r.memoryMiB().min()).isEqualTo(8192);
    assertThat(r.cpuManufacturersAsStrings()).containsExactly("intel");
    assertThat(r.excludedInstanceTypes()).containsExactly("m5.*");
  }
}
