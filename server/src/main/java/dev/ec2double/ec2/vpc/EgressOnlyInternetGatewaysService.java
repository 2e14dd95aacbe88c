package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.CreateEgressOnlyInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateEgressOnlyInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteEgressOnlyInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteEgressOnlyInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;

/**
 * CreateEgressOnlyInternetGateway, DescribeEgressOnlyInternetGateways and
 * DeleteEgressOnlyInternetGateway: records only (IPv6 egress is not modelled on the engine). A VPC
 * cannot be deleted while one is attached to it.
 */
public final class EgressOnlyInternetGatewaysService {
  private static final ResourceKind<EgressOnlyInternetGatewayRecord, EgressOnlyInternetGateway>
      KIND = EgressOnlyInternetGateways.KIND;

  public CreateEgressOnlyInternetGatewayResponse createEgressOnlyInternetGateway(
      RequestContext ctx, CreateEgressOnlyInternetGatewayRequest req) {
    var tags = KIND.tags(req.tagSpecifications());
    VpcState st = VpcState.of(ctx.state());
    EgressOnlyInternetGatewayRecord g =
        KIND.create(
            ctx, tags, id -> new EgressOnlyInternetGatewayRecord(id, st.vpc(req.vpcId()).id));
    return CreateEgressOnlyInternetGatewayResponse.builder()
        .egressOnlyInternetGateway(KIND.view(ctx, g))
        .clientToken(req.clientToken())
        .build();
  }

  public DescribeEgressOnlyInternetGatewaysResponse describeEgressOnlyInternetGateways(
      RequestContext ctx, DescribeEgressOnlyInternetGatewaysRequest req) {
    var page =
        KIND.describe(
            ctx,
            req.egressOnlyInternetGatewayIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeEgressOnlyInternetGatewaysResponse.builder()
        .egressOnlyInternetGateways(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteEgressOnlyInternetGatewayResponse deleteEgressOnlyInternetGateway(
      RequestContext ctx, DeleteEgressOnlyInternetGatewayRequest req) {
    KIND.delete(ctx, req.egressOnlyInternetGatewayId());
    return DeleteEgressOnlyInternetGatewayResponse.builder().returnCode(true).build();
  }
}
