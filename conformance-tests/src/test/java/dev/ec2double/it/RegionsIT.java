package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Region;

class RegionsIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void describesRegionsWithTheirEndpoints() {
    var regions = ec2.describeRegions().regions();

    assertThat(regions).extracting(Region::regionName).contains("us-east-1", "eu-west-1");
    assertThat(regions)
        .filteredOn(r -> r.regionName().equals("eu-west-1"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.endpoint()).isEqualTo("ec2.eu-west-1.amazonaws.com");
              assertThat(r.optInStatus()).isEqualTo("opt-in-not-required");
            });
  }

  @Test
  void filtersRegionsByNameWithWildcards() {
    var regions =
        ec2.describeRegions(
                r -> r.filters(Filter.builder().name("region-name").values("eu-west-?").build()))
            .regions();

    assertThat(regions)
        .extracting(Region::regionName)
        .containsExactlyInAnyOrder("eu-west-1", "eu-west-2", "eu-west-3");
  }

  @Test
  void rejectsAnUnknownRegionName() {
    assertThatThrownBy(() -> ec2.describeRegions(r -> r.regionNames("mars-north-1")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.statusCode()).isEqualTo(400);
            });
  }

  @Test
  void rejectsAnUnknownFilter() {
    assertThatThrownBy(
            () ->
                ec2.describeRegions(
                    r -> r.filters(Filter.builder().name("colour").values("red").build())))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.awsErrorDetails().errorMessage()).contains("colour");
            });
  }

  @Test
  void describesTheZonesOfTheCallersRegion() {
    try (Ec2Client west = TestServer.ec2("eu-west-1", "AKIDEXAMPLE")) {
      var zones = west.describeAvailabilityZones().availabilityZones();

      assertThat(zones)
          .extracting(AvailabilityZone::zoneName)
          .containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
      assertThat(zones.get(0).zoneId()).isEqualTo("euw1-az1");
      assertThat(zones.get(0).regionName()).isEqualTo("eu-west-1");
      assertThat(zones.get(0).stateAsString()).isEqualTo("available");
    }
  }

  @Test
  void answersDryRunWithDryRunOperation() {
    assertThatThrownBy(() -> ec2.describeRegions(r -> r.dryRun(true)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
              assertThat(e.statusCode()).isEqualTo(412);
            });
  }

  @Test
  void rejectsARegionEc2DoesNotHave() {
    try (Ec2Client nowhere = TestServer.ec2("mars-north-1", "AKIDEXAMPLE")) {
      assertThatThrownBy(nowhere::describeRegions)
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
                assertThat(e.awsErrorDetails().errorMessage()).contains("mars-north-1");
              });
    }
  }
}
