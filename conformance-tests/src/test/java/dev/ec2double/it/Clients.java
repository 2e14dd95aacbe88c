package dev.ec2double.it;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SDK clients for a server under test, as a user configures them: its endpoint, a region, static
 * credentials (the access key picks the account), the Apache HTTP client.
 */
public final class Clients {
  private Clients() {}

  /** An EC2 client in us-east-1 with any secret (the server checks none unless told to). */
  public static Ec2Client ec2(URI endpoint, String accessKey) {
    return ec2Builder(endpoint, "us-east-1", accessKey, "secret").build();
  }

  /** The builder, for tests that change more (a region, a secret, retries). */
  public static Ec2ClientBuilder ec2Builder(
      URI endpoint, String region, String accessKey, String secret) {
    return Ec2Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClientBuilder(ApacheHttpClient.builder());
  }

  /** An ELBv2 client in us-east-1 (the SDK signs for {@code elasticloadbalancing} itself). */
  public static ElasticLoadBalancingV2Client elb(URI endpoint, String accessKey) {
    return elbBuilder(endpoint, accessKey, "secret").build();
  }

  public static ElasticLoadBalancingV2ClientBuilder elbBuilder(
      URI endpoint, String accessKey, String secret) {
    return ElasticLoadBalancingV2Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClientBuilder(ApacheHttpClient.builder());
  }

  /** An STS client in the given region (the SDK signs for {@code sts} itself). */
  public static StsClient sts(URI endpoint, String region, String accessKey) {
    return StsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  /** An Auto Scaling client in us-east-1 (the SDK signs for {@code autoscaling} itself). */
  public static AutoScalingClient autoScaling(URI endpoint, String accessKey) {
    return AutoScalingClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }
}
