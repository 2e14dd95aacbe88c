package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RegionState;

/**
 * What an endpoint service's provider changes on its consumers' endpoints: their state, when it
 * accepts or rejects their connection or deletes the service.
 */
public final class ConsumerEndpoints {
  private ConsumerEndpoints() {}

  /** Sets the state of an endpoint if it still exists (AWS's lowercase-first names). */
  public static void setState(RegionState consumer, String endpointId, String state) {
    VpcState st = VpcState.of(consumer);
    synchronized (st) {
      VpcEndpointRecord e = st.endpoints.get(endpointId);
      if (e != null) {
        e.state = state;
      }
    }
    consumer.changed();
  }

  /** Whether the endpoint exists in the region. */
  public static boolean exists(RegionState region, String endpointId) {
    return VpcEndpoints.KIND.exists(region, endpointId);
  }

  /**
   * An endpoint's type ({@code Gateway}, {@code Interface}, {@code GatewayLoadBalancer}), or null.
   */
  public static String type(RegionState region, String endpointId) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      VpcEndpointRecord e = endpointId == null ? null : st.endpoints.get(endpointId);
      return e == null ? null : e.type;
    }
  }
}
