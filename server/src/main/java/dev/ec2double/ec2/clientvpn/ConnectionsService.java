package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ClientVpnConnection;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.TerminateClientVpnConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.TerminateClientVpnConnectionsResponse;

/**
 * Client connections. No VPN server runs, so no client ever connects: the list is empty (its
 * filters and paging checked), and terminating a connection or a user's connections answers AWS's
 * not-found errors, as AWS does for an endpoint nobody is connected to.
 */
public final class ConnectionsService {
  private static final FilterSpec<ClientVpnConnection> FILTERS =
      FilterSpec.<ClientVpnConnection>of()
          .field("connection-id", ClientVpnConnection::connectionId)
          .field("username", ClientVpnConnection::username);

  public DescribeClientVpnConnectionsResponse describeClientVpnConnections(
      RequestContext ctx, DescribeClientVpnConnectionsRequest req) {
    FILTERS.compile(req.filters());
    ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
    var page =
        Pages.page(ctx.action(), List.<ClientVpnConnection>of(), req.maxResults(), req.nextToken());
    return DescribeClientVpnConnectionsResponse.builder()
        .connections(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public TerminateClientVpnConnectionsResponse terminateClientVpnConnections(
      RequestContext ctx, TerminateClientVpnConnectionsRequest req) {
    ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
    if (req.connectionId() != null && req.username() != null) {
      throw AwsException.invalidParameterCombination("Specify either ConnectionId or Username.");
    }
    if (req.connectionId() != null) {
      throw new AwsException(
          "InvalidClientVpnConnection.IdNotFound",
          "The connection " + req.connectionId() + " of " + e.id + " cannot be found.");
    }
    if (req.username() != null) {
      throw new AwsException(
          "InvalidClientVpnConnection.UserNotFound",
          "The user " + req.username() + " has no active connection to " + e.id + ".");
    }
    throw AwsException.missingParameter("ConnectionId");
  }
}
