package dev.ec2double.ec2.ipam;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Ipam;
import software.amazon.awssdk.services.ec2.model.IpamExternalResourceVerificationToken;
import software.amazon.awssdk.services.ec2.model.IpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.IpamOrganizationalUnitExclusion;
import software.amazon.awssdk.services.ec2.model.IpamResourceDiscovery;
import software.amazon.awssdk.services.ec2.model.IpamResourceDiscoveryAssociation;
import software.amazon.awssdk.services.ec2.model.IpamScope;

/**
 * IPAMs, scopes, resource discoveries, their associations and verification tokens as resource
 * kinds, with the filters of their Describe calls (which take the fields of the answer by their
 * hyphenated names), e.g.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeIpams.html
 */
final class Ipams {
  private Ipams() {}

  /** IPAM ARNs carry no region: {@code arn:aws:ec2::123456789012:ipam/ipam-...}. */
  static String arn(RequestContext ctx, String type, String id) {
    return "arn:aws:ec2::" + ctx.account() + ":" + type + "/" + id;
  }

  static final ResourceKind<IpamRecords.Ipam, Ipam> IPAM =
      ResourceKind.<IpamRecords.Ipam, Ipam>of("ipam", "ipam")
          .errors("InvalidIpamId.NotFound", "ipam", "InvalidIpamId.Malformed")
          .storedIn(IpamState::of, st -> st.ipams)
          .id(r -> r.id)
          .view(Ipams::ipam, Ipam::tags)
          .filter("ipam-id", Ipam::ipamId)
          .filter("ipam-arn", Ipam::ipamArn)
          .filter("ipam-region", Ipam::ipamRegion)
          .filter("owner-id", Ipam::ownerId)
          .filter("description", Ipam::description)
          .filter("state", Ipam::stateAsString)
          .filter("tier", Ipam::tierAsString)
          .filter("scope-count", Ipam::scopeCount)
          .filter("private-default-scope-id", Ipam::privateDefaultScopeId)
          .filter("public-default-scope-id", Ipam::publicDefaultScopeId)
          .filterMany(
              "operating-region.region-name",
              i -> i.operatingRegions().stream().map(IpamOperatingRegion::regionName).toList())
          .build();

  static final ResourceKind<IpamRecords.Scope, IpamScope> SCOPE =
      ResourceKind.<IpamRecords.Scope, IpamScope>of("ipam-scope", "ipam-scope")
          .errors("InvalidIpamScopeId.NotFound", "ipamScope", "InvalidIpamScopeId.Malformed")
          .storedIn(IpamState::of, st -> st.scopes)
          .id(r -> r.id)
          .view(Ipams::scope, IpamScope::tags)
          .filter("ipam-scope-id", IpamScope::ipamScopeId)
          .filter("ipam-scope-arn", IpamScope::ipamScopeArn)
          .filter("ipam-arn", IpamScope::ipamArn)
          .filter("ipam-region", IpamScope::ipamRegion)
          .filter("ipam-scope-type", IpamScope::ipamScopeTypeAsString)
          .filter("is-default", IpamScope::isDefault)
          .filter("owner-id", IpamScope::ownerId)
          .filter("description", IpamScope::description)
          .filter("state", IpamScope::stateAsString)
          .filter("pool-count", IpamScope::poolCount)
          .build();

  static final ResourceKind<IpamRecords.Discovery, IpamResourceDiscovery> DISCOVERY =
      ResourceKind.<IpamRecords.Discovery, IpamResourceDiscovery>of(
              "ipam-res-disco", "ipam-resource-discovery")
          .errors(
              "InvalidIpamResourceDiscoveryId.NotFound",
              "ipamResourceDiscovery",
              "InvalidIpamResourceDiscoveryId.Malformed")
          .storedIn(IpamState::of, st -> st.discoveries)
          .id(r -> r.id)
          .view(Ipams::discovery, IpamResourceDiscovery::tags)
          .filter("ipam-resource-discovery-id", IpamResourceDiscovery::ipamResourceDiscoveryId)
          .filter(
              "ipam-resource-discovery-region", IpamResourceDiscovery::ipamResourceDiscoveryRegion)
          .filter("owner-id", IpamResourceDiscovery::ownerId)
          .filter("description", IpamResourceDiscovery::description)
          .filter("is-default", IpamResourceDiscovery::isDefault)
          .filter("state", IpamResourceDiscovery::stateAsString)
          .filterMany(
              "operating-region.region-name",
              d -> d.operatingRegions().stream().map(IpamOperatingRegion::regionName).toList())
          .build();

  static final ResourceKind<IpamRecords.DiscoveryAssociation, IpamResourceDiscoveryAssociation>
      ASSOCIATION =
          ResourceKind.<IpamRecords.DiscoveryAssociation, IpamResourceDiscoveryAssociation>of(
                  "ipam-res-disco-assoc", "ipam-resource-discovery-association")
              .errors(
                  "InvalidIpamResourceDiscoveryAssociationId.NotFound",
                  "ipamResourceDiscoveryAssociation",
                  "InvalidIpamResourceDiscoveryAssociationId.Malformed")
              .storedIn(IpamState::of, st -> st.associations)
              .id(r -> r.id)
              .view(Ipams::association, IpamResourceDiscoveryAssociation::tags)
              .filter(
                  "ipam-resource-discovery-association-id",
                  IpamResourceDiscoveryAssociation::ipamResourceDiscoveryAssociationId)
              .filter(
                  "ipam-resource-discovery-id",
                  IpamResourceDiscoveryAssociation::ipamResourceDiscoveryId)
              .filter("ipam-id", IpamResourceDiscoveryAssociation::ipamId)
              .filter("ipam-arn", IpamResourceDiscoveryAssociation::ipamArn)
              .filter("ipam-region", IpamResourceDiscoveryAssociation::ipamRegion)
              .filter("is-default", IpamResourceDiscoveryAssociation::isDefault)
              .filter("owner-id", IpamResourceDiscoveryAssociation::ownerId)
              .filter("state", IpamResourceDiscoveryAssociation::stateAsString)
              .filter(
                  "resource-discovery-status",
                  IpamResourceDiscoveryAssociation::resourceDiscoveryStatusAsString)
              .build();

  static final ResourceKind<IpamRecords.Token, IpamExternalResourceVerificationToken> TOKEN =
      ResourceKind.<IpamRecords.Token, IpamExternalResourceVerificationToken>of(
              "ipam-ext-res-ver-token", "ipam-external-resource-verification-token")
          .errors(
              "InvalidIpamExternalResourceVerificationTokenId.NotFound",
              "ipamExternalResourceVerificationToken",
              "InvalidIpamExternalResourceVerificationTokenId.Malformed")
          .storedIn(IpamState::of, st -> st.tokens)
          .id(r -> r.id)
          .view(Ipams::token, IpamExternalResourceVerificationToken::tags)
          .filter(
              "ipam-external-resource-verification-token-id",
              IpamExternalResourceVerificationToken::ipamExternalResourceVerificationTokenId)
          .filter("ipam-id", IpamExternalResourceVerificationToken::ipamId)
          .filter("ipam-arn", IpamExternalResourceVerificationToken::ipamArn)
          .filter("ipam-region", IpamExternalResourceVerificationToken::ipamRegion)
          .filter("token-name", IpamExternalResourceVerificationToken::tokenName)
          .filter("token-value", IpamExternalResourceVerificationToken::tokenValue)
          .filter("status", IpamExternalResourceVerificationToken::statusAsString)
          .filter("state", IpamExternalResourceVerificationToken::stateAsString)
          .build();

  private static List<IpamOperatingRegion> regions(List<String> names) {
    return names.stream().map(n -> IpamOperatingRegion.builder().regionName(n).build()).toList();
  }

  private static Ipam ipam(RequestContext ctx, IpamRecords.Ipam r) {
    IpamState st = IpamState.of(ctx.state());
    long scopes = st.scopes.values().stream().filter(s -> s.ipamId.equals(r.id)).count();
    long discoveries = st.associations.values().stream().filter(a -> a.ipamId.equals(r.id)).count();
    return Ipam.builder()
        .ownerId(ctx.account())
        .ipamId(r.id)
        .ipamArn(arn(ctx, "ipam", r.id))
        .ipamRegion(ctx.region())
        .publicDefaultScopeId(r.publicScopeId)
        .privateDefaultScopeId(r.privateScopeId)
        .scopeCount((int) scopes)
        .description(r.description)
        .operatingRegions(regions(r.operatingRegions))
        .state(r.state)
        .tags(ctx.tags().sdkTags(r.id))
        .defaultResourceDiscoveryId(r.defaultDiscoveryId)
        .defaultResourceDiscoveryAssociationId(r.defaultAssociationId)
        .resourceDiscoveryAssociationCount((int) discoveries)
        .tier(r.tier)
        .enablePrivateGua(r.enablePrivateGua)
        .meteredAccount(r.meteredAccount)
        .build();
  }

  private static IpamScope scope(RequestContext ctx, IpamRecords.Scope r) {
    IpamState st = IpamState.of(ctx.state());
    long pools = st.pools.values().stream().filter(p -> p.scopeId.equals(r.id)).count();
    var b =
        IpamScope.builder()
            .ownerId(ctx.account())
            .ipamScopeId(r.id)
            .ipamScopeArn(arn(ctx, "ipam-scope", r.id))
            .ipamArn(arn(ctx, "ipam", r.ipamId))
            .ipamRegion(ctx.region())
            .ipamScopeType(r.type)
            .isDefault(r.isDefault)
            .description(r.description)
            .poolCount((int) pools)
            .state(r.state)
            .tags(ctx.tags().sdkTags(r.id));
    if (r.externalType != null) {
      b.externalAuthorityConfiguration(
          c -> c.type(r.externalType).externalResourceIdentifier(r.externalId));
    }
    return b.build();
  }

  private static IpamResourceDiscovery discovery(RequestContext ctx, IpamRecords.Discovery r) {
    return IpamResourceDiscovery.builder()
        .ownerId(ctx.account())
        .ipamResourceDiscoveryId(r.id)
        .ipamResourceDiscoveryArn(arn(ctx, "ipam-resource-discovery", r.id))
        .ipamResourceDiscoveryRegion(ctx.region())
        .description(r.description)
        .operatingRegions(regions(r.operatingRegions))
        .isDefault(r.isDefault)
        .state(r.state)
        .tags(ctx.tags().sdkTags(r.id))
        .organizationalUnitExclusions(
            r.exclusions.stream()
                .map(
                    p ->
                        IpamOrganizationalUnitExclusion.builder()
                            .organizationsEntityPath(p)
                            .build())
                .toList())
        .build();
  }

  private static IpamResourceDiscoveryAssociation association(
      RequestContext ctx, IpamRecords.DiscoveryAssociation r) {
    boolean found = IpamState.of(ctx.state()).discoveries.containsKey(r.discoveryId);
    return IpamResourceDiscoveryAssociation.builder()
        .ownerId(ctx.account())
        .ipamResourceDiscoveryAssociationId(r.id)
        .ipamResourceDiscoveryAssociationArn(arn(ctx, "ipam-resource-discovery-association", r.id))
        .ipamResourceDiscoveryId(r.discoveryId)
        .ipamId(r.ipamId)
        .ipamArn(arn(ctx, "ipam", r.ipamId))
        .ipamRegion(ctx.region())
        .isDefault(r.isDefault)
        .resourceDiscoveryStatus(found ? "active" : "not-found")
        .state(r.state)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  private static IpamExternalResourceVerificationToken token(
      RequestContext ctx, IpamRecords.Token r) {
    boolean valid = System.currentTimeMillis() < r.notAfter;
    return IpamExternalResourceVerificationToken.builder()
        .ipamExternalResourceVerificationTokenId(r.id)
        .ipamExternalResourceVerificationTokenArn(
            arn(ctx, "ipam-external-resource-verification-token", r.id))
        .ipamId(r.ipamId)
        .ipamArn(arn(ctx, "ipam", r.ipamId))
        .ipamRegion(ctx.region())
        .tokenName(r.name)
        .tokenValue(r.value)
        .notAfter(Instant.ofEpochMilli(r.notAfter))
        .status(valid ? "valid" : "expired")
        .state(r.state)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }
}
