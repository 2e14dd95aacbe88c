package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPrefixListReferenceRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPrefixListReferenceResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPrefixListReferenceRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPrefixListReferenceResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayPrefixListReferencesRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayPrefixListReferencesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayPrefixListReferenceRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayPrefixListReferenceResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPrefixListAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPrefixListReference;

/**
 * Prefix list references in transit gateway route tables: the CIDRs of a managed prefix list routed
 * to an attachment of the table's gateway, or blackholed. One reference per list and table.
 * https://docs.aws.amazon.com/vpc/latest/tgw/create-prefix-list-reference.html
 */
public final class PrefixListReferencesService {
  private static final FilterSpec<TransitGatewayPrefixListReference> FILTERS =
      FilterSpec.<TransitGatewayPrefixListReference>of()
          .field(
              "attachment.resource-id",
              r -> attached(r, TransitGatewayPrefixListAttachment::resourceId))
          .field(
              "attachment.resource-type",
              r -> attached(r, TransitGatewayPrefixListAttachment::resourceTypeAsString))
          .field(
              "attachment.transit-gateway-attachment-id",
              r -> attached(r, TransitGatewayPrefixListAttachment::transitGatewayAttachmentId))
          .field("is-blackhole", TransitGatewayPrefixListReference::blackhole)
          .field("prefix-list-id", TransitGatewayPrefixListReference::prefixListId)
          .field("prefix-list-owner-id", TransitGatewayPrefixListReference::prefixListOwnerId)
          .field("state", TransitGatewayPrefixListReference::stateAsString);

  /** A field of the reference's attachment, or null for a blackhole. */
  private static String attached(
      TransitGatewayPrefixListReference r,
      java.util.function.Function<TransitGatewayPrefixListAttachment, String> field) {
    return r.transitGatewayAttachment() == null ? null : field.apply(r.transitGatewayAttachment());
  }

  private static TransitGatewayPrefixListReference view(
      RequestContext ctx, TransitStore.PrefixListReference r, String state) {
    var a = TransitGatewayLookups.attachmentOrNull(ctx.state(), r.attachmentId());
    return TransitGatewayPrefixListReference.builder()
        .transitGatewayRouteTableId(r.routeTableId())
        .prefixListId(r.prefixListId())
        .prefixListOwnerId(r.owner())
        .state(state)
        .blackhole(r.attachmentId() == null)
        .transitGatewayAttachment(
            a == null
                ? null
                : TransitGatewayPrefixListAttachment.builder()
                    .transitGatewayAttachmentId(a.id())
                    .resourceType(a.resourceType())
                    .resourceId(a.resourceId())
                    .build())
        .build();
  }

  private static String key(String table, String list) {
    return table + "/" + list;
  }

  /** The reference as asked: a target attachment of the table's gateway, or a blackhole. */
  private static TransitStore.PrefixListReference reference(
      RequestContext ctx, String table, String list, String attachment, Boolean blackhole) {
    String gateway = TransitGatewayLookups.routeTableGateway(ctx, table);
    String owner = TransitGatewayLookups.prefixListOwner(ctx, list);
    boolean hole = Boolean.TRUE.equals(blackhole);
    if (hole == (attachment != null)) {
      throw AwsException.invalidParameterCombination(
          "Specify either TransitGatewayAttachmentId or Blackhole.");
    }
    if (attachment != null
        && !TransitGatewayLookups.attachment(ctx, attachment).transitGatewayId().equals(gateway)) {
      throw AwsException.invalidParameterValue(
          "The attachment " + attachment + " does not belong to " + gateway + ".");
    }
    return new TransitStore.PrefixListReference(
        table, list, owner.equals("AWS") ? "AWS" : ctx.account(), attachment);
  }

  public CreateTransitGatewayPrefixListReferenceResponse createTransitGatewayPrefixListReference(
      RequestContext ctx, CreateTransitGatewayPrefixListReferenceRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      var r =
          reference(
              ctx,
              req.transitGatewayRouteTableId(),
              req.prefixListId(),
              req.transitGatewayAttachmentId(),
              req.blackhole());
      String key = key(r.routeTableId(), r.prefixListId());
      if (s.prefixListReferences.containsKey(key)) {
        throw new AwsException(
            "RouteAlreadyExists",
            "The prefix list "
                + r.prefixListId()
                + " is already referenced in "
                + r.routeTableId());
      }
      s.prefixListReferences.put(key, r);
      return CreateTransitGatewayPrefixListReferenceResponse.builder()
          .transitGatewayPrefixListReference(view(ctx, r, "pending"))
          .build();
    }
  }

  private static TransitStore.PrefixListReference existing(
      RequestContext ctx, TransitStore s, String table, String list) {
    TransitGatewayLookups.routeTableGateway(ctx, table);
    if (list == null) {
      throw AwsException.missingParameter("PrefixListId");
    }
    var r = s.prefixListReferences.get(key(table, list));
    if (r == null) {
      throw new AwsException(
          "InvalidPrefixListReference.NotFound",
          "The prefix list " + list + " is not referenced in " + table + ".");
    }
    return r;
  }

  public ModifyTransitGatewayPrefixListReferenceResponse modifyTransitGatewayPrefixListReference(
      RequestContext ctx, ModifyTransitGatewayPrefixListReferenceRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      existing(ctx, s, req.transitGatewayRouteTableId(), req.prefixListId());
      var r =
          reference(
              ctx,
              req.transitGatewayRouteTableId(),
              req.prefixListId(),
              req.transitGatewayAttachmentId(),
              req.blackhole());
      s.prefixListReferences.put(key(r.routeTableId(), r.prefixListId()), r);
      return ModifyTransitGatewayPrefixListReferenceResponse.builder()
          .transitGatewayPrefixListReference(view(ctx, r, "modifying"))
          .build();
    }
  }

  public DeleteTransitGatewayPrefixListReferenceResponse deleteTransitGatewayPrefixListReference(
      RequestContext ctx, DeleteTransitGatewayPrefixListReferenceRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      var r = existing(ctx, s, req.transitGatewayRouteTableId(), req.prefixListId());
      s.prefixListReferences.remove(key(r.routeTableId(), r.prefixListId()));
      return DeleteTransitGatewayPrefixListReferenceResponse.builder()
          .transitGatewayPrefixListReference(view(ctx, r, "deleting"))
          .build();
    }
  }

  public GetTransitGatewayPrefixListReferencesResponse getTransitGatewayPrefixListReferences(
      RequestContext ctx, GetTransitGatewayPrefixListReferencesRequest req) {
    var filter = FILTERS.compile(req.filters());
    List<TransitGatewayPrefixListReference> out;
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      String table = req.transitGatewayRouteTableId();
      TransitGatewayLookups.routeTableGateway(ctx, table);
      out =
          s.prefixListReferences.values().stream()
              .filter(r -> r.routeTableId().equals(table))
              .map(r -> view(ctx, r, "available"))
              .filter(filter)
              .toList();
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetTransitGatewayPrefixListReferencesResponse.builder()
        .transitGatewayPrefixListReferences(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
