package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What the transit gateway features outside this package (peering, Connect, multicast, policy
 * tables, ...) need of the gateways, attachments and route tables kept here: read-only views, and
 * the few changes that make or end an attachment. Each call holds the region's VPC state lock.
 */
public final class TransitGatewayLookups {
  private TransitGatewayLookups() {}

  /** A live transit gateway as others see it. */
  public record Gateway(
      String id, long amazonSideAsn, List<String> cidrBlocks, Map<String, String> options) {
    public boolean enabled(String option) {
      return "enable".equals(options.get(option));
    }
  }

  /** A live attachment as others see it. */
  public record Attachment(
      String id,
      String transitGatewayId,
      String resourceType,
      String resourceId,
      String state,
      String routeTableId,
      List<String> subnetIds) {}

  public static Gateway gateway(RequestContext ctx, String id) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      TransitGatewayRecords.Gateway g = TransitGatewaysService.live(ctx, id);
      return new Gateway(g.id, g.amazonSideAsn, List.copyOf(g.cidrBlocks), Map.copyOf(g.options));
    }
  }

  public static Attachment attachment(RequestContext ctx, String id) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      return view(TransitGatewaysService.liveAttachment(ctx, id));
    }
  }

  /** A live attachment, or null when there is none (any more). */
  public static Attachment attachmentOrNull(RegionState state, String id) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      var a = id == null ? null : st.transitGatewayAttachments.get(id);
      return a == null || !a.live() ? null : view(a);
    }
  }

  private static Attachment view(TransitGatewayRecords.Attachment a) {
    return new Attachment(
        a.id,
        a.transitGatewayId,
        a.resourceType,
        a.resourceId,
        a.state,
        a.routeTableId,
        List.copyOf(a.subnetIds));
  }

  /** The live attachments of a gateway. */
  public static List<Attachment> attachments(RegionState state, String transitGatewayId) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      List<Attachment> out = new ArrayList<>();
      for (var a : st.transitGatewayAttachments.values()) {
        if (a.live() && a.transitGatewayId.equals(transitGatewayId)) {
          out.add(view(a));
        }
      }
      return out;
    }
  }

  /** The gateway of a live route table (its not-found error otherwise). */
  public static String routeTableGateway(RequestContext ctx, String tableId) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      return TransitGatewayRoutesService.liveTable(ctx, tableId).transitGatewayId;
    }
  }

  /** The route tables an attachment propagates into. */
  public static List<String> propagatingTables(RequestContext ctx, String attachmentId) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      TransitGatewaysService.liveAttachment(ctx, attachmentId);
      return st.transitGatewayRouteTables.values().stream()
          .filter(t -> t.live() && t.propagations.contains(attachmentId))
          .map(t -> t.id)
          .toList();
    }
  }

  /**
   * Makes an attachment of a gateway in the caller's region, in {@code state}; with {@code
   * defaults} it joins the gateway's default route tables as its options say.
   */
  public static String createAttachment(
      RequestContext ctx,
      List<Tag> tags,
      String transitGatewayId,
      String resourceType,
      String resourceId,
      String state,
      boolean defaults) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      TransitGatewayRecords.Gateway g = TransitGatewaysService.live(ctx, transitGatewayId);
      var a =
          TransitGateways.ATTACHMENTS.create(
              ctx,
              tags,
              id -> new TransitGatewayRecords.Attachment(id, g.id, resourceType, resourceId));
      a.state = state;
      if (defaults) {
        TransitGatewayRoutesService.attachDefaults(st, g, a);
      }
      return a.id;
    }
  }

  /** The other side's record of a cross-region or cross-account attachment, with the same id. */
  public static void mirrorAttachment(
      RegionState state,
      String id,
      String transitGatewayId,
      String resourceType,
      String resourceId,
      String attachmentState) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      var a = new TransitGatewayRecords.Attachment(id, transitGatewayId, resourceType, resourceId);
      a.state = attachmentState;
      st.transitGatewayAttachments.put(id, a);
    }
  }

  /** Sets the state of an attachment held in this region, if it is still live. */
  public static void setState(RegionState state, String id, String attachmentState) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      var a = st.transitGatewayAttachments.get(id);
      if (a != null && a.live()) {
        a.state = attachmentState;
      }
    }
  }

  /** Ends an attachment held in this region: it leaves its tables and shows deleted. */
  public static void delete(RegionState state, String id) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      var a = st.transitGatewayAttachments.get(id);
      if (a != null && a.live()) {
        TransitGatewayRoutesService.detach(st, a);
        a.delete();
      }
    }
  }

  /** The subnet of a network interface (InvalidNetworkInterfaceID.NotFound without one). */
  public static String interfaceSubnet(RegionState state, String eniId) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      NetworkInterfaceRecord n = eniId == null ? null : st.interfaces.get(eniId);
      if (n == null) {
        throw new AwsException(
            "InvalidNetworkInterfaceID.NotFound",
            "The networkInterface ID '" + eniId + "' does not exist");
      }
      return n.subnetId;
    }
  }

  /** The owner of a managed prefix list ({@code AWS} or an account), or its not-found error. */
  public static String prefixListOwner(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("PrefixListId");
    }
    return PrefixLists.KIND.get(ctx.state(), id).owner;
  }

  /**
   * The routes of a live table (static and propagated) that pass SearchTransitGatewayRoutes'
   * filters, as it shows them.
   */
  public static List<software.amazon.awssdk.services.ec2.model.TransitGatewayRoute> routes(
      RequestContext ctx,
      String tableId,
      List<software.amazon.awssdk.services.ec2.model.Filter> filters) {
    var filter = TransitGatewayRoutesService.ROUTE_FILTERS.compile(filters);
    return TransitGatewayRoutesService.routes(ctx, tableId).stream().filter(filter).toList();
  }
}
