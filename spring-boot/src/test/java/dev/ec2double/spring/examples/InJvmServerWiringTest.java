package dev.ec2double.spring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.spring.Ec2DoubleConnectionDetails;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** What the example's context holds beside its Ec2Client (the same context, cached). */
@SpringBootTest(classes = {ExampleApplication.class, InJvmServerExampleTest.Ec2DoubleConfig.class})
class InJvmServerWiringTest {
  @Autowired Ec2DoubleServer server;
  @Autowired Ec2Client ec2;
  @Autowired ElasticLoadBalancingV2Client elbv2;
  @Autowired AutoScalingClient autoScaling;
  @Autowired AwsConnectionDetails awsConnectionDetails;
  @Autowired AwsCredentialsProvider springCloudAwsCredentials;

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
