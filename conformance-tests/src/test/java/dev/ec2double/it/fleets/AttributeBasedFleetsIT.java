package dev.ec2double.it.fleets;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.InstanceRequirements;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * Attribute-based instance type selection: overrides with InstanceRequirements launch real
 * instances of types that have the attributes, and a target in vCPUs or MiB counts each instance's.
 */
class AttributeBasedFleetsIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;
  private String fleet;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-north-1", "210000000071");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @AfterEach
  void deleteFleet() {
    if (fleet != null) {
      ec2.deleteFleets(r -> r.fleetIds(fleet).terminateInstances(true));
      fleet = null;
    }
  }

  private static String template(TestInfo test) {
    return ec2.createLaunchTemplate(
            r ->
                r.launchTemplateName("abs-" + test.getTestMethod().orElseThrow().getName())
                    .launchTemplateData(d -> d.imageId(AMI)))
        .launchTemplate()
        .launchTemplateId();
  }

  private static InstanceRequirementsRequest.Builder requirements(
      int vMin, int vMax, int memMin, int memMax) {
    return InstanceRequirementsRequest.builder()
        .vCpuCount(v -> v.min(vMin).max(vMax))
        .memoryMiB(m -> m.min(memMin).max(memMax));
  }

  private static CreateFleetRequest.Builder fleet(
      String type,
      String lt,
      int total,
      String unit,
      String capacityType,
      FleetLaunchTemplateOverridesRequest... overrides) {
    return CreateFleetRequest.builder()
        .type(type)
        .launchTemplateConfigs(
            c ->
                c.launchTemplateSpecification(s -> s.launchTemplateId(lt).version("$Latest"))
                    .overrides(overrides))
        .targetCapacitySpecification(
            t ->
                t.totalTargetCapacity(total)
                    .defaultTargetCapacityType(capacityType)
                    .targetCapacityUnitType(unit));
  }

  private static FleetLaunchTemplateOverridesRequest with(InstanceRequirementsRequest r) {
    return FleetLaunchTemplateOverridesRequest.builder().instanceRequirements(r).build();
  }

  private static Map<String, InstanceTypeInfo> types(List<String> names) {
    return ec2
        .describeInstanceTypes(r -> r.instanceTypesWithStrings(names))
        .instanceTypes()
        .stream()
        .collect(Collectors.toMap(InstanceTypeInfo::instanceTypeAsString, t -> t));
  }

  /** The types of the running instances, one entry per instance. */
  private static List<String> launchedTypes(List<String> ids) {
    return ec2.describeInstances(r -> r.instanceIds(ids)).reservations().stream()
        .flatMap(r -> r.instances().stream())
        .map(i -> i.instanceTypeAsString())
        .toList();
  }

  private static void assertSatisfy(List<String> launched, Consumer<InstanceTypeInfo> requirement) {
    assertThat(launched).isNotEmpty();
    Map<String, InstanceTypeInfo> info = types(launched.stream().distinct().toList());
    launched.forEach(t -> requirement.accept(info.get(t)));
  }

  @Test
  void aVcpuTargetCountsTheVcpusOfTheTypesThatHaveTheAttributes(TestInfo test) {
    InstanceRequirementsRequest r = requirements(2, 4, 4096, 16384).build();
    CreateFleetResponse made =
        ec2.createFleet(fleet("instant", template(test), 10, "vcpu", "on-demand", with(r)).build());
    fleet = made.fleetId();
    assertThat(made.errors()).isEmpty();
    List<String> ids = made.instances().stream().flatMap(i -> i.instanceIds().stream()).toList();
    List<String> launched = launchedTypes(ids);
    assertSatisfy(
        launched,
        t -> {
          assertThat(t.vCpuInfo().defaultVCpus()).isBetween(2, 4);
          assertThat(t.memoryInfo().sizeInMiB()).isBetween(4096L, 16384L);
          assertThat(t.processorInfo().supportedArchitecturesAsStrings()).contains("x86_64");
          assertThat(t.burstablePerformanceSupported()).isFalse();
        });
    Map<String, InstanceTypeInfo> info = types(launched.stream().distinct().toList());
    int vcpus = launched.stream().mapToInt(t -> info.get(t).vCpuInfo().defaultVCpus()).sum();
    assertThat(vcpus).isBetween(10, 13);
    // the answer names the type chosen for the override
    assertThat(made.instances())
        .allSatisfy(
            i -> {
              FleetLaunchTemplateOverrides o = i.launchTemplateAndOverrides().overrides();
              assertThat(o.instanceRequirements().vCpuCount().min()).isEqualTo(2);
              assertThat(o.instanceTypeAsString()).isEqualTo(i.instanceTypeAsString());
            });

    FleetData f = ec2.describeFleets(q -> q.fleetIds(fleet)).fleets().get(0);
    assertThat(f.fulfilledCapacity()).isEqualTo((double) vcpus);
    assertThat(f.targetCapacitySpecification().targetCapacityUnitTypeAsString()).isEqualTo("vcpu");
    FleetLaunchTemplateOverrides shown = f.launchTemplateConfigs().get(0).overrides().get(0);
    assertThat(shown.instanceType()).isNull();
    InstanceRequirements given = shown.instanceRequirements();
    assertThat(given.vCpuCount().min()).isEqualTo(2);
    assertThat(given.vCpuCount().max()).isEqualTo(4);
    assertThat(given.memoryMiB().min()).isEqualTo(4096);
    assertThat(given.memoryMiB().max()).isEqualTo(16384);
  }

  @Test
  void aMemoryTargetIsFilledInMibAndDescribeFleetInstancesShowsTheTypesChosen(TestInfo test) {
    InstanceRequirementsRequest r =
        requirements(2, 8, 8192, 32768)
            .cpuManufacturersWithStrings("intel")
            .excludedInstanceTypes("m5*")
            .build();
    fleet =
        ec2.createFleet(
                fleet("request", template(test), 32768, "memory-mib", "spot", with(r))
                    .spotOptions(o -> o.allocationStrategy("price-capacity-optimized"))
                    .build())
            .fleetId();
    List<ActiveInstance> active =
        ec2.describeFleetInstances(q -> q.fleetId(fleet)).activeInstances();
    List<String> launched = active.stream().map(ActiveInstance::instanceType).toList();
    assertSatisfy(
        launched,
        t -> {
          assertThat(t.vCpuInfo().defaultVCpus()).isBetween(2, 8);
          assertThat(t.memoryInfo().sizeInMiB()).isBetween(8192L, 32768L);
          assertThat(t.processorInfo().manufacturer()).isEqualTo("Intel");
          assertThat(t.instanceTypeAsString()).doesNotStartWith("m5");
        });
    assertThat(launchedTypes(active.stream().map(ActiveInstance::instanceId).toList()))
        .containsExactlyInAnyOrderElementsOf(launched);
    Map<String, InstanceTypeInfo> info = types(launched.stream().distinct().toList());
    long mib = launched.stream().mapToLong(t -> info.get(t).memoryInfo().sizeInMiB()).sum();
    assertThat(mib).isBetween(32768L, 32768L + 32767L);
    FleetData f = ec2.describeFleets(q -> q.fleetIds(fleet)).fleets().get(0);
    assertThat(f.fulfilledCapacity()).isEqualTo((double) mib);
    assertThat(f.activityStatusAsString()).isEqualTo("fulfilled");
  }

  @Test
  void lowestPriceTakesTheCheapestTypePerVcpu(TestInfo test) {
    // per vCPU, a c5 (2 GiB a vCPU) is cheaper than an m5 (4) or an r5 (8)
    InstanceRequirementsRequest r =
        requirements(2, 2, 1024, 65536)
            .allowedInstanceTypes("c5.*", "m5.*", "r5.*")
            .onDemandMaxPricePercentageOverLowestPrice(999999)
            .build();
    CreateFleetResponse made =
        ec2.createFleet(
            fleet("instant", template(test), 4, "vcpu", "on-demand", with(r))
                .onDemandOptions(o -> o.allocationStrategy("lowest-price"))
                .build());
    fleet = made.fleetId();
    assertThat(made.instances()).hasSize(1);
    assertThat(made.instances().get(0).instanceTypeAsString()).isEqualTo("c5.large");
    assertThat(made.instances().get(0).instanceIds()).hasSize(2);
  }

  @Test
  void refusesWhatAwsRefuses(TestInfo test) {
    String lt = template(test);
    InstanceRequirementsRequest r = requirements(2, 4, 4096, 16384).build();
    refused(
        lt,
        "units",
        "InvalidParameterCombination",
        FleetLaunchTemplateOverridesRequest.builder()
            .instanceRequirements(r)
            .instanceType("m5.large")
            .build());
    refused(
        lt,
        "vcpu",
        "InvalidParameterCombination",
        FleetLaunchTemplateOverridesRequest.builder().instanceType("m5.large").build());
    refused(
        lt,
        "vcpu",
        "MissingParameter",
        with(InstanceRequirementsRequest.builder().vCpuCount(v -> v.min(2)).build()));
    refused(
        lt,
        "units",
        "InvalidParameterCombination",
        with(r.toBuilder().allowedInstanceTypes("m5.*").excludedInstanceTypes("c5.*").build()));
    refused(lt, "units", "InvalidParameterValue", with(r), with(r), with(r), with(r), with(r));
    refused(
        lt,
        "units",
        "InvalidParameterValue",
        with(r.toBuilder().allowedInstanceTypes("nothing.*").build()));
  }

  /** An instant on-demand fleet of 4 (in {@code unit}) with these overrides gets {@code code}. */
  private void refused(
      String lt, String unit, String code, FleetLaunchTemplateOverridesRequest... overrides) {
    assertError(
        () -> ec2.createFleet(fleet("instant", lt, 4, unit, "on-demand", overrides).build()), code);
  }

  @Test
  void aSpotFleetWithInstanceRequirementsCountsVcpus(TestInfo test) {
    String lt = template(test);
    String sfr =
        ec2.requestSpotFleet(
                r ->
                    r.spotFleetRequestConfig(
                        c ->
                            c.iamFleetRole("arn:aws:iam::210000000071:role/fleet")
                                .targetCapacity(6)
                                .targetCapacityUnitType("vcpu")
                                .type("request")
                                .launchTemplateConfigs(
                                    t ->
                                        t.launchTemplateSpecification(
                                                s -> s.launchTemplateId(lt).version("$Latest"))
                                            .overrides(
                                                o ->
                                                    o.instanceRequirements(
                                                        q ->
                                                            q.vCpuCount(v -> v.min(2).max(2))
                                                                .memoryMiB(m -> m.min(2048)))))))
            .spotFleetRequestId();
    try {
      List<String> launched =
          ec2.describeSpotFleetInstances(r -> r.spotFleetRequestId(sfr)).activeInstances().stream()
              .map(ActiveInstance::instanceType)
              .toList();
      assertThat(launched).hasSize(3);
      assertSatisfy(launched, t -> assertThat(t.vCpuInfo().defaultVCpus()).isEqualTo(2));
      var config =
          ec2.describeSpotFleetRequests(r -> r.spotFleetRequestIds(sfr))
              .spotFleetRequestConfigs()
              .get(0)
              .spotFleetRequestConfig();
      assertThat(config.fulfilledCapacity()).isEqualTo(6.0);
      assertThat(
              config
                  .launchTemplateConfigs()
                  .get(0)
                  .overrides()
                  .get(0)
                  .instanceRequirements()
                  .vCpuCount()
                  .max())
          .isEqualTo(2);
    } finally {
      ec2.cancelSpotFleetRequests(r -> r.spotFleetRequestIds(sfr).terminateInstances(true));
    }
  }
}
