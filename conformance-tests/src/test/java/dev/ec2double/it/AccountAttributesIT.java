package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AccountAttribute;
import software.amazon.awssdk.services.ec2.model.AccountAttributeName;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

class AccountAttributesIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static Map<String, List<String>> values(List<AccountAttribute> attributes) {
    return attributes.stream()
        .collect(
            Collectors.toMap(
                AccountAttribute::attributeName,
                a -> a.attributeValues().stream().map(v -> v.attributeValue()).toList()));
  }

  @Test
  void describesEveryAttributeWithAwsDefaults() {
    var attributes = ec2.describeAccountAttributes().accountAttributes();

    assertThat(attributes)
        .extracting(AccountAttribute::attributeName)
        .containsExactly(
            "vpc-max-security-groups-per-interface",
            "max-instances",
            "supported-platforms",
            "default-vpc",
            "max-elastic-ips",
            "vpc-max-elastic-ips");
    assertThat(values(attributes))
        .containsEntry("supported-platforms", List.of("VPC"))
        .containsEntry(
            "default-vpc",
            List.of(
                ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true")))
                    .vpcs()
                    .get(0)
                    .vpcId()))
        .containsEntry("max-instances", List.of("20"))
        .containsEntry("vpc-max-security-groups-per-interface", List.of("5"))
        .containsEntry("max-elastic-ips", List.of("5"))
        .containsEntry("vpc-max-elastic-ips", List.of("5"));
  }

  @Test
  void describesOnlyTheAttributesAskedFor() {
    var attributes =
        ec2.describeAccountAttributes(
                r ->
                    r.attributeNames(
                        AccountAttributeName.DEFAULT_VPC, AccountAttributeName.SUPPORTED_PLATFORMS))
            .accountAttributes();

    assertThat(attributes)
        .extracting(AccountAttribute::attributeName)
        .containsExactlyInAnyOrder("default-vpc", "supported-platforms");
  }

  @Test
  void acceptsAttributeNamesTheSdkEnumDoesNotList() {
    var attributes =
        ec2.describeAccountAttributes(r -> r.attributeNamesWithStrings("max-instances"))
            .accountAttributes();

    assertThat(values(attributes)).containsOnlyKeys("max-instances");
  }

  @Test
  void rejectsAnUnknownAttributeName() {
    assertThatThrownBy(
            () -> ec2.describeAccountAttributes(r -> r.attributeNamesWithStrings("max-unicorns")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.awsErrorDetails().errorMessage()).contains("max-unicorns");
              assertThat(e.statusCode()).isEqualTo(400);
            });
  }
}
