package dev.ec2double.ec2.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.core.FilterAliases;
import dev.ec2double.errors.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

class VpcFilterAliasesTest {
  private static final Vpc MINE =
      Vpc.builder().vpcId("vpc-1").cidrBlock("10.1.0.0/16").isDefault(false).build();
  private static final Vpc DEFAULT =
      Vpc.builder().vpcId("vpc-2").cidrBlock("172.31.0.0/16").isDefault(true).build();

  private static Filter f(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  private static List<Vpc> vpcs(Filter... filters) {
    return List.of(MINE, DEFAULT).stream()
        .filter(VpcFilters.VPCS.compile(List.of(filters)))
        .toList();
  }

  @Test
  void anAliasReadsWhatItsFilterReads() {
    assertThat(vpcs(f("cidr-block", "10.1.0.0/16"))).containsExactly(MINE);
    assertThat(vpcs(f("cidrBlock", "172.31.*"))).containsExactly(DEFAULT);
    assertThat(vpcs(f("isDefault", "true"))).containsExactly(DEFAULT);
    assertThat(vpcs(f("vpcId", "vpc-1", "vpc-2"))).containsExactly(MINE, DEFAULT);
    assertThat(vpcs(f("isDefault", "false"), f("cidr-block", "172.31.0.0/16"))).isEmpty();
  }

  @Test
  void otherSpellingsAreRefused() {
    for (String name : List.of("CidrBlock", "is_default", "cidr-blocks", "")) {
      assertThatThrownBy(() -> vpcs(f(name, "x")))
          .isInstanceOf(AwsException.class)
          .satisfies(
              e ->
                  assertThat(((AwsException) e).code())
                      .isIn("InvalidParameterValue", "MissingParameter"));
    }
  }

  @Test
  void subnetsTakeTheNamesTheirReferenceLists() {
    Subnet s =
        Subnet.builder()
            .subnetId("subnet-1")
            .vpcId("vpc-1")
            .cidrBlock("10.1.2.0/24")
            .availabilityZone("us-east-1a")
            .availableIpAddressCount(251)
            .defaultForAz(false)
            .build();
    for (Filter filter :
        List.of(
            f("vpcId", "vpc-1"),
            f("cidr", "10.1.2.0/24"),
            f("cidrBlock", "10.1.2.0/24"),
            f("availabilityZone", "us-east-1a"),
            f("availableIpAddressCount", "251"),
            f("defaultForAz", "false"))) {
      assertThat(VpcFilters.SUBNETS.compile(List.of(filter)).test(s)).as(filter.name()).isTrue();
    }
    assertThat(VpcFilters.SUBNETS.compile(List.of(f("availabilityZone", "us-east-1b"))).test(s))
        .isFalse();
  }

  @Test
  void aliasesBelongToTheirCall() {
    assertThat(FilterAliases.of("DescribeVpcs")).containsEntry("cidr-block", "cidr");
    assertThat(FilterAliases.of("DescribeRouteTables")).isEmpty();
    assertThatThrownBy(() -> VpcFilters.ROUTE_TABLES.compile(List.of(f("vpcId", "vpc-1"))))
        .isInstanceOf(AwsException.class);
  }
}
