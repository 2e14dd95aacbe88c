package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayClientVpnAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayClientVpnAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayClientVpnAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayClientVpnAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.ExportTransitGatewayRoutesRequest;
import software.amazon.awssdk.services.ec2.model.ExportTransitGatewayRoutesResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayAttachmentNatConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayAttachmentNatConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayAttachmentPropagationsRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayAttachmentPropagationsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayAttachmentNatConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayAttachmentNatConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayClientVpnAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayClientVpnAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachmentPropagation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayClientVpnAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayNatRule;
import software.amazon.awssdk.services.ec2.model.TransitGatewayNatRuleRequest;

/**
 * What is asked of one attachment beyond its own family: the tables it propagates into, its NAT
 * gateway configuration, the accept/reject/delete of a Client VPN attachment; and the export of a
 * route table's routes to an S3 location (ec2-double has no S3: the answer names where AWS would
 * write it, nothing is written).
 */
public final class AttachmentExtrasService {
  private static final FilterSpec<TransitGatewayAttachmentPropagation> PROPAGATION_FILTERS =
      FilterSpec.<TransitGatewayAttachmentPropagation>of()
          .field(
              "transit-gateway-route-table-id",
              TransitGatewayAttachmentPropagation::transitGatewayRouteTableId);

  public GetTransitGatewayAttachmentPropagationsResponse getTransitGatewayAttachmentPropagations(
      RequestContext ctx, GetTransitGatewayAttachmentPropagationsRequest req) {
    var filter = PROPAGATION_FILTERS.compile(req.filters());
    List<TransitGatewayAttachmentPropagation> out =
        TransitGatewayLookups.propagatingTables(ctx, req.transitGatewayAttachmentId()).stream()
            .map(
                t ->
                    TransitGatewayAttachmentPropagation.builder()
                        .transitGatewayRouteTableId(t)
                        .state("enabled")
                        .build())
            .filter(filter)
            .toList();
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetTransitGatewayAttachmentPropagationsResponse.builder()
        .transitGatewayAttachmentPropagations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The location AWS writes the routes to; the routes are checked (table, filters) as AWS does. */
  public ExportTransitGatewayRoutesResponse exportTransitGatewayRoutes(
      RequestContext ctx, ExportTransitGatewayRoutesRequest req) {
    if (req.s3Bucket() == null || req.s3Bucket().isEmpty()) {
      throw AwsException.missingParameter("S3Bucket");
    }
    if (!req.s3Bucket().matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw AwsException.invalidParameterValue(
          "The bucket name " + req.s3Bucket() + " is not a valid S3 bucket name.");
    }
    TransitGatewayLookups.routes(ctx, req.transitGatewayRouteTableId(), req.filters());
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    return ExportTransitGatewayRoutesResponse.builder()
        .s3Location(
            "s3://"
                + req.s3Bucket()
                + "/VPCTransitGateway/TransitGatewayRouteTables/"
                + req.transitGatewayRouteTableId()
                + "-"
                + stamp
                + ".json")
        .build();
  }

  /** A Client VPN attachment in a state, or AWS's errors. */
  private static TransitGatewayLookups.Attachment clientVpn(
      RequestContext ctx, String id, String next) {
    TransitGatewayLookups.Attachment a = TransitGatewayLookups.attachment(ctx, id);
    if (!a.resourceType().equals("client-vpn")) {
      throw AwsException.invalidParameterValue(a.id() + " is not a Client VPN attachment.");
    }
    boolean pendingOnly = !next.equals("deleted");
    if (pendingOnly && !a.state().equals("pendingAcceptance")) {
      throw new AwsException(
          "IncorrectState",
          "tgw-attachment "
              + a.id()
              + " is in invalid state "
              + a.state()
              + ": not pendingAcceptance");
    }
    if (next.equals("available")) {
      TransitGatewayLookups.setState(ctx.state(), a.id(), next);
    } else {
      TransitGatewayLookups.delete(ctx.state(), a.id());
    }
    return a;
  }

  private static TransitGatewayClientVpnAttachment view(
      RequestContext ctx, TransitGatewayLookups.Attachment a, String state) {
    return TransitGatewayClientVpnAttachment.builder()
        .transitGatewayAttachmentId(a.id())
        .transitGatewayId(a.transitGatewayId())
        .clientVpnEndpointId(a.resourceId())
        .clientVpnOwnerId(ctx.account())
        .state(state)
        .build();
  }

  public AcceptTransitGatewayClientVpnAttachmentResponse acceptTransitGatewayClientVpnAttachment(
      RequestContext ctx, AcceptTransitGatewayClientVpnAttachmentRequest req) {
    var a = clientVpn(ctx, req.transitGatewayAttachmentId(), "available");
    return AcceptTransitGatewayClientVpnAttachmentResponse.builder()
        .transitGatewayClientVpnAttachment(view(ctx, a, "pending"))
        .build();
  }

  public RejectTransitGatewayClientVpnAttachmentResponse rejectTransitGatewayClientVpnAttachment(
      RequestContext ctx, RejectTransitGatewayClientVpnAttachmentRequest req) {
    var a = clientVpn(ctx, req.transitGatewayAttachmentId(), "rejected");
    return RejectTransitGatewayClientVpnAttachmentResponse.builder()
        .transitGatewayClientVpnAttachment(view(ctx, a, "rejected"))
        .build();
  }

  public DeleteTransitGatewayClientVpnAttachmentResponse deleteTransitGatewayClientVpnAttachment(
      RequestContext ctx, DeleteTransitGatewayClientVpnAttachmentRequest req) {
    var a = clientVpn(ctx, req.transitGatewayAttachmentId(), "deleted");
    return DeleteTransitGatewayClientVpnAttachmentResponse.builder()
        .transitGatewayClientVpnAttachment(view(ctx, a, "deleting"))
        .build();
  }

  public GetTransitGatewayAttachmentNatConfigurationResponse
      getTransitGatewayAttachmentNatConfiguration(
          RequestContext ctx, GetTransitGatewayAttachmentNatConfigurationRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      var a = TransitGatewayLookups.attachment(ctx, req.transitGatewayAttachmentId());
      var n = s.natConfigurations.getOrDefault(a.id(), new TransitStore.NatConfiguration());
      return GetTransitGatewayAttachmentNatConfigurationResponse.builder()
          .transitGatewayAttachmentId(a.id())
          .natGatewaySupport(n.support)
          .natSystemRouteSupport(n.systemRoutes)
          .natGatewayRules(rules(n, "activated"))
          .build();
    }
  }

  private static List<TransitGatewayNatRule> rules(TransitStore.NatConfiguration n, String state) {
    return n.rules.stream()
        .map(
            r ->
                TransitGatewayNatRule.builder()
                    .ruleNumber(Integer.valueOf(r.get("RuleNumber")))
                    .matchSourceCidr(r.get("MatchSourceCidr"))
                    .natCidr(r.get("NatCidr"))
                    .state(state)
                    .build())
        .toList();
  }

  /** Only VPC attachments take a NAT configuration; rules are numbered 1-32766 and unique. */
  public ModifyTransitGatewayAttachmentNatConfigurationResponse
      modifyTransitGatewayAttachmentNatConfiguration(
          RequestContext ctx, ModifyTransitGatewayAttachmentNatConfigurationRequest req) {
    String support =
        req.natGatewaySupportAsString() == null
            ? null
            : Switches.check(req.natGatewaySupportAsString(), "NatGatewaySupport");
    String routes =
        req.natSystemRouteSupportAsString() == null
            ? null
            : Switches.check(req.natSystemRouteSupportAsString(), "NatSystemRouteSupport");
    List<Map<String, String>> given = new ArrayList<>();
    for (TransitGatewayNatRuleRequest r : req.natGatewayRules()) {
      given.add(rule(r, given));
    }
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      var a = TransitGatewayLookups.attachment(ctx, req.transitGatewayAttachmentId());
      if (!a.resourceType().equals("vpc")) {
        throw AwsException.invalidParameterValue(a.id() + " is not a VPC attachment.");
      }
      var n = s.natConfigurations.computeIfAbsent(a.id(), k -> new TransitStore.NatConfiguration());
      if (support != null) {
        n.support = support + "d";
      }
      if (routes != null) {
        n.systemRoutes = routes;
      }
      if (Boolean.TRUE.equals(req.resetNatGatewayRules())) {
        n.rules.clear();
      }
      for (Map<String, String> r : given) {
        n.rules.removeIf(x -> x.get("RuleNumber").equals(r.get("RuleNumber")));
        n.rules.add(r);
      }
      return ModifyTransitGatewayAttachmentNatConfigurationResponse.builder()
          .transitGatewayAttachmentId(a.id())
          .natGatewaySupport(
              support == null ? n.support : support.equals("enable") ? "enabling" : "disabling")
          .natSystemRouteSupport(n.systemRoutes)
          .natGatewayRules(rules(n, "pending"))
          .build();
    }
  }

  private static Map<String, String> rule(
      TransitGatewayNatRuleRequest r, List<Map<String, String>> before) {
    if (r.ruleNumber() == null || r.ruleNumber() < 1 || r.ruleNumber() > 32766) {
      throw AwsException.invalidParameterValue(
          "The NAT rule number " + r.ruleNumber() + " is invalid: it must be 1-32766.");
    }
    for (String[] c :
        new String[][] {{r.matchSourceCidr(), "MatchSourceCidr"}, {r.natCidr(), "NatCidr"}}) {
      if (c[0] == null || Cidr.parseOrNull(c[0]) == null) {
        throw AwsException.invalidParameterValue(
            "Value (" + c[0] + ") for parameter " + c[1] + " is invalid.");
      }
    }
    String number = String.valueOf(r.ruleNumber());
    if (before.stream().anyMatch(b -> b.get("RuleNumber").equals(number))) {
      throw AwsException.invalidParameterValue(
          "The NAT rule number " + number + " is given twice.");
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("RuleNumber", number);
    out.put("MatchSourceCidr", r.matchSourceCidr());
    out.put("NatCidr", r.natCidr());
    return out;
  }
}
