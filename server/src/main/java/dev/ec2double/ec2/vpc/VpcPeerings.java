package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CidrBlock;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionOptionsDescription;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionStateReason;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionVpcInfo;

/**
 * VPC peering connections as a resource kind, with the filters of
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcPeeringConnections.html
 * (MaxResults 5-1000). A connection is seen by both of its accounts; tags are each account's own.
 */
final class VpcPeerings {
  private VpcPeerings() {}

  static final ResourceKind<VpcPeeringRecord, VpcPeeringConnection> KIND =
      ResourceKind.<VpcPeeringRecord, VpcPeeringConnection>of("pcx", "vpc-peering-connection")
          .errors(
              "InvalidVpcPeeringConnectionID.NotFound",
              "vpcPeeringConnection",
              "InvalidVpcPeeringConnectionId.Malformed")
          .storedIn(VpcState::of, st -> st.peerings)
          .id(p -> p.id)
          .view(VpcPeerings::view, VpcPeeringConnection::tags)
          .filter("accepter-vpc-info.cidr-block", p -> p.accepterVpcInfo().cidrBlock())
          .filter("accepter-vpc-info.owner-id", p -> p.accepterVpcInfo().ownerId())
          .filter("accepter-vpc-info.vpc-id", p -> p.accepterVpcInfo().vpcId())
          .filter("expiration-time", p -> p.expirationTime())
          .filter("requester-vpc-info.cidr-block", p -> p.requesterVpcInfo().cidrBlock())
          .filter("requester-vpc-info.owner-id", p -> p.requesterVpcInfo().ownerId())
          .filter("requester-vpc-info.vpc-id", p -> p.requesterVpcInfo().vpcId())
          .filter("status-code", p -> p.status().codeAsString())
          .filter("status-message", p -> p.status().message())
          .filter("vpc-peering-connection-id", VpcPeeringConnection::vpcPeeringConnectionId)
          .build();

  private static VpcPeeringConnection view(RequestContext ctx, VpcPeeringRecord r) {
    String code = r.code();
    boolean pending = code.equals("pending-acceptance") || code.equals("initiating-request");
    return VpcPeeringConnection.builder()
        .vpcPeeringConnectionId(r.id)
        .requesterVpcInfo(info(r.requester, code.equals("active") ? r.requesterDns : null))
        .accepterVpcInfo(info(r.accepter, code.equals("active") ? r.accepterDns : null))
        .status(VpcPeeringConnectionStateReason.builder().code(code).message(r.message()).build())
        .expirationTime(pending ? r.expiration : null)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  /** One side as AWS shows it; its peering options only while the connection is active. */
  static VpcPeeringConnectionVpcInfo info(VpcPeeringRecord.Side s, Boolean dns) {
    VpcPeeringConnectionVpcInfo.Builder b =
        VpcPeeringConnectionVpcInfo.builder()
            .ownerId(s.account())
            .vpcId(s.vpcId())
            .region(s.region())
            .cidrBlock(s.cidr());
    if (s.cidr() != null) {
      b.cidrBlockSet(List.of(CidrBlock.builder().cidrBlock(s.cidr()).build()));
    }
    if (dns != null) {
      b.peeringOptions(
          VpcPeeringConnectionOptionsDescription.builder()
              .allowDnsResolutionFromRemoteVpc(dns)
              .allowEgressFromLocalClassicLinkToRemoteVpc(false)
              .allowEgressFromLocalVpcToRemoteClassicLink(false)
              .build());
    }
    return b.build();
  }
}
