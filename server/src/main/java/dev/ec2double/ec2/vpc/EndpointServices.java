package dev.ec2double.ec2.vpc;

import dev.ec2double.ec2.regions.RegionCatalog;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.ServiceTypeDetail;

/**
 * The AWS services a region offers endpoints for ({@code com.amazonaws.REGION.NAME}): S3 and
 * DynamoDB as gateway endpoints (S3 as an interface too), the rest as interface endpoints.
 */
final class EndpointServices {
  private EndpointServices() {}

  private static final List<String> INTERFACE =
      List.of(
          "ec2",
          "ec2messages",
          "ecr.api",
          "ecr.dkr",
          "elasticloadbalancing",
          "kms",
          "lambda",
          "logs",
          "monitoring",
          "s3",
          "secretsmanager",
          "sns",
          "sqs",
          "ssm",
          "ssmmessages",
          "sts");
  private static final List<String> GATEWAY = List.of("dynamodb", "s3");

  /** The endpoint types a service name has in the region (empty when there is no such service). */
  static List<String> types(String region, String serviceName) {
    String prefix = "com.amazonaws." + region + ".";
    List<String> out = new ArrayList<>();
    if (serviceName == null || !serviceName.startsWith(prefix)) {
      return out;
    }
    String name = serviceName.substring(prefix.length());
    if (GATEWAY.contains(name)) {
      out.add("Gateway");
    }
    if (INTERFACE.contains(name)) {
      out.add("Interface");
    }
    return out;
  }

  /** Every service of the region as DescribeVpcEndpointServices shows it, sorted by name. */
  static List<ServiceDetail> all(String region) {
    List<String> names = new ArrayList<>(INTERFACE);
    GATEWAY.stream().filter(n -> !names.contains(n)).forEach(names::add);
    names.sort(null);
    List<String> zones = RegionCatalog.zones(region).stream().map(z -> z.name()).toList();
    List<ServiceDetail> out = new ArrayList<>();
    for (String n : names) {
      String full = "com.amazonaws." + region + "." + n;
      List<ServiceTypeDetail> types =
          types(region, full).stream()
              .map(t -> ServiceTypeDetail.builder().serviceType(t).build())
              .toList();
      boolean iface = INTERFACE.contains(n);
      out.add(
          ServiceDetail.builder()
              .serviceName(full)
              .serviceId("vpce-svc-" + String.format("%017x", full.hashCode() & 0xffffffffL))
              .serviceType(types)
              .serviceRegion(region)
              .availabilityZones(zones)
              .owner("amazon")
              .baseEndpointDnsNames(n + "." + region + ".vpce.amazonaws.com")
              .privateDnsName(iface ? n + "." + region + ".amazonaws.com" : null)
              .vpcEndpointPolicySupported(true)
              .acceptanceRequired(false)
              .managesVpcEndpoints(false)
              .supportedIpAddressTypesWithStrings("ipv4")
              .build());
    }
    return out;
  }
}
