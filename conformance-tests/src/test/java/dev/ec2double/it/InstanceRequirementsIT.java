package dev.ec2double.it;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfoFromInstanceRequirements;

/** GetInstanceTypesFromInstanceRequirements over the instance type catalogue. */
class InstanceRequirementsIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static List<String> types(
      String arch, Consumer<InstanceRequirementsRequest.Builder> requirements) {
    return ec2
        .getInstanceTypesFromInstanceRequirements(
            r ->
                r.architectureTypesWithStrings(arch)
                    .virtualizationTypesWithStrings("hvm")
                    .instanceRequirements(requirements))
        .instanceTypes()
        .stream()
        .map(InstanceTypeInfoFromInstanceRequirements::instanceType)
        .toList();
  }

  @Test
  void selectsTypesByVcpusMemoryAndManufacturer() {
    List<String> small =
        types(
            "x86_64",
            r ->
                r.vCpuCount(v -> v.min(2).max(2))
                    .memoryMiB(m -> m.min(8192).max(8192))
                    .cpuManufacturersWithStrings("intel"));
    assertThat(small).contains("m5.large").doesNotContain("m5a.large", "c5.large", "m6g.large");
    assertThat(types("arm64", r -> r.vCpuCount(v -> v.min(2).max(2)).memoryMiB(m -> m.min(8192))))
        .allSatisfy(t -> assertThat(t).matches("[a-z]+[0-9]+g[a-z]*\\..*"));
  }

  @Test
  void burstableAndBareMetalAreExcludedUnlessAskedFor() {
    // t1.micro predates burstable performance: AWS does not count it burstable
    assertThat(types("x86_64", r -> r.vCpuCount(v -> v.min(1).max(2)).memoryMiB(m -> m.min(0))))
        .noneMatch(t -> t.matches("t[2-9].*"));
    assertThat(
            types(
                "x86_64",
                r ->
                    r.vCpuCount(v -> v.min(1).max(2))
                        .memoryMiB(m -> m.min(0))
                        .burstablePerformance("required")))
        .isNotEmpty()
        .allMatch(t -> t.startsWith("t"));
    assertThat(
            types(
                "x86_64",
                r ->
                    r.vCpuCount(v -> v.min(1))
                        .memoryMiB(m -> m.min(0))
                        .allowedInstanceTypes("m5.*")
                        .bareMetal("included")))
        .isNotEmpty()
        .allMatch(t -> t.startsWith("m5."));
  }

  @Test
  void selectsByAcceleratorsLocalStorageAndGeneration() {
    assertThat(
            types(
                "x86_64",
                r ->
                    r.vCpuCount(v -> v.min(1))
                        .memoryMiB(m -> m.min(0))
                        .acceleratorTypesWithStrings("gpu")
                        .acceleratorManufacturersWithStrings("nvidia")
                        .acceleratorNamesWithStrings("a100")))
        .contains("p4d.24xlarge")
        .allMatch(t -> t.startsWith("p4"));
    assertThat(
            types(
                "x86_64",
                r ->
                    r.vCpuCount(v -> v.min(1).max(1))
                        .memoryMiB(m -> m.min(0))
                        .localStorage("required")
                        .instanceGenerationsWithStrings("previous")))
        .contains("m1.small", "m3.medium")
        .doesNotContain("t1.micro", "m5d.large");
  }

  @Test
  void refusesRequestsWithoutTheRequiredRanges() {
    assertError(
        () ->
            ec2.getInstanceTypesFromInstanceRequirements(
                r ->
                    r.architectureTypesWithStrings("x86_64").virtualizationTypesWithStrings("hvm")),
        "MissingParameter");
    assertError(
        () ->
            ec2.getInstanceTypesFromInstanceRequirements(
                r ->
                    r.architectureTypesWithStrings("x86_64")
                        .virtualizationTypesWithStrings("hvm")
                        .instanceRequirements(
                            q ->
                                q.vCpuCount(v -> v.min(1))
                                    .memoryMiB(m -> m.min(0))
                                    .burstablePerformance("sometimes"))),
        "InvalidParameterValue");
  }
}
