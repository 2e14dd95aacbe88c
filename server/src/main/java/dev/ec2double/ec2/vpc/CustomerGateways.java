package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.CustomerGateway;

/**
 * Customer gateways as a resource kind: records in the region's VPC state. A gateway a VPN
 * connection uses cannot be deleted (CustomerGatewaysService). The filters are
 * DescribeCustomerGateways'.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeCustomerGateways.html
 */
final class CustomerGateways {
  private CustomerGateways() {}

  static final ResourceKind<CustomerGatewayRecord, CustomerGateway> KIND =
      ResourceKind.<CustomerGatewayRecord, CustomerGateway>of("cgw", "customer-gateway")
          .errors(
              "InvalidCustomerGatewayID.NotFound",
              "customerGateway",
              "InvalidCustomerGatewayId.Malformed")
          .storedIn(VpcState::of, st -> st.customerGateways)
          .id(g -> g.id)
          .view(CustomerGateways::view, CustomerGateway::tags)
          .filter("bgp-asn", g -> g.bgpAsnExtended() != null ? g.bgpAsnExtended() : g.bgpAsn())
          .filter("customer-gateway-id", CustomerGateway::customerGatewayId)
          .filter("ip-address", CustomerGateway::ipAddress)
          .filter("state", CustomerGateway::state)
          .filter("type", CustomerGateway::type)
          .build();

  private static CustomerGateway view(RequestContext ctx, CustomerGatewayRecord r) {
    String asn = Long.toString(r.bgpAsn);
    return CustomerGateway.builder()
        .customerGatewayId(r.id)
        .bgpAsn(r.extendedAsn ? null : asn)
        .bgpAsnExtended(r.extendedAsn ? asn : null)
        .ipAddress(r.ipAddress)
        .type(r.type)
        .state(r.state)
        .deviceName(r.deviceName)
        .certificateArn(r.certificateArn)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }
}
