package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.CarrierGateway;
import software.amazon.awssdk.services.ec2.model.CreateCarrierGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateCarrierGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteCarrierGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteCarrierGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCarrierGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCarrierGatewaysResponse;

/**
 * CreateCarrierGateway, DescribeCarrierGateways, DeleteCarrierGateway: records only. AWS makes one
 * for any VPC, at most one per VPC (Wavelength's quota); it carries traffic only from subnets in a
 * Wavelength Zone, which ec2-double's regions do not have, so a route to it is refused
 * (RouteTargets). A deleted gateway shows {@code deleted} for an hour, then goes.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateCarrierGateway.html
 */
public final class CarrierGatewaysService {
  private static final ResourceKind<CarrierGatewayRecord, CarrierGateway> KIND =
      CarrierGateways.KIND;
  private static final long DELETED_VISIBLE_MILLIS = 60 * 60 * 1000L;

  public CreateCarrierGatewayResponse createCarrierGateway(
      RequestContext ctx, CreateCarrierGatewayRequest req) {
    if (req.vpcId() == null) {
      throw AwsException.missingParameter("VpcId");
    }
    var tags = KIND.tags(req.tagSpecifications());
    VpcState st = VpcState.of(ctx.state());
    CarrierGatewayRecord g;
    synchronized (st) {
      String vpcId = st.vpc(req.vpcId()).id;
      long now = System.currentTimeMillis();
      st.carrierGateways
          .values()
          .removeIf(c -> !c.live() && now - c.deletedAt > DELETED_VISIBLE_MILLIS);
      if (st.carrierGateways.values().stream().anyMatch(c -> c.live() && c.vpcId.equals(vpcId))) {
        throw new AwsException(
            "CarrierGatewayLimitExceeded",
            "The VPC " + vpcId + " already has a carrier gateway: the limit is one per VPC");
      }
      g = KIND.create(ctx, tags, id -> new CarrierGatewayRecord(id, vpcId));
    }
    return CreateCarrierGatewayResponse.builder()
        .carrierGateway(KIND.view(ctx, g).toBuilder().state("pending").build())
        .build();
  }

  public DescribeCarrierGatewaysResponse describeCarrierGateways(
      RequestContext ctx, DescribeCarrierGatewaysRequest req) {
    var page =
        KIND.describe(
            ctx, req.carrierGatewayIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeCarrierGatewaysResponse.builder()
        .carrierGateways(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The gateway is shown {@code deleting} in the answer and {@code deleted} afterwards. */
  public DeleteCarrierGatewayResponse deleteCarrierGateway(
      RequestContext ctx, DeleteCarrierGatewayRequest req) {
    if (req.carrierGatewayId() == null) {
      throw AwsException.missingParameter("CarrierGatewayId");
    }
    VpcState st = VpcState.of(ctx.state());
    CarrierGatewayRecord g;
    synchronized (st) {
      g = KIND.getLive(ctx.state(), req.carrierGatewayId(), CarrierGatewayRecord::live);
      g.state = "deleted";
      g.deletedAt = System.currentTimeMillis();
    }
    return DeleteCarrierGatewayResponse.builder()
        .carrierGateway(KIND.view(ctx, g).toBuilder().state("deleting").build())
        .build();
  }
}
