package dev.ec2double.server;

import dev.ec2double.core.Idempotency;
import dev.ec2double.core.Quotas;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.StateStore;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.wire.ServiceHost;
import java.util.function.Supplier;

/**
 * The wire's {@link ServiceHost} over the state store: an operation runs in a {@link
 * RequestContext} on its account's and region's state, under the server's quotas.
 */
public final class StateServiceHost implements ServiceHost {
  private final StateStore store;
  private final Quotas quotas;

  public StateServiceHost(StateStore store, Quotas quotas) {
    this.store = store;
    this.quotas = quotas;
  }

  /** Under AWS's default quotas. */
  public StateServiceHost(StateStore store) {
    this(store, Quotas.defaults());
  }

  @Override
  public boolean isRegion(String region) {
    return RegionCatalog.isRegion(region);
  }

  @Override
  public RequestContext context(Call call) {
    RegionState state = store.region(call.account(), call.region());
    return new RequestContext(
        state.account(),
        call.region(),
        call.accessKey(),
        call.action(),
        call.requestId(),
        state,
        quotas);
  }

  @Override
  public byte[] once(
      Object context, String action, String token, byte[] request, Supplier<byte[]> answer) {
    return ((RequestContext) context)
        .state()
        .part(Idempotency.class, Idempotency::new)
        .once(action, token, request, answer);
  }

  @Override
  public void changed() {
    store.changed();
  }
}
