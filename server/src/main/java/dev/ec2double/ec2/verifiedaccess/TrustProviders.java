package dev.ec2double.ec2.verifiedaccess;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DeviceOptions;
import software.amazon.awssdk.services.ec2.model.NativeApplicationOidcOptions;
import software.amazon.awssdk.services.ec2.model.OidcOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProvider;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProviderCondensed;

/**
 * Trust providers as a resource kind. DescribeVerifiedAccessTrustProviders' reference lists no
 * filter names; the server takes the provider's id, types, policy reference name and tags. A
 * provider attached to an instance cannot be deleted.
 */
final class TrustProviders {
  private TrustProviders() {}

  static final ResourceKind<AccessStore.TrustProvider, VerifiedAccessTrustProvider> KIND =
      ResourceKind.<AccessStore.TrustProvider, VerifiedAccessTrustProvider>of(
              "vatp", "verified-access-trust-provider")
          .errors(
              "InvalidVerifiedAccessTrustProviderId.NotFound",
              "Verified Access trust provider",
              null)
          .storedIn(AccessStore::of, s -> s.providers)
          .id(p -> p.id)
          .view(TrustProviders::view, VerifiedAccessTrustProvider::tags)
          .filter(
              "verified-access-trust-provider-id",
              VerifiedAccessTrustProvider::verifiedAccessTrustProviderId)
          .filter("trust-provider-type", VerifiedAccessTrustProvider::trustProviderTypeAsString)
          .filter(
              "user-trust-provider-type",
              VerifiedAccessTrustProvider::userTrustProviderTypeAsString)
          .filter(
              "device-trust-provider-type",
              VerifiedAccessTrustProvider::deviceTrustProviderTypeAsString)
          .filter("policy-reference-name", VerifiedAccessTrustProvider::policyReferenceName)
          .filter("description", VerifiedAccessTrustProvider::description)
          .inUseWhen(
              (region, p) ->
                  AccessStore.of(region).instances.values().stream()
                      .anyMatch(i -> i.providers.contains(p.id)))
          .build();

  private static VerifiedAccessTrustProvider view(RequestContext ctx, AccessStore.TrustProvider p) {
    Map<String, String> o = p.oidc;
    Map<String, String> n = p.nativeOidc;
    return VerifiedAccessTrustProvider.builder()
        .verifiedAccessTrustProviderId(p.id)
        .description(p.description)
        .trustProviderType(p.type)
        .userTrustProviderType(p.userType)
        .deviceTrustProviderType(p.deviceType)
        .oidcOptions(
            o.isEmpty()
                ? null
                : OidcOptions.builder()
                    .issuer(o.get("Issuer"))
                    .authorizationEndpoint(o.get("AuthorizationEndpoint"))
                    .tokenEndpoint(o.get("TokenEndpoint"))
                    .userInfoEndpoint(o.get("UserInfoEndpoint"))
                    .clientId(o.get("ClientId"))
                    .clientSecret(o.get("ClientSecret"))
                    .scope(o.get("Scope"))
                    .build())
        .nativeApplicationOidcOptions(
            n.isEmpty()
                ? null
                : NativeApplicationOidcOptions.builder()
                    .publicSigningKeyEndpoint(n.get("PublicSigningKeyEndpoint"))
                    .issuer(n.get("Issuer"))
                    .authorizationEndpoint(n.get("AuthorizationEndpoint"))
                    .tokenEndpoint(n.get("TokenEndpoint"))
                    .userInfoEndpoint(n.get("UserInfoEndpoint"))
                    .clientId(n.get("ClientId"))
                    .scope(n.get("Scope"))
                    .build())
        .deviceOptions(
            p.user()
                ? null
                : DeviceOptions.builder()
                    .tenantId(p.tenantId)
                    .publicSigningKeyUrl(p.publicSigningKeyUrl)
                    .build())
        .policyReferenceName(p.policyReferenceName)
        .creationTime(p.created)
        .lastUpdatedTime(p.updated)
        .sseSpecification(p.sse)
        .tags(ctx.tags().sdkTags(p.id))
        .build();
  }

  /** The provider as an instance lists it. */
  static VerifiedAccessTrustProviderCondensed condensed(AccessStore.TrustProvider p) {
    return VerifiedAccessTrustProviderCondensed.builder()
        .verifiedAccessTrustProviderId(p.id)
        .description(p.description)
        .trustProviderType(p.type)
        .userTrustProviderType(p.userType)
        .deviceTrustProviderType(p.deviceType)
        .build();
  }
}
