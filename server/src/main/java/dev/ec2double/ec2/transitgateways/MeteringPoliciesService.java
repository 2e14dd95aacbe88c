package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayMeteringPolicyEntryRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayMeteringPolicyEntryResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayMeteringPolicyRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayMeteringPolicyResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayMeteringPolicyEntryRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayMeteringPolicyEntryResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayMeteringPolicyRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayMeteringPolicyResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayMeteringPoliciesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayMeteringPoliciesResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayMeteringPolicyEntriesRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayMeteringPolicyEntriesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayMeteringPolicyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayMeteringPolicyResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachmentResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPayerType;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicy;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicyEntry;

/**
 * Transit gateway metering policies: which account pays for the traffic that matches a numbered
 * rule (source and destination attachment, attachment type, CIDR, port range, protocol), with the
 * gateway's middlebox attachments. Records: nothing is metered.
 */
public final class MeteringPoliciesService {
  static final ResourceKind<TransitStore.MeteringPolicy, TransitGatewayMeteringPolicy> KIND =
      ResourceKind.<TransitStore.MeteringPolicy, TransitGatewayMeteringPolicy>of(
              "tgw-mp", "transit-gateway-metering-policy")
          .errors(
              "InvalidTransitGatewayMeteringPolicyId.NotFound",
              "transitGatewayMeteringPolicy",
              "InvalidTransitGatewayMeteringPolicyId.Malformed")
          .storedIn(TransitStore::of, s -> s.meteringPolicies)
          .id(p -> p.id)
          .view(MeteringPoliciesService::view, TransitGatewayMeteringPolicy::tags)
          .filter("state", TransitGatewayMeteringPolicy::stateAsString)
          .filter("transit-gateway-id", TransitGatewayMeteringPolicy::transitGatewayId)
          .filter(
              "transit-gateway-metering-policy-id",
              TransitGatewayMeteringPolicy::transitGatewayMeteringPolicyId)
          .build();

  private static final FilterSpec<TransitGatewayMeteringPolicyEntry> ENTRY_FILTERS =
      FilterSpec.<TransitGatewayMeteringPolicyEntry>of()
          .field("policy-rule-number", TransitGatewayMeteringPolicyEntry::policyRuleNumber)
          .field("metered-account", TransitGatewayMeteringPolicyEntry::meteredAccountAsString)
          .field("state", TransitGatewayMeteringPolicyEntry::stateAsString)
          .field(
              "source-transit-gateway-attachment-id",
              e -> e.meteringPolicyRule().sourceTransitGatewayAttachmentId())
          .field(
              "destination-transit-gateway-attachment-id",
              e -> e.meteringPolicyRule().destinationTransitGatewayAttachmentId())
          .field("source-cidr-block", e -> e.meteringPolicyRule().sourceCidrBlock())
          .field("destination-cidr-block", e -> e.meteringPolicyRule().destinationCidrBlock())
          .field("protocol", e -> e.meteringPolicyRule().protocol());

  private static TransitGatewayMeteringPolicy view(
      RequestContext ctx, TransitStore.MeteringPolicy p) {
    return TransitGatewayMeteringPolicy.builder()
        .transitGatewayMeteringPolicyId(p.id)
        .transitGatewayId(p.transitGatewayId)
        .middleboxAttachmentIds(p.middleboxes)
        .state(p.state)
        .updateEffectiveAt(p.updated)
        .tags(ctx.tags().sdkTags(p.id))
        .build();
  }

  private static TransitGatewayMeteringPolicyEntry view(
      TransitStore.MeteringEntry e, String state) {
    Map<String, String> r = e.rule();
    return TransitGatewayMeteringPolicyEntry.builder()
        .policyRuleNumber(String.valueOf(e.ruleNumber()))
        .meteredAccount(e.meteredAccount())
        .state(state)
        .updatedAt(e.updatedAt())
        .updateEffectiveAt(e.updatedAt())
        .meteringPolicyRule(
            x ->
                x.sourceTransitGatewayAttachmentId(r.get("SourceAttachment"))
                    .sourceTransitGatewayAttachmentType(r.get("SourceType"))
                    .sourceCidrBlock(r.get("SourceCidr"))
                    .sourcePortRange(r.get("SourcePorts"))
                    .destinationTransitGatewayAttachmentId(r.get("DestinationAttachment"))
                    .destinationTransitGatewayAttachmentType(r.get("DestinationType"))
                    .destinationCidrBlock(r.get("DestinationCidr"))
                    .destinationPortRange(r.get("DestinationPorts"))
                    .protocol(r.get("Protocol")))
        .build();
  }

  static TransitStore.MeteringPolicy live(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("TransitGatewayMeteringPolicyId");
    }
    return KIND.getLive(ctx.state(), id, TransitStore.Base::live);
  }

  /** The attachments, each a live attachment of the gateway. */
  private static List<String> middleboxes(RequestContext ctx, String gateway, List<String> ids) {
    for (String id : ids) {
      if (!TransitGatewayLookups.attachment(ctx, id).transitGatewayId().equals(gateway)) {
        throw AwsException.invalidParameterValue(id + " is not an attachment of " + gateway + ".");
      }
    }
    return ids;
  }

  public CreateTransitGatewayMeteringPolicyResponse createTransitGatewayMeteringPolicy(
      RequestContext ctx, CreateTransitGatewayMeteringPolicyRequest req) {
    var tags = KIND.tags(req.tagSpecifications());
    String gateway = TransitGatewayLookups.gateway(ctx, req.transitGatewayId()).id();
    List<String> boxes = middleboxes(ctx, gateway, req.middleboxAttachmentIds());
    TransitStore.MeteringPolicy p =
        KIND.create(
            ctx,
            tags,
            id -> {
              var made = new TransitStore.MeteringPolicy(id, gateway);
              made.middleboxes.addAll(boxes);
              return made;
            });
    return CreateTransitGatewayMeteringPolicyResponse.builder()
        .transitGatewayMeteringPolicy(KIND.view(ctx, p).toBuilder().state("pending").build())
        .build();
  }

  public DescribeTransitGatewayMeteringPoliciesResponse describeTransitGatewayMeteringPolicies(
      RequestContext ctx, DescribeTransitGatewayMeteringPoliciesRequest req) {
    var page =
        KIND.describe(
            ctx,
            req.transitGatewayMeteringPolicyIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeTransitGatewayMeteringPoliciesResponse.builder()
        .transitGatewayMeteringPolicies(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyTransitGatewayMeteringPolicyResponse modifyTransitGatewayMeteringPolicy(
      RequestContext ctx, ModifyTransitGatewayMeteringPolicyRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.MeteringPolicy p = live(ctx, req.transitGatewayMeteringPolicyId());
      middleboxes(ctx, p.transitGatewayId, req.addMiddleboxAttachmentIds());
      for (String id : req.removeMiddleboxAttachmentIds()) {
        if (!p.middleboxes.contains(id)) {
          throw AwsException.invalidParameterValue(id + " is not a middlebox of " + p.id + ".");
        }
      }
      p.middleboxes.removeAll(req.removeMiddleboxAttachmentIds());
      req.addMiddleboxAttachmentIds().stream()
          .filter(id -> !p.middleboxes.contains(id))
          .forEach(p.middleboxes::add);
      p.updated = Instant.now();
      return ModifyTransitGatewayMeteringPolicyResponse.builder()
          .transitGatewayMeteringPolicy(KIND.view(ctx, p).toBuilder().state("modifying").build())
          .build();
    }
  }

  public DeleteTransitGatewayMeteringPolicyResponse deleteTransitGatewayMeteringPolicy(
      RequestContext ctx, DeleteTransitGatewayMeteringPolicyRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.MeteringPolicy p = live(ctx, req.transitGatewayMeteringPolicyId());
      p.state = "deleted";
      return DeleteTransitGatewayMeteringPolicyResponse.builder()
          .transitGatewayMeteringPolicy(KIND.view(ctx, p).toBuilder().state("deleting").build())
          .build();
    }
  }

  public CreateTransitGatewayMeteringPolicyEntryResponse createTransitGatewayMeteringPolicyEntry(
      RequestContext ctx, CreateTransitGatewayMeteringPolicyEntryRequest req) {
    Integer number = req.policyRuleNumber();
    if (number == null) {
      throw AwsException.missingParameter("PolicyRuleNumber");
    }
    if (number < 1 || number > 32766) {
      throw AwsException.invalidParameterValue(
          "The policy rule number " + number + " is invalid: it must be 1-32766.");
    }
    String payer = req.meteredAccountAsString();
    if (payer == null) {
      throw AwsException.missingParameter("MeteredAccount");
    }
    if (TransitGatewayMeteringPayerType.fromValue(payer)
        == TransitGatewayMeteringPayerType.UNKNOWN_TO_SDK_VERSION) {
      throw AwsException.invalidParameterValue(
          "Value (" + payer + ") for MeteredAccount is invalid.");
    }
    Map<String, String> rule = new LinkedHashMap<>();
    put(rule, "SourceAttachment", req.sourceTransitGatewayAttachmentId());
    put(rule, "SourceType", type(req.sourceTransitGatewayAttachmentTypeAsString()));
    put(rule, "SourceCidr", cidr(req.sourceCidrBlock()));
    put(rule, "SourcePorts", req.sourcePortRange());
    put(rule, "DestinationAttachment", req.destinationTransitGatewayAttachmentId());
    put(rule, "DestinationType", type(req.destinationTransitGatewayAttachmentTypeAsString()));
    put(rule, "DestinationCidr", cidr(req.destinationCidrBlock()));
    put(rule, "DestinationPorts", req.destinationPortRange());
    put(rule, "Protocol", req.protocol());
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.MeteringPolicy p = live(ctx, req.transitGatewayMeteringPolicyId());
      for (String a :
          new String[] {rule.get("SourceAttachment"), rule.get("DestinationAttachment")}) {
        if (a != null) {
          middleboxes(ctx, p.transitGatewayId, List.of(a));
        }
      }
      if (p.entries.containsKey(number)) {
        throw AwsException.invalidParameterValue(
            "The policy rule number " + number + " is in use in " + p.id + ".");
      }
      var e = new TransitStore.MeteringEntry(number, rule, payer, Instant.now());
      p.entries.put(number, e);
      return CreateTransitGatewayMeteringPolicyEntryResponse.builder()
          .transitGatewayMeteringPolicyEntry(view(e, "available"))
          .build();
    }
  }

  private static void put(Map<String, String> rule, String name, String value) {
    if (value != null) {
      rule.put(name, value);
    }
  }

  private static String type(String value) {
    if (value != null
        && TransitGatewayAttachmentResourceType.fromValue(value)
            == TransitGatewayAttachmentResourceType.UNKNOWN_TO_SDK_VERSION) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for attachment type is invalid.");
    }
    return value;
  }

  private static String cidr(String value) {
    if (value != null && Cidr.parseOrNull(value) == null) {
      throw AwsException.invalidParameterValue("Value (" + value + ") is not a valid CIDR block.");
    }
    return value;
  }

  public DeleteTransitGatewayMeteringPolicyEntryResponse deleteTransitGatewayMeteringPolicyEntry(
      RequestContext ctx, DeleteTransitGatewayMeteringPolicyEntryRequest req) {
    if (req.policyRuleNumber() == null) {
      throw AwsException.missingParameter("PolicyRuleNumber");
    }
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.MeteringPolicy p = live(ctx, req.transitGatewayMeteringPolicyId());
      var e = p.entries.remove(req.policyRuleNumber());
      if (e == null) {
        throw new AwsException(
            "InvalidTransitGatewayMeteringPolicyEntry.NotFound",
            "The metering policy " + p.id + " has no entry " + req.policyRuleNumber() + ".");
      }
      return DeleteTransitGatewayMeteringPolicyEntryResponse.builder()
          .transitGatewayMeteringPolicyEntry(view(e, "deleted"))
          .build();
    }
  }

  public GetTransitGatewayMeteringPolicyEntriesResponse getTransitGatewayMeteringPolicyEntries(
      RequestContext ctx, GetTransitGatewayMeteringPolicyEntriesRequest req) {
    var filter = ENTRY_FILTERS.compile(req.filters());
    List<TransitGatewayMeteringPolicyEntry> out;
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.MeteringPolicy p = live(ctx, req.transitGatewayMeteringPolicyId());
      out = p.entries.values().stream().map(e -> view(e, "available")).filter(filter).toList();
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetTransitGatewayMeteringPolicyEntriesResponse.builder()
        .transitGatewayMeteringPolicyEntries(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
