package dev.ec2double.ec2.verifiedaccess;

import static dev.ec2double.ec2.verifiedaccess.TrustProvidersService.required;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.AttachVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.AttachVerifiedAccessTrustProviderResponse;
import software.amazon.awssdk.services.ec2.model.DetachVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.DetachVerifiedAccessTrustProviderResponse;

/**
 * Trust providers on instances: an instance takes at most one user-type provider and any number of
 * device-type providers, one of each device type. A provider attached to an instance cannot be
 * deleted until it is detached.
 */
public final class ProviderAttachmentsService {

  public AttachVerifiedAccessTrustProviderResponse attachVerifiedAccessTrustProvider(
      RequestContext ctx, AttachVerifiedAccessTrustProviderRequest req) {
    String instanceId = required(req.verifiedAccessInstanceId(), "VerifiedAccessInstanceId");
    String providerId =
        required(req.verifiedAccessTrustProviderId(), "VerifiedAccessTrustProviderId");
    AccessStore store = AccessStore.of(ctx.state());
    synchronized (store) {
      AccessStore.Instance i = AccessInstances.KIND.get(ctx.state(), instanceId);
      AccessStore.TrustProvider p = TrustProviders.KIND.get(ctx.state(), providerId);
      if (i.providers.contains(p.id)) {
        throw AwsException.invalidParameterValue(
            "Trust provider " + p.id + " is already attached to " + i.id + ".");
      }
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
      i.touch();
      return AttachVerifiedAccessTrustProviderResponse.builder()
          .verifiedAccessTrustProvider(TrustProviders.KIND.view(ctx, p))
          .verifiedAccessInstance(AccessInstances.KIND.view(ctx, i))
          .build();
    }
  }

  public DetachVerifiedAccessTrustProviderResponse detachVerifiedAccessTrustProvider(
      RequestContext ctx, DetachVerifiedAccessTrustProviderRequest req) {
    String instanceId = required(req.verifiedAccessInstanceId(), "VerifiedAccessInstanceId");
    String providerId =
        required(req.verifiedAccessTrustProviderId(), "VerifiedAccessTrustProviderId");
    AccessStore store = AccessStore.of(ctx.state());
    synchronized (store) {
      AccessStore.Instance i = AccessInstances.KIND.get(ctx.state(), instanceId);
      AccessStore.TrustProvider p = TrustProviders.KIND.get(ctx.state(), providerId);
      if (!i.providers.remove(p.id)) {
        throw AwsException.invalidParameterValue(
            "Trust provider " + p.id + " is not attached to " + i.id + ".");
      }
      i.touch();
      return DetachVerifiedAccessTrustProviderResponse.builder()
          .verifiedAccessTrustProvider(TrustProviders.KIND.view(ctx, p))
          .verifiedAccessInstance(AccessInstances.KIND.view(ctx, i))
          .build();
    }
  }
}
