package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayMulticastDomainAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayMulticastDomainAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.AssociateTransitGatewayMulticastDomainRequest;
import software.amazon.awssdk.services.ec2.model.AssociateTransitGatewayMulticastDomainResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayMulticastDomainRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayMulticastDomainResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayMulticastDomainRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayMulticastDomainResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayMulticastDomainsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayMulticastDomainsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateTransitGatewayMulticastDomainRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateTransitGatewayMulticastDomainResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayMulticastDomainAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayMulticastDomainAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayMulticastDomainAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayMulticastDomainAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.SearchTransitGatewayMulticastGroupsRequest;
import software.amazon.awssdk.services.ec2.model.SearchTransitGatewayMulticastGroupsResponse;
import software.amazon.awssdk.services.ec2.model.SubnetAssociation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastDomainAssociation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastDomainAssociations;

/**
 * Transit gateway multicast domains (the gateway must have MulticastSupport), the subnets of VPC
 * attachments associated with them, and the search over their groups. Registering members and
 * sources is in {@link MulticastGroupsService}. Records: no multicast traffic is forwarded.
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-multicast-overview.html
 */
public final class MulticastDomainsService {

  public CreateTransitGatewayMulticastDomainResponse createTransitGatewayMulticastDomain(
      RequestContext ctx, CreateTransitGatewayMulticastDomainRequest req) {
    var o = req.options();
    String igmp =
        Switches.orDefault(
            o == null ? null : o.igmpv2SupportAsString(), "disable", "Igmpv2Support");
    String sources =
        Switches.orDefault(
            o == null ? null : o.staticSourcesSupportAsString(), "disable", "StaticSourcesSupport");
    String auto =
        Switches.orDefault(
            o == null ? null : o.autoAcceptSharedAssociationsAsString(),
            "disable",
            "AutoAcceptSharedAssociations");
    if (igmp.equals("enable") && sources.equals("enable")) {
      throw AwsException.invalidParameterCombination(
          "Igmpv2Support and StaticSourcesSupport cannot both be enabled.");
    }
    var tags = MulticastDomains.KIND.tags(req.tagSpecifications());
    TransitGatewayLookups.Gateway g = TransitGatewayLookups.gateway(ctx, req.transitGatewayId());
    if (!g.enabled("MulticastSupport")) {
      throw AwsException.invalidParameterValue(
          g.id() + " does not support multicast: create it with MulticastSupport enable.");
    }
    TransitStore.MulticastDomain d =
        MulticastDomains.KIND.create(
            ctx,
            tags,
            id -> {
              var made = new TransitStore.MulticastDomain(id, g.id());
              made.options.put("Igmpv2Support", igmp);
              made.options.put("StaticSourcesSupport", sources);
              made.options.put("AutoAcceptSharedAssociations", auto);
              return made;
            });
    return CreateTransitGatewayMulticastDomainResponse.builder()
        .transitGatewayMulticastDomain(
            MulticastDomains.KIND.view(ctx, d).toBuilder().state("pending").build())
        .build();
  }

  public DescribeTransitGatewayMulticastDomainsResponse describeTransitGatewayMulticastDomains(
      RequestContext ctx, DescribeTransitGatewayMulticastDomainsRequest req) {
    var page =
        MulticastDomains.KIND.describe(
            ctx,
            req.transitGatewayMulticastDomainIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeTransitGatewayMulticastDomainsResponse.builder()
        .transitGatewayMulticastDomains(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  static TransitStore.MulticastDomain live(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("TransitGatewayMulticastDomainId");
    }
    return MulticastDomains.KIND.getLive(ctx.state(), id, TransitStore.Base::live);
  }

  /** Its associations must be gone first. */
  public DeleteTransitGatewayMulticastDomainResponse deleteTransitGatewayMulticastDomain(
      RequestContext ctx, DeleteTransitGatewayMulticastDomainRequest req) {
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.MulticastDomain d = live(ctx, req.transitGatewayMulticastDomainId());
      if (!d.subnets.isEmpty()) {
        throw new AwsException(
            "IncorrectState", "The multicast domain " + d.id + " has associations.");
      }
      d.state = "deleted";
      return DeleteTransitGatewayMulticastDomainResponse.builder()
          .transitGatewayMulticastDomain(
              MulticastDomains.KIND.view(ctx, d).toBuilder().state("deleting").build())
          .build();
    }
  }

  public AssociateTransitGatewayMulticastDomainResponse associateTransitGatewayMulticastDomain(
      RequestContext ctx, AssociateTransitGatewayMulticastDomainRequest req) {
    return AssociateTransitGatewayMulticastDomainResponse.builder()
        .associations(
            change(
                ctx,
                req.transitGatewayMulticastDomainId(),
                req.transitGatewayAttachmentId(),
                req.subnetIds(),
                Change.ASSOCIATE))
        .build();
  }

  public DisassociateTransitGatewayMulticastDomainResponse
      disassociateTransitGatewayMulticastDomain(
          RequestContext ctx, DisassociateTransitGatewayMulticastDomainRequest req) {
    return DisassociateTransitGatewayMulticastDomainResponse.builder()
        .associations(
            change(
                ctx,
                req.transitGatewayMulticastDomainId(),
                req.transitGatewayAttachmentId(),
                req.subnetIds(),
                Change.DISASSOCIATE))
        .build();
  }

  public AcceptTransitGatewayMulticastDomainAssociationsResponse
      acceptTransitGatewayMulticastDomainAssociations(
          RequestContext ctx, AcceptTransitGatewayMulticastDomainAssociationsRequest req) {
    return AcceptTransitGatewayMulticastDomainAssociationsResponse.builder()
        .associations(
            change(
                ctx,
                req.transitGatewayMulticastDomainId(),
                req.transitGatewayAttachmentId(),
                req.subnetIds(),
                Change.ACCEPT))
        .build();
  }

  public RejectTransitGatewayMulticastDomainAssociationsResponse
      rejectTransitGatewayMulticastDomainAssociations(
          RequestContext ctx, RejectTransitGatewayMulticastDomainAssociationsRequest req) {
    return RejectTransitGatewayMulticastDomainAssociationsResponse.builder()
        .associations(
            change(
                ctx,
                req.transitGatewayMulticastDomainId(),
                req.transitGatewayAttachmentId(),
                req.subnetIds(),
                Change.REJECT))
        .build();
  }

  private enum Change {
    ASSOCIATE("associating"),
    DISASSOCIATE("disassociating"),
    ACCEPT("associating"),
    REJECT("rejected");

    final String shown;

    Change(String shown) {
      this.shown = shown;
    }
  }

  /**
   * Associates subnets of a VPC attachment of the domain's gateway with the domain, or ends,
   * accepts or rejects such associations. An association in the gateway owner's own account is
   * never pending, so there is nothing to accept or reject in it.
   */
  private static TransitGatewayMulticastDomainAssociations change(
      RequestContext ctx, String domainId, String attachmentId, List<String> subnets, Change how) {
    if (attachmentId == null) {
      throw AwsException.missingParameter("TransitGatewayAttachmentId");
    }
    if (subnets.isEmpty()) {
      throw AwsException.missingParameter("SubnetIds");
    }
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.MulticastDomain d = live(ctx, domainId);
      TransitGatewayLookups.Attachment a = TransitGatewayLookups.attachment(ctx, attachmentId);
      if (!a.transitGatewayId().equals(d.transitGatewayId) || !a.resourceType().equals("vpc")) {
        throw AwsException.invalidParameterValue(
            a.id() + " is not a VPC attachment of " + d.transitGatewayId + ".");
      }
      for (String subnet : subnets) {
        boolean associated =
            d.subnets.stream()
                .anyMatch(x -> x.subnetId().equals(subnet) && x.attachmentId().equals(a.id()));
        switch (how) {
          case ASSOCIATE -> {
            if (!a.subnetIds().contains(subnet)) {
              throw AwsException.invalidParameterValue(
                  "The subnet " + subnet + " is not a subnet of " + a.id() + ".");
            }
            if (associated) {
              throw new AwsException(
                  "Resource.AlreadyAssociated",
                  "The subnet " + subnet + " is already associated with " + d.id + ".");
            }
          }
          case DISASSOCIATE -> {
            if (!associated) {
              throw new AwsException(
                  "InvalidAssociation.NotFound",
                  "The subnet " + subnet + " is not associated with " + d.id + ".");
            }
          }
          default ->
              throw new AwsException(
                  "IncorrectState",
                  "The association of "
                      + subnet
                      + " with "
                      + d.id
                      + " is not pendingAcceptance: it was made in the gateway owner's account.");
        }
      }
      List<SubnetAssociation> shown = new ArrayList<>();
      for (String subnet : subnets) {
        if (how == Change.ASSOCIATE) {
          d.subnets.add(
              new TransitStore.DomainSubnet(a.id(), a.resourceId(), subnet, "associated"));
        } else {
          d.subnets.removeIf(x -> x.subnetId().equals(subnet) && x.attachmentId().equals(a.id()));
          d.groups.removeIf(g -> g.subnetId().equals(subnet));
        }
        shown.add(SubnetAssociation.builder().subnetId(subnet).state(how.shown).build());
      }
      return TransitGatewayMulticastDomainAssociations.builder()
          .transitGatewayMulticastDomainId(d.id)
          .transitGatewayAttachmentId(a.id())
          .resourceId(a.resourceId())
          .resourceType(a.resourceType())
          .resourceOwnerId(ctx.account())
          .subnets(shown)
          .build();
    }
  }

  private static final FilterSpec<TransitGatewayMulticastDomainAssociation> ASSOCIATION_FILTERS =
      FilterSpec.<TransitGatewayMulticastDomainAssociation>of()
          .field("resource-id", TransitGatewayMulticastDomainAssociation::resourceId)
          .field("resource-type", TransitGatewayMulticastDomainAssociation::resourceTypeAsString)
          .field("state", a -> a.subnet().stateAsString())
          .field("subnet-id", a -> a.subnet().subnetId())
          .field(
              "transit-gateway-attachment-id",
              TransitGatewayMulticastDomainAssociation::transitGatewayAttachmentId);

  public GetTransitGatewayMulticastDomainAssociationsResponse
      getTransitGatewayMulticastDomainAssociations(
          RequestContext ctx, GetTransitGatewayMulticastDomainAssociationsRequest req) {
    Predicate<TransitGatewayMulticastDomainAssociation> filter =
        ASSOCIATION_FILTERS.compile(req.filters());
    List<TransitGatewayMulticastDomainAssociation> out = new ArrayList<>();
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.MulticastDomain d = live(ctx, req.transitGatewayMulticastDomainId());
      for (TransitStore.DomainSubnet x : d.subnets) {
        var a =
            TransitGatewayMulticastDomainAssociation.builder()
                .transitGatewayAttachmentId(x.attachmentId())
                .resourceId(x.resourceId())
                .resourceType("vpc")
                .resourceOwnerId(ctx.account())
                .subnet(SubnetAssociation.builder().subnetId(x.subnetId()).state(x.state()).build())
                .build();
        if (filter.test(a)) {
          out.add(a);
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return GetTransitGatewayMulticastDomainAssociationsResponse.builder()
        .multicastDomainAssociations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public SearchTransitGatewayMulticastGroupsResponse searchTransitGatewayMulticastGroups(
      RequestContext ctx, SearchTransitGatewayMulticastGroupsRequest req) {
    var filter = MulticastDomains.GROUP_FILTERS.compile(req.filters());
    List<software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastGroup> out;
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.MulticastDomain d = live(ctx, req.transitGatewayMulticastDomainId());
      out = MulticastDomains.groups(ctx, d).stream().filter(filter).toList();
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return SearchTransitGatewayMulticastGroupsResponse.builder()
        .multicastGroups(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** A multicast group address: IPv4 224.0.0.0/4 or IPv6 ff00::/8. */
  static String groupAddress(String text) {
    if (text == null) {
      throw AwsException.missingParameter("GroupIpAddress");
    }
    Cidr v4 = Cidr.parseOrNull(text + "/32");
    boolean ok =
        v4 != null
            ? Cidr.parseOrNull("224.0.0.0/4").contains(v4)
            : text.toLowerCase().startsWith("ff") && text.contains(":");
    if (!ok) {
      throw AwsException.invalidParameterValue(
          "The group address " + text + " is not a multicast address.");
    }
    return text;
  }
}
