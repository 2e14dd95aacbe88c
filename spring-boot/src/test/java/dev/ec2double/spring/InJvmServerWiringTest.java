package dev.ec2double.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * An Ec2DoubleServer bean (a test's own, as docs/spring-boot.md shows): every client and Spring
 * Cloud AWS's connection details point at it. Mock backend: no Docker, a context in about a second.
 */
@SpringBootTest
class InJvmServerWiringTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class Ec2DoubleConfig {
    @Bean(destroyMethod = "close")
    Ec2DoubleServer ec2DoubleServer() {
      return new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build()).start();
    }
  }

  @Autowired Ec2DoubleServer server;
  @Autowired Ec2Client ec2;
  @Autowired ElasticLoadBalancingV2Client elbv2;
  @Autowired AutoScalingClient autoScaling;
  @Autowired AwsConnectionDetails awsConnectionDetails;
  @Autowired AwsCredentialsProvider springCloudAwsCredentials;

  @Test
  void theEc2ClientCreatesAVpcOnTheServerAndDescribesItBack() {
    String vpcId = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();

    assertThat(ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs())
        .extracting(Vpc::cidrBlock)
        .containsExactly("10.1.0.0/16");
  }

  @Test
  void everyClientTalksToTheServerOfTheContext() {
    assertThat(ec2.serviceClientConfiguration().endpointOverride()).contains(server.endpoint());
    assertThat(ec2.serviceClientConfiguration().region().id()).isEqualTo("us-east-1");
    assertThat(elbv2.serviceClientConfiguration().endpointOverride()).contains(server.endpoint());
    assertThat(autoScaling.serviceClientConfiguration().endpointOverride())
        .contains(server.endpoint());
    assertThat(elbv2.describeLoadBalancers().loadBalancers()).isEmpty();
  }

  @Test
  void springCloudAwsSignsWithTheServersKeysAndCallsIt() {
    assertThat(awsConnectionDetails.getEndpoint()).isEqualTo(server.endpoint());
    assertThat(springCloudAwsCredentials.resolveCredentials().accessKeyId())
        .isEqualTo(Ec2DoubleConnectionDetails.ACCESS_KEY);
  }
}
