package dev.ec2double.ec2.verifiedaccess;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstance;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstanceCustomSubDomain;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProviderCondensed;

/**
 * Verified Access instances as a resource kind (the reference lists no filter names; the server
 * takes the id, description, FIPS flag, attached providers and tags). An instance with groups
 * cannot be deleted.
 */
final class AccessInstances {
  private AccessInstances() {}

  static final ResourceKind<AccessStore.Instance, VerifiedAccessInstance> KIND =
      ResourceKind.<AccessStore.Instance, VerifiedAccessInstance>of(
              "vai", "verified-access-instance")
          .errors("InvalidVerifiedAccessInstanceId.NotFound", "Verified Access instance", null)
          .storedIn(AccessStore::of, s -> s.instances)
          .id(i -> i.id)
          .view(AccessInstances::view, VerifiedAccessInstance::tags)
          .filter("verified-access-instance-id", VerifiedAccessInstance::verifiedAccessInstanceId)
          .filter("description", VerifiedAccessInstance::description)
          .filter("fips-enabled", VerifiedAccessInstance::fipsEnabled)
          .filterMany(
              "verified-access-trust-provider-id",
              i ->
                  i.verifiedAccessTrustProviders().stream()
                      .map(VerifiedAccessTrustProviderCondensed::verifiedAccessTrustProviderId)
                      .toList())
          .inUseWhen(
              (region, i) ->
                  AccessStore.of(region).groups.values().stream()
                      .anyMatch(g -> g.instanceId.equals(i.id)))
          .build();

  private static VerifiedAccessInstance view(RequestContext ctx, AccessStore.Instance i) {
    AccessStore store = AccessStore.of(ctx.state());
    List<VerifiedAccessTrustProviderCondensed> providers =
        i.providers.stream()
            .map(store.providers::get)
            .filter(Objects::nonNull)
            .map(TrustProviders::condensed)
            .toList();
    return VerifiedAccessInstance.builder()
        .verifiedAccessInstanceId(i.id)
        .description(i.description)
        .verifiedAccessTrustProviders(providers)
        .creationTime(i.created)
        .lastUpdatedTime(i.updated)
        .fipsEnabled(i.fips)
        .cidrEndpointsCustomSubDomain(subDomain(i.customSubDomain))
        .tags(ctx.tags().sdkTags(i.id))
        .build();
  }

  /** A custom sub-domain and the four name servers its delegation would name. */
  private static VerifiedAccessInstanceCustomSubDomain subDomain(String name) {
    if (name == null) {
      return null;
    }
    int n = Math.floorMod(name.hashCode(), 2000);
    return VerifiedAccessInstanceCustomSubDomain.builder()
        .subDomain(name)
        .nameservers(
            "ns-" + n + ".awsdns-" + (n % 64) + ".com",
            "ns-" + (n + 512) + ".awsdns-" + (n % 64) + ".net",
            "ns-" + (n + 1024) + ".awsdns-" + (n % 64) + ".org",
            "ns-" + (n + 1536) + ".awsdns-" + (n % 64) + ".co.uk")
        .build();
  }
}
