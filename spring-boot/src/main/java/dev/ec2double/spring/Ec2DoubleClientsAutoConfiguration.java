package dev.ec2double.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * AWS SDK v2 clients pointed at ec2-double, for each service whose SDK module is on the class path:
 * {@link Ec2Client}, {@link ElasticLoadBalancingV2Client}, {@link AutoScalingClient}. Built from
 * the {@link Ec2DoubleConnectionDetails} bean (endpoint, region, static credentials) with the SDK's
 * default HTTP client; a client bean of the application's own replaces the one of its type.
 */
@AutoConfiguration(
    afterName =
        "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnClass(AwsClientBuilder.class)
@ConditionalOnBean(Ec2DoubleConnectionDetails.class)
public class Ec2DoubleClientsAutoConfiguration {

  /** Points any AWS SDK v2 client builder at the server the details name. */
  public static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, Ec2DoubleConnectionDetails details) {
    return builder
        .endpointOverride(details.getEndpoint())
        .region(Region.of(details.getRegion()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(details.getAccessKey(), details.getSecretKey())));
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Ec2Client.class)
  static class Ec2 {
    @Bean
    @ConditionalOnMissingBean
    Ec2Client ec2Client(Ec2DoubleConnectionDetails details) {
      return configure(Ec2Client.builder(), details).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ElasticLoadBalancingV2Client.class)
  static class Elbv2 {
    @Bean
    @ConditionalOnMissingBean
    ElasticLoadBalancingV2Client elasticLoadBalancingV2Client(Ec2DoubleConnectionDetails details) {
      return configure(ElasticLoadBalancingV2Client.builder(), details).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(AutoScalingClient.class)
  static class AutoScaling {
    @Bean
    @ConditionalOnMissingBean
    AutoScalingClient autoScalingClient(Ec2DoubleConnectionDetails details) {
      return configure(AutoScalingClient.builder(), details).build();
    }
  }
}
