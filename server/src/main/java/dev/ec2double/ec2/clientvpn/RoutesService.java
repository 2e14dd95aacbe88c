package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ClientVpnRoute;
import software.amazon.awssdk.services.ec2.model.CreateClientVpnRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateClientVpnRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnRouteResponse;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnRoutesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnRoutesResponse;

/**
 * The route table of a Client VPN endpoint: a route goes through a subnet that is associated
 * (InvalidClientVpnActiveAssociationNotFound otherwise), or, on an endpoint on a transit gateway,
 * through its attachment. The routes that associations add are removed only with them. At most 10
 * routes per endpoint, AWS's default quota.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateClientVpnRoute.html
 */
public final class RoutesService {
  static final int MAX_ROUTES = 10;

  private static final FilterSpec<ClientVpnRoute> FILTERS =
      FilterSpec.<ClientVpnRoute>of()
          .field("destination-cidr", ClientVpnRoute::destinationCidr)
          .field("origin", ClientVpnRoute::origin)
          .field("target-subnet", ClientVpnRoute::targetSubnet);

  private static String destination(String text) {
    if (text == null) {
      throw AwsException.missingParameter("DestinationCidrBlock");
    }
    if (Cidr.parseOrNull(text) == null) {
      throw AwsException.invalidParameterValue(
          "Value (" + text + ") for parameter DestinationCidrBlock is not a valid CIDR block.");
    }
    return text;
  }

  public CreateClientVpnRouteResponse createClientVpnRoute(
      RequestContext ctx, CreateClientVpnRouteRequest req) {
    String cidr = destination(req.destinationCidrBlock());
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      String subnet = req.targetVpcSubnetId();
      String attachment = null;
      if (e.transitGatewayId != null && subnet == null) {
        attachment = e.transitGatewayAttachmentId;
      } else if (subnet == null) {
        throw AwsException.missingParameter("TargetVpcSubnetId");
      } else if (e.associations.values().stream().noneMatch(a -> subnet.equals(a.subnetId))) {
        throw new AwsException(
            "InvalidClientVpnActiveAssociationNotFound",
            "The subnet " + subnet + " has no active association with " + e.id + ".");
      }
      String via = attachment;
      if (e.routes.stream()
          .anyMatch(
              r ->
                  r.cidr().equals(cidr)
                      && java.util.Objects.equals(r.targetSubnet(), subnet)
                      && java.util.Objects.equals(r.attachmentId(), via))) {
        throw new AwsException(
            "InvalidClientVpnDuplicateRoute", "Route already exists: " + cidr + " via " + subnet);
      }
      if (e.routes.size() >= MAX_ROUTES) {
        throw new AwsException(
            "ClientVpnRouteLimitExceeded",
            "The route table of " + e.id + " already has " + MAX_ROUTES + " routes.");
      }
      e.routes.add(
          new ClientVpnStore.Route(
              cidr, subnet, via, via == null ? "Nat" : "Tgw", "add-route", req.description()));
    }
    return CreateClientVpnRouteResponse.builder().status(st -> st.code("creating")).build();
  }

  public DeleteClientVpnRouteResponse deleteClientVpnRoute(
      RequestContext ctx, DeleteClientVpnRouteRequest req) {
    String cidr = destination(req.destinationCidrBlock());
    String subnet = req.targetVpcSubnetId();
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      List<ClientVpnStore.Route> matching =
          e.routes.stream()
              .filter(
                  r -> r.cidr().equals(cidr) && (subnet == null || subnet.equals(r.targetSubnet())))
              .toList();
      if (matching.isEmpty()) {
        throw new AwsException(
            "InvalidClientVpnRouteNotFound",
            "No route to " + cidr + (subnet == null ? "" : " via " + subnet) + " in " + e.id + ".");
      }
      if (matching.stream().anyMatch(r -> r.origin().equals("associate"))) {
        throw AwsException.invalidParameterValue(
            "The route to "
                + cidr
                + " was added by a target network association: disassociate the subnet to remove"
                + " it.");
      }
      e.routes.removeAll(matching);
    }
    return DeleteClientVpnRouteResponse.builder().status(st -> st.code("deleting")).build();
  }

  public DescribeClientVpnRoutesResponse describeClientVpnRoutes(
      RequestContext ctx, DescribeClientVpnRoutesRequest req) {
    var page =
        ClientVpnEndpoints.page(
            ctx,
            req.clientVpnEndpointId(),
            FILTERS,
            req.filters(),
            req.maxResults(),
            req.nextToken(),
            e ->
                e.routes.stream()
                    .map(
                        r ->
                            ClientVpnRoute.builder()
                                .clientVpnEndpointId(e.id)
                                .destinationCidr(r.cidr())
                                .targetSubnet(r.targetSubnet())
                                .transitGatewayAttachmentId(r.attachmentId())
                                .type(r.type())
                                .origin(r.origin())
                                .status(st -> st.code("active"))
                                .description(r.description())
                                .build()));
    return DescribeClientVpnRoutesResponse.builder()
        .routes(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
