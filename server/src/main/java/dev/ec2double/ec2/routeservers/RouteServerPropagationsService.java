package dev.ec2double.ec2.routeservers;

import static dev.ec2double.ec2.routeservers.RouteServerInputs.required;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.ManagedInterfaces;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DisableRouteServerPropagationRequest;
import software.amazon.awssdk.services.ec2.model.DisableRouteServerPropagationResponse;
import software.amazon.awssdk.services.ec2.model.EnableRouteServerPropagationRequest;
import software.amazon.awssdk.services.ec2.model.EnableRouteServerPropagationResponse;
import software.amazon.awssdk.services.ec2.model.GetRouteServerPropagationsRequest;
import software.amazon.awssdk.services.ec2.model.GetRouteServerPropagationsResponse;
import software.amazon.awssdk.services.ec2.model.GetRouteServerRoutingDatabaseRequest;
import software.amazon.awssdk.services.ec2.model.GetRouteServerRoutingDatabaseResponse;
import software.amazon.awssdk.services.ec2.model.RouteServerPropagation;
import software.amazon.awssdk.services.ec2.model.RouteServerRoute;

/**
 * Propagation of a route server's routes into route tables of its VPC, and its routing database.
 * With no BGP session up the database is empty, so nothing is ever propagated into a table: the
 * propagation is a record that a route would go there.
 */
public final class RouteServerPropagationsService {
  private static final FilterSpec<RouteServerRoute> ROUTE_FILTERS =
      FilterSpec.<RouteServerRoute>of()
          .field("route-server-endpoint-id", RouteServerRoute::routeServerEndpointId)
          .field("route-server-peer-id", RouteServerRoute::routeServerPeerId)
          .field("route-status", RouteServerRoute::routeStatusAsString)
          .field("prefix", RouteServerRoute::prefix)
          .field("med", RouteServerRoute::med)
          .field("next-hop-ip", RouteServerRoute::nextHopIp)
          .multi("as-paths", RouteServerRoute::asPaths)
          .multi(
              "route-installation-details.route-table-id",
              r -> r.routeInstallationDetails().stream().map(d -> d.routeTableId()).toList())
          .multi(
              "route-installation-details.route-installation-status",
              r ->
                  r.routeInstallationDetails().stream()
                      .map(d -> d.routeInstallationStatusAsString())
                      .toList())
          .tags(r -> java.util.Map.of());

  public EnableRouteServerPropagationResponse enableRouteServerPropagation(
      RequestContext ctx, EnableRouteServerPropagationRequest req) {
    String table = required(req.routeTableId(), "RouteTableId");
    RouteServerState st = RouteServerState.of(ctx.state());
    boolean already;
    synchronized (st) {
      RouteServerState.Server s = RouteServerInputs.server(ctx.state(), req.routeServerId());
      String tableVpc = ManagedInterfaces.vpcOfRouteTable(ctx.state(), table);
      if (s.vpcId == null) {
        throw RouteServerInputs.notAssociated(s.id, tableVpc);
      }
      if (!tableVpc.equals(s.vpcId)) {
        throw AwsException.invalidParameterValue(
            "The route table '"
                + table
                + "' is not in the VPC '"
                + s.vpcId
                + "' the route server '"
                + s.id
                + "' is associated with.");
      }
      already = !s.propagations.add(table);
    }
    return EnableRouteServerPropagationResponse.builder()
        .routeServerPropagation(
            propagation(req.routeServerId(), table, already ? "available" : "pending"))
        .build();
  }

  public DisableRouteServerPropagationResponse disableRouteServerPropagation(
      RequestContext ctx, DisableRouteServerPropagationRequest req) {
    String table = required(req.routeTableId(), "RouteTableId");
    RouteServerState st = RouteServerState.of(ctx.state());
    synchronized (st) {
      RouteServerState.Server s = RouteServerInputs.server(ctx.state(), req.routeServerId());
      if (!s.propagations.remove(table)) {
        throw new AwsException(
            "InvalidRouteServerId.NotPropagated",
            "The route server '"
                + s.id
                + "' does not propagate to the route table '"
                + table
                + "'.");
      }
    }
    return DisableRouteServerPropagationResponse.builder()
        .routeServerPropagation(propagation(req.routeServerId(), table, "deleting"))
        .build();
  }

  public GetRouteServerPropagationsResponse getRouteServerPropagations(
      RequestContext ctx, GetRouteServerPropagationsRequest req) {
    RouteServerState st = RouteServerState.of(ctx.state());
    List<RouteServerPropagation> out = new ArrayList<>();
    synchronized (st) {
      RouteServerState.Server s = RouteServerInputs.server(ctx.state(), req.routeServerId());
      for (String table : s.propagations) {
        if (req.routeTableId() == null || req.routeTableId().equals(table)) {
          out.add(propagation(s.id, table, "available"));
        }
      }
    }
    return GetRouteServerPropagationsResponse.builder().routeServerPropagations(out).build();
  }

  /** No BGP session: no route was learned, none is persisted. */
  public GetRouteServerRoutingDatabaseResponse getRouteServerRoutingDatabase(
      RequestContext ctx, GetRouteServerRoutingDatabaseRequest req) {
    ROUTE_FILTERS.compile(req.filters());
    RouteServerState st = RouteServerState.of(ctx.state());
    synchronized (st) {
      RouteServerInputs.server(ctx.state(), req.routeServerId());
    }
    var page =
        Pages.page(
            "GetRouteServerRoutingDatabase",
            List.<RouteServerRoute>of(),
            req.maxResults(),
            req.nextToken());
    return GetRouteServerRoutingDatabaseResponse.builder()
        .areRoutesPersisted(false)
        .routes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static RouteServerPropagation propagation(String serverId, String table, String state) {
    return RouteServerPropagation.builder()
        .routeServerId(serverId)
        .routeTableId(table)
        .state(state)
        .build();
  }
}
