package dev.ec2double.ec2.vpc;

import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;

/**
 * Internet gateways as a resource kind: records in the region's VPC state, in use while attached.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInternetGateways.html
 */
final class InternetGateways {
  private InternetGateways() {}

  static final ResourceKind<InternetGatewayRecord, InternetGateway> KIND =
      ResourceKind.<InternetGatewayRecord, InternetGateway>of("igw", "internet-gateway")
          .errors("InvalidInternetGatewayID.NotFound", "internetGateway", null)
          .storedIn(VpcState::of, st -> st.gateways)
          .id(g -> g.id)
          .view(InternetGateways::view, InternetGateway::tags)
          .filter("internet-gateway-id", InternetGateway::internetGatewayId)
          .filter("owner-id", InternetGateway::ownerId)
          .filterMany(
              "attachment.state",
              g -> g.attachments().stream().map(InternetGatewayAttachment::stateAsString).toList())
          .filterMany(
              "attachment.vpc-id",
              g -> g.attachments().stream().map(InternetGatewayAttachment::vpcId).toList())
          .inUseWhen((region, g) -> g.vpcId != null)
          .build();

  private static InternetGateway view(
      dev.ec2double.core.RequestContext ctx, InternetGatewayRecord r) {
    List<InternetGatewayAttachment> attachments =
        r.vpcId == null
            ? List.of()
            : List.of(
                InternetGatewayAttachment.builder().vpcId(r.vpcId).state("available").build());
    return InternetGateway.builder()
        .internetGatewayId(r.id)
        .ownerId(ctx.account())
        .attachments(attachments)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }
}
