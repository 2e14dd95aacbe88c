package dev.ec2double.ec2.ipam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.BatchModifyIpamRoutingPolicyRegistrationsRequest;
import software.amazon.awssdk.services.ec2.model.BatchModifyIpamRoutingPolicyRegistrationsResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamInternetRegistryAssociationRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamInternetRegistryAssociationResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamRoutingPolicyRegistrationRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamRoutingPolicyRegistrationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamInternetRegistryAssociationRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamInternetRegistryAssociationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamRoutingPolicyRegistrationRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamRoutingPolicyRegistrationResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamInternetRegistryAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamInternetRegistryAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.EnableIpamInternetRegistryAssociationRequest;
import software.amazon.awssdk.services.ec2.model.EnableIpamInternetRegistryAssociationResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamInternetRegistryAssociationAsnsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamInternetRegistryAssociationAsnsResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamInternetRegistryAssociationCidrsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamInternetRegistryAssociationCidrsResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamRouteOriginAuthorizationsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamRouteOriginAuthorizationsResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamRouteProtectionFindingsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamRouteProtectionFindingsResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamRoutingPolicyRegistrationDeltasRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamRoutingPolicyRegistrationDeltasResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamRoutingPolicyRegistrationsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamRoutingPolicyRegistrationsResponse;
import software.amazon.awssdk.services.ec2.model.IpamInternetRegistryAssociationAsn;
import software.amazon.awssdk.services.ec2.model.IpamInternetRegistryAssociationCidr;
import software.amazon.awssdk.services.ec2.model.IpamRouteOriginAuthorization;
import software.amazon.awssdk.services.ec2.model.IpamRouteOriginAuthorizationInfo;
import software.amazon.awssdk.services.ec2.model.IpamRouteProtectionFinding;
import software.amazon.awssdk.services.ec2.model.ModifyIpamRoutingPolicyRegistrationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamRoutingPolicyRegistrationResponse;

/**
 * An IPAM's link to a regional internet registry (create, enable with the RPKI details, delete),
 * the routing policies registered there for its CIDRs (which ASNs may originate them: each change a
 * delta with its JSON), the route origin authorizations those make, and the route protection
 * findings of the advertised BYOIP CIDRs (RPKI valid when a registration authorizes the origin
 * ASN). Records: nothing is sent to a registry. A BatchModify delta is a JSON array of {@code
 * {"action":"create"|"modify"|"delete","cidr":...,"asns":[...],"maxLength":n,
 * "permitMoreSpecificAnnouncements":b}} objects, the shape of the deltas these calls answer.
 */
public final class IpamRoutingService {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RIRS = Set.of("ripe", "apnic", "arin", "lacnic", "nicbr");

  public CreateIpamInternetRegistryAssociationResponse createIpamInternetRegistryAssociation(
      RequestContext ctx, CreateIpamInternetRegistryAssociationRequest req) {
    if (req.ipamId() == null || req.rirAsString() == null || req.organizationHandle() == null) {
      throw AwsException.missingParameter(
          req.ipamId() == null
              ? "IpamId"
              : req.rirAsString() == null ? "Rir" : "OrganizationHandle");
    }
    if (!RIRS.contains(req.rirAsString())) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.rirAsString() + ") for parameter Rir is invalid.");
    }
    var tags = InternetRegistries.KIND.tags(req.tagSpecifications());
    IpamState st = IpamState.of(ctx.state());
    RegistryRecords.Association a;
    synchronized (st) {
      String ipamId = Ipams.IPAM.get(ctx.state(), req.ipamId()).id;
      a =
          InternetRegistries.KIND.create(
              ctx,
              tags,
              id -> {
                var r =
                    new RegistryRecords.Association(
                        id, ipamId, req.rirAsString(), req.organizationHandle());
                r.description = req.description();
                r.childRequestXml =
                    "<child_request xmlns=\"http://www.hactrn.net/uris/rpki/rpki-setup/\""
                        + " version=\"1\" child_handle=\""
                        + id
                        + "\"/>";
                return r;
              });
    }
    return CreateIpamInternetRegistryAssociationResponse.builder()
        .ipamInternetRegistryAssociation(InternetRegistries.KIND.view(ctx, a))
        .build();
  }

  public EnableIpamInternetRegistryAssociationResponse enableIpamInternetRegistryAssociation(
      RequestContext ctx, EnableIpamInternetRegistryAssociationRequest req) {
    var a =
        InternetRegistries.KIND.modify(
            ctx,
            req.ipamInternetRegistryAssociationId(),
            r -> {
              if (req.serviceUri() == null || req.parentHandle() == null) {
                throw AwsException.missingParameter(
                    req.serviceUri() == null ? "ServiceUri" : "ParentHandle");
              }
              r.state = "enable-complete";
              return r;
            });
    return EnableIpamInternetRegistryAssociationResponse.builder()
        .ipamInternetRegistryAssociation(
            InternetRegistries.KIND.view(ctx, a).toBuilder().state("enable-in-progress").build())
        .build();
  }

  public DeleteIpamInternetRegistryAssociationResponse deleteIpamInternetRegistryAssociation(
      RequestContext ctx, DeleteIpamInternetRegistryAssociationRequest req) {
    if (req.ipamInternetRegistryAssociationId() == null) {
      throw AwsException.missingParameter("IpamInternetRegistryAssociationId");
    }
    var a = InternetRegistries.KIND.get(ctx.state(), req.ipamInternetRegistryAssociationId());
    var view = InternetRegistries.KIND.view(ctx, a).toBuilder().state("delete-in-progress").build();
    InternetRegistries.KIND.delete(ctx, a.id);
    return DeleteIpamInternetRegistryAssociationResponse.builder()
        .ipamInternetRegistryAssociation(view)
        .build();
  }

  public DescribeIpamInternetRegistryAssociationsResponse describeIpamInternetRegistryAssociations(
      RequestContext ctx, DescribeIpamInternetRegistryAssociationsRequest req) {
    var page =
        InternetRegistries.KIND.describe(
            ctx,
            req.ipamInternetRegistryAssociationIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeIpamInternetRegistryAssociationsResponse.builder()
        .ipamInternetRegistryAssociations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The ASNs brought to the association's IPAM (BYOASN). */
  public GetIpamInternetRegistryAssociationAsnsResponse getIpamInternetRegistryAssociationAsns(
      RequestContext ctx, GetIpamInternetRegistryAssociationAsnsRequest req) {
    var filter =
        dev.ec2double.core.FilterSpec.<IpamInternetRegistryAssociationAsn>of()
            .field("asn", IpamInternetRegistryAssociationAsn::asn)
            .compile(req.filters());
    Instant now = Instant.now();
    IpamState st = IpamState.of(ctx.state());
    List<IpamInternetRegistryAssociationAsn> all;
    synchronized (st) {
      var a = InternetRegistries.KIND.get(ctx.state(), req.ipamInternetRegistryAssociationId());
      all =
          st.asns.values().stream()
              .filter(x -> x.ipamId.equals(a.ipamId))
              .map(
                  x ->
                      IpamInternetRegistryAssociationAsn.builder()
                          .asn(x.asn)
                          .lastObservedAt(now)
                          .build())
              .filter(filter)
              .toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamInternetRegistryAssociationAsnsResponse.builder()
        .ipamInternetRegistryAssociationAsns(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The CIDRs of the IPAM's public-scope pools and the account's BYOIP CIDRs. */
  public GetIpamInternetRegistryAssociationCidrsResponse getIpamInternetRegistryAssociationCidrs(
      RequestContext ctx, GetIpamInternetRegistryAssociationCidrsRequest req) {
    var filter =
        dev.ec2double.core.FilterSpec.<IpamInternetRegistryAssociationCidr>of()
            .field("cidr", IpamInternetRegistryAssociationCidr::cidr)
            .compile(req.filters());
    Instant now = Instant.now();
    IpamState st = IpamState.of(ctx.state());
    List<String> cidrs = new ArrayList<>();
    synchronized (st) {
      var a = InternetRegistries.KIND.get(ctx.state(), req.ipamInternetRegistryAssociationId());
      st.pools.values().stream()
          .filter(p -> p.ipamId.equals(a.ipamId) && p.scopeType.equals("public"))
          .forEach(p -> p.provisioned().forEach(b -> cidrs.add(b.toString())));
      st.byoipCidrs.keySet().stream().filter(c -> !cidrs.contains(c)).forEach(cidrs::add);
    }
    var all =
        cidrs.stream()
            .map(
                c ->
                    IpamInternetRegistryAssociationCidr.builder()
                        .cidr(c)
                        .lastObservedAt(now)
                        .build())
            .filter(filter)
            .toList();
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamInternetRegistryAssociationCidrsResponse.builder()
        .ipamInternetRegistryAssociationCidrs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** One registration change: checked, applied, recorded as a delta. */
  private record Change(
      String action,
      String cidr,
      List<String> asns,
      Boolean permitMoreSpecific,
      Integer maxLength,
      String description) {}

  private static String apply(RegistryRecords.Association a, List<Change> changes) {
    if (!a.state.equals("enable-complete")) {
      throw new AwsException(
          "IncorrectState",
          "The internet registry association " + a.id + " is not enabled: enable it first.");
    }
    var array = JSON.createArrayNode();
    for (Change c : changes) {
      IpBlock block = IpBlock.parseOrNull(c.cidr());
      if (block == null) {
        throw AwsException.invalidParameterValue(
            "Value (" + c.cidr() + ") for parameter Cidr is invalid.");
      }
      String key = block.toString();
      RegistryRecords.Registration g = a.registrations.get(key);
      switch (c.action()) {
        case "create" -> {
          if (g != null) {
            throw AwsException.invalidParameterValue("The CIDR " + key + " is registered already.");
          }
          g = new RegistryRecords.Registration(key);
          a.registrations.put(key, g);
        }
        case "modify", "delete" -> {
          if (g == null) {
            throw new AwsException(
                "InvalidIpamRoutingPolicyRegistration.NotFound",
                "The CIDR " + key + " has no routing policy registration.");
          }
        }
        default ->
            throw AwsException.invalidParameterValue("Unknown delta action '" + c.action() + "'.");
      }
      if (c.action().equals("delete")) {
        a.registrations.remove(key);
      } else {
        if (c.asns() != null) {
          c.asns()
              .forEach(
                  n -> {
                    if (!n.matches("\\d{1,10}")) {
                      throw AwsException.invalidParameterValue(
                          "Value (" + n + ") for parameter Asns is invalid.");
                    }
                  });
          g.asns = List.copyOf(c.asns());
        }
        if (c.maxLength() != null) {
          if (c.maxLength() < block.prefix() || c.maxLength() > block.bits()) {
            throw AwsException.invalidParameterValue(
                "MaxLength "
                    + c.maxLength()
                    + " must lie between /"
                    + block.prefix()
                    + " and /"
                    + block.bits()
                    + ".");
          }
          g.maxLength = c.maxLength();
        }
        if (c.permitMoreSpecific() != null) {
          g.permitMoreSpecific = c.permitMoreSpecific();
        }
        if (c.description() != null) {
          g.description = c.description();
        }
        g.state = c.action().equals("create") ? "create-complete" : "update-complete";
      }
      ObjectNode n = array.addObject().put("action", c.action()).put("cidr", key);
      if (c.asns() != null) {
        c.asns().forEach(n.putArray("asns")::add);
      }
      if (c.maxLength() != null) {
        n.put("maxLength", c.maxLength());
      }
      if (c.permitMoreSpecific() != null) {
        n.put("permitMoreSpecificAnnouncements", c.permitMoreSpecific());
      }
    }
    String id = Ids.next("ipam-rpr-delta");
    a.deltas.add(new RegistryRecords.Delta(id, array.toString(), System.currentTimeMillis()));
    for (Change c : changes) {
      var g = a.registrations.get(IpBlock.parseOrNull(c.cidr()).toString());
      if (g != null) {
        g.latestDeltaId = id;
      }
    }
    return id;
  }

  private static RegistryRecords.Delta change(
      RequestContext ctx, String associationId, List<Change> changes) {
    if (associationId == null) {
      throw AwsException.missingParameter("IpamInternetRegistryAssociationId");
    }
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      var a = InternetRegistries.KIND.get(ctx.state(), associationId);
      String id = apply(a, changes);
      return a.deltas.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }
  }

  public CreateIpamRoutingPolicyRegistrationResponse createIpamRoutingPolicyRegistration(
      RequestContext ctx, CreateIpamRoutingPolicyRegistrationRequest req) {
    var d =
        registration(
            ctx,
            req.ipamInternetRegistryAssociationId(),
            new Change(
                "create",
                req.cidr(),
                req.hasAsns() ? req.asns() : List.of(),
                req.permitMoreSpecificAnnouncements(),
                req.maxLength(),
                req.description()));
    return CreateIpamRoutingPolicyRegistrationResponse.builder()
        .ipamRoutingPolicyRegistrationDelta(d)
        .build();
  }

  public ModifyIpamRoutingPolicyRegistrationResponse modifyIpamRoutingPolicyRegistration(
      RequestContext ctx, ModifyIpamRoutingPolicyRegistrationRequest req) {
    var d =
        registration(
            ctx,
            req.ipamInternetRegistryAssociationId(),
            new Change(
                "modify",
                req.cidr(),
                req.hasAsns() ? req.asns() : null,
                req.permitMoreSpecificAnnouncements(),
                req.maxLength(),
                req.description()));
    return ModifyIpamRoutingPolicyRegistrationResponse.builder()
        .ipamRoutingPolicyRegistrationDelta(d)
        .build();
  }

  /** One registration changed by its own call: the CIDR is required. */
  private static software.amazon.awssdk.services.ec2.model.IpamRoutingPolicyRegistrationDelta
      registration(RequestContext ctx, String associationId, Change c) {
    if (c.cidr() == null) {
      throw AwsException.missingParameter("Cidr");
    }
    return InternetRegistries.delta(change(ctx, associationId, List.of(c)));
  }

  public DeleteIpamRoutingPolicyRegistrationResponse deleteIpamRoutingPolicyRegistration(
      RequestContext ctx, DeleteIpamRoutingPolicyRegistrationRequest req) {
    var d =
        registration(
            ctx,
            req.ipamInternetRegistryAssociationId(),
            new Change("delete", req.cidr(), null, null, null, null));
    return DeleteIpamRoutingPolicyRegistrationResponse.builder()
        .ipamRoutingPolicyRegistrationDelta(d)
        .build();
  }

  public BatchModifyIpamRoutingPolicyRegistrationsResponse
      batchModifyIpamRoutingPolicyRegistrations(
          RequestContext ctx, BatchModifyIpamRoutingPolicyRegistrationsRequest req) {
    if (req.deltaJson() == null) {
      throw AwsException.missingParameter("DeltaJson");
    }
    List<Change> changes = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(req.deltaJson());
      if (root == null || !root.isArray() || root.isEmpty()) {
        throw AwsException.invalidParameterValue("DeltaJson must be a non-empty JSON array.");
      }
      for (JsonNode n : root) {
        List<String> asns = null;
        if (n.has("asns")) {
          asns = new ArrayList<>();
          for (JsonNode x : n.get("asns")) {
            asns.add(x.asText());
          }
        }
        changes.add(
            new Change(
                n.path("action").asText(""),
                n.path("cidr").asText(null),
                asns,
                n.has("permitMoreSpecificAnnouncements")
                    ? n.get("permitMoreSpecificAnnouncements").asBoolean()
                    : null,
                n.has("maxLength") ? n.get("maxLength").asInt() : null,
                n.has("description") ? n.get("description").asText() : null));
      }
    } catch (JsonProcessingException e) {
      throw AwsException.invalidParameterValue("DeltaJson is not valid JSON.");
    }
    var d = change(ctx, req.ipamInternetRegistryAssociationId(), changes);
    return BatchModifyIpamRoutingPolicyRegistrationsResponse.builder()
        .ipamRoutingPolicyRegistrationDelta(InternetRegistries.delta(d))
        .build();
  }

  public GetIpamRoutingPolicyRegistrationsResponse getIpamRoutingPolicyRegistrations(
      RequestContext ctx, GetIpamRoutingPolicyRegistrationsRequest req) {
    IpamState st = IpamState.of(ctx.state());
    List<software.amazon.awssdk.services.ec2.model.IpamRoutingPolicyRegistration> all;
    synchronized (st) {
      var a = InternetRegistries.KIND.get(ctx.state(), req.ipamInternetRegistryAssociationId());
      all =
          a.registrations.values().stream()
              .filter(g -> req.cidr() == null || g.cidr.equals(req.cidr()))
              .map(InternetRegistries::registration)
              .toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamRoutingPolicyRegistrationsResponse.builder()
        .ipamRoutingPolicyRegistrations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetIpamRoutingPolicyRegistrationDeltasResponse getIpamRoutingPolicyRegistrationDeltas(
      RequestContext ctx, GetIpamRoutingPolicyRegistrationDeltasRequest req) {
    long from = req.startTime() == null ? 0 : req.startTime().toEpochMilli();
    long to = req.endTime() == null ? Long.MAX_VALUE : req.endTime().toEpochMilli();
    boolean reverse = "reverse".equals(req.chronologicalOrderAsString());
    IpamState st = IpamState.of(ctx.state());
    List<RegistryRecords.Delta> picked;
    synchronized (st) {
      var a = InternetRegistries.KIND.get(ctx.state(), req.ipamInternetRegistryAssociationId());
      picked =
          new ArrayList<>(
              a.deltas.stream()
                  .filter(d -> req.deltaId() == null || d.id().equals(req.deltaId()))
                  .filter(d -> d.at() >= from && d.at() <= to)
                  .toList());
    }
    if (reverse) {
      picked.sort(Comparator.comparingLong(RegistryRecords.Delta::at).reversed());
    }
    var all = picked.stream().map(InternetRegistries::delta).toList();
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamRoutingPolicyRegistrationDeltasResponse.builder()
        .ipamRoutingPolicyRegistrationDeltas(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** One authorization per registered CIDR and ASN. */
  public GetIpamRouteOriginAuthorizationsResponse getIpamRouteOriginAuthorizations(
      RequestContext ctx, GetIpamRouteOriginAuthorizationsRequest req) {
    IpamState st = IpamState.of(ctx.state());
    List<IpamRouteOriginAuthorizationInfo> all = new ArrayList<>();
    synchronized (st) {
      var a = InternetRegistries.KIND.get(ctx.state(), req.ipamInternetRegistryAssociationId());
      for (var g : a.registrations.values()) {
        if (req.cidr() != null && !g.cidr.equals(req.cidr())) {
          continue;
        }
        for (String asn : g.asns == null ? List.<String>of() : g.asns) {
          all.add(
              IpamRouteOriginAuthorizationInfo.builder()
                  .cidr(g.cidr)
                  .asn(asn)
                  .maxLength(
                      g.maxLength != null ? g.maxLength : IpBlock.parseOrNull(g.cidr).prefix())
                  .build());
        }
      }
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return GetIpamRouteOriginAuthorizationsResponse.builder()
        .ipamRouteOriginAuthorizations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * Each advertised BYOIP CIDR: RPKI {@code valid} when a registration of the IPAM authorizes its
   * origin ASN for it, {@code invalid} when registrations cover it but not that ASN, else {@code
   * unknown}.
   */
  public GetIpamRouteProtectionFindingsResponse getIpamRouteProtectionFindings(
      RequestContext ctx, GetIpamRouteProtectionFindingsRequest req) {
    var filter =
        dev.ec2double.core.FilterSpec.<IpamRouteProtectionFinding>of()
            .field("cidr", IpamRouteProtectionFinding::cidr)
            .field("rpki-status", IpamRouteProtectionFinding::rpkiStatusAsString)
            .field("asn", IpamRouteProtectionFinding::asn)
            .compile(req.filters());
    Instant now = Instant.now();
    IpamState st = IpamState.of(ctx.state());
    List<IpamRouteProtectionFinding> all = new ArrayList<>();
    synchronized (st) {
      String ipamId = Ipams.IPAM.get(ctx.state(), req.ipamId()).id;
      List<RegistryRecords.Registration> registered = new ArrayList<>();
      st.registries.values().stream()
          .filter(a -> a.ipamId.equals(ipamId))
          .forEach(a -> registered.addAll(a.registrations.values()));
      for (ByoipRecords.Cidr c : st.byoipCidrs.values()) {
        if (!c.state.equals("advertised")) {
          continue;
        }
        List<IpamRouteOriginAuthorization> roas = new ArrayList<>();
        for (var g : registered) {
          IpBlock b = IpBlock.parseOrNull(g.cidr);
          int max = g.maxLength != null ? g.maxLength : b.prefix();
          if (b.contains(c.block) && c.block.prefix() <= max) {
            for (String asn : g.asns == null ? List.<String>of() : g.asns) {
              roas.add(
                  IpamRouteOriginAuthorization.builder()
                      .asn(asn)
                      .prefix(g.cidr)
                      .maxLength(max)
                      .match(asn.equals(c.asn))
                      .build());
            }
          }
        }
        String status =
            roas.isEmpty()
                ? "unknown"
                : roas.stream().anyMatch(IpamRouteOriginAuthorization::match) ? "valid" : "invalid";
        all.add(
            IpamRouteProtectionFinding.builder()
                .resourceOwnerId(ctx.account())
                .resourceRegion(ctx.region())
                .cidr(c.block.toString())
                .state("advertised")
                .advertisementType("regional")
                .networkBorderGroup(c.networkBorderGroup)
                .poolId(c.poolId)
                .asn(c.asn)
                .rpkiStatus(status)
                .roas(roas)
                .sampleTime(now)
                .roaSampleTime(now)
                .build());
      }
    }
    var page =
        IpamPoolsService.page(
            ctx, all.stream().filter(filter).toList(), req.maxResults(), req.nextToken());
    return GetIpamRouteProtectionFindingsResponse.builder()
        .ipamId(req.ipamId())
        .routeProtectionFindings(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
