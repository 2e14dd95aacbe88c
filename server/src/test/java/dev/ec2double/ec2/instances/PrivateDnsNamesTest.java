package dev.ec2double.ec2.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import org.junit.jupiter.api.Test;

class PrivateDnsNamesTest {
  @Test
  void namesByRegionAndHostnameType() {
    assertThat(PrivateDnsNames.of("ip-name", "i-0abc", "10.0.1.4", "us-east-1"))
        .isEqualTo("ip-10-0-1-4.ec2.internal");
    assertThat(PrivateDnsNames.of("ip-name", "i-0abc", "10.0.1.4", "eu-west-1"))
        .isEqualTo("ip-10-0-1-4.eu-west-1.compute.internal");
    assertThat(PrivateDnsNames.of("resource-name", "i-0abc", "10.0.1.4", "us-east-1"))
        .isEqualTo("i-0abc.ec2.internal");
    assertThat(PrivateDnsNames.of("resource-name", "i-0abc", "10.0.1.4", "ap-south-1"))
        .isEqualTo("i-0abc.ap-south-1.compute.internal");
  }

  @Test
  void onlyTheTwoHostnameTypesAreTaken() {
    assertThat(PrivateDnsNames.hostnameType(null)).isNull();
    assertThat(PrivateDnsNames.hostnameType("resource-name")).isEqualTo("resource-name");
    assertThatThrownBy(() -> PrivateDnsNames.hostnameType("Resource-Name"))
        .isInstanceOf(AwsException.class)
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("InvalidParameterValue");
  }
}
