package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPolicyTableEntryRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPolicyTableEntryResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPolicyTableEntryRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPolicyTableEntryResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayPolicyTableEntriesRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayPolicyTableEntriesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayPolicyTableEntryRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayPolicyTableEntryResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPolicyRuleMetaData;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPolicyTableEntry;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRequestPolicyRule;

/**
 * The entries of a policy table: numbered rules (source and destination CIDR and port range,
 * protocol, metadata) that send matching traffic to a route table of the same gateway.
 */
public final class PolicyTableEntriesService {
  private static final FilterSpec<TransitGatewayPolicyTableEntry> FILTERS =
      FilterSpec.<TransitGatewayPolicyTableEntry>of()
          .field("policy-rule-number", TransitGatewayPolicyTableEntry::policyRuleNumber)
          .field("target-route-table-id", TransitGatewayPolicyTableEntry::targetRouteTableId)
          .field("state", TransitGatewayPolicyTableEntry::stateAsString)
          .field("source-cidr-block", e -> e.policyRule().sourceCidrBlock())
          .field("source-port-range", e -> e.policyRule().sourcePortRange())
          .field("destination-cidr-block", e -> e.policyRule().destinationCidrBlock())
          .field("destination-port-range", e -> e.policyRule().destinationPortRange())
          .field("protocol", e -> e.policyRule().protocol())
          .field("meta-data-key", e -> e.policyRule().metaData().metaDataKey())
          .field("meta-data-value", e -> e.policyRule().metaData().metaDataValue());

  private static TransitGatewayPolicyTableEntry view(TransitStore.PolicyEntry e, String state) {
    return TransitGatewayPolicyTableEntry.builder()
        .policyRuleNumber(e.ruleNumber())
        .targetRouteTableId(e.targetRouteTableId())
        .state(state)
        .policyRule(
            r ->
                r.sourceCidrBlock(e.sourceCidr())
                    .sourcePortRange(e.sourcePorts())
                    .destinationCidrBlock(e.destinationCidr())
                    .destinationPortRange(e.destinationPorts())
                    .protocol(e.protocol())
                    .metaData(
                        TransitGatewayPolicyRuleMetaData.builder()
                            .metaDataKey(e.metaDataKey())
                            .metaDataValue(e.metaDataValue())
                            .build()))
        .build();
  }

  /** A rule number 1-32766, CIDRs, port ranges "N" or "N-M", protocol a number 0-255. */
  private static TransitStore.PolicyEntry entry(
      RequestContext ctx,
      TransitStore.PolicyTable t,
      String number,
      TransitGatewayRequestPolicyRule rule,
      String target) {
    if (number == null) {
      throw AwsException.missingParameter("PolicyRuleNumber");
    }
    if (!number.matches("[0-9]{1,5}")
        || Integer.parseInt(number) < 1
        || Integer.parseInt(number) > 32766) {
      throw AwsException.invalidParameterValue(
          "The policy rule number " + number + " is invalid: it must be 1-32766.");
    }
    if (rule == null) {
      throw AwsException.missingParameter("PolicyRule");
    }
    if (target == null) {
      throw AwsException.missingParameter("TargetRouteTableId");
    }
    String gateway = TransitGatewayLookups.routeTableGateway(ctx, target);
    if (!gateway.equals(t.transitGatewayId)) {
      throw AwsException.invalidParameterValue(
          "The route table " + target + " does not belong to " + t.transitGatewayId + ".");
    }
    cidr(rule.sourceCidrBlock(), "SourceCidrBlock");
    cidr(rule.destinationCidrBlock(), "DestinationCidrBlock");
    ports(rule.sourcePortRange(), "SourcePortRange");
    ports(rule.destinationPortRange(), "DestinationPortRange");
    if (rule.protocol() != null
        && !(rule.protocol().matches("[0-9]{1,3}") && Integer.parseInt(rule.protocol()) <= 255)) {
      throw AwsException.invalidParameterValue(
          "The protocol " + rule.protocol() + " is invalid: it must be a number 0-255.");
    }
    var meta = rule.metaData();
    return new TransitStore.PolicyEntry(
        number,
        rule.sourceCidrBlock(),
        rule.sourcePortRange(),
        rule.destinationCidrBlock(),
        rule.destinationPortRange(),
        rule.protocol(),
        meta == null ? null : meta.metaDataKey(),
        meta == null ? null : meta.metaDataValue(),
        target);
  }

  private static void cidr(String text, String name) {
    if (text != null && Cidr.parseOrNull(text) == null) {
      throw AwsException.invalidParameterValue(
          "Value (" + text + ") for parameter " + name + " is invalid.");
    }
  }

  private static void ports(String text, String name) {
    if (text == null) {
      return;
    }
    String[] parts = text.split("-", -1);
    boolean ok = parts.length <= 2;
    for (String p : parts) {
      ok = ok && p.matches("[0-9]{1,5}") && Integer.parseInt(p) <= 65535;
    }
    if (!ok || (parts.length == 2 && Integer.parseInt(parts[0]) > Integer.parseInt(parts[1]))) {
      throw AwsException.invalidParameterValue(
          "Value (" + text + ") for parameter " + name + " is invalid: use N or N-M, 0-65535.");
    }
  }

  public CreateTransitGatewayPolicyTableEntryResponse createTransitGatewayPolicyTableEntry(
      RequestContext ctx, CreateTransitGatewayPolicyTableEntryRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.PolicyTable t = PolicyTablesService.live(ctx, req.transitGatewayPolicyTableId());
      var e = entry(ctx, t, req.policyRuleNumber(), req.policyRule(), req.targetRouteTableId());
      if (t.entries.containsKey(e.ruleNumber())) {
        throw AwsException.invalidParameterValue(
            "The policy rule number " + e.ruleNumber() + " is in use in " + t.id + ".");
      }
      t.entries.put(e.ruleNumber(), e);
      return CreateTransitGatewayPolicyTableEntryResponse.builder()
          .transitGatewayPolicyTableEntry(view(e, "available"))
          .build();
    }
  }

  public ModifyTransitGatewayPolicyTableEntryResponse modifyTransitGatewayPolicyTableEntry(
      RequestContext ctx, ModifyTransitGatewayPolicyTableEntryRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.PolicyTable t = PolicyTablesService.live(ctx, req.transitGatewayPolicyTableId());
      existing(t, req.policyRuleNumber());
      var e = entry(ctx, t, req.policyRuleNumber(), req.policyRule(), req.targetRouteTableId());
      t.entries.put(e.ruleNumber(), e);
      return ModifyTransitGatewayPolicyTableEntryResponse.builder()
          .transitGatewayPolicyTableEntry(view(e, "available"))
          .build();
    }
  }

  private static TransitStore.PolicyEntry existing(TransitStore.PolicyTable t, String number) {
    if (number == null) {
      throw AwsException.missingParameter("PolicyRuleNumber");
    }
    TransitStore.PolicyEntry e = t.entries.get(number);
    if (e == null) {
      throw new AwsException(
          "InvalidTransitGatewayPolicyTableEntry.NotFound",
          "The policy table " + t.id + " has no entry " + number + ".");
    }
    return e;
  }

  public DeleteTransitGatewayPolicyTableEntryResponse deleteTransitGatewayPolicyTableEntry(
      RequestContext ctx, DeleteTransitGatewayPolicyTableEntryRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.PolicyTable t = PolicyTablesService.live(ctx, req.transitGatewayPolicyTableId());
      TransitStore.PolicyEntry e = existing(t, req.policyRuleNumber());
      t.entries.remove(e.ruleNumber());
      return DeleteTransitGatewayPolicyTableEntryResponse.builder()
          .transitGatewayPolicyTableEntry(view(e, "deleted"))
          .build();
    }
  }

  public GetTransitGatewayPolicyTableEntriesResponse getTransitGatewayPolicyTableEntries(
      RequestContext ctx, GetTransitGatewayPolicyTableEntriesRequest req) {
    var filter = FILTERS.compile(req.filters());
    List<TransitGatewayPolicyTableEntry> out;
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.PolicyTable t = PolicyTablesService.live(ctx, req.transitGatewayPolicyTableId());
      out =
          t.entries.values().stream()
              .sorted(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.ruleNumber())))
              .map(e -> view(e, "available"))
              .filter(filter)
              .toList();
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetTransitGatewayPolicyTableEntriesResponse.builder()
        .transitGatewayPolicyTableEntries(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
