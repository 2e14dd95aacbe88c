package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.CarrierGateway;

/**
 * Carrier gateways as a resource kind, with the filters of
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeCarrierGateways.html
 * (MaxResults 5 to 1000).
 */
final class CarrierGateways {
  private CarrierGateways() {}

  static final ResourceKind<CarrierGatewayRecord, CarrierGateway> KIND =
      ResourceKind.<CarrierGatewayRecord, CarrierGateway>of("cagw", "carrier-gateway")
          .errors(
              "InvalidCarrierGatewayID.NotFound",
              "carrierGateway",
              "InvalidCarrierGatewayId.Malformed")
          .storedIn(VpcState::of, st -> st.carrierGateways)
          .id(g -> g.id)
          .view(CarrierGateways::view, CarrierGateway::tags)
          .filter("carrier-gateway-id", CarrierGateway::carrierGatewayId)
          .filter("owner-id", CarrierGateway::ownerId)
          .filter("state", CarrierGateway::stateAsString)
          .filter("vpc-id", CarrierGateway::vpcId)
          .build();

  private static CarrierGateway view(RequestContext ctx, CarrierGatewayRecord r) {
    return CarrierGateway.builder()
        .carrierGatewayId(r.id)
        .vpcId(r.vpcId)
        .state(r.state)
        .ownerId(ctx.account())
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }
}
