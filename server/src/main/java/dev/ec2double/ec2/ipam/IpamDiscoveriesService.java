package dev.ec2double.ec2.ipam;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AddIpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.AddIpamOrganizationalUnitExclusion;
import software.amazon.awssdk.services.ec2.model.AssociateIpamResourceDiscoveryRequest;
import software.amazon.awssdk.services.ec2.model.AssociateIpamResourceDiscoveryResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamExternalResourceVerificationTokenRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamExternalResourceVerificationTokenResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamResourceDiscoveryRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamResourceDiscoveryResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamExternalResourceVerificationTokenRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamExternalResourceVerificationTokenResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamResourceDiscoveryRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamResourceDiscoveryResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamExternalResourceVerificationTokensRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamExternalResourceVerificationTokensResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamResourceDiscoveriesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamResourceDiscoveriesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamResourceDiscoveryAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamResourceDiscoveryAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateIpamResourceDiscoveryRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateIpamResourceDiscoveryResponse;
import software.amazon.awssdk.services.ec2.model.ModifyIpamResourceDiscoveryRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamResourceDiscoveryResponse;
import software.amazon.awssdk.services.ec2.model.RemoveIpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.RemoveIpamOrganizationalUnitExclusion;

/**
 * Resource discoveries (an IPAM's default one is made with it and goes with it; others are made,
 * modified, associated with an IPAM, disassociated, deleted when no IPAM uses them) and external
 * resource verification tokens (valid for 72 hours, as AWS's).
 * https://docs.aws.amazon.com/vpc/latest/ipam/res-disc-work-with.html
 */
public final class IpamDiscoveriesService {
  static final long TOKEN_LIFETIME_MILLIS = 72L * 60 * 60 * 1000;

  public CreateIpamResourceDiscoveryResponse createIpamResourceDiscovery(
      RequestContext ctx, CreateIpamResourceDiscoveryRequest req) {
    List<String> regions =
        IpamsService.regionNames(
            req.operatingRegions().stream().map(AddIpamOperatingRegion::regionName));
    var tags = Ipams.DISCOVERY.tags(req.tagSpecifications());
    var d =
        Ipams.DISCOVERY.create(
            ctx,
            tags,
            id -> {
              var r = new IpamRecords.Discovery(id, false);
              r.description = req.description();
              r.operatingRegions.add(ctx.region());
              regions.stream()
                  .filter(n -> !n.equals(ctx.region()))
                  .forEach(r.operatingRegions::add);
              return r;
            });
    return CreateIpamResourceDiscoveryResponse.builder()
        .ipamResourceDiscovery(
            Ipams.DISCOVERY.view(ctx, d).toBuilder().state("create-in-progress").build())
        .build();
  }

  public DescribeIpamResourceDiscoveriesResponse describeIpamResourceDiscoveries(
      RequestContext ctx, DescribeIpamResourceDiscoveriesRequest req) {
    var page =
        Ipams.DISCOVERY.describe(
            ctx, req.ipamResourceDiscoveryIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeIpamResourceDiscoveriesResponse.builder()
        .ipamResourceDiscoveries(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyIpamResourceDiscoveryResponse modifyIpamResourceDiscovery(
      RequestContext ctx, ModifyIpamResourceDiscoveryRequest req) {
    List<String> add =
        IpamsService.regionNames(
            req.addOperatingRegions().stream().map(AddIpamOperatingRegion::regionName));
    List<String> remove =
        IpamsService.regionNames(
            req.removeOperatingRegions().stream().map(RemoveIpamOperatingRegion::regionName));
    var d =
        Ipams.DISCOVERY.modify(
            ctx,
            req.ipamResourceDiscoveryId(),
            r -> {
              if (remove.contains(ctx.region())) {
                throw AwsException.invalidParameterValue(
                    "The discovery's home region " + ctx.region() + " cannot be removed.");
              }
              if (req.description() != null) {
                r.description = req.description();
              }
              add.stream()
                  .filter(n -> !r.operatingRegions.contains(n))
                  .forEach(r.operatingRegions::add);
              r.operatingRegions.removeAll(remove);
              req.addOrganizationalUnitExclusions().stream()
                  .map(AddIpamOrganizationalUnitExclusion::organizationsEntityPath)
                  .filter(p -> !r.exclusions.contains(p))
                  .forEach(r.exclusions::add);
              req.removeOrganizationalUnitExclusions().stream()
                  .map(RemoveIpamOrganizationalUnitExclusion::organizationsEntityPath)
                  .forEach(r.exclusions::remove);
              r.state = "modify-complete";
              return r;
            });
    return ModifyIpamResourceDiscoveryResponse.builder()
        .ipamResourceDiscovery(
            Ipams.DISCOVERY.view(ctx, d).toBuilder().state("modify-in-progress").build())
        .build();
  }

  public DeleteIpamResourceDiscoveryResponse deleteIpamResourceDiscovery(
      RequestContext ctx, DeleteIpamResourceDiscoveryRequest req) {
    if (req.ipamResourceDiscoveryId() == null) {
      throw AwsException.missingParameter("IpamResourceDiscoveryId");
    }
    IpamState st = IpamState.of(ctx.state());
    var view =
        Ipams.DISCOVERY.modify(
            ctx,
            req.ipamResourceDiscoveryId(),
            d -> {
              if (d.isDefault) {
                throw new AwsException(
                    "InvalidParameterValue",
                    "The default resource discovery of an IPAM goes only with its IPAM.");
              }
              if (st.associations.values().stream().anyMatch(a -> a.discoveryId.equals(d.id))) {
                throw new AwsException(
                    "DependencyViolation",
                    "The resource discovery " + d.id + " is associated with an IPAM.");
              }
              var v = Ipams.DISCOVERY.view(ctx, d).toBuilder().state("delete-in-progress").build();
              st.discoveries.remove(d.id);
              return v;
            });
    ctx.tags().drop(req.ipamResourceDiscoveryId());
    return DeleteIpamResourceDiscoveryResponse.builder().ipamResourceDiscovery(view).build();
  }

  public AssociateIpamResourceDiscoveryResponse associateIpamResourceDiscovery(
      RequestContext ctx, AssociateIpamResourceDiscoveryRequest req) {
    if (req.ipamId() == null || req.ipamResourceDiscoveryId() == null) {
      throw AwsException.missingParameter(
          req.ipamId() == null ? "IpamId" : "IpamResourceDiscoveryId");
    }
    var tags = Ipams.ASSOCIATION.tags(req.tagSpecifications());
    IpamState st = IpamState.of(ctx.state());
    IpamRecords.DiscoveryAssociation a;
    synchronized (st) {
      String ipamId = Ipams.IPAM.get(ctx.state(), req.ipamId()).id;
      String discoveryId = Ipams.DISCOVERY.get(ctx.state(), req.ipamResourceDiscoveryId()).id;
      if (st.associations.values().stream()
          .anyMatch(x -> x.ipamId.equals(ipamId) && x.discoveryId.equals(discoveryId))) {
        throw AwsException.invalidParameterValue(
            "The resource discovery "
                + discoveryId
                + " is already associated with "
                + ipamId
                + ".");
      }
      a =
          Ipams.ASSOCIATION.create(
              ctx,
              tags,
              id -> new IpamRecords.DiscoveryAssociation(id, ipamId, discoveryId, false));
    }
    return AssociateIpamResourceDiscoveryResponse.builder()
        .ipamResourceDiscoveryAssociation(
            Ipams.ASSOCIATION.view(ctx, a).toBuilder().state("associate-in-progress").build())
        .build();
  }

  public DisassociateIpamResourceDiscoveryResponse disassociateIpamResourceDiscovery(
      RequestContext ctx, DisassociateIpamResourceDiscoveryRequest req) {
    if (req.ipamResourceDiscoveryAssociationId() == null) {
      throw AwsException.missingParameter("IpamResourceDiscoveryAssociationId");
    }
    IpamState st = IpamState.of(ctx.state());
    var view =
        Ipams.ASSOCIATION.modify(
            ctx,
            req.ipamResourceDiscoveryAssociationId(),
            a -> {
              if (a.isDefault) {
                throw AwsException.invalidParameterValue(
                    "The default resource discovery association of an IPAM cannot be removed.");
              }
              var v =
                  Ipams.ASSOCIATION.view(ctx, a).toBuilder()
                      .state("disassociate-in-progress")
                      .build();
              st.associations.remove(a.id);
              return v;
            });
    ctx.tags().drop(req.ipamResourceDiscoveryAssociationId());
    return DisassociateIpamResourceDiscoveryResponse.builder()
        .ipamResourceDiscoveryAssociation(view)
        .build();
  }

  public DescribeIpamResourceDiscoveryAssociationsResponse
      describeIpamResourceDiscoveryAssociations(
          RequestContext ctx, DescribeIpamResourceDiscoveryAssociationsRequest req) {
    var page =
        Ipams.ASSOCIATION.describe(
            ctx,
            req.ipamResourceDiscoveryAssociationIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeIpamResourceDiscoveryAssociationsResponse.builder()
        .ipamResourceDiscoveryAssociations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public CreateIpamExternalResourceVerificationTokenResponse
      createIpamExternalResourceVerificationToken(
          RequestContext ctx, CreateIpamExternalResourceVerificationTokenRequest req) {
    if (req.ipamId() == null) {
      throw AwsException.missingParameter("IpamId");
    }
    var tags = Ipams.TOKEN.tags(req.tagSpecifications());
    IpamState st = IpamState.of(ctx.state());
    IpamRecords.Token t;
    synchronized (st) {
      String ipamId = Ipams.IPAM.get(ctx.state(), req.ipamId()).id;
      t =
          Ipams.TOKEN.create(
              ctx,
              tags,
              id ->
                  new IpamRecords.Token(
                      id,
                      ipamId,
                      "_" + IpamsService.newToken() + "._ipam",
                      IpamsService.newToken() + IpamsService.newToken(),
                      System.currentTimeMillis() + TOKEN_LIFETIME_MILLIS));
    }
    return CreateIpamExternalResourceVerificationTokenResponse.builder()
        .ipamExternalResourceVerificationToken(
            Ipams.TOKEN.view(ctx, t).toBuilder().state("create-in-progress").build())
        .build();
  }

  public DeleteIpamExternalResourceVerificationTokenResponse
      deleteIpamExternalResourceVerificationToken(
          RequestContext ctx, DeleteIpamExternalResourceVerificationTokenRequest req) {
    if (req.ipamExternalResourceVerificationTokenId() == null) {
      throw AwsException.missingParameter("IpamExternalResourceVerificationTokenId");
    }
    var t = Ipams.TOKEN.get(ctx.state(), req.ipamExternalResourceVerificationTokenId());
    var view = Ipams.TOKEN.view(ctx, t).toBuilder().state("delete-in-progress").build();
    Ipams.TOKEN.delete(ctx, t.id);
    return DeleteIpamExternalResourceVerificationTokenResponse.builder()
        .ipamExternalResourceVerificationToken(view)
        .build();
  }

  public DescribeIpamExternalResourceVerificationTokensResponse
      describeIpamExternalResourceVerificationTokens(
          RequestContext ctx, DescribeIpamExternalResourceVerificationTokensRequest req) {
    var page =
        Ipams.TOKEN.describe(
            ctx,
            req.ipamExternalResourceVerificationTokenIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeIpamExternalResourceVerificationTokensResponse.builder()
        .ipamExternalResourceVerificationTokens(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
