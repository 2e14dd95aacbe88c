package dev.ec2double.ec2.fleets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.errors.AwsException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;

class AttributePoolsTest {
  private static final InstanceRequirementsRequest R =
      InstanceRequirementsRequest.builder()
          .vCpuCount(v -> v.min(2).max(4))
          .memoryMiB(m -> m.min(4096).max(16384))
          .build();

  private static final FleetStore.Pool BASE =
      new FleetStore.Pool(
          FleetLaunchTemplateSpecification.builder().launchTemplateId("lt-1").version("1").build(),
          FleetLaunchTemplateOverrides.builder().build(),
          null,
          List.of(),
          null,
          null);

  private static String code(Runnable r) {
    try {
      r.run();
      return null;
    } catch (AwsException e) {
      return e.code();
    }
  }

  @Test
  void checksWhatAwsRefuses() {
    assertThat(code(() -> AttributePools.check(List.of(R), Arrays.asList("m5.large"), "units")))
        .isEqualTo("InvalidParameterCombination");
    assertThat(
            code(
                () ->
                    AttributePools.check(
                        Arrays.asList((InstanceRequirementsRequest) null),
                        Arrays.asList("m5.large"),
                        "vcpu")))
        .isEqualTo("InvalidParameterCombination");
    assertThat(
            code(
                () ->
                    AttributePools.check(
                        List.of(R, R, R, R, R),
                        Arrays.asList(null, null, null, null, null),
                        "units")))
        .isEqualTo("InvalidParameterValue");
    assertThat(
            code(
                () -> AttributePools.check(List.of(R), Arrays.asList((String) null), "memory-mib")))
        .isNull();
    assertThat(code(() -> AttributePools.unit("cores"))).isEqualTo("InvalidParameterValue");
  }

  @Test
  void anInstanceCountsItsVcpusOrMibWhenTheTargetDoes() {
    List<FleetStore.Pool> vcpu = AttributePools.expand(BASE, R, "vcpu", "x86_64");
    assertThat(vcpu).isNotEmpty();
    for (FleetStore.Pool p : vcpu) {
      var t = InstanceTypeCatalog.find(p.overrides().instanceTypeAsString()).orElseThrow();
      assertThat(t.vcpus()).isBetween(2, 4);
      assertThat(t.architectures()).contains("x86_64");
      assertThat(FleetStrategies.weight(p)).isEqualTo(t.vcpus());
    }
    for (FleetStore.Pool p : AttributePools.expand(BASE, R, "memory-mib", "arm64")) {
      var t = InstanceTypeCatalog.find(p.overrides().instanceTypeAsString()).orElseThrow();
      assertThat(t.architectures()).contains("arm64");
      assertThat(FleetStrategies.weight(p)).isEqualTo(t.memoryMib());
    }
    assertThat(AttributePools.expand(BASE, R, "units", null))
        .allSatisfy(p -> assertThat(FleetStrategies.weight(p)).isEqualTo(1.0));
  }

  @Test
  void nothingMatchingIsAnError() {
    InstanceRequirementsRequest none = R.toBuilder().allowedInstanceTypes("nothing.*").build();
    assertThatThrownBy(() -> AttributePools.expand(BASE, none, "units", null))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
  }
}
