package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AssociateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.AssociateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteTableAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteTableAssociationResponse;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociationState;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Route tables: every VPC has a main table with its {@code local} route; subnets use the main table
 * unless associated with another. Routes are records (the bridge routes within the VPC), except the
 * routes to VPC peering connections, which decide what the host routes between two VPCs ({@link
 * VpcPeeringEnforcer}).
 */
public final class RouteTablesService {
  private final InstancePlacements placements;
  private final VpcPeeringEnforcer peerings;

  public RouteTablesService(InstancePlacements placements, VpcPeeringEnforcer peerings) {
    this.placements = placements;
    this.peerings = peerings;
  }

  /** After a change of routes or associations: what the host routes between peered VPCs. */
  private void routesChanged(RequestContext ctx) {
    if (peerings != null) {
      peerings.refresh(ctx.state());
    }
  }

  public CreateRouteTableResponse createRouteTable(
      RequestContext ctx, CreateRouteTableRequest req) {
    List<Tag> tags = VpcTags.of(req.tagSpecifications(), "route-table");
    VpcState st = VpcState.of(ctx.state());
    RouteTableRecord t;
    synchronized (st) {
      VpcRecord vpc = st.vpc(req.vpcId());
      t = new RouteTableRecord(Ids.next("rtb"), vpc.id);
      t.routes.add(
          new RouteTableRecord.Route(
              vpc.cidr.toString(), "local", null, null, null, "CreateRouteTable"));
      st.routeTables.put(t.id, t);
    }
    VpcTags.apply(ctx, t.id, tags);
    synchronized (st) {
      return CreateRouteTableResponse.builder().routeTable(VpcViews.routeTable(ctx, st, t)).build();
    }
  }

  public DeleteRouteTableResponse deleteRouteTable(
      RequestContext ctx, DeleteRouteTableRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      RouteTableRecord t = st.routeTable(req.routeTableId());
      if (!t.associations.isEmpty()) {
        throw new AwsException(
            "DependencyViolation",
            "The routeTable '" + t.id + "' has dependencies and cannot be deleted.");
      }
      st.routeTables.remove(t.id);
    }
    ctx.tags().drop(req.routeTableId());
    return DeleteRouteTableResponse.builder().build();
  }

  public DescribeRouteTablesResponse describeRouteTables(
      RequestContext ctx, DescribeRouteTablesRequest req) {
    VpcState st = VpcState.of(ctx.state());
    Predicate<RouteTable> filter = VpcFilters.ROUTE_TABLES.compile(req.filters());
    List<RouteTable> views = new ArrayList<>();
    synchronized (st) {
      List<RouteTableRecord> records = new ArrayList<>();
      for (String id : req.routeTableIds()) {
        records.add(st.routeTable(id));
      }
      if (req.routeTableIds().isEmpty()) {
        records.addAll(st.routeTables.values());
      }
      for (RouteTableRecord r : records) {
        RouteTable t = VpcViews.routeTable(ctx, st, r);
        if (filter.test(t)) {
          views.add(t);
        }
      }
    }
    var page = Pages.page("DescribeRouteTables", views, req.maxResults(), req.nextToken());
    return DescribeRouteTablesResponse.builder()
        .routeTables(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public CreateRouteResponse createRoute(RequestContext ctx, CreateRouteRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      RouteTableRecord t = st.routeTable(req.routeTableId());
      RouteTableRecord.Route route =
          RouteTargets.route(ctx.state(), st, placements, t, RouteTargets.Ask.of(req), false);
      for (RouteTableRecord.Route r : t.routes) {
        if (r.destination().equals(route.destination())) {
          throw new AwsException(
              "RouteAlreadyExists",
              "The route identified by " + route.destination() + " already exists.");
        }
      }
      t.routes.add(route);
    }
    routesChanged(ctx);
    return CreateRouteResponse.builder().returnValue(true).build();
  }

  public ReplaceRouteResponse replaceRoute(RequestContext ctx, ReplaceRouteRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      RouteTableRecord t = st.routeTable(req.routeTableId());
      RouteTableRecord.Route route =
          RouteTargets.route(ctx.state(), st, placements, t, RouteTargets.Ask.of(req), true);
      int i = indexOf(t, route.destination());
      RouteTableRecord.Route old = t.routes.get(i);
      if (route.isLocal() && !old.isLocal()) {
        throw AwsException.invalidParameterValue(
            "The 'local' target can only be used to restore the local route");
      }
      // AWS lets the local route point at a middlebox (an ENI, a NAT gateway, an endpoint) only
      if (old.isLocal()
          && !route.isLocal()
          && route.eniId() == null
          && route.natGatewayId() == null
          && route.vpcEndpointId() == null) {
        throw AwsException.invalidParameterValue(
            "Cannot replace the local route " + old.destination() + " with this target");
      }
      // the local route keeps its origin; replacing it with itself restores it
      t.routes.set(i, old.isLocal() && route.isLocal() ? old : replaced(route, old));
    }
    routesChanged(ctx);
    return ReplaceRouteResponse.builder().build();
  }

  /** A replacement keeps the origin of the route it replaces. */
  private static RouteTableRecord.Route replaced(
      RouteTableRecord.Route route, RouteTableRecord.Route old) {
    return new RouteTableRecord.Route(
        route.destination(),
        route.gatewayId(),
        route.instanceId(),
        route.eniId(),
        route.natGatewayId(),
        old.origin(),
        route.peeringId(),
        route.egressOnlyGatewayId(),
        route.transitGatewayId(),
        route.carrierGatewayId(),
        route.vpcEndpointId(),
        route.localGatewayId(),
        route.coreNetworkArn());
  }

  public DeleteRouteResponse deleteRoute(RequestContext ctx, DeleteRouteRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      RouteTableRecord t = st.routeTable(req.routeTableId());
      String destination =
          RouteTargets.destination(
              req.destinationCidrBlock(),
              req.destinationIpv6CidrBlock(),
              req.destinationPrefixListId());
      int i = indexOf(t, destination);
      if (t.routes.get(i).isLocal()) {
        throw new AwsException(
            "InvalidParameterValue",
            "cannot remove local route " + destination + " in route table " + t.id);
      }
      t.routes.remove(i);
    }
    routesChanged(ctx);
    return DeleteRouteResponse.builder().build();
  }

  private static int indexOf(RouteTableRecord t, String destination) {
    for (int i = 0; i < t.routes.size(); i++) {
      if (t.routes.get(i).destination().equals(destination)) {
        return i;
      }
    }
    throw new AwsException(
        "InvalidRoute.NotFound",
        "no route with destination-cidr-block " + destination + " in route table " + t.id);
  }

  public AssociateRouteTableResponse associateRouteTable(
      RequestContext ctx, AssociateRouteTableRequest req) {
    VpcState st = VpcState.of(ctx.state());
    String id = Ids.next("rtbassoc");
    synchronized (st) {
      RouteTableRecord t = st.routeTable(req.routeTableId());
      if (req.subnetId() != null && req.gatewayId() != null) {
        throw AwsException.invalidParameterCombination(
            "Only one of subnetId or gatewayId may be given");
      }
      if (req.gatewayId() != null) {
        associateGateway(ctx, st, t, req.gatewayId(), id);
        return AssociateRouteTableResponse.builder()
            .associationId(id)
            .associationState(RouteTableAssociationState.builder().state("associated").build())
            .build();
      }
      if (req.subnetId() == null) {
        throw AwsException.missingParameter("SubnetId");
      }
      SubnetRecord s = st.subnet(req.subnetId());
      if (!s.vpcId.equals(t.vpcId)) {
        throw AwsException.invalidParameterValue(
            "Route table " + t.id + " and subnet " + s.id + " belong to different networks");
      }
      for (RouteTableRecord other : st.routeTables.values()) {
        for (RouteTableRecord.Association a : other.associations) {
          if (s.id.equals(a.subnetId())) {
            throw new AwsException(
                "Resource.AlreadyAssociated",
                "the specified association for route table "
                    + other.id
                    + " conflicts with an"
                    + " existing association");
          }
        }
      }
      t.associations.add(new RouteTableRecord.Association(id, s.id, false));
    }
    routesChanged(ctx);
    return AssociateRouteTableResponse.builder()
        .associationId(id)
        .associationState(RouteTableAssociationState.builder().state("associated").build())
        .build();
  }

  public DisassociateRouteTableResponse disassociateRouteTable(
      RequestContext ctx, DisassociateRouteTableRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      for (RouteTableRecord t : st.routeTables.values()) {
        for (RouteTableRecord.Association a : t.associations) {
          if (a.id().equals(req.associationId())) {
            if (a.main()) {
              throw AwsException.invalidParameterValue(
                  "cannot disassociate the main route table association " + a.id());
            }
            t.associations.remove(a);
            routesChanged(ctx);
            return DisassociateRouteTableResponse.builder().build();
          }
        }
      }
    }
    throw notFound(req.associationId());
  }

  /** Moves an association to another table; for the main association, changes the main table. */
  public ReplaceRouteTableAssociationResponse replaceRouteTableAssociation(
      RequestContext ctx, ReplaceRouteTableAssociationRequest req) {
    VpcState st = VpcState.of(ctx.state());
    String newId = Ids.next("rtbassoc");
    synchronized (st) {
      RouteTableRecord target = st.routeTable(req.routeTableId());
      for (RouteTableRecord t : st.routeTables.values()) {
        for (RouteTableRecord.Association a : t.associations) {
          if (a.id().equals(req.associationId())) {
            if (!t.vpcId.equals(target.vpcId)) {
              throw AwsException.invalidParameterValue(
                  "Route table " + target.id + " belongs to a different network");
            }
            t.associations.remove(a);
            target.associations.add(
                new RouteTableRecord.Association(newId, a.subnetId(), a.main(), a.gatewayId()));
            if (a.main()) {
              st.vpc(t.vpcId).mainRouteTableId = target.id;
            }
            routesChanged(ctx);
            return ReplaceRouteTableAssociationResponse.builder()
                .newAssociationId(newId)
                .associationState(RouteTableAssociationState.builder().state("associated").build())
                .build();
          }
        }
      }
    }
    throw notFound(req.associationId());
  }

  /**
   * An edge association: the route table of the traffic entering the VPC through its internet
   * gateway. The gateway must be attached to the table's VPC and have no other edge association.
   */
  private static void associateGateway(
      RequestContext ctx, VpcState st, RouteTableRecord t, String gatewayId, String id) {
    if (!gatewayId.startsWith("igw-") || !InternetGateways.KIND.exists(ctx.state(), gatewayId)) {
      throw new AwsException(
          "InvalidGatewayID.NotFound", "The gateway ID '" + gatewayId + "' does not exist");
    }
    InternetGatewayRecord g = InternetGateways.KIND.get(ctx.state(), gatewayId);
    if (!t.vpcId.equals(g.vpcId)) {
      throw AwsException.invalidParameterValue(
          "Route table " + t.id + " and gateway " + g.id + " belong to different networks");
    }
    for (RouteTableRecord other : st.routeTables.values()) {
      for (RouteTableRecord.Association a : other.associations) {
        if (gatewayId.equals(a.gatewayId())) {
          throw new AwsException(
              "Resource.AlreadyAssociated",
              "the specified association for route table "
                  + other.id
                  + " conflicts with an existing association");
        }
      }
    }
    t.associations.add(new RouteTableRecord.Association(id, null, false, gatewayId));
  }

  private static AwsException notFound(String id) {
    return new AwsException(
        "InvalidAssociationID.NotFound", "The association ID '" + id + "' does not exist");
  }
}
