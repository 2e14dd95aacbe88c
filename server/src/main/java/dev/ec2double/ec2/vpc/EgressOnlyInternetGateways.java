package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;

/**
 * Egress-only internet gateways as a resource kind: records in the region's VPC state, each
 * attached to the VPC it was made for. DescribeEgressOnlyInternetGateways lists only the tag
 * filters; it pages with MaxResults 5 to 255.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeEgressOnlyInternetGateways.html
 */
final class EgressOnlyInternetGateways {
  private EgressOnlyInternetGateways() {}

  static final ResourceKind<EgressOnlyInternetGatewayRecord, EgressOnlyInternetGateway> KIND =
      ResourceKind.<EgressOnlyInternetGatewayRecord, EgressOnlyInternetGateway>of(
              "eigw", "egress-only-internet-gateway")
          .errors(
              "InvalidEgressOnlyInternetGatewayId.NotFound",
              "egressOnlyInternetGateway",
              "InvalidEgressOnlyInternetGatewayId.Malformed")
          .storedIn(VpcState::of, st -> st.egressOnlyGateways)
          .id(EgressOnlyInternetGatewayRecord::id)
          .view(EgressOnlyInternetGateways::view, EgressOnlyInternetGateway::tags)
          .build();

  private static EgressOnlyInternetGateway view(
      RequestContext ctx, EgressOnlyInternetGatewayRecord r) {
    return EgressOnlyInternetGateway.builder()
        .egressOnlyInternetGatewayId(r.id())
        .attachments(
            List.of(InternetGatewayAttachment.builder().vpcId(r.vpcId()).state("attached").build()))
        .tags(ctx.tags().sdkTags(r.id()))
        .build();
  }
}
