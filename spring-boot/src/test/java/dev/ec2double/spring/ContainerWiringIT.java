package dev.ec2double.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.testcontainers.Ec2DoubleContainer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * What {@code @ServiceConnection} on an Ec2DoubleContainer gives besides the Ec2Client: both kinds
 * of connection details (each a bean of its own), the other clients, Spring Cloud AWS's
 * credentials.
 */
@SpringBootTest
@Testcontainers
class ContainerWiringIT {

  @Container @ServiceConnection
  static Ec2DoubleContainer ec2Double =
      new Ec2DoubleContainer(System.getProperty("ec2double.image", "ec2-double:latest"))
          .withRegion("ap-southeast-2");

  @Autowired Ec2Client ec2;
  @Autowired Ec2DoubleConnectionDetails details;
  @Autowired AwsConnectionDetails awsDetails;
  @Autowired ElasticLoadBalancingV2Client elbv2;
  @Autowired AwsCredentialsProvider springCloudAwsCredentials;

  @Test
  void theEc2ClientCreatesAVpcInTheContainerAndDescribesItBack() {
    String vpcId = ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();
    try {
      assertThat(ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs())
          .extracting(Vpc::cidrBlock)
          .containsExactly("10.2.0.0/16");
      assertThat(ec2.serviceClientConfiguration().region().id()).isEqualTo("ap-southeast-2");
    } finally {
      ec2.deleteVpc(r -> r.vpcId(vpcId));
    }
  }

  @Test
  void bothConnectionDetailsNameTheContainer() {
    assertThat(details.getEndpoint()).isEqualTo(ec2Double.getEndpoint());
    assertThat(details.getRegion()).isEqualTo("ap-southeast-2");
    assertThat(awsDetails.getEndpoint()).isEqualTo(ec2Double.getEndpoint());
    assertThat(awsDetails.getRegion()).isEqualTo("ap-southeast-2");
    assertThat(springCloudAwsCredentials.resolveCredentials().accessKeyId())
        .isEqualTo(ec2Double.getAccessKey());
  }

  @Test
  void theLoadBalancerClientCallsTheContainer() {
    assertThat(elbv2.serviceClientConfiguration().endpointOverride())
        .contains(ec2Double.getEndpoint());
    assertThat(elbv2.describeLoadBalancers().loadBalancers()).isEmpty();
  }
}
