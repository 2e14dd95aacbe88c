package dev.ec2double.it.fleets;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;

/** EC2 Fleet's WeightedCapacity and allocation strategies choosing among overrides. */
class FleetAllocationIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-north-1", "210000000070");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String template(TestInfo test) {
    return ec2.createLaunchTemplate(
            r ->
                r.launchTemplateName("alloc-" + test.getTestMethod().orElseThrow().getName())
                    .launchTemplateData(d -> d.imageId("ami-0ec2d00000000de12")))
        .launchTemplate()
        .launchTemplateId();
  }

  private static FleetLaunchTemplateOverridesRequest o(
      String type, double weight, Double priority) {
    return FleetLaunchTemplateOverridesRequest.builder()
        .instanceType(type)
        .weightedCapacity(weight)
        .priority(priority)
        .build();
  }

  private static CreateFleetRequest.Builder instant(
      String lt, int total, String capacityType, FleetLaunchTemplateOverridesRequest... overrides) {
    return CreateFleetRequest.builder()
        .type("instant")
        .launchTemplateConfigs(
            c ->
                c.launchTemplateSpecification(s -> s.launchTemplateId(lt).version("$Latest"))
                    .overrides(overrides))
        .targetCapacitySpecification(
            t -> t.totalTargetCapacity(total).defaultTargetCapacityType(capacityType));
  }

  /** Instances launched, by type. */
  private static Map<String, Integer> byType(CreateFleetResponse made) {
    return made.instances().stream()
        .collect(
            Collectors.groupingBy(
                i -> i.instanceTypeAsString(), Collectors.summingInt(i -> i.instanceIds().size())));
  }

  private static FleetData fleet(String id) {
    return ec2.describeFleets(r -> r.fleetIds(id)).fleets().get(0);
  }

  @Test
  void lowestPriceTakesTheCheapestUnitAndCountsItsWeight(TestInfo test) {
    // per unit, an m5.large of weight 2 is cheaper than an r5.large or a c5.large of weight 1
    CreateFleetResponse made =
        ec2.createFleet(
            instant(
                    template(test),
                    5,
                    "on-demand",
                    o("c5.large", 1, null),
                    o("r5.large", 1, null),
                    o("m5.large", 2, null))
                .onDemandOptions(p -> p.allocationStrategy("lowest-price"))
                .build());
    assertThat(made.errors()).isEmpty();
    assertThat(byType(made)).isEqualTo(Map.of("m5.large", 3));
    FleetData f = fleet(made.fleetId());
    assertThat(f.fulfilledCapacity()).isEqualTo(6.0);
    assertThat(f.fulfilledOnDemandCapacity()).isEqualTo(6.0);
  }

  @Test
  void prioritizedTakesTheLowestPriorityNumberFirst(TestInfo test) {
    CreateFleetResponse made =
        ec2.createFleet(
            instant(template(test), 4, "on-demand", o("m5.large", 2, 2.0), o("c5.large", 1, 1.0))
                .onDemandOptions(p -> p.allocationStrategy("prioritized"))
                .build());
    assertThat(byType(made)).isEqualTo(Map.of("c5.large", 4));
  }

  @Test
  void diversifiedSpreadsSpotInstancesOverEveryPool(TestInfo test) {
    CreateFleetResponse made =
        ec2.createFleet(
            instant(
                    template(test),
                    3,
                    "spot",
                    o("m5.large", 1, null),
                    o("c5.large", 1, null),
                    o("t3.micro", 1, null))
                .spotOptions(p -> p.allocationStrategy("diversified"))
                .build());
    assertThat(byType(made)).isEqualTo(Map.of("m5.large", 1, "c5.large", 1, "t3.micro", 1));
  }

  @Test
  void aFailingPoolGivesWayToTheNextWithItsWeight(TestInfo test) {
    CreateFleetResponse made =
        ec2.createFleet(
            instant(template(test), 4, "on-demand", o("t3.gigantic", 4, 1.0), o("m5.large", 3, 2.0))
                .onDemandOptions(p -> p.allocationStrategy("prioritized"))
                .build());
    assertThat(made.errors()).hasSize(1);
    assertThat(byType(made)).isEqualTo(Map.of("m5.large", 2));
  }

  @Test
  void weightsAndUnitTypesAreChecked(TestInfo test) {
    String lt = template(test);
    assertError(
        () -> ec2.createFleet(instant(lt, 1, "on-demand", o("m5.large", 0, null)).build()),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createFleet(
                instant(lt, 1, "on-demand", o("m5.large", 1, null))
                    .targetCapacitySpecification(
                        t -> t.totalTargetCapacity(1).targetCapacityUnitType("bogus"))
                    .build()),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createFleet(
                instant(lt, 1, "on-demand", o("m5.large", 1, null))
                    .targetCapacitySpecification(
                        t -> t.totalTargetCapacity(1).targetCapacityUnitType("vcpu"))
                    .build()),
        "InvalidParameterCombination"); // vcpu counts types chosen by InstanceRequirements
  }
}
