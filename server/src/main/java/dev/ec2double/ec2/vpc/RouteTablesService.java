package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
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
 * unless associated with another. Routes are records (the bridge routes within the VPC).
 */
public final class RouteTablesService {

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
          route(
              ctx,
              st,
              t,
              req.destinationCidrBlock(),
              req.gatewayId(),
              req.instanceId(),
              req.networkInterfaceId(),
              req.natGatewayId());
      for (RouteTableRecord.Route r : t.routes) {
        if (r.destination().equals(route.destination())) {
          throw new AwsException(
              "RouteAlreadyExists",
              "The route identified by " + route.destination() + " already exists.");
        }
      }
      t.routes.add(route);
    }
    return CreateRouteResponse.builder().returnValue(true).build();
  }

  public ReplaceRouteResponse replaceRoute(RequestContext ctx, ReplaceRouteRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      RouteTableRecord t = st.routeTable(req.routeTableId());
      RouteTableRecord.Route route =
          route(
              ctx,
              st,
              t,
              req.destinationCidrBlock(),
              req.gatewayId(),
              req.instanceId(),
              req.networkInterfaceId(),
              req.natGatewayId());
      int i = indexOf(t, route.destination());
      if (t.routes.get(i).gatewayId() != null && t.routes.get(i).gatewayId().equals("local")) {
        throw AwsException.invalidParameterValue("Cannot replace the local route.");
      }
      t.routes.set(i, route);
    }
    return ReplaceRouteResponse.builder().build();
  }

  public DeleteRouteResponse deleteRoute(RequestContext ctx, DeleteRouteRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      RouteTableRecord t = st.routeTable(req.routeTableId());
      int i = indexOf(t, req.destinationCidrBlock());
      if ("local".equals(t.routes.get(i).gatewayId())) {
        throw new AwsException(
            "InvalidParameterValue",
            "cannot remove local route " + req.destinationCidrBlock() + " in route table " + t.id);
      }
      t.routes.remove(i);
    }
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

  private static RouteTableRecord.Route route(
      RequestContext ctx,
      VpcState st,
      RouteTableRecord t,
      String destination,
      String gateway,
      String instance,
      String eni,
      String nat) {
    if (destination == null) {
      throw AwsException.missingParameter("destinationCidrBlock");
    }
    Cidr cidr = Cidr.parseOrNull(destination);
    if (cidr == null) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + destination
              + ") for parameter destinationCidrBlock is invalid. This is not"
              + " a valid CIDR block.");
    }
    int targets =
        (gateway != null ? 1 : 0)
            + (instance != null ? 1 : 0)
            + (eni != null ? 1 : 0)
            + (nat != null ? 1 : 0);
    if (targets != 1) {
      throw AwsException.invalidParameterCombination(
          "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId"
              + " or instanceId");
    }
    if (gateway != null && gateway.startsWith("igw-")) {
      InternetGatewayRecord g = InternetGateways.KIND.get(ctx.state(), gateway);
      if (!t.vpcId.equals(g.vpcId)) {
        throw AwsException.invalidParameterValue(
            "route table "
                + t.id
                + " and network gateway "
                + g.id
                + " belong to different"
                + " networks");
      }
    }
    if (eni != null) {
      st.networkInterface(eni);
    }
    return new RouteTableRecord.Route(cidr.toString(), gateway, instance, eni, nat, "CreateRoute");
  }

  public AssociateRouteTableResponse associateRouteTable(
      RequestContext ctx, AssociateRouteTableRequest req) {
    VpcState st = VpcState.of(ctx.state());
    String id = Ids.next("rtbassoc");
    synchronized (st) {
      RouteTableRecord t = st.routeTable(req.routeTableId());
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
                new RouteTableRecord.Association(newId, a.subnetId(), a.main()));
            if (a.main()) {
              st.vpc(t.vpcId).mainRouteTableId = target.id;
            }
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

  private static AwsException notFound(String id) {
    return new AwsException(
        "InvalidAssociationID.NotFound", "The association ID '" + id + "' does not exist");
  }
}
