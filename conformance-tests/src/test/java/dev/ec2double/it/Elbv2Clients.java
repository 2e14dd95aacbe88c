package dev.ec2double.it;

import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.vpc.DefaultVpc;
import dev.ec2double.server.Ec2DoubleServer;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * ELBv2 clients for a test server (the SDK signs for {@code elasticloadbalancing} by itself), and
 * the default VPC's ids, which ec2-double shows through DescribeSubnets once the VPC work lands.
 */
public final class Elbv2Clients {
  private Elbv2Clients() {}

  public static ElasticLoadBalancingV2Client of(Ec2DoubleServer server, String accessKey) {
    return ElasticLoadBalancingV2Client.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  /** The default VPC of us-east-1 for an access key that is its own 12-digit account. */
  public static DefaultVpc defaultVpc(Ec2DoubleServer server, String account) {
    return Instances.defaultVpc(server.store().region(account, "us-east-1"));
  }

  /** Two default subnets in different zones, as an ALB needs. */
  public static List<String> twoSubnets(Ec2DoubleServer server, String account) {
    DefaultVpc vpc = defaultVpc(server, account);
    return List.of(vpc.subnetInZone("us-east-1a").id(), vpc.subnetInZone("us-east-1b").id());
  }
}
