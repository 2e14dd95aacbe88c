package dev.ec2double.ec2.spot;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * A Spot request's life
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-request-status.html): an open request
 * is fulfilled when its time has come and its price is at least the Spot price (else it stays open,
 * {@code price-too-low}); its instance is a real instance; what happens to the instance (terminated
 * or stopped by the user, interrupted) moves the request on; a persistent request whose instance
 * was terminated is open again and launches another.
 *
 * <p>Requests are brought up to date when they are read (DescribeSpotInstanceRequests) and when an
 * interruption moves them, not by a timer: nothing changes while nobody looks.
 */
final class SpotFulfilment {
  private static final Logger LOG = LoggerFactory.getLogger(SpotFulfilment.class);
  private static final Set<InstanceState> GONE =
      Set.of(InstanceState.TERMINATED, InstanceState.SHUTTING_DOWN);
  private static final Set<InstanceState> STOPPED =
      Set.of(InstanceState.STOPPED, InstanceState.STOPPING);

  private final SpotLaunches launches;
  private final SpotPrices prices;

  SpotFulfilment(SpotLaunches launches, SpotPrices prices) {
    this.launches = launches;
    this.prices = prices;
  }

  SpotPrices prices() {
    return prices;
  }

  /** A context for work the server does on its own in a region. */
  static RequestContext context(RegionState state) {
    return new RequestContext(
        state.account(), state.region(), null, "RequestSpotInstances", null, state);
  }

  /**
   * The Spot price a request is measured against: its zone's, or the cheapest of the region's zones
   * when it names none (AWS places such a request where it can be fulfilled).
   */
  BigDecimal price(String region, String type, String zone) {
    String t = type == null ? "m1.small" : type;
    if (zone != null) {
      return prices.now(t, zone);
    }
    return RegionCatalog.zones(region).stream()
        .map(z -> prices.now(t, z.name()))
        .min(BigDecimal::compareTo)
        .orElseThrow();
  }

  /** Brings every request of the region up to date with its instance, then fulfils the open. */
  void refresh(RequestContext ctx) {
    SpotRequestStore store = SpotRequestStore.of(ctx.state());
    List<SpotRequestStore.Request> open = new ArrayList<>();
    Instant now = Instant.now();
    synchronized (store) {
      for (SpotRequestStore.Request r : store.byId.values()) {
        follow(ctx.state(), r, now);
        if (r.state.equals("open") && !r.interrupting && !r.launching) {
          r.launching = true;
          open.add(r);
        }
      }
    }
    open.forEach(r -> fulfil(ctx, r));
  }

  /** What the request's instance did since it was last looked at; under the store's lock. */
  private static void follow(RegionState state, SpotRequestStore.Request r, Instant now) {
    if (r.state.equals("open") && r.validUntil != null && now.isAfter(r.validUntil)) {
      r.status("closed", "schedule-expired", null);
      return;
    }
    if (r.instanceId == null || r.interrupting || !Set.of("active", "disabled").contains(r.state)) {
      return;
    }
    InstanceRecord i = Instances.store(state).get(r.instanceId);
    InstanceState s = i == null ? InstanceState.TERMINATED : i.state();
    if (GONE.contains(s)) {
      r.status(r.persistent() ? "open" : "closed", "instance-terminated-by-user", null);
    } else if (STOPPED.contains(s)) {
      if (r.state.equals("active")) {
        r.status("disabled", "instance-stopped-by-user", null);
      }
    } else if (r.state.equals("disabled")) {
      r.status("active", "fulfilled", null);
    }
  }

  /**
   * Launches an open request's instance if its time has come and its price is high enough; the
   * caller marked it {@code launching}. A launch that fails for want of capacity leaves it open;
   * one that fails for its parameters closes it.
   */
  void fulfil(RequestContext ctx, SpotRequestStore.Request r) {
    SpotRequestStore store = SpotRequestStore.of(ctx.state());
    try {
      Instant now = Instant.now();
      if (r.validFrom != null && now.isBefore(r.validFrom)) {
        set(store, r, "open", "not-scheduled-yet", null);
        return;
      }
      String zone = r.spec.placement() == null ? null : r.spec.placement().availabilityZone();
      BigDecimal price = price(ctx.region(), r.spec.instanceTypeAsString(), zone);
      if (new BigDecimal(r.maxPrice).compareTo(price) < 0) {
        set(store, r, "open", "price-too-low", tooLow(r.maxPrice, price));
        return;
      }
      Instance launched;
      try {
        launched = launch(ctx, r);
      } catch (AwsException e) {
        boolean capacity = e.code().equals("InsufficientInstanceCapacity");
        set(
            store,
            r,
            capacity ? "open" : "closed",
            capacity ? "capacity-not-available" : "bad-parameters",
            e.getMessage());
        LOG.info("spot request {} not fulfilled: {}", r.id, e.getMessage());
        return;
      }
      synchronized (store) {
        r.instanceId = launched.instanceId();
        r.zone = launched.placement().availabilityZone();
        r.status("active", "fulfilled", null);
      }
    } finally {
      synchronized (store) {
        r.launching = false;
      }
    }
  }

  /** Launches the request's one instance; AWS's error when it cannot. */
  Instance launch(RequestContext ctx, SpotRequestStore.Request r) {
    RunInstancesResponse response = launches.launch(ctx, r.launch(), List.of(r.id));
    return response.instances().get(0);
  }

  static String tooLow(String maxPrice, BigDecimal price) {
    return maxPrice
        + " is lower than the minimum required Spot request fulfillment price of "
        + price.stripTrailingZeros().toPlainString();
  }

  private static void set(
      SpotRequestStore store, SpotRequestStore.Request r, String state, String code, String d) {
    synchronized (store) {
      r.status(state, code, d);
    }
  }

  // --- interruptions (injected faults) ---

  /** The request of a Spot Instance, or null. */
  static SpotRequestStore.Request requestOf(RegionState state, String instanceId) {
    InstanceRecord i = Instances.store(state).get(instanceId);
    if (i == null || i.spotRequestId() == null) {
      return null;
    }
    SpotRequestStore store = SpotRequestStore.of(state);
    synchronized (store) {
      return store.byId.get(i.spotRequestId());
    }
  }

  void marked(RegionState state, String instanceId, String behavior) {
    SpotRequestStore.Request r = requestOf(state, instanceId);
    if (r == null) {
      return;
    }
    synchronized (SpotRequestStore.of(state)) {
      r.interrupting = true;
      String code = behavior.equals("terminate") ? "marked-for-termination" : "marked-for-stop";
      r.status(r.state.equals("cancelled") ? "cancelled" : "active", code, null);
    }
  }

  void interrupted(RegionState state, String instanceId, String behavior) {
    SpotRequestStore.Request r = requestOf(state, instanceId);
    if (r == null) {
      return;
    }
    synchronized (SpotRequestStore.of(state)) {
      boolean cancelled = r.state.equals("cancelled");
      if (behavior.equals("terminate")) {
        String s = cancelled ? "cancelled" : r.persistent() ? "open" : "closed";
        r.status(s, "instance-terminated-no-capacity", null);
      } else {
        r.status(cancelled ? "cancelled" : "disabled", "instance-stopped-no-capacity", null);
      }
    }
  }

  /**
   * Capacity is back: a request marked for interruption is fulfilled again, a stopped instance was
   * started (by the fault's end), a persistent request whose instance was terminated launches
   * another.
   */
  void capacityBack(RegionState state, String instanceId, String behavior) {
    SpotRequestStore.Request r = requestOf(state, instanceId);
    if (r == null) {
      return;
    }
    boolean relaunch;
    synchronized (SpotRequestStore.of(state)) {
      r.interrupting = false;
      if (r.state.equals("cancelled") || r.state.equals("closed")) {
        return;
      }
      relaunch = r.state.equals("open") && !r.launching;
      if (relaunch) {
        r.launching = true;
      } else {
        r.status("active", "fulfilled", null);
      }
    }
    if (relaunch) {
      fulfil(context(state), r);
    }
  }
}
