package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AssociateTransitGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.AssociateTransitGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DisableTransitGatewayRouteTablePropagationRequest;
import software.amazon.awssdk.services.ec2.model.DisableTransitGatewayRouteTablePropagationResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateTransitGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateTransitGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.EnableTransitGatewayRouteTablePropagationRequest;
import software.amazon.awssdk.services.ec2.model.EnableTransitGatewayRouteTablePropagationResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayRouteTableAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayRouteTableAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayRouteTablePropagationsRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayRouteTablePropagationsResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceTransitGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceTransitGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.SearchTransitGatewayRoutesRequest;
import software.amazon.awssdk.services.ec2.model.SearchTransitGatewayRoutesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAssociation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPropagation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTablePropagation;

/**
 * Transit gateway route tables: create, describe, delete; associations (one table per attachment)
 * and propagations; static and blackhole routes; SearchTransitGatewayRoutes over the static routes
 * and those propagated from attachments (a VPC's CIDR blocks, a VPN connection's static routes).
 * Records only: nothing is routed.
 */
public final class TransitGatewayRoutesService {

  static TransitGatewayRecords.RouteTable newTable(
      RequestContext ctx, String transitGatewayId, List<Tag> tags) {
    return TransitGateways.ROUTE_TABLES.create(
        ctx, tags, id -> new TransitGatewayRecords.RouteTable(id, transitGatewayId));
  }

  static TransitGatewayRecords.RouteTable liveTable(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("TransitGatewayRouteTableId");
    }
    TransitGatewayRecords.RouteTable t = TransitGateways.ROUTE_TABLES.get(ctx.state(), id);
    if (!t.live()) {
      throw new AwsException(
          "InvalidRouteTableID.NotFound",
          "The transitGatewayRouteTable ID '" + id + "' does not exist");
    }
    return t;
  }

  /** A new attachment joins the gateway's default tables when its options say so. */
  static void attachDefaults(
      VpcState st, TransitGatewayRecords.Gateway g, TransitGatewayRecords.Attachment a) {
    if (g.enabled("DefaultRouteTableAssociation") && g.associationDefaultTable != null) {
      a.routeTableId = g.associationDefaultTable;
    }
    if (g.enabled("DefaultRouteTablePropagation") && g.propagationDefaultTable != null) {
      TransitGatewayRecords.RouteTable t =
          st.transitGatewayRouteTables.get(g.propagationDefaultTable);
      if (t != null && t.live()) {
        t.propagations.add(a.id);
      }
    }
  }

  /** A deleted attachment leaves every table; static routes to it turn blackhole. */
  static void detach(VpcState st, TransitGatewayRecords.Attachment a) {
    a.routeTableId = null;
    for (TransitGatewayRecords.RouteTable t : st.transitGatewayRouteTables.values()) {
      t.propagations.remove(a.id);
    }
  }

  public CreateTransitGatewayRouteTableResponse createTransitGatewayRouteTable(
      RequestContext ctx, CreateTransitGatewayRouteTableRequest req) {
    var tags = TransitGateways.ROUTE_TABLES.tags(req.tagSpecifications());
    VpcState st = VpcState.of(ctx.state());
    TransitGatewayRecords.RouteTable t;
    synchronized (st) {
      TransitGatewaysService.live(ctx, req.transitGatewayId());
      t = newTable(ctx, req.transitGatewayId(), tags);
    }
    return CreateTransitGatewayRouteTableResponse.builder()
        .transitGatewayRouteTable(
            TransitGateways.ROUTE_TABLES.view(ctx, t).toBuilder().state("pending").build())
        .build();
  }

  public DescribeTransitGatewayRouteTablesResponse describeTransitGatewayRouteTables(
      RequestContext ctx, DescribeTransitGatewayRouteTablesRequest req) {
    var page =
        TransitGateways.ROUTE_TABLES.describe(
            ctx,
            req.transitGatewayRouteTableIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeTransitGatewayRouteTablesResponse.builder()
        .transitGatewayRouteTables(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Not the gateway's default table, nor one with associations. */
  public DeleteTransitGatewayRouteTableResponse deleteTransitGatewayRouteTable(
      RequestContext ctx, DeleteTransitGatewayRouteTableRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      TransitGatewayRecords.RouteTable t = liveTable(ctx, req.transitGatewayRouteTableId());
      if (t.defaultAssociation || t.defaultPropagation) {
        throw new AwsException(
            "IncorrectState", "The default route table " + t.id + " cannot be deleted.");
      }
      boolean associated =
          st.transitGatewayAttachments.values().stream().anyMatch(a -> t.id.equals(a.routeTableId));
      if (associated) {
        throw new AwsException("IncorrectState", "The route table " + t.id + " has associations.");
      }
      t.delete();
      return DeleteTransitGatewayRouteTableResponse.builder()
          .transitGatewayRouteTable(
              TransitGateways.ROUTE_TABLES.view(ctx, t).toBuilder().state("deleting").build())
          .build();
    }
  }

  /** The table and the attachment, checked to belong to one gateway. */
  private record Pair(TransitGatewayRecords.RouteTable table, TransitGatewayRecords.Attachment a) {}

  private static Pair pair(RequestContext ctx, String tableId, String attachmentId) {
    TransitGatewayRecords.RouteTable t = liveTable(ctx, tableId);
    TransitGatewayRecords.Attachment a = TransitGatewaysService.liveAttachment(ctx, attachmentId);
    if (!t.transitGatewayId.equals(a.transitGatewayId)) {
      throw AwsException.invalidParameterValue(
          "The attachment "
              + a.id
              + " and the route table "
              + t.id
              + " belong to different transit gateways.");
    }
    return new Pair(t, a);
  }

  public AssociateTransitGatewayRouteTableResponse associateTransitGatewayRouteTable(
      RequestContext ctx, AssociateTransitGatewayRouteTableRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      Pair p = pair(ctx, req.transitGatewayRouteTableId(), req.transitGatewayAttachmentId());
      if (p.a().routeTableId != null) {
        throw new AwsException(
            "Resource.AlreadyAssociated",
            "Transit Gateway Attachment " + p.a().id + " is already associated to a route table.");
      }
      p.a().routeTableId = p.table().id;
      return AssociateTransitGatewayRouteTableResponse.builder()
          .association(association(p, "associating"))
          .build();
    }
  }

  public DisassociateTransitGatewayRouteTableResponse disassociateTransitGatewayRouteTable(
      RequestContext ctx, DisassociateTransitGatewayRouteTableRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      Pair p = pair(ctx, req.transitGatewayRouteTableId(), req.transitGatewayAttachmentId());
      if (!p.table().id.equals(p.a().routeTableId)) {
        throw new AwsException(
            "InvalidAssociation.NotFound",
            "Transit Gateway Attachment " + p.a().id + " is not associated with " + p.table().id);
      }
      p.a().routeTableId = null;
      return DisassociateTransitGatewayRouteTableResponse.builder()
          .association(association(p, "disassociating"))
          .build();
    }
  }

  private static TransitGatewayAssociation association(Pair p, String state) {
    return TransitGatewayAssociation.builder()
        .transitGatewayRouteTableId(p.table().id)
        .transitGatewayAttachmentId(p.a().id)
        .resourceId(p.a().resourceId)
        .resourceType(p.a().resourceType)
        .state(state)
        .build();
  }

  /** What Get…Associations and Get…Propagations filter on. */
  private static final FilterSpec<TransitGatewayRecords.Attachment> ATTACHMENT_FILTERS =
      FilterSpec.<TransitGatewayRecords.Attachment>of()
          .field("resource-id", a -> a.resourceId)
          .field("resource-type", a -> a.resourceType)
          .field("transit-gateway-attachment-id", a -> a.id);

  private static List<TransitGatewayRecords.Attachment> attachments(
      VpcState st,
      Predicate<TransitGatewayRecords.Attachment> which,
      List<software.amazon.awssdk.services.ec2.model.Filter> filters) {
    Predicate<TransitGatewayRecords.Attachment> f = ATTACHMENT_FILTERS.compile(filters);
    return st.transitGatewayAttachments.values().stream()
        .filter(a -> a.live() && which.test(a) && f.test(a))
        .toList();
  }

  public GetTransitGatewayRouteTableAssociationsResponse getTransitGatewayRouteTableAssociations(
      RequestContext ctx, GetTransitGatewayRouteTableAssociationsRequest req) {
    VpcState st = VpcState.of(ctx.state());
    List<TransitGatewayRouteTableAssociation> out = new ArrayList<>();
    synchronized (st) {
      TransitGatewayRecords.RouteTable t = liveTable(ctx, req.transitGatewayRouteTableId());
      for (var a : attachments(st, a -> t.id.equals(a.routeTableId), req.filters())) {
        out.add(
            TransitGatewayRouteTableAssociation.builder()
                .transitGatewayAttachmentId(a.id)
                .resourceId(a.resourceId)
                .resourceType(a.resourceType)
                .state("associated")
                .build());
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetTransitGatewayRouteTableAssociationsResponse.builder()
        .associations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public EnableTransitGatewayRouteTablePropagationResponse
      enableTransitGatewayRouteTablePropagation(
          RequestContext ctx, EnableTransitGatewayRouteTablePropagationRequest req) {
    return EnableTransitGatewayRouteTablePropagationResponse.builder()
        .propagation(
            propagate(
                ctx, req.transitGatewayRouteTableId(), req.transitGatewayAttachmentId(), true))
        .build();
  }

  public DisableTransitGatewayRouteTablePropagationResponse
      disableTransitGatewayRouteTablePropagation(
          RequestContext ctx, DisableTransitGatewayRouteTablePropagationRequest req) {
    return DisableTransitGatewayRouteTablePropagationResponse.builder()
        .propagation(
            propagate(
                ctx, req.transitGatewayRouteTableId(), req.transitGatewayAttachmentId(), false))
        .build();
  }

  /** Starts or ends an attachment's propagation into a table: AWS's error when it already is so. */
  private static TransitGatewayPropagation propagate(
      RequestContext ctx, String tableId, String attachmentId, boolean enable) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      Pair p = pair(ctx, tableId, attachmentId);
      boolean changed =
          enable ? p.table().propagations.add(p.a().id) : p.table().propagations.remove(p.a().id);
      if (!changed) {
        throw new AwsException(
            enable
                ? "TransitGatewayRouteTablePropagation.Duplicate"
                : "TransitGatewayRouteTablePropagation.NotFound",
            "Propagation for "
                + p.a().id
                + (enable ? " already exists in " : " does not exist in ")
                + p.table().id
                + ".");
      }
      return propagation(p, enable ? "enabling" : "disabling");
    }
  }

  private static TransitGatewayPropagation propagation(Pair p, String state) {
    return TransitGatewayPropagation.builder()
        .transitGatewayRouteTableId(p.table().id)
        .transitGatewayAttachmentId(p.a().id)
        .resourceId(p.a().resourceId)
        .resourceType(p.a().resourceType)
        .state(state)
        .build();
  }

  public GetTransitGatewayRouteTablePropagationsResponse getTransitGatewayRouteTablePropagations(
      RequestContext ctx, GetTransitGatewayRouteTablePropagationsRequest req) {
    VpcState st = VpcState.of(ctx.state());
    List<TransitGatewayRouteTablePropagation> out = new ArrayList<>();
    synchronized (st) {
      TransitGatewayRecords.RouteTable t = liveTable(ctx, req.transitGatewayRouteTableId());
      for (var a : attachments(st, a -> t.propagations.contains(a.id), req.filters())) {
        out.add(
            TransitGatewayRouteTablePropagation.builder()
                .transitGatewayAttachmentId(a.id)
                .resourceId(a.resourceId)
                .resourceType(a.resourceType)
                .state("enabled")
                .build());
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetTransitGatewayRouteTablePropagationsResponse.builder()
        .transitGatewayRouteTablePropagations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public CreateTransitGatewayRouteResponse createTransitGatewayRoute(
      RequestContext ctx, CreateTransitGatewayRouteRequest req) {
    return CreateTransitGatewayRouteResponse.builder()
        .route(
            putRoute(
                ctx,
                req.transitGatewayRouteTableId(),
                req.destinationCidrBlock(),
                req.transitGatewayAttachmentId(),
                req.blackhole(),
                false))
        .build();
  }

  public ReplaceTransitGatewayRouteResponse replaceTransitGatewayRoute(
      RequestContext ctx, ReplaceTransitGatewayRouteRequest req) {
    return ReplaceTransitGatewayRouteResponse.builder()
        .route(
            putRoute(
                ctx,
                req.transitGatewayRouteTableId(),
                req.destinationCidrBlock(),
                req.transitGatewayAttachmentId(),
                req.blackhole(),
                true))
        .build();
  }

  private static TransitGatewayRoute putRoute(
      RequestContext ctx,
      String tableId,
      String destination,
      String attachmentId,
      Boolean blackhole,
      boolean replace) {
    String cidr = destination(destination);
    boolean hole = Boolean.TRUE.equals(blackhole);
    if (hole == (attachmentId != null)) {
      throw AwsException.invalidParameterCombination(
          "Specify either TransitGatewayAttachmentId or Blackhole.");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      TransitGatewayRecords.RouteTable t = liveTable(ctx, tableId);
      if (attachmentId != null) {
        pair(ctx, t.id, attachmentId);
      }
      boolean exists = t.staticRoutes.containsKey(cidr);
      if (exists && !replace) {
        throw new AwsException(
            "RouteAlreadyExists",
            "Route " + cidr + " already exists in Transit Gateway Route Table " + t.id + ".");
      }
      if (!exists && replace) {
        throw new AwsException(
            "InvalidRoute.NotFound",
            "No route with destination-cidr-block "
                + cidr
                + " in Transit Gateway Route Table "
                + t.id);
      }
      t.staticRoutes.put(cidr, attachmentId);
      return route(st, cidr, attachmentId, "static");
    }
  }

  private static String destination(String text) {
    if (text == null) {
      throw AwsException.missingParameter("DestinationCidrBlock");
    }
    Cidr v4 = Cidr.parseOrNull(text);
    if (v4 == null && Ipv6Blocks.parseOrNull(text) == null) {
      throw AwsException.invalidParameterValue(
          "Value (" + text + ") for parameter destinationCidrBlock is invalid.");
    }
    return v4 != null ? v4.toString() : text;
  }

  public DeleteTransitGatewayRouteResponse deleteTransitGatewayRoute(
      RequestContext ctx, DeleteTransitGatewayRouteRequest req) {
    String cidr = destination(req.destinationCidrBlock());
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      TransitGatewayRecords.RouteTable t = liveTable(ctx, req.transitGatewayRouteTableId());
      if (!t.staticRoutes.containsKey(cidr)) {
        throw new AwsException(
            "InvalidRoute.NotFound",
            "No route with destination-cidr-block "
                + cidr
                + " in Transit Gateway Route Table "
                + t.id);
      }
      String target = t.staticRoutes.remove(cidr);
      return DeleteTransitGatewayRouteResponse.builder()
          .route(route(st, cidr, target, "static").toBuilder().state("deleted").build())
          .build();
    }
  }

  /** A route as AWS shows it: blackhole when it has no attachment or its attachment is gone. */
  private static TransitGatewayRoute route(
      VpcState st, String cidr, String attachmentId, String type) {
    TransitGatewayRecords.Attachment a =
        attachmentId == null ? null : st.transitGatewayAttachments.get(attachmentId);
    boolean active = a != null && a.live();
    return TransitGatewayRoute.builder()
        .destinationCidrBlock(cidr)
        .type(type)
        .state(active ? "active" : "blackhole")
        .transitGatewayAttachments(
            active
                ? List.of(
                    TransitGatewayRouteAttachment.builder()
                        .transitGatewayAttachmentId(a.id)
                        .resourceId(a.resourceId)
                        .resourceType(a.resourceType)
                        .build())
                : List.of())
        .build();
  }

  static final FilterSpec<TransitGatewayRoute> ROUTE_FILTERS =
      FilterSpec.<TransitGatewayRoute>of()
          .multi(
              "attachment.transit-gateway-attachment-id",
              r ->
                  r.transitGatewayAttachments().stream()
                      .map(TransitGatewayRouteAttachment::transitGatewayAttachmentId)
                      .toList())
          .multi(
              "attachment.resource-id",
              r ->
                  r.transitGatewayAttachments().stream()
                      .map(TransitGatewayRouteAttachment::resourceId)
                      .toList())
          .multi(
              "attachment.resource-type",
              r ->
                  r.transitGatewayAttachments().stream()
                      .map(TransitGatewayRouteAttachment::resourceTypeAsString)
                      .toList())
          .field("route-search.exact-match", TransitGatewayRoute::destinationCidrBlock)
          .field("state", TransitGatewayRoute::stateAsString)
          .field("type", TransitGatewayRoute::typeAsString);

  /** The static routes and the propagated ones, filtered as asked (Filters are required). */
  public SearchTransitGatewayRoutesResponse searchTransitGatewayRoutes(
      RequestContext ctx, SearchTransitGatewayRoutesRequest req) {
    if (req.filters().isEmpty()) {
      throw AwsException.missingParameter("Filters");
    }
    Predicate<TransitGatewayRoute> filter = ROUTE_FILTERS.compile(req.filters());
    int max = req.maxResults() == null ? 1000 : req.maxResults();
    if (max < 5 || max > 1000) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + max
              + ") for parameter maxResults is invalid. It must be between 5 and 1000.");
    }
    List<TransitGatewayRoute> matching =
        routes(ctx, req.transitGatewayRouteTableId()).stream().filter(filter).toList();
    return SearchTransitGatewayRoutesResponse.builder()
        .routes(matching.subList(0, Math.min(max, matching.size())))
        .additionalRoutesAvailable(matching.size() > max)
        .build();
  }

  /** A live table's static routes and those propagated into it. */
  static List<TransitGatewayRoute> routes(RequestContext ctx, String tableId) {
    VpcState st = VpcState.of(ctx.state());
    List<TransitGatewayRoute> out = new ArrayList<>();
    synchronized (st) {
      TransitGatewayRecords.RouteTable t = liveTable(ctx, tableId);
      t.staticRoutes.forEach((cidr, target) -> out.add(route(st, cidr, target, "static")));
      for (String id : t.propagations) {
        TransitGatewayRecords.Attachment a = st.transitGatewayAttachments.get(id);
        for (String cidr : propagated(st, a)) {
          if (!t.staticRoutes.containsKey(cidr)) {
            out.add(route(st, cidr, id, "propagated"));
          }
        }
      }
    }
    return out;
  }

  /** What an attachment propagates: its VPC's IPv4 blocks, or its VPN's static routes. */
  private static List<String> propagated(VpcState st, TransitGatewayRecords.Attachment a) {
    if (a == null || !a.live()) {
      return List.of();
    }
    if (a.resourceType.equals("vpc")) {
      VpcRecord vpc = st.vpcs.get(a.resourceId);
      if (vpc == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      out.add(vpc.cidr.toString());
      vpc.extraCidrs.stream().filter(b -> !b.ipv6()).forEach(b -> out.add(b.cidr()));
      return out;
    }
    VpnConnectionRecord c = st.vpnConnections.get(a.resourceId);
    return c == null ? List.of() : List.copyOf(c.staticRoutes);
  }
}
