package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;

class InstanceTypeOfferingsIT {
  private static Ec2Client ec2;
  private static int typeCount;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2();
    typeCount = (int) ec2.describeInstanceTypesPaginator(r -> {}).instanceTypes().stream().count();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static List<InstanceTypeOffering> walk(
      LocationType locationType, Integer maxResults, Filter... filters) {
    return ec2
        .describeInstanceTypeOfferingsPaginator(
            r -> r.locationType(locationType).maxResults(maxResults).filters(filters))
        .instanceTypeOfferings()
        .stream()
        .toList();
  }

  private static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  @Test
  void offersEveryTypeInTheCallersRegionByDefault() {
    var firstPage = ec2.describeInstanceTypeOfferings(r -> {});
    var offerings =
        ec2.describeInstanceTypeOfferingsPaginator(r -> {}).instanceTypeOfferings().stream()
            .toList();

    // AWS pages offerings by 1000 even without MaxResults
    assertThat(firstPage.instanceTypeOfferings()).hasSize(Math.min(1000, typeCount));
    assertThat(offerings).hasSize(typeCount);
    assertThat(offerings)
        .allSatisfy(
            o -> {
              assertThat(o.locationTypeAsString()).isEqualTo("region");
              assertThat(o.location()).isEqualTo("us-east-1");
            });
    assertThat(offerings)
        .extracting(InstanceTypeOffering::instanceTypeAsString)
        .contains("t3.micro", "m7g.metal");
  }

  @Test
  void offersEveryTypeInEveryZone() {
    try (Ec2Client west = TestServer.ec2("eu-west-1", "AKIDEXAMPLE")) {
      var offerings =
          west
              .describeInstanceTypeOfferingsPaginator(
                  r -> r.locationType(LocationType.AVAILABILITY_ZONE))
              .instanceTypeOfferings()
              .stream()
              .toList();

      assertThat(offerings).hasSize(typeCount * 3);
      assertThat(offerings)
          .extracting(InstanceTypeOffering::location)
          .containsOnly("eu-west-1a", "eu-west-1b", "eu-west-1c");
      assertThat(offerings)
          .filteredOn(o -> o.instanceTypeAsString().equals("t3.micro"))
          .extracting(InstanceTypeOffering::location)
          .containsExactlyInAnyOrder("eu-west-1a", "eu-west-1b", "eu-west-1c");
    }
  }

  @Test
  void namesZonesByIdWhenAskedTo() {
    var offerings =
        walk(LocationType.AVAILABILITY_ZONE_ID, null, filter("instance-type", "t3.micro"));

    assertThat(offerings)
        .extracting(InstanceTypeOffering::location)
        .containsExactlyInAnyOrder(
            "use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6");
    assertThat(offerings)
        .extracting(InstanceTypeOffering::locationType)
        .containsOnly(LocationType.AVAILABILITY_ZONE_ID);
  }

  @Test
  void filtersByLocationAndInstanceType() {
    var offerings =
        walk(
            LocationType.AVAILABILITY_ZONE,
            null,
            filter("location", "us-east-1a", "us-east-1f"),
            filter("instance-type", "t4g.*"));

    assertThat(offerings).hasSize(14);
    assertThat(offerings)
        .extracting(InstanceTypeOffering::location)
        .containsOnly("us-east-1a", "us-east-1f");
    assertThat(offerings).allMatch(o -> o.instanceTypeAsString().startsWith("t4g."));
  }

  @Test
  void walksEveryPageWithoutLosingOrRepeatingAnOffering() {
    var all = walk(LocationType.AVAILABILITY_ZONE, null);
    var paged = walk(LocationType.AVAILABILITY_ZONE, 37);
    var firstPage =
        ec2.describeInstanceTypeOfferings(
            r -> r.locationType(LocationType.AVAILABILITY_ZONE).maxResults(37));

    assertThat(firstPage.instanceTypeOfferings()).hasSize(37);
    assertThat(firstPage.nextToken()).isNotBlank();
    assertThat(paged).hasSize(typeCount * 6).doesNotHaveDuplicates().isEqualTo(all);
  }

  @Test
  void rejectsMaxResultsOutOfRange() {
    for (int max : new int[] {4, 1001}) {
      assertThatThrownBy(() -> ec2.describeInstanceTypeOfferings(r -> r.maxResults(max)))
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }
  }

  @Test
  void rejectsAnUnknownLocationType() {
    assertThatThrownBy(() -> ec2.describeInstanceTypeOfferings(r -> r.locationType("planet")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.awsErrorDetails().errorMessage()).contains("planet");
            });
  }

  @Test
  void rejectsAFilterOfferingsDoNotHave() {
    assertThatThrownBy(
            () ->
                ec2.describeInstanceTypeOfferings(
                    r -> r.filters(filter("vcpu-info.default-vcpus", "2"))))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
  }
}
