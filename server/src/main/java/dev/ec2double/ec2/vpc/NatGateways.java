package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;

/**
 * NAT gateways as a resource kind, with the filters of
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html (MaxResults
 * 5-1000).
 */
final class NatGateways {
  private NatGateways() {}

  static final ResourceKind<NatGatewayRecord, NatGateway> KIND =
      ResourceKind.<NatGatewayRecord, NatGateway>of("nat", "natgateway")
          .errors("NatGatewayNotFound", "natGateway", null)
          .storedIn(VpcState::of, st -> st.natGateways)
          .id(n -> n.id)
          .view(NatGateways::view, NatGateway::tags)
          .filter("nat-gateway-id", NatGateway::natGatewayId)
          .filter("state", NatGateway::stateAsString)
          .filter("subnet-id", NatGateway::subnetId)
          .filter("vpc-id", NatGateway::vpcId)
          .build();

  private static NatGateway view(RequestContext ctx, NatGatewayRecord r) {
    List<NatGatewayAddress> addresses = List.of();
    if (r.failureCode == null) {
      NatGatewayAddress.Builder address =
          NatGatewayAddress.builder()
              .networkInterfaceId(r.eniId)
              .privateIp(r.privateIp)
              .isPrimary(true)
              .status(r.state.startsWith("delet") ? "disassociating" : "succeeded");
      if (r.allocationId != null) {
        address.allocationId(r.allocationId).publicIp(r.publicIp).associationId(r.associationId);
      }
      addresses = new java.util.ArrayList<>(List.of(address.build()));
      for (NatGatewayRecord.Secondary a : r.secondary) {
        addresses.add(NatGatewayAddresses.view(r, a, "succeeded"));
      }
    }
    return NatGateway.builder()
        .natGatewayId(r.id)
        .subnetId(r.subnetId)
        .vpcId(r.vpcId)
        .connectivityType(r.connectivityType)
        .state(r.state)
        .createTime(r.createTime)
        .deleteTime(r.deleteTime)
        .failureCode(r.failureCode)
        .failureMessage(r.failureMessage)
        .natGatewayAddresses(addresses)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }
}
