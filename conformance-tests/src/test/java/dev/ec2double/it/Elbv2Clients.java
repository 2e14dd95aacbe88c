package dev.ec2double.it;

import dev.ec2double.server.Ec2DoubleServer;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * ELBv2 clients for a test server (the SDK signs for {@code elasticloadbalancing} by itself), and
 * the default VPC's ids, read through the EC2 API as a user would.
 */
public final class Elbv2Clients {
  private Elbv2Clients() {}

  public static ElasticLoadBalancingV2Client of(Ec2DoubleServer server, String accessKey) {
    return of(server.endpoint(), accessKey);
  }

  /** A client for a server at an endpoint, such as one running in its own process. */
  public static ElasticLoadBalancingV2Client of(URI endpoint, String accessKey) {
    return Clients.elb(endpoint, accessKey);
  }

  private static Ec2Client ec2(URI endpoint, String accessKey) {
    return Clients.ec2(endpoint, accessKey);
  }

  /** The default VPC of us-east-1 for an access key that is its own 12-digit account. */
  public static String defaultVpcId(Ec2DoubleServer server, String account) {
    return defaultVpcId(server.endpoint(), account);
  }

  public static String defaultVpcId(URI endpoint, String account) {
    try (Ec2Client ec2 = ec2(endpoint, account)) {
      return ec2.describeVpcs(
              r -> r.filters(Filter.builder().name("is-default").values("true").build()))
          .vpcs()
          .get(0)
          .vpcId();
    }
  }

  /** Two default subnets in different zones, as an ALB needs: us-east-1a's, then us-east-1b's. */
  public static List<String> twoSubnets(Ec2DoubleServer server, String account) {
    return twoSubnets(server.endpoint(), account);
  }

  public static List<String> twoSubnets(URI endpoint, String account) {
    try (Ec2Client ec2 = ec2(endpoint, account)) {
      List<Subnet> subnets =
          ec2.describeSubnets(
                  r ->
                      r.filters(
                          Filter.builder().name("default-for-az").values("true").build(),
                          Filter.builder()
                              .name("availability-zone")
                              .values("us-east-1a", "us-east-1b")
                              .build()))
              .subnets();
      // by zone: the first is us-east-1a's (ids are random, so their order is not the zones')
      return subnets.stream()
          .sorted(java.util.Comparator.comparing(Subnet::availabilityZone))
          .map(Subnet::subnetId)
          .toList();
    }
  }
}
