package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The undocumented filter names real EC2 takes and real tools send (Ansible's ec2_vpc_net sends
 * {@code cidr-block} to DescribeVpcs, ec2_instance {@code isDefault}) find what their documented
 * filter finds; names EC2 does not take are still refused.
 */
class FilterAliasesIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    // an account of its own: the counts below are exact
    ec2 = TestServer.ec2("eu-north-1", "210000000020");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  private static List<String> vpcs(Filter... filters) {
    return ec2.describeVpcs(r -> r.filters(filters)).vpcs().stream().map(Vpc::vpcId).toList();
  }

  private static List<String> subnets(Filter... filters) {
    return ec2.describeSubnets(r -> r.filters(filters)).subnets().stream()
        .map(Subnet::subnetId)
        .toList();
  }

  @Test
  void describeVpcsTakesTheNamesAnsibleSends() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.93.0.0/16")).vpc().vpcId();
    try {
      assertThat(vpcs(filter("cidr-block", "10.93.0.0/16"))).containsExactly(vpc);
      assertThat(vpcs(filter("cidrBlock", "10.93.0.0/16"))).containsExactly(vpc);
      assertThat(vpcs(filter("cidr", "10.93.0.0/16"))).containsExactly(vpc);
      assertThat(vpcs(filter("cidr-block", "10.94.0.0/16"))).isEmpty();
      assertThat(vpcs(filter("vpcId", vpc))).containsExactly(vpc);

      String defaultVpc = vpcs(filter("is-default", "true")).get(0);
      assertThat(vpcs(filter("isDefault", "true"))).containsExactly(defaultVpc);
      assertThat(vpcs(filter("isDefault", "false"), filter("cidr-block", "10.93.0.0/16")))
          .containsExactly(vpc);
    } finally {
      ec2.deleteVpc(r -> r.vpcId(vpc));
    }
  }

  @Test
  void describeSubnetsTakesTheNamesItsReferenceLists() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.95.0.0/16")).vpc().vpcId();
    try {
      String subnet =
          ec2.createSubnet(
                  r -> r.vpcId(vpc).cidrBlock("10.95.1.0/24").availabilityZone("eu-north-1b"))
              .subnet()
              .subnetId();
      assertThat(subnets(filter("vpcId", vpc))).containsExactly(subnet);
      assertThat(subnets(filter("vpc-id", vpc), filter("cidr", "10.95.1.0/24")))
          .containsExactly(subnet);
      assertThat(subnets(filter("vpc-id", vpc), filter("cidrBlock", "10.95.1.0/24")))
          .containsExactly(subnet);
      assertThat(subnets(filter("vpc-id", vpc), filter("availabilityZone", "eu-north-1a")))
          .isEmpty();
      assertThat(subnets(filter("vpc-id", vpc), filter("availabilityZone", "eu-north-1b")))
          .containsExactly(subnet);
      assertThat(subnets(filter("vpc-id", vpc), filter("defaultForAz", "false")))
          .containsExactly(subnet);
      ec2.deleteSubnet(r -> r.subnetId(subnet));
    } finally {
      ec2.deleteVpc(r -> r.vpcId(vpc));
    }
  }

  @Test
  void namesRealEc2DoesNotTakeAreStillRefused() {
    for (String name : List.of("cidrblock", "is_default", "vpc_id", "availabilityzone")) {
      assertThatThrownBy(() -> vpcs(filter(name, "x")))
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("The filter '" + name + "' is invalid");
              });
    }
    // an alias of one call is not an alias of another
    assertThatThrownBy(() -> ec2.describeInternetGateways(r -> r.filters(filter("vpcId", "x"))))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
  }
}
