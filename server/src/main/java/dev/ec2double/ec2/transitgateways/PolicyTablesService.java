package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AssociateTransitGatewayPolicyTableRequest;
import software.amazon.awssdk.services.ec2.model.AssociateTransitGatewayPolicyTableResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPolicyTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPolicyTableResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPolicyTableRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPolicyTableResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayPolicyTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayPolicyTablesResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateTransitGatewayPolicyTableRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateTransitGatewayPolicyTableResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayPolicyTableAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayPolicyTableAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPolicyTable;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPolicyTableAssociation;

/**
 * Transit gateway policy tables (routing by policy for Cloud WAN peerings): create, describe,
 * delete; one policy table per attachment of the same gateway. Entries are in {@link
 * PolicyTableEntriesService}. Records.
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-policy-tables.html
 */
public final class PolicyTablesService {
  static final ResourceKind<TransitStore.PolicyTable, TransitGatewayPolicyTable> KIND =
      ResourceKind.<TransitStore.PolicyTable, TransitGatewayPolicyTable>of(
              "tgw-ptb", "transit-gateway-policy-table")
          .errors(
              "InvalidTransitGatewayPolicyTableId.NotFound",
              "transitGatewayPolicyTable",
              "InvalidTransitGatewayPolicyTableId.Malformed")
          .storedIn(TransitStore::of, s -> s.policyTables)
          .id(t -> t.id)
          .view(PolicyTablesService::view, TransitGatewayPolicyTable::tags)
          .filter("state", TransitGatewayPolicyTable::stateAsString)
          .filter("transit-gateway-id", TransitGatewayPolicyTable::transitGatewayId)
          .filter(
              "transit-gateway-policy-table-id",
              TransitGatewayPolicyTable::transitGatewayPolicyTableId)
          .build();

  private static TransitGatewayPolicyTable view(RequestContext ctx, TransitStore.PolicyTable t) {
    return TransitGatewayPolicyTable.builder()
        .transitGatewayPolicyTableId(t.id)
        .transitGatewayId(t.transitGatewayId)
        .state(t.state)
        .creationTime(t.created)
        .tags(ctx.tags().sdkTags(t.id))
        .build();
  }

  static TransitStore.PolicyTable live(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("TransitGatewayPolicyTableId");
    }
    return KIND.getLive(ctx.state(), id, TransitStore.Base::live);
  }

  public CreateTransitGatewayPolicyTableResponse createTransitGatewayPolicyTable(
      RequestContext ctx, CreateTransitGatewayPolicyTableRequest req) {
    var tags = KIND.tags(req.tagSpecifications());
    String tgw = TransitGatewayLookups.gateway(ctx, req.transitGatewayId()).id();
    TransitStore.PolicyTable t =
        KIND.create(ctx, tags, id -> new TransitStore.PolicyTable(id, tgw));
    return CreateTransitGatewayPolicyTableResponse.builder()
        .transitGatewayPolicyTable(KIND.view(ctx, t).toBuilder().state("pending").build())
        .build();
  }

  public DescribeTransitGatewayPolicyTablesResponse describeTransitGatewayPolicyTables(
      RequestContext ctx, DescribeTransitGatewayPolicyTablesRequest req) {
    var page =
        KIND.describe(
            ctx,
            req.transitGatewayPolicyTableIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeTransitGatewayPolicyTablesResponse.builder()
        .transitGatewayPolicyTables(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Its associations must be gone first. */
  public DeleteTransitGatewayPolicyTableResponse deleteTransitGatewayPolicyTable(
      RequestContext ctx, DeleteTransitGatewayPolicyTableRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.PolicyTable t = live(ctx, req.transitGatewayPolicyTableId());
      if (!t.attachments.isEmpty()) {
        throw new AwsException("IncorrectState", "The policy table " + t.id + " has associations.");
      }
      t.state = "deleted";
      return DeleteTransitGatewayPolicyTableResponse.builder()
          .transitGatewayPolicyTable(KIND.view(ctx, t).toBuilder().state("deleting").build())
          .build();
    }
  }

  public AssociateTransitGatewayPolicyTableResponse associateTransitGatewayPolicyTable(
      RequestContext ctx, AssociateTransitGatewayPolicyTableRequest req) {
    return AssociateTransitGatewayPolicyTableResponse.builder()
        .association(
            associate(
                ctx, req.transitGatewayPolicyTableId(), req.transitGatewayAttachmentId(), true))
        .build();
  }

  public DisassociateTransitGatewayPolicyTableResponse disassociateTransitGatewayPolicyTable(
      RequestContext ctx, DisassociateTransitGatewayPolicyTableRequest req) {
    return DisassociateTransitGatewayPolicyTableResponse.builder()
        .association(
            associate(
                ctx, req.transitGatewayPolicyTableId(), req.transitGatewayAttachmentId(), false))
        .build();
  }

  private static TransitGatewayPolicyTableAssociation associate(
      RequestContext ctx, String tableId, String attachmentId, boolean on) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.PolicyTable t = live(ctx, tableId);
      if (attachmentId == null) {
        throw AwsException.missingParameter("TransitGatewayAttachmentId");
      }
      TransitGatewayLookups.Attachment a = TransitGatewayLookups.attachment(ctx, attachmentId);
      if (!a.transitGatewayId().equals(t.transitGatewayId)) {
        throw AwsException.invalidParameterValue(
            "The attachment "
                + a.id()
                + " and the policy table "
                + t.id
                + " belong to different"
                + " transit gateways.");
      }
      if (on) {
        boolean taken =
            s.policyTables.values().stream()
                .anyMatch(x -> x.live() && x.attachments.contains(a.id()));
        if (taken) {
          throw new AwsException(
              "Resource.AlreadyAssociated",
              "Transit Gateway Attachment " + a.id() + " is already associated to a policy table.");
        }
        t.attachments.add(a.id());
      } else if (!t.attachments.remove(a.id())) {
        throw new AwsException(
            "InvalidAssociation.NotFound",
            "Transit Gateway Attachment " + a.id() + " is not associated with " + t.id);
      }
      return association(t.id, a, on ? "associating" : "disassociating");
    }
  }

  private static TransitGatewayPolicyTableAssociation association(
      String tableId, TransitGatewayLookups.Attachment a, String state) {
    return TransitGatewayPolicyTableAssociation.builder()
        .transitGatewayPolicyTableId(tableId)
        .transitGatewayAttachmentId(a.id())
        .resourceId(a.resourceId())
        .resourceType(a.resourceType())
        .state(state)
        .build();
  }

  private static final FilterSpec<TransitGatewayPolicyTableAssociation> ASSOCIATION_FILTERS =
      FilterSpec.<TransitGatewayPolicyTableAssociation>of()
          .field("resource-id", TransitGatewayPolicyTableAssociation::resourceId)
          .field("resource-type", TransitGatewayPolicyTableAssociation::resourceTypeAsString)
          .field("state", TransitGatewayPolicyTableAssociation::stateAsString)
          .field(
              "transit-gateway-attachment-id",
              TransitGatewayPolicyTableAssociation::transitGatewayAttachmentId);

  public GetTransitGatewayPolicyTableAssociationsResponse getTransitGatewayPolicyTableAssociations(
      RequestContext ctx, GetTransitGatewayPolicyTableAssociationsRequest req) {
    var filter = ASSOCIATION_FILTERS.compile(req.filters());
    List<TransitGatewayPolicyTableAssociation> out = new ArrayList<>();
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.PolicyTable t = live(ctx, req.transitGatewayPolicyTableId());
      // an attachment deleted since leaves the table
      t.attachments.removeIf(id -> TransitGatewayLookups.attachmentOrNull(ctx.state(), id) == null);
      for (String id : t.attachments) {
        var a = TransitGatewayLookups.attachmentOrNull(ctx.state(), id);
        var shown = association(t.id, a, "associated");
        if (filter.test(shown)) {
          out.add(shown);
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetTransitGatewayPolicyTableAssociationsResponse.builder()
        .associations(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
