package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttachInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.AttachInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DetachInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DetachInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Internet gateways: records with AWS's attachment rules (one per VPC). Instances reach what the
 * engine's bridge reaches whether or not one is attached; see docs/networking.md.
 */
public final class InternetGatewaysService {
  private static final ResourceKind<InternetGatewayRecord, InternetGateway> KIND =
      InternetGateways.KIND;

  public CreateInternetGatewayResponse createInternetGateway(
      RequestContext ctx, CreateInternetGatewayRequest req) {
    List<Tag> tags = KIND.tags(req.tagSpecifications());
    InternetGatewayRecord g = KIND.create(ctx, tags, InternetGatewayRecord::new);
    return CreateInternetGatewayResponse.builder().internetGateway(KIND.view(ctx, g)).build();
  }

  public AttachInternetGatewayResponse attachInternetGateway(
      RequestContext ctx, AttachInternetGatewayRequest req) {
    VpcState st = VpcState.of(ctx.state());
    KIND.modify(
        ctx,
        req.internetGatewayId(),
        g -> {
          VpcRecord vpc = st.vpc(req.vpcId());
          if (g.vpcId != null) {
            throw new AwsException(
                "Resource.AlreadyAssociated",
                "resource " + g.id + " is already attached to network " + g.vpcId);
          }
          for (InternetGatewayRecord other : st.gateways.values()) {
            if (vpc.id.equals(other.vpcId)) {
              throw new AwsException(
                  "Resource.AlreadyAssociated",
                  "resource " + vpc.id + " is already associated with " + other.id);
            }
          }
          g.vpcId = vpc.id;
          return g;
        });
    return AttachInternetGatewayResponse.builder().build();
  }

  public DetachInternetGatewayResponse detachInternetGateway(
      RequestContext ctx, DetachInternetGatewayRequest req) {
    VpcState st = VpcState.of(ctx.state());
    KIND.modify(
        ctx,
        req.internetGatewayId(),
        g -> {
          st.vpc(req.vpcId());
          if (!req.vpcId().equals(g.vpcId)) {
            throw new AwsException(
                "Gateway.NotAttached",
                "resource " + g.id + " is not attached to network " + req.vpcId());
          }
          g.vpcId = null;
          return g;
        });
    return DetachInternetGatewayResponse.builder().build();
  }

  public DeleteInternetGatewayResponse deleteInternetGateway(
      RequestContext ctx, DeleteInternetGatewayRequest req) {
    KIND.delete(ctx, req.internetGatewayId());
    return DeleteInternetGatewayResponse.builder().build();
  }

  public DescribeInternetGatewaysResponse describeInternetGateways(
      RequestContext ctx, DescribeInternetGatewaysRequest req) {
    var page =
        KIND.describe(
            ctx, req.internetGatewayIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeInternetGatewaysResponse.builder()
        .internetGateways(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
