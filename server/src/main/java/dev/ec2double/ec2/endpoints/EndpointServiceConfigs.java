package dev.ec2double.ec2.endpoints;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.PrivateDnsNameConfiguration;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.ServiceTypeDetail;

/**
 * Endpoint service configurations as a resource kind, with the filters of
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointServiceConfigurations.html,
 * and how a service looks to its consumers (DescribeVpcEndpointServices).
 */
final class EndpointServiceConfigs {
  private EndpointServiceConfigs() {}

  static final ResourceKind<EndpointServiceStore.Service, ServiceConfiguration> KIND =
      ResourceKind.<EndpointServiceStore.Service, ServiceConfiguration>of(
              "vpce-svc", "vpc-endpoint-service")
          .errors(
              "InvalidVpcEndpointServiceId.NotFound",
              "VPC endpoint service",
              "InvalidVpcEndpointServiceId.Malformed")
          .storedIn(EndpointServiceStore::of, s -> s.services)
          .id(s -> s.id)
          .view(EndpointServiceConfigs::view, ServiceConfiguration::tags)
          .filter("service-name", ServiceConfiguration::serviceName)
          .filter("service-id", ServiceConfiguration::serviceId)
          .filter("service-state", ServiceConfiguration::serviceStateAsString)
          .filterMany(
              "supported-ip-address-types", ServiceConfiguration::supportedIpAddressTypesAsStrings)
          .build();

  static String serviceName(String region, String id) {
    return "com.amazonaws.vpce." + region + "." + id;
  }

  static String baseDnsName(String region, String id) {
    return id + "." + region + ".vpce.amazonaws.com";
  }

  private static ServiceConfiguration view(RequestContext ctx, EndpointServiceStore.Service s) {
    return ServiceConfiguration.builder()
        .serviceId(s.id)
        .serviceName(s.name)
        .serviceType(ServiceTypeDetail.builder().serviceType(s.type).build())
        .serviceState(s.state)
        .availabilityZones(s.zones)
        .acceptanceRequired(s.acceptanceRequired)
        .managesVpcEndpoints(false)
        .networkLoadBalancerArns(List.copyOf(s.networkLoadBalancerArns))
        .gatewayLoadBalancerArns(List.copyOf(s.gatewayLoadBalancerArns))
        .supportedIpAddressTypesWithStrings(List.copyOf(s.ipAddressTypes))
        .baseEndpointDnsNames(baseDnsName(ctx.region(), s.id))
        .privateDnsName(s.privateDnsName)
        .privateDnsNameConfiguration(dnsConfiguration(s))
        .payerResponsibility(s.payer)
        .remoteAccessEnabled(false)
        .tags(ctx.tags().sdkTags(s.id))
        .build();
  }

  private static PrivateDnsNameConfiguration dnsConfiguration(EndpointServiceStore.Service s) {
    if (s.privateDnsName == null) {
      return null;
    }
    return PrivateDnsNameConfiguration.builder()
        .state(s.privateDnsState)
        .type("TXT")
        .name("_" + s.privateDnsValue.substring(5, 17))
        .value(s.privateDnsValue)
        .build();
  }

  /** The service as a consumer account sees it; the tags are the owner's. */
  static ServiceDetail detail(RegionState owner, EndpointServiceStore.Service s) {
    String region = owner.region();
    boolean verified = "verified".equals(s.privateDnsState);
    return ServiceDetail.builder()
        .serviceName(s.name)
        .serviceId(s.id)
        .serviceType(ServiceTypeDetail.builder().serviceType(s.type).build())
        .serviceRegion(region)
        .availabilityZones(s.zones)
        .owner(owner.account())
        .baseEndpointDnsNames(baseDnsName(region, s.id))
        .privateDnsName(verified ? s.privateDnsName : null)
        .privateDnsNameVerificationState(s.privateDnsState)
        .vpcEndpointPolicySupported(s.type.equals("Interface"))
        .acceptanceRequired(s.acceptanceRequired)
        .managesVpcEndpoints(false)
        .payerResponsibility(s.payer)
        .supportedIpAddressTypesWithStrings(List.copyOf(s.ipAddressTypes))
        .tags(owner.tags().sdkTags(s.id))
        .build();
  }
}
