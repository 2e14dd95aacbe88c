package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayVpcAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayVpcAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayVpcAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayVpcAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayVpcAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayVpcAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayAttachmentsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayAttachmentsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayVpcAttachmentsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayVpcAttachmentsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayVpcAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayVpcAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayVpcAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayVpcAttachmentResponse;

/**
 * Transit gateways and their VPC attachments: records with AWS's options, default route table,
 * states and dependency rules. Attachments of one account need no acceptance, so Accept and Reject
 * find none pending (resource sharing across accounts is not modelled). Nothing is routed.
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
 */
public final class TransitGatewaysService {
  private static final Set<String> SWITCHES = Set.of("enable", "disable");

  public CreateTransitGatewayResponse createTransitGateway(
      RequestContext ctx, CreateTransitGatewayRequest req) {
    var o = req.options();
    long asn = o == null || o.amazonSideAsn() == null ? 64512L : checkAsn(o.amazonSideAsn());
    Map<String, String> options = new java.util.LinkedHashMap<>();
    options.put(
        "AutoAcceptSharedAttachments",
        sw(o == null ? null : o.autoAcceptSharedAttachmentsAsString(), "disable"));
    options.put(
        "DefaultRouteTableAssociation",
        sw(o == null ? null : o.defaultRouteTableAssociationAsString(), "enable"));
    options.put(
        "DefaultRouteTablePropagation",
        sw(o == null ? null : o.defaultRouteTablePropagationAsString(), "enable"));
    options.put("VpnEcmpSupport", sw(o == null ? null : o.vpnEcmpSupportAsString(), "enable"));
    options.put("DnsSupport", sw(o == null ? null : o.dnsSupportAsString(), "enable"));
    options.put(
        "SecurityGroupReferencingSupport",
        sw(o == null ? null : o.securityGroupReferencingSupportAsString(), "disable"));
    options.put("MulticastSupport", sw(o == null ? null : o.multicastSupportAsString(), "disable"));
    List<String> cidrs = o == null ? List.of() : o.transitGatewayCidrBlocks();
    for (String c : cidrs) {
      if (dev.ec2double.core.Cidr.parseOrNull(c) == null && Ipv6Blocks.parseOrNull(c) == null) {
        throw AwsException.invalidParameterValue("The CIDR block " + c + " is not valid.");
      }
    }
    var tags = TransitGateways.GATEWAYS.tags(req.tagSpecifications());
    VpcState st = VpcState.of(ctx.state());
    TransitGatewayRecords.Gateway g;
    synchronized (st) {
      g =
          TransitGateways.GATEWAYS.create(
              ctx, tags, id -> new TransitGatewayRecords.Gateway(id, asn));
      g.description = req.description();
      g.options.putAll(options);
      g.cidrBlocks.addAll(cidrs);
      if (g.enabled("DefaultRouteTableAssociation") || g.enabled("DefaultRouteTablePropagation")) {
        TransitGatewayRecords.RouteTable t =
            TransitGatewayRoutesService.newTable(ctx, g.id, List.of());
        t.defaultAssociation = g.enabled("DefaultRouteTableAssociation");
        t.defaultPropagation = g.enabled("DefaultRouteTablePropagation");
        g.associationDefaultTable = t.defaultAssociation ? t.id : null;
        g.propagationDefaultTable = t.defaultPropagation ? t.id : null;
      }
    }
    return CreateTransitGatewayResponse.builder()
        .transitGateway(TransitGateways.GATEWAYS.view(ctx, g).toBuilder().state("pending").build())
        .build();
  }

  private static long checkAsn(long asn) {
    if (!((asn >= 64512L && asn <= 65534L) || (asn >= 4_200_000_000L && asn <= 4_294_967_294L))) {
      throw AwsException.invalidParameterValue(
          "The value '"
              + asn
              + "' for AmazonSideAsn is invalid. It must be a private ASN: 64512-65534 or"
              + " 4200000000-4294967294.");
    }
    return asn;
  }

  static String sw(String value, String otherwise) {
    if (value == null) {
      return otherwise;
    }
    if (!SWITCHES.contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") is invalid. Use enable or disable.");
    }
    return value;
  }

  public DescribeTransitGatewaysResponse describeTransitGateways(
      RequestContext ctx, DescribeTransitGatewaysRequest req) {
    var page =
        TransitGateways.GATEWAYS.describe(
            ctx, req.transitGatewayIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeTransitGatewaysResponse.builder()
        .transitGateways(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  static TransitGatewayRecords.Gateway live(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("TransitGatewayId");
    }
    return TransitGateways.GATEWAYS.getLive(ctx.state(), id, TransitGatewayRecords.Base::live);
  }

  public ModifyTransitGatewayResponse modifyTransitGateway(
      RequestContext ctx, ModifyTransitGatewayRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      TransitGatewayRecords.Gateway g = live(ctx, req.transitGatewayId());
      var o = req.options();
      if (req.description() != null) {
        g.description = req.description();
      }
      if (o != null) {
        put(g, "AutoAcceptSharedAttachments", o.autoAcceptSharedAttachmentsAsString());
        put(g, "DefaultRouteTableAssociation", o.defaultRouteTableAssociationAsString());
        put(g, "DefaultRouteTablePropagation", o.defaultRouteTablePropagationAsString());
        put(g, "VpnEcmpSupport", o.vpnEcmpSupportAsString());
        put(g, "DnsSupport", o.dnsSupportAsString());
        put(g, "SecurityGroupReferencingSupport", o.securityGroupReferencingSupportAsString());
        if (o.associationDefaultRouteTableId() != null) {
          g.associationDefaultTable = ownTable(ctx, g, o.associationDefaultRouteTableId());
        }
        if (o.propagationDefaultRouteTableId() != null) {
          g.propagationDefaultTable = ownTable(ctx, g, o.propagationDefaultRouteTableId());
        }
        g.cidrBlocks.addAll(o.addTransitGatewayCidrBlocks());
        g.cidrBlocks.removeAll(o.removeTransitGatewayCidrBlocks());
      }
      return ModifyTransitGatewayResponse.builder()
          .transitGateway(TransitGateways.GATEWAYS.view(ctx, g))
          .build();
    }
  }

  private static void put(TransitGatewayRecords.Gateway g, String option, String value) {
    if (value != null) {
      g.options.put(option, sw(value, null));
    }
  }

  private static String ownTable(RequestContext ctx, TransitGatewayRecords.Gateway g, String id) {
    TransitGatewayRecords.RouteTable t = TransitGatewayRoutesService.liveTable(ctx, id);
    if (!t.transitGatewayId.equals(g.id)) {
      throw AwsException.invalidParameterValue(
          "The route table " + id + " does not belong to " + g.id + ".");
    }
    return t.id;
  }

  /** Its attachments must be gone first; its route tables go with it. */
  public DeleteTransitGatewayResponse deleteTransitGateway(
      RequestContext ctx, DeleteTransitGatewayRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      TransitGatewayRecords.Gateway g = live(ctx, req.transitGatewayId());
      boolean attached =
          st.transitGatewayAttachments.values().stream()
              .anyMatch(a -> a.live() && a.transitGatewayId.equals(g.id));
      if (attached) {
        throw new AwsException(
            "IncorrectState",
            "transitGateway " + g.id + " has non-deleted Transit Gateway Attachments");
      }
      for (TransitGatewayRecords.RouteTable t : st.transitGatewayRouteTables.values()) {
        if (t.transitGatewayId.equals(g.id) && t.live()) {
          t.delete();
        }
      }
      g.delete();
      return DeleteTransitGatewayResponse.builder()
          .transitGateway(
              TransitGateways.GATEWAYS.view(ctx, g).toBuilder().state("deleting").build())
          .build();
    }
  }

  public CreateTransitGatewayVpcAttachmentResponse createTransitGatewayVpcAttachment(
      RequestContext ctx, CreateTransitGatewayVpcAttachmentRequest req) {
    if (req.subnetIds().isEmpty()) {
      throw AwsException.missingParameter("SubnetIds");
    }
    var o = req.options();
    var tags = TransitGateways.ATTACHMENTS.tags(req.tagSpecifications());
    VpcState st = VpcState.of(ctx.state());
    TransitGatewayRecords.Attachment a;
    synchronized (st) {
      TransitGatewayRecords.Gateway g = live(ctx, req.transitGatewayId());
      VpcRecord vpc = st.vpc(req.vpcId());
      List<String> subnets = subnets(st, vpc, req.subnetIds());
      boolean duplicate =
          st.transitGatewayAttachments.values().stream()
              .anyMatch(
                  x -> x.live() && x.transitGatewayId.equals(g.id) && x.resourceId.equals(vpc.id));
      if (duplicate) {
        throw new AwsException(
            "DuplicateTransitGatewayAttachment",
            g.id + " has non-deleted Transit Gateway Attachments with same VPC ID.");
      }
      a =
          TransitGateways.ATTACHMENTS.create(
              ctx, tags, id -> new TransitGatewayRecords.Attachment(id, g.id, "vpc", vpc.id));
      a.subnetIds.addAll(subnets);
      a.options.put("DnsSupport", sw(o == null ? null : o.dnsSupportAsString(), "enable"));
      a.options.put("Ipv6Support", sw(o == null ? null : o.ipv6SupportAsString(), "disable"));
      a.options.put(
          "ApplianceModeSupport",
          sw(o == null ? null : o.applianceModeSupportAsString(), "disable"));
      a.options.put(
          "SecurityGroupReferencingSupport",
          sw(o == null ? null : o.securityGroupReferencingSupportAsString(), "enable"));
      TransitGatewayRoutesService.attachDefaults(st, g, a);
    }
    return CreateTransitGatewayVpcAttachmentResponse.builder()
        .transitGatewayVpcAttachment(
            TransitGateways.VPC_ATTACHMENTS.view(ctx, a).toBuilder().state("pending").build())
        .build();
  }

  /** Subnets of the VPC, one per zone at most (DuplicateSubnetsInSameZone). */
  private static List<String> subnets(VpcState st, VpcRecord vpc, List<String> ids) {
    Set<String> zones = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      SubnetRecord s = st.subnet(id);
      if (!s.vpcId.equals(vpc.id)) {
        throw AwsException.invalidParameterValue(
            "The subnet " + id + " does not belong to " + vpc.id + ".");
      }
      if (!zones.add(s.zone)) {
        throw new AwsException(
            "DuplicateSubnetsInSameZone", "Duplicate Subnets for same AvailabilityZone: " + s.zone);
      }
      out.add(s.id);
    }
    return out;
  }

  static TransitGatewayRecords.Attachment liveAttachment(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("TransitGatewayAttachmentId");
    }
    return TransitGateways.ATTACHMENTS.getLive(ctx.state(), id, TransitGatewayRecords.Base::live);
  }

  private static TransitGatewayRecords.Attachment liveVpcAttachment(RequestContext ctx, String id) {
    TransitGatewayRecords.Attachment a = liveAttachment(ctx, id);
    if (!a.resourceType.equals("vpc")) {
      throw AwsException.invalidParameterValue(id + " is not a VPC attachment.");
    }
    return a;
  }

  public DescribeTransitGatewayVpcAttachmentsResponse describeTransitGatewayVpcAttachments(
      RequestContext ctx, DescribeTransitGatewayVpcAttachmentsRequest req) {
    List<String> ids = req.transitGatewayAttachmentIds();
    ids.forEach(id -> TransitGateways.ATTACHMENTS.get(ctx.state(), id));
    var views =
        TransitGateways.VPC_ATTACHMENTS.select(
            ctx,
            a -> a.resourceType.equals("vpc") && (ids.isEmpty() || ids.contains(a.id)),
            req.filters());
    var page = Pages.page(ctx.action(), views, req.maxResults(), req.nextToken());
    return DescribeTransitGatewayVpcAttachmentsResponse.builder()
        .transitGatewayVpcAttachments(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeTransitGatewayAttachmentsResponse describeTransitGatewayAttachments(
      RequestContext ctx, DescribeTransitGatewayAttachmentsRequest req) {
    var page =
        TransitGateways.ATTACHMENTS.describe(
            ctx,
            req.transitGatewayAttachmentIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeTransitGatewayAttachmentsResponse.builder()
        .transitGatewayAttachments(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyTransitGatewayVpcAttachmentResponse modifyTransitGatewayVpcAttachment(
      RequestContext ctx, ModifyTransitGatewayVpcAttachmentRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      TransitGatewayRecords.Attachment a = liveVpcAttachment(ctx, req.transitGatewayAttachmentId());
      List<String> next = new ArrayList<>(a.subnetIds);
      for (String id : req.removeSubnetIds()) {
        if (!next.remove(id)) {
          throw AwsException.invalidParameterValue(
              "The subnet " + id + " is not part of " + a.id + ".");
        }
      }
      next.addAll(req.addSubnetIds());
      if (next.isEmpty()) {
        throw AwsException.invalidParameterValue("An attachment needs at least one subnet.");
      }
      List<String> checked = subnets(st, st.vpc(a.resourceId), next);
      var o = req.options();
      if (o != null) {
        putOption(a, "DnsSupport", o.dnsSupportAsString());
        putOption(a, "Ipv6Support", o.ipv6SupportAsString());
        putOption(a, "ApplianceModeSupport", o.applianceModeSupportAsString());
        putOption(
            a, "SecurityGroupReferencingSupport", o.securityGroupReferencingSupportAsString());
      }
      a.subnetIds.clear();
      a.subnetIds.addAll(checked);
      return ModifyTransitGatewayVpcAttachmentResponse.builder()
          .transitGatewayVpcAttachment(TransitGateways.VPC_ATTACHMENTS.view(ctx, a))
          .build();
    }
  }

  private static void putOption(TransitGatewayRecords.Attachment a, String option, String value) {
    if (value != null) {
      a.options.put(option, sw(value, null));
    }
  }

  /** The attachment goes with its association, propagations and static routes' targets. */
  public DeleteTransitGatewayVpcAttachmentResponse deleteTransitGatewayVpcAttachment(
      RequestContext ctx, DeleteTransitGatewayVpcAttachmentRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      TransitGatewayRecords.Attachment a = liveVpcAttachment(ctx, req.transitGatewayAttachmentId());
      boolean transport =
          st.transitGatewayAttachments.values().stream()
              .anyMatch(
                  x -> x.live() && x.resourceType.equals("connect") && x.resourceId.equals(a.id));
      if (transport) {
        throw new AwsException(
            "IncorrectState",
            a.id + " is the transport of a Connect attachment: delete that one first.");
      }
      TransitGatewayRoutesService.detach(st, a);
      a.delete();
      return DeleteTransitGatewayVpcAttachmentResponse.builder()
          .transitGatewayVpcAttachment(
              TransitGateways.VPC_ATTACHMENTS.view(ctx, a).toBuilder().state("deleting").build())
          .build();
    }
  }

  public AcceptTransitGatewayVpcAttachmentResponse acceptTransitGatewayVpcAttachment(
      RequestContext ctx, AcceptTransitGatewayVpcAttachmentRequest req) {
    throw notPending(ctx, req.transitGatewayAttachmentId());
  }

  public RejectTransitGatewayVpcAttachmentResponse rejectTransitGatewayVpcAttachment(
      RequestContext ctx, RejectTransitGatewayVpcAttachmentRequest req) {
    throw notPending(ctx, req.transitGatewayAttachmentId());
  }

  /** An attachment in the gateway owner's own account never waits for acceptance. */
  private static AwsException notPending(RequestContext ctx, String id) {
    TransitGatewayRecords.Attachment a = liveVpcAttachment(ctx, id);
    return new AwsException(
        "IncorrectState",
        "tgw-attachment "
            + a.id
            + " is in invalid state "
            + a.state
            + ": it is not pendingAcceptance");
  }
}
