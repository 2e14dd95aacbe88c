package dev.ec2double.ec2.verifiedaccess;

import static dev.ec2double.ec2.verifiedaccess.TrustProvidersService.required;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.ec2.model.AttachVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.AttachVerifiedAccessTrustProviderResponse;
import software.amazon.awssdk.services.ec2.model.DetachVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.DetachVerifiedAccessTrustProviderResponse;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstance;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProvider;

/**
 * Trust providers on instances: an instance takes at most one user-type provider and any number of
 * device-type providers, one of each device type. A provider attached to an instance cannot be
 * deleted until it is detached.
 */
public final class ProviderAttachmentsService {

  public AttachVerifiedAccessTrustProviderResponse attachVerifiedAccessTrustProvider(
      RequestContext ctx, AttachVerifiedAccessTrustProviderRequest req) {
    Both both =
        change(
            ctx,
            req.verifiedAccessInstanceId(),
            req.verifiedAccessTrustProviderId(),
            (i, p) -> {
              if (i.providers.contains(p.id)) {
                throw AwsException.invalidParameterValue(
                    "Trust provider " + p.id + " is already attached to " + i.id + ".");
              }
              AccessStore store = AccessStore.of(ctx.state());
              for (String other : i.providers) {
                AccessStore.TrustProvider o = store.providers.get(other);
                if (o != null && p.user() && o.user()) {
                  throw AwsException.invalidParameterValue(
                      "Verified Access instance "
                          + i.id
                          + " already has a user trust provider ("
                          + o.id
                          + "); an instance takes one user trust provider.");
                }
                if (o != null && !p.user() && p.deviceType.equals(o.deviceType)) {
                  throw AwsException.invalidParameterValue(
                      "Verified Access instance "
                          + i.id
                          + " already has a "
                          + p.deviceType
                          + " device trust provider ("
                          + o.id
                          + ").");
                }
              }
              i.providers.add(p.id);
            });
    return AttachVerifiedAccessTrustProviderResponse.builder()
        .verifiedAccessTrustProvider(both.provider())
        .verifiedAccessInstance(both.instance())
        .build();
  }

  public DetachVerifiedAccessTrustProviderResponse detachVerifiedAccessTrustProvider(
      RequestContext ctx, DetachVerifiedAccessTrustProviderRequest req) {
    Both both =
        change(
            ctx,
            req.verifiedAccessInstanceId(),
            req.verifiedAccessTrustProviderId(),
            (i, p) -> {
              if (!i.providers.remove(p.id)) {
                throw AwsException.invalidParameterValue(
                    "Trust provider " + p.id + " is not attached to " + i.id + ".");
              }
            });
    return DetachVerifiedAccessTrustProviderResponse.builder()
        .verifiedAccessTrustProvider(both.provider())
        .verifiedAccessInstance(both.instance())
        .build();
  }

  private record Both(VerifiedAccessTrustProvider provider, VerifiedAccessInstance instance) {}

  /** Changes an instance's providers under the store's lock; both as they are afterwards. */
  private static Both change(
      RequestContext ctx,
      String instanceId,
      String providerId,
      BiConsumer<AccessStore.Instance, AccessStore.TrustProvider> change) {
    required(instanceId, "VerifiedAccessInstanceId");
    required(providerId, "VerifiedAccessTrustProviderId");
    synchronized (AccessStore.of(ctx.state())) {
      AccessStore.Instance i = AccessInstances.KIND.get(ctx.state(), instanceId);
      AccessStore.TrustProvider p = TrustProviders.KIND.get(ctx.state(), providerId);
      change.accept(i, p);
      i.touch();
      return new Both(TrustProviders.KIND.view(ctx, p), AccessInstances.KIND.view(ctx, i));
    }
  }
}
